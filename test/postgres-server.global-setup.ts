import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../packages/server/src/database/embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's one embedded Postgres; each test file makes a database of its own on it. */
    testPostgresUrl: string;
  }
}

/**
 * One embedded Postgres server for the whole run instead of one per test file: booting one takes
 * about two seconds, a database of its own takes a few milliseconds and isolates a file as well.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'prs-pg-shared-'));
  const server = await startEmbeddedPostgres({ dir, port: 0, log: pino({ level: 'silent' }) });
  project.provide('testPostgresUrl', server.url);
  return async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
