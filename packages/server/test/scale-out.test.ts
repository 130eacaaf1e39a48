import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  listSpecimens,
  specimenLabels,
  spawnService,
  stopProcess,
  tempDir,
  uploadFile,
  watchScan,
  withClient,
  type ServiceProcess,
} from './helpers.js';

/** The machine's (and CI's) PostgreSQL 15; each run works in a database of its own. */
const SERVER = process.env.TEST_EXTERNAL_PG ?? 'postgres://postgres@127.0.0.1:5432';
const DATABASE = `passport_reader_scaleout_${randomBytes(4).toString('hex')}`;
const URL = `${SERVER}/${DATABASE}`;
/** Users' machines have no PostgreSQL on 5432: there the test says so and is skipped. */
const serverAvailable = await withClient(`${SERVER}/test`, async () => true).catch(() => false);

describe.skipIf(!serverAvailable)(
  'scale-out (needs PostgreSQL on 127.0.0.1:5432, or TEST_EXTERNAL_PG)',
  () => {
    let dataDir: string;
    const processes: ServiceProcess[] = [];

    beforeAll(async () => {
      await withClient(`${SERVER}/test`, (c) => c.query(`CREATE DATABASE ${DATABASE}`));
      dataDir = await tempDir();
    });

    afterAll(async () => {
      // Kept for diagnosis: the three processes' logs (ids, statuses and codes only).
      await Promise.all(
        processes.map((p, i) => writeFile(path.join(tmpdir(), `prs-scale-out-${i}.log`), p.output())),
      );
      for (const p of processes) await stopProcess(p, 'SIGKILL');
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
      await withClient(`${SERVER}/test`, (c) => c.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`));
    });

    it('one API process and two worker processes on one database: every scan finished once, every result pushed', async () => {
      const env = { DATABASE_URL: URL, DATA_DIR: dataDir, READER_THREADS: '1' };
      const api = spawnService('api', env);
      const workerA = spawnService('worker', env);
      const workerB = spawnService('worker', env);
      processes.push(api, workerA, workerB);
      const [base] = await Promise.all([api.url, workerA.url, workerB.url]);

      const files = (await listSpecimens()).slice(0, 12);
      const scans = await Promise.all(
        files.map(async (file) => {
          const created = await uploadFile(base, file);
          const watch = watchScan(base, created.id, created.token, 150_000);
          await watch.opened;
          return { created, watch };
        }),
      );
      const outcomes = await Promise.all(scans.map((s) => s.watch.closed));
      const labels = specimenLabels();
      outcomes.forEach(({ messages }, i) => {
        const results = messages.filter((m) => m.type === 'result');
        expect(results).toHaveLength(1);
        // a document is read; a photo without one fails with NO_MRZ
        const printed = labels[path.basename(files[i])]?.mrz;
        expect([results[0].scan!.status, results[0].scan!.error?.code ?? null]).toEqual(
          printed ? ['done', null] : ['failed', 'NO_MRZ'],
        );
      });

      const db = await withClient(URL, async (c) => ({
        unfinished: (
          await c.query(`SELECT count(*)::int AS n FROM scans WHERE status NOT IN ('done', 'failed')`)
        ).rows[0].n,
        total: (await c.query('SELECT count(*)::int AS n FROM scans')).rows[0].n,
        done: (await c.query(`SELECT count(*)::int AS n FROM scans WHERE status = 'done'`)).rows[0].n,
        results: (await c.query('SELECT count(*)::int AS n FROM scan_results')).rows[0].n,
      }));
      expect(db).toMatchObject({ unfinished: 0, total: files.length });
      expect(db.results).toBe(db.done);

      // Both workers took jobs (their logs name the scans they processed).
      const worked = [workerA, workerB].map(
        (w) => (w.output().match(/"msg":"scan (processed|failed on its last attempt)"/g) ?? []).length,
      );
      expect(worked[0] + worked[1]).toBeGreaterThanOrEqual(files.length);

      for (const p of [api, workerA, workerB]) expect(await stopProcess(p)).toBe(0);
    }, 240_000);
  },
);
