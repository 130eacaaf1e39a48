import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningService } from '../src/composition.js';
import {
  spawnService,
  startTestDatabase,
  startTestService,
  stopProcess,
  tempDir,
  uploadFile,
  UTO,
  waitFor,
  watchScan,
  withClient,
  type ServiceProcess,
} from './helpers.js';

let db: Awaited<ReturnType<typeof startTestDatabase>>;
let dataDir: string;
let api: RunningService;
const workers: ServiceProcess[] = [];

const shared = () => ({ DATABASE_URL: db.url, DATA_DIR: dataDir, JOB_TIMEOUT_SECONDS: '3' });

beforeAll(async () => {
  db = await startTestDatabase();
  dataDir = await tempDir();
  api = await startTestService(shared(), 'api');
});

afterAll(async () => {
  for (const w of workers) await stopProcess(w, 'SIGKILL');
  await api?.close();
  await db?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

it('a worker SIGKILLed in the middle of a job: a new worker completes the scan, exactly once', async () => {
  // PASSPORT_READER_TEST_JOB_DELAY_MS holds the job in flight (claimed, status processing) for 60 s.
  const doomed = spawnService('worker', { ...shared(), PASSPORT_READER_TEST_JOB_DELAY_MS: '60000' });
  workers.push(doomed);
  await doomed.url;
  const created = await uploadFile(api.url, UTO);
  const watch = watchScan(api.url, created.id, created.token, 120_000);
  await watch.opened;

  const inFlight = async () =>
    withClient(db.url, async (c) => {
      const scan = (await c.query('SELECT status FROM scans WHERE id = $1', [created.id])).rows[0];
      const job = (
        await c.query(`SELECT state FROM pgboss.job WHERE name = 'scan' AND data->>'scanId' = $1`, [
          created.id,
        ])
      ).rows[0];
      return scan?.status === 'processing' && job?.state === 'active';
    });
  await waitFor('the job to be in flight', inFlight, 30_000);
  doomed.child.kill('SIGKILL');
  await doomed.exited;

  const rescuer = spawnService('worker', shared());
  workers.push(rescuer);
  await rescuer.url;

  const { messages } = await watch.closed;
  const results = messages.filter((m) => m.type === 'result');
  expect(results).toHaveLength(1);
  const scan = results[0].scan!;
  expect(scan.status).toBe('done');
  const rows = await withClient(db.url, async (c) => ({
    results: (await c.query('SELECT count(*)::int AS n FROM scan_results WHERE scan_id = $1', [created.id]))
      .rows[0].n,
    attempts: (await c.query('SELECT attempts FROM scans WHERE id = $1', [created.id])).rows[0].attempts,
  }));
  expect(rows.results).toBe(1);
  expect(rows.attempts).toBeGreaterThanOrEqual(2);

  // SIGTERM drains and exits 0.
  expect(await stopProcess(rescuer)).toBe(0);
  expect(rescuer.output()).toContain('stopped cleanly');
}, 180_000);
