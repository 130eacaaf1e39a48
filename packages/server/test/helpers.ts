import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import pg from 'pg';
import { inject } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../src/config/service-config.js';
import { startService, type RunningService } from '../src/composition.js';
import type { EmbeddedDatabase } from '../src/database/embedded-postgres.js';
import type { Role } from '../src/roles/role.js';
import type { ScanStatus, ScanView, SocketMessage } from '@passport-reader/contract';
import { SPECIMENS } from '../../../test/datasets.js';

export { SPECIMENS, specimenLabels } from '../../../test/datasets.js';
export const UTO = path.join(SPECIMENS, '100_pass-uto.jpg');
export const UTO_MRZ = [
  'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
  'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
];
export const BIN = path.resolve(import.meta.dirname, '../bin/passport-reader.js');
export const quietLog = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export async function tempDir(prefix = 'prs-test-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

/**
 * A database of its own on the run's shared embedded Postgres (test/postgres-server.global-setup.ts);
 * `stop` drops it.
 */
export async function startTestDatabase(): Promise<EmbeddedDatabase> {
  const server = new URL(inject('testPostgresUrl'));
  const name = `test_${randomBytes(6).toString('hex')}`;
  await withClient(server.href, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    stop: () =>
      withClient(server.href, (c) => c.query(`DROP DATABASE ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    READER_THREADS: '2',
    JOB_RETRY_DELAY_SECONDS: '1',
    LOG_LEVEL: 'silent',
    ...extra,
  };
}

export async function startTestService(
  env: Record<string, string>,
  role: Role = 'all',
): Promise<RunningService> {
  return startService(loadConfig(testEnv(env)), role, quietLog);
}

export interface IsolatedService {
  service: RunningService;
  db: EmbeddedDatabase;
  dataDir: string;
  /** Stops the service, drops its database and removes its DATA_DIR. */
  close(): Promise<void>;
}

/** A service on a database of its own and a temporary DATA_DIR. */
export async function startIsolatedService(
  env: Record<string, string> = {},
  role: Role = 'all',
): Promise<IsolatedService> {
  const db = await startTestDatabase();
  const dataDir = await tempDir();
  const removeData = async () => {
    await db.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const service = await startTestService({ DATABASE_URL: db.url, DATA_DIR: dataDir, ...env }, role);
    return {
      service,
      db,
      dataDir,
      close: async () => {
        await service.close();
        await removeData();
      },
    };
  } catch (error) {
    await removeData();
    throw error;
  }
}

export async function upload(
  baseUrl: string,
  bytes: Uint8Array<ArrayBuffer>,
  name = 'upload.jpg',
  field = 'file',
) {
  const form = new FormData();
  form.append(field, new Blob([bytes]), name);
  const response = await fetch(`${baseUrl}/api/scans`, { method: 'POST', body: form });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function uploadFile(baseUrl: string, file: string) {
  const created = await upload(baseUrl, new Uint8Array(await readFile(file)), path.basename(file));
  if (created.status !== 202)
    throw new Error(`upload failed: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body as { id: string; token: string; status: string };
}

/** A message of the scan socket (the contract's SocketMessage), its variants' fields side by side. */
export type WsMessage = { type: SocketMessage['type']; status?: ScanStatus; scan?: ScanView };

/** Opens /ws for a scan and collects messages until the server closes the socket. */
export function watchScan(baseUrl: string, id: string, token: string, timeoutMs = 90_000) {
  const url = `${baseUrl.replace(/^http/, 'ws')}/ws?scan=${id}&token=${encodeURIComponent(token)}`;
  const ws = new WebSocket(url);
  const messages: WsMessage[] = [];
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once('error', reject);
  });
  const closed = new Promise<{ messages: WsMessage[]; code: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`no result within ${timeoutMs} ms; got ${JSON.stringify(messages)}`));
    }, timeoutMs);
    ws.on('message', (data) => messages.push(JSON.parse(String(data)) as WsMessage));
    ws.on('close', (code) => {
      clearTimeout(timer);
      resolve({ messages, code });
    });
    ws.on('error', () => undefined);
  });
  closed.catch(() => undefined);
  return { opened, closed, ws };
}

export async function refusedUpgradeStatus(baseUrl: string, query: string, origin?: string): Promise<number> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws?${query}`, origin ? { origin } : {});
  return new Promise((resolve) => {
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => {
      resolve(101);
      ws.close();
    });
    ws.once('error', () => undefined);
  });
}

export async function getScan(baseUrl: string, id: string, token?: string) {
  const response = await fetch(`${baseUrl}/api/scans/${id}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function listSpecimens(): Promise<string[]> {
  return (await readdir(SPECIMENS))
    .filter((f) => /\.(jpe?g|png)$/i.test(f))
    .map((f) => path.join(SPECIMENS, f));
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | null | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A service process started through the CLI, as an operator would. */
export interface ServiceProcess {
  child: ChildProcess;
  output: () => string;
  url: Promise<string>;
  exited: Promise<number | null>;
}

/**
 * `detached` starts it as the leader of a process group of its own, which a test can then signal
 * as a terminal's Ctrl-C does: `process.kill(-child.pid, 'SIGINT')`.
 */
export function spawnService(
  role: Role,
  env: Record<string, string>,
  { detached = false }: { detached?: boolean } = {},
): ServiceProcess {
  const child = spawn(process.execPath, [BIN, 'serve', '--role', role], {
    env: { ...process.env, ...testEnv({ LOG_LEVEL: 'info', ...env }) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached,
  });
  let output = '';
  let resolveUrl: (url: string) => void;
  let rejectUrl: (error: Error) => void;
  const url = new Promise<string>((resolve, reject) => {
    resolveUrl = resolve;
    rejectUrl = reject;
  });
  url.catch(() => undefined);
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    const match = /"url":"(http:\/\/[^"]+)".*"msg":"passport-reader service started"/.exec(output);
    if (match) resolveUrl(match[1]);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Fail fast instead of waiting forever when the process dies before it is up.
  void exited.then(() => rejectUrl(new Error(`service exited before start:\n${output.slice(-2000)}`)));
  return { child, output: () => output, url, exited };
}

export async function stopProcess(
  p: ServiceProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<number | null> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return p.child.exitCode;
  p.child.kill(signal);
  return p.exited;
}
