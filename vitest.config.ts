import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['source'] },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    globalSetup: ['test/postgres-server.global-setup.ts'],
    // Most files wait on servers, sockets and child processes, not the CPU: one more file than
    // cores keeps the cores busy (Vitest's default is one fewer, a single file at a time on two).
    maxWorkers: availableParallelism() + 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
