import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FolderObjectStore } from '../src/adapters/folder-object-store.js';
import { PostgresScanRepository } from '../src/adapters/postgres-scan-repository.js';
import { migrate } from '../src/database/migrate.js';
import type { Extractor, Notifier, ScanEvent } from '../src/ports.js';
import { createScanProcessor } from '../src/scans/process-scan.js';
import { newToken } from '../src/scans/tokens.js';
import { quietLog, startTestDatabase, tempDir, UTO } from './helpers.js';

let db: Awaited<ReturnType<typeof startTestDatabase>>;
let pool: pg.Pool;
let folder: string;

beforeAll(async () => {
  db = await startTestDatabase();
  await migrate(db.url, quietLog);
  pool = new pg.Pool({ connectionString: db.url });
  folder = await tempDir();
});

afterAll(async () => {
  await pool?.end();
  await db?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

it('an attempt whose scan was finished meanwhile (by the sweep or another attempt) neither writes, pushes nor counts', async () => {
  const scans = new PostgresScanRepository(pool);
  const store = new FolderObjectStore(folder);
  const published: ScanEvent[] = [];
  const notifier: Notifier = {
    publish: async (event) => void published.push(event),
    subscribe: () => () => undefined,
    close: async () => undefined,
  };
  const id = randomUUID();
  await store.put(`scans/${id}`, new Uint8Array(await readFile(UTO)));
  await scans.create({ id, tokenHash: newToken().hash, imageKey: `scans/${id}` });
  // The extraction is slow; while it runs, the abandoned-scan sweep fails the scan.
  const extractor: Extractor = {
    extract: async () => {
      await scans.finish(id, { status: 'failed', error: { code: 'PROCESSING_FAILED', message: 'swept' } });
      return {
        ok: false,
        error: { code: 'NO_MRZ', message: 'No machine-readable zone was found in the image.' },
      };
    },
    close: async () => undefined,
  };
  const counted: string[] = [];
  const processScan = createScanProcessor({
    store,
    scans,
    notifier,
    extractor,
    log: quietLog,
    onOutcome: (outcome, code) => counted.push(`${outcome} ${code}`),
  });
  await processScan({ data: { scanId: id }, attempt: 1, maxAttempts: 2 });
  expect((await scans.get(id))?.error?.code).toBe('PROCESSING_FAILED');
  expect(published.map((e) => e.status)).toEqual(['processing']);
  expect(counted).toEqual([]);
});
