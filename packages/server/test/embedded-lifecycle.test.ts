import { spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import {
  freePort,
  POSTGRES_FLAGS,
  postgresBinaries,
  postgresUserIds,
} from '../src/database/embedded-postgres.js';
import { STOPS_WITH_SERVICE } from '../src/database/postgres-process.js';
import {
  getScan,
  spawnService,
  stopProcess,
  tempDir,
  testEnv,
  uploadFile,
  UTO,
  waitFor,
  type ServiceProcess,
} from './helpers.js';

const started: ServiceProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const p of started.splice(0)) await stopProcess(p, 'SIGKILL');
  for (const dir of dirs.splice(0)) {
    // A killed service's Postgres is still shutting down (writing into its directory) for a moment.
    const server = await postmasterPid(dir).catch(() => null);
    if (server && alive(server)) {
      const gone = await waitFor('Postgres to stop', async () => !alive(server), 30_000).catch(() => false);
      if (!gone) process.kill(server, 'SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  }
});

async function embedded(extra: Record<string, string> = {}) {
  const dir = await tempDir('prs-embedded-');
  dirs.push(dir);
  // a fixed port, as a user's configuration has: a server left behind would hold it
  return { DATA_DIR: dir, EMBEDDED_PG_PORT: String(await freePort()), ...extra };
}

const postmasterPid = async (dataDir: string) =>
  Number((await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

it.skipIf(!STOPS_WITH_SERVICE)(
  'a SIGKILLed service takes its Postgres with it (parent-death signal), and the next start works',
  async () => {
    const env = await embedded();
    const first = spawnService('all', env);
    started.push(first);
    await first.url;
    const server = await postmasterPid(env.DATA_DIR);
    first.child.kill('SIGKILL');
    await first.exited;
    await waitFor('Postgres to stop by itself', async () => !alive(server), 30_000);

    const second = spawnService('all', env);
    started.push(second);
    expect((await fetch(`${await second.url}/readyz`)).status).toBe(200);
    expect(await stopProcess(second)).toBe(0);
  },
  120_000,
);

it('a Postgres left running on the data directory by a dead service is stopped by the next start', async () => {
  const env = await embedded();
  const first = spawnService('all', env);
  started.push(first);
  await first.url;
  expect(await stopProcess(first)).toBe(0);
  // What a service killed on a machine without a parent-death signal leaves: a server on the
  // directory and the port, tied to no one, recorded as started by a process that is gone.
  const dataDir = path.join(env.DATA_DIR, 'postgres');
  const asRoot = process.getuid?.() === 0;
  const orphan = spawn(
    (await postgresBinaries()).postgres,
    ['-D', dataDir, '-p', env.EMBEDDED_PG_PORT, ...POSTGRES_FLAGS],
    { ...(asRoot ? await postgresUserIds() : {}), detached: true, stdio: 'ignore' },
  );
  orphan.unref();
  await waitFor(
    'the orphan to run',
    async () => (await postmasterPid(env.DATA_DIR).catch(() => 0)) === orphan.pid,
  );
  await writeFile(path.join(env.DATA_DIR, 'postgres.owner'), `${2 ** 22 + 1}\n`);

  const second = spawnService('all', env);
  started.push(second);
  const url = await second.url;
  expect(second.output()).toContain('stopping the embedded Postgres a previous run left behind');
  expect(alive(orphan.pid!)).toBe(false);
  expect((await fetch(`${url}/readyz`)).status).toBe(200);
  expect(await stopProcess(second)).toBe(0);
}, 120_000);

it('a second service on a data directory in use is refused, and the first keeps running', async () => {
  const env = await embedded();
  const first = spawnService('all', env);
  started.push(first);
  const url = await first.url;
  const second = spawnService('all', env);
  started.push(second);
  expect(await second.exited).not.toBe(0);
  expect(second.output()).toContain('DATABASE_START_FAILED');
  expect(second.output()).toContain('in use by another running service');
  expect((await fetch(`${url}/readyz`)).status).toBe(200);
}, 120_000);

it('Ctrl-C reaches the service, not its database: the scan in flight is finished, then all stops', async () => {
  // the worker holds each job 3 s after claiming it, so the signal comes while one is in flight
  const env = await embedded({ PASSPORT_READER_TEST_JOB_DELAY_MS: '3000' });
  const service = spawnService('all', env, { detached: true });
  started.push(service);
  const url = await service.url;
  const created = await uploadFile(url, UTO);
  await waitFor('the scan to be in flight', async () => {
    const { body } = await getScan(url, created.id, created.token);
    return body.status === 'processing';
  });
  // what a terminal does on Ctrl-C: SIGINT to every process of the foreground group
  process.kill(-service.child.pid!, 'SIGINT');
  expect(await service.exited).toBe(0);
  expect(service.output()).not.toContain('ECONNREFUSED');
  expect(service.output()).toContain('stopped cleanly');

  const again = spawnService('all', env);
  started.push(again);
  const { body } = await getScan(await again.url, created.id, created.token);
  expect(body.status).toBe('done');
}, 120_000);

it('a SIGTERM to `npx passport-reader serve` (npm does not forward it) still drains and stops the service', async () => {
  const env = await embedded();
  const npx = spawn('npx', ['--no-install', 'passport-reader', 'serve'], {
    cwd: path.resolve(import.meta.dirname, '../../..'),
    env: { ...process.env, ...testEnv({ LOG_LEVEL: 'info', ...env }) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  npx.stdout!.on('data', collect);
  npx.stderr!.on('data', collect);
  try {
    await waitFor(
      'the service to start',
      async () => output.includes('passport-reader service started'),
      60_000,
    );
    const server = await postmasterPid(env.DATA_DIR);
    npx.kill('SIGTERM');
    await waitFor('the service to stop', async () => output.includes('stopped cleanly'), 30_000);
    await waitFor('Postgres to stop', async () => !alive(server), 30_000);
  } finally {
    // whatever is left of the group
    try {
      process.kill(-npx.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}, 120_000);
