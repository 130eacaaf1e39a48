import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningService } from '../src/composition.js';
import {
  startTestDatabase,
  startTestService,
  tempDir,
  uploadFile,
  UTO,
  watchScan,
  withClient,
} from './helpers.js';

let db: Awaited<ReturnType<typeof startTestDatabase>>;
let dataDir: string;
const services: RunningService[] = [];

beforeAll(async () => {
  db = await startTestDatabase();
  dataDir = await tempDir();
});

afterAll(async () => {
  for (const s of services) await s.close();
  await db?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const shared = (extra: Record<string, string>) => ({ DATABASE_URL: db.url, DATA_DIR: dataDir, ...extra });

it('an attempt that outlives the job timeout is cancelled; after the last one the scan fails, once', async () => {
  // every attempt takes 10 s (the test delay) against a 2 s timeout
  const service = await startTestService(
    shared({ JOB_TIMEOUT_SECONDS: '2', JOB_MAX_ATTEMPTS: '2', PASSPORT_READER_TEST_JOB_DELAY_MS: '10000' }),
  );
  services.push(service);
  const created = await uploadFile(service.url, UTO);
  const watch = watchScan(service.url, created.id, created.token, 60_000);
  const { messages } = await watch.closed;
  const results = messages.filter((m) => m.type === 'result');
  expect(results).toHaveLength(1);
  expect([results[0].scan!.status, results[0].scan!.error?.code]).toEqual(['failed', 'PROCESSING_FAILED']);
  const attempts = await withClient(db.url, async (c) =>
    Number((await c.query('SELECT attempts FROM scans WHERE id = $1', [created.id])).rows[0].attempts),
  );
  expect(attempts).toBe(2);
  await service.close();
  services.splice(services.indexOf(service), 1);
}, 90_000);

it('a scan left processing with every attempt used and no job behind it is failed by the sweep', async () => {
  const api = await startTestService(shared({}), 'api');
  services.push(api);
  const created = await uploadFile(api.url, UTO);
  // what a worker that died during the last attempt leaves: the scan processing, its job gone
  await withClient(db.url, async (c) => {
    await c.query(`DELETE FROM pgboss.job WHERE data->>'scanId' = $1`, [created.id]);
    await c.query(
      `UPDATE scans SET status = 'processing', attempts = 3, updated_at = now() - interval '1 hour' WHERE id = $1`,
      [created.id],
    );
  });
  const watch = watchScan(api.url, created.id, created.token, 60_000);
  await watch.opened;
  const worker = await startTestService(
    shared({ JOB_MAX_ATTEMPTS: '3', JOB_TIMEOUT_SECONDS: '60', RETENTION_SWEEP_SECONDS: '1' }),
    'worker',
  );
  services.push(worker);
  const { messages } = await watch.closed;
  const result = messages.find((m) => m.type === 'result');
  expect([result?.scan?.status, result?.scan?.error?.code]).toEqual(['failed', 'PROCESSING_FAILED']);
  const row = await withClient(
    db.url,
    async (c) => (await c.query('SELECT status FROM scans WHERE id = $1', [created.id])).rows[0],
  );
  expect(row.status).toBe('failed');
}, 90_000);
