import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { startFauxqs } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderObjectStore } from '../src/adapters/folder-object-store.js';
import { PgBossQueue } from '../src/adapters/pg-boss-queue.js';
import { S3ObjectStore } from '../src/adapters/s3-object-store.js';
import { SqsQueue } from '../src/adapters/sqs-queue.js';
import { isAppError } from '../src/errors.js';
import type { JobQueue, ObjectStore, ReceivedJob } from '../src/ports.js';
import { quietLog, startTestDatabase, tempDir, waitFor } from './helpers.js';

type Fauxqs = Awaited<ReturnType<typeof startFauxqs>>;
let emulator: Fauxqs;
let db: Awaited<ReturnType<typeof startTestDatabase>>;
let folder: string;

beforeAll(async () => {
  process.env.AWS_ACCESS_KEY_ID ??= 'test';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
  emulator = await startFauxqs({ port: 0, logger: false });
  db = await startTestDatabase();
  folder = await tempDir();
});

afterAll(async () => {
  await emulator?.stop();
  await db?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

const unique = () => randomBytes(4).toString('hex');

/** The ObjectStore contract, written once and run against every adapter. */
function objectStoreContract(name: string, make: () => Promise<ObjectStore>) {
  describe(`ObjectStore contract: ${name}`, () => {
    let store: ObjectStore;
    beforeAll(async () => {
      store = await make();
    });
    afterAll(async () => store?.close());

    it('answers ping', async () => {
      await store.ping();
    });

    it('returns the bytes it stored, byte for byte', async () => {
      const bytes = new Uint8Array(randomBytes(300_000));
      await store.put(`scans/${unique()}`, bytes);
      const key = `scans/${unique()}`;
      await store.put(key, bytes);
      expect(Buffer.from(await store.get(key)).equals(Buffer.from(bytes))).toBe(true);
    });

    it('stores a stream as it arrives, across several S3 parts', async () => {
      const key = `scans/${unique()}`;
      const bytes = randomBytes(11 * 1024 * 1024 + 17);
      const chunks = function* () {
        for (let at = 0; at < bytes.length; at += 64 * 1024) yield bytes.subarray(at, at + 64 * 1024);
      };
      await store.put(key, Readable.from(chunks()));
      expect(Buffer.from(await store.get(key)).equals(bytes)).toBe(true);
    });

    it('leaves nothing under the key when the stream fails, and rejects with its error', async () => {
      const key = `scans/${unique()}`;
      const failing = async function* () {
        yield randomBytes(6 * 1024 * 1024);
        throw new Error('client went away');
      };
      await expect(store.put(key, Readable.from(failing()))).rejects.toThrow('client went away');
      const missing = await store.get(key).catch((error: unknown) => error);
      expect(isAppError(missing, 'IMAGE_NOT_FOUND')).toBe(true);
    });

    it('overwrites a key', async () => {
      const key = `scans/${unique()}`;
      await store.put(key, new Uint8Array([1, 2, 3]));
      await store.put(key, new Uint8Array([4, 5]));
      expect([...(await store.get(key))]).toEqual([4, 5]);
    });

    it('deletes; a missing key reads as IMAGE_NOT_FOUND; deleting twice is fine', async () => {
      const key = `scans/${unique()}`;
      await store.put(key, new Uint8Array([9]));
      await store.delete(key);
      await store.delete(key);
      const error = await store.get(key).catch((e: unknown) => e);
      expect(isAppError(error, 'IMAGE_NOT_FOUND')).toBe(true);
    });
  });
}

/** The JobQueue contract, written once and run against every adapter. */
function jobQueueContract(name: string, make: (maxAttempts: number) => Promise<JobQueue>) {
  describe(`JobQueue contract: ${name}`, () => {
    it('delivers every job once to a succeeding handler, across concurrent consumers', async () => {
      const queue = await make(3);
      try {
        const seen: string[] = [];
        await queue.work(async (job) => {
          seen.push(job.data.scanId);
        }, 3);
        const ids = Array.from({ length: 8 }, unique);
        for (const id of ids) await queue.enqueue({ scanId: id });
        await waitFor('all jobs', async () => seen.length >= ids.length, 30_000);
        await new Promise((r) => setTimeout(r, 1500));
        expect(seen.sort()).toEqual(ids.sort());
        expect(await queue.depth()).toBe(0);
      } finally {
        await queue.close();
      }
    });

    it('redelivers a failed job with a growing attempt number, up to maxAttempts', async () => {
      const queue = await make(3);
      try {
        const deliveries: ReceivedJob[] = [];
        await queue.work(async (job) => {
          deliveries.push(job);
          throw new Error('transient');
        }, 1);
        await queue.enqueue({ scanId: 'retry-me' });
        await waitFor('three attempts', async () => deliveries.length >= 3, 40_000);
        await new Promise((r) => setTimeout(r, 3000));
        expect(deliveries.map((d) => d.attempt)).toEqual([1, 2, 3]);
        expect(deliveries.every((d) => d.maxAttempts === 3 && d.data.scanId === 'retry-me')).toBe(true);
      } finally {
        await queue.close();
      }
    });

    it('stopWorking waits for the job in flight', async () => {
      const queue = await make(3);
      try {
        let finished = false;
        let started = false;
        await queue.work(async () => {
          started = true;
          await new Promise((r) => setTimeout(r, 1500));
          finished = true;
        }, 1);
        await queue.enqueue({ scanId: unique() });
        await waitFor('the job to start', async () => started, 30_000);
        await queue.stopWorking();
        expect(finished).toBe(true);
      } finally {
        await queue.close();
      }
    });

    it('answers ping and reports depth', async () => {
      const queue = await make(3);
      try {
        await queue.ping();
        await queue.enqueue({ scanId: unique() });
        await queue.enqueue({ scanId: unique() });
        expect(await queue.depth()).toBeGreaterThanOrEqual(2);
      } finally {
        await queue.close();
      }
    });
  });
}

objectStoreContract('folder', async () => new FolderObjectStore(folder));
objectStoreContract('s3 (fauxqs emulator)', async () => {
  const store = new S3ObjectStore({
    bucket: `scans-${unique()}`,
    region: 'us-east-1',
    endpoint: emulator.address,
    forcePathStyle: true,
    createBucket: true,
  });
  await store.start();
  return store;
});

jobQueueContract('pg-boss (embedded Postgres)', async (maxAttempts) => {
  const queue = new PgBossQueue({
    connectionString: db.url,
    schema: 'pgboss',
    queueName: `contract_${unique()}`,
    maxAttempts,
    retryDelaySeconds: 1,
    timeoutSeconds: 30,
    pollIntervalMs: 500,
    log: quietLog,
  });
  await queue.start();
  return queue;
});
describe('pg-boss queue in this process', () => {
  it('wakes an idle consumer on enqueue instead of leaving the job to its next poll', async () => {
    const queue = new PgBossQueue({
      connectionString: db.url,
      schema: 'pgboss',
      queueName: `wake_${unique()}`,
      maxAttempts: 1,
      retryDelaySeconds: 1,
      timeoutSeconds: 30,
      pollIntervalMs: 60_000,
      log: quietLog,
    });
    await queue.start();
    try {
      const seen: string[] = [];
      await queue.work(async (job) => {
        seen.push(job.data.scanId);
      }, 2);
      // the consumers' first fetch found nothing: they now sleep for the poll interval
      await new Promise((r) => setTimeout(r, 1500));
      const id = unique();
      await queue.enqueue({ scanId: id });
      await waitFor('the job, long before the next poll', async () => seen.length > 0, 10_000);
      expect(seen).toEqual([id]);
    } finally {
      await queue.close();
    }
  });
});
jobQueueContract('sqs (fauxqs emulator)', async (maxAttempts) => {
  const queue = new SqsQueue({
    region: 'us-east-1',
    endpoint: emulator.address,
    queue: { name: `contract-${unique()}` },
    maxAttempts,
    retryDelaySeconds: 1,
    timeoutSeconds: 30,
    waitSeconds: 1,
    log: quietLog,
  });
  await queue.start();
  return queue;
});
