import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresScanRepository } from '../src/adapters/postgres-scan-repository.js';
import { migrate } from '../src/database/migrate.js';
import type { ScanRepository } from '../src/ports.js';
import { newToken } from '../src/scans/tokens.js';
import { quietLog, startTestDatabase, withClient } from './helpers.js';
import { MemoryScanRepository } from './support/memory-ports.js';

interface Subject {
  scans: ScanRepository;
  /** Moves a scan's creation and last change back by these many milliseconds. */
  age(id: string, ms: { created?: number; updated?: number }): Promise<void>;
}

const failed = { status: 'failed', error: { code: 'NO_MRZ', message: 'anything' } } as const;

/** The ScanRepository contract, written once and run against Postgres and the in-memory fake. */
function scanRepositoryContract(name: string, make: () => Promise<Subject>) {
  describe(`ScanRepository contract: ${name}`, () => {
    let subject: Subject;
    beforeAll(async () => {
      subject = await make();
    });
    const created = async () => {
      const id = randomUUID();
      await subject.scans.create({ id, tokenHash: newToken().hash, imageKey: `scans/${id}` });
      return id;
    };

    it('creates a queued scan with its image and no outcome', async () => {
      const id = await created();
      expect(await subject.scans.get(id)).toMatchObject({
        id,
        status: 'queued',
        imageKey: `scans/${id}`,
        error: null,
        result: null,
        completedAt: null,
      });
      expect(await subject.scans.get(randomUUID())).toBeNull();
    });

    it('finishes a scan once: a second outcome, and processing after it, are refused', async () => {
      const id = await created();
      expect(await subject.scans.markProcessing(id)).toBe(true);
      expect(await subject.scans.finish(id, failed)).toBe(true);
      expect(await subject.scans.finish(id, failed)).toBe(false);
      expect(await subject.scans.markProcessing(id)).toBe(false);
      // the message is the code's own, whatever the writer said
      expect((await subject.scans.get(id))?.error).toEqual({
        code: 'NO_MRZ',
        message: 'No machine-readable zone was found in the image.',
      });
    });

    it('finds the scans every attempt of which was used, the last one begun long enough ago', async () => {
      const stuck = await created();
      const recent = await created();
      for (const id of [stuck, recent]) {
        await subject.scans.markProcessing(id);
        await subject.scans.markProcessing(id);
      }
      await subject.age(stuck, { updated: 60_000 });
      const before = new Date(Date.now() - 30_000);
      const found = await subject.scans.abandoned(before, 2, 100);
      expect(found).toContain(stuck);
      expect(found).not.toContain(recent);
      expect(await subject.scans.abandoned(before, 3, 100)).not.toContain(stuck);
    });

    it('lists old scans and their images for the sweeps, and forgets an image once cleared', async () => {
      const old = await created();
      const young = await created();
      await subject.age(old, { created: 3_600_000 });
      const before = new Date(Date.now() - 60_000);
      expect((await subject.scans.createdBefore(before, 1000)).map((s) => s.id)).toContain(old);
      expect((await subject.scans.createdBefore(before, 1000)).map((s) => s.id)).not.toContain(young);
      expect(await subject.scans.withImagesOlderThan(before, 1000)).toContainEqual({
        id: old,
        imageKey: `scans/${old}`,
      });
      await subject.scans.clearImage(old, `scans/${old}`);
      expect((await subject.scans.withImagesOlderThan(before, 1000)).map((s) => s.id)).not.toContain(old);
      expect((await subject.scans.get(old))?.imageKey).toBeNull();
    });

    it('deletes a scan, answering with its image key, and nothing for an unknown one', async () => {
      const id = await created();
      expect(await subject.scans.delete(id)).toEqual({ imageKey: `scans/${id}` });
      expect(await subject.scans.get(id)).toBeNull();
      expect(await subject.scans.delete(id)).toBeUndefined();
    });
  });
}

let db: Awaited<ReturnType<typeof startTestDatabase>>;
let pool: pg.Pool;

beforeAll(async () => {
  db = await startTestDatabase();
  await migrate(db.url, quietLog);
  pool = new pg.Pool({ connectionString: db.url });
});

afterAll(async () => {
  await pool?.end();
  await db?.stop();
});

scanRepositoryContract('Postgres', async () => ({
  scans: new PostgresScanRepository(pool),
  age: (id, ms) =>
    withClient(db.url, async (c) => {
      await c.query(
        `UPDATE scans SET created_at = created_at - make_interval(secs => $2),
                          updated_at = updated_at - make_interval(secs => $3) WHERE id = $1`,
        [id, (ms.created ?? 0) / 1000, (ms.updated ?? 0) / 1000],
      );
    }),
}));

scanRepositoryContract('in memory (test/support)', async () => {
  const scans = new MemoryScanRepository();
  return { scans, age: async (id, ms) => scans.age(id, ms) };
});
