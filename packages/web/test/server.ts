import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SERVER_BIN = path.join(REPO_ROOT, 'packages/server/bin/passport-reader.js');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
  output(): string;
}

/** Starts the real service (`passport-reader serve`) on a free port with a temporary DATA_DIR. */
export async function startServer(timeoutMs = 180_000): Promise<RunningServer> {
  // Point the tests at a service that is already running instead (e.g. while developing the page).
  const existing = process.env.E2E_BASE_URL;
  if (existing) return { url: existing.replace(/\/$/, ''), stop: async () => {}, output: () => '' };
  const dataDir = await mkdtemp(path.join(tmpdir(), 'passport-reader-web-e2e-'));
  // Embedded Postgres runs as an unprivileged user when we are root: it must be able to enter the folder.
  await chmod(dataDir, 0o755);
  const port = await freePort();
  const pgPort = await freePort();
  let log = '';
  const child: ChildProcess = spawn(process.execPath, [SERVER_BIN, 'serve'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      READER_THREADS: '1',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const append = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  // Never leave the service running if the test process ends without afterAll (crash, Ctrl-C).
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      exited = code;
      process.off('exit', killOnExit);
      resolve();
    }),
  );

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited === undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exit;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      await stop();
      throw new Error(`The server exited with ${exited} before it was ready:\n${log}`);
    }
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) return { url, stop, output: () => log };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`The server was not ready within ${timeoutMs} ms:\n${log}`);
}
