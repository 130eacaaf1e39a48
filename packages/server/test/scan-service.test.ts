import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../src/errors.js';
import { failAbandonedScans } from '../src/scans/abandoned-scans.js';
import { ScanService } from '../src/scans/scan-service.js';
import { quietLog, UTO } from './helpers.js';
import { memoryPorts } from './support/memory-ports.js';

/** The API's use cases over the in-memory ports: milliseconds, no database, no HTTP. */
function service(options: { adminToken?: string } = {}) {
  const ports = memoryPorts();
  let refused = 0;
  const scans = new ScanService({
    ...ports,
    maxUploadBytes: 1024 * 1024,
    adminToken: options.adminToken,
    onRefusedToken: () => refused++,
  });
  return { ...ports, service: scans, refused: () => refused };
}

const upload = async (s: ReturnType<typeof service>['service']) => {
  const image = await s.receiveImage(Readable.from([await readFile(UTO)]));
  return s.create(image);
};

const codeOf = (error: unknown) => (isAppError(error) ? error.code : error);

describe('ScanService', () => {
  it('stores an upload, creates its scan queued and queues its job', async () => {
    const t = service();
    const created = await upload(t.service);
    expect(created.status).toBe('queued');
    expect(t.queue.jobs).toEqual([{ scanId: created.id }]);
    expect(t.store.objects.has(`scans/${created.id}`)).toBe(true);
    expect((await t.service.get(created.id, created.token))?.status).toBe('queued');
  });

  it('shows a scan only to its token, a wrong token and an unknown id alike, and counts each refusal', async () => {
    const t = service();
    const created = await upload(t.service);
    expect(await t.service.get(created.id, 'not-the-token')).toBeNull();
    expect(await t.service.get('8c2f3a52-4b1e-4c1a-9f7e-2d5b6a7c8d9e', created.token)).toBeNull();
    expect(await t.service.get('not-a-uuid', created.token)).toBeNull();
    expect(t.refused()).toBe(2);
  });

  it('deletes with the token or the operator token, image and all', async () => {
    const t = service({ adminToken: 'operator-secret-operator-secret' });
    const mine = await upload(t.service);
    const theirs = await upload(t.service);
    expect(await t.service.delete(mine.id, 'wrong')).toBe(false);
    expect(await t.service.delete(mine.id, mine.token)).toBe(true);
    expect(await t.service.delete(theirs.id, 'operator-secret-operator-secret')).toBe(true);
    expect(t.store.objects.size).toBe(0);
    expect(await t.scans.countByStatus()).toEqual({ queued: 0, processing: 0, done: 0, failed: 0 });
  });

  it('a queue that is down: QUEUE_UNAVAILABLE, and the scan ends failed rather than queued for ever', async () => {
    const t = service();
    t.queue.failEnqueue = true;
    const image = await t.service.receiveImage(Readable.from([await readFile(UTO)]));
    expect(codeOf(await t.service.create(image).catch((e: unknown) => e))).toBe('QUEUE_UNAVAILABLE');
    expect((await t.scans.get(image.id))?.error?.code).toBe('QUEUE_UNAVAILABLE');
  });

  it('a store that refuses writes: STORE_UNAVAILABLE, and no scan', async () => {
    const t = service();
    t.store.failWrites = true;
    const error = await t.service.receiveImage(Readable.from([await readFile(UTO)])).catch((e: unknown) => e);
    expect(codeOf(error)).toBe('STORE_UNAVAILABLE');
    expect(t.store.objects.size).toBe(0);
  });

  it("the client's own failures keep their cause: a body that breaks off is not the store's fault", async () => {
    const t = service();
    const broken = async function* () {
      yield new Uint8Array(await readFile(UTO)).subarray(0, 1000);
      throw new Error('Unexpected end of form');
    };
    const error = await t.service.receiveImage(broken()).catch((e: unknown) => e);
    expect((error as Error).message).toBe('Unexpected end of form');
    expect(t.store.objects.size).toBe(0);
  });
});

describe('failAbandonedScans', () => {
  it('fails, once, and announces a scan left processing with every attempt used long enough ago', async () => {
    const t = service();
    const created = await upload(t.service);
    await t.scans.markProcessing(created.id);
    await t.scans.markProcessing(created.id);
    const deps = { scans: t.scans, notifier: t.notifier, log: quietLog };
    const limits = { maxAttempts: 2, jobTimeoutSeconds: 10 };
    expect(await failAbandonedScans(deps, limits)).toBe(0);
    t.scans.age(created.id, { updated: 25_000 });
    expect(await failAbandonedScans(deps, limits)).toBe(1);
    expect(await failAbandonedScans(deps, limits)).toBe(0);
    expect((await t.scans.get(created.id))?.error?.code).toBe('PROCESSING_FAILED');
    expect(t.notifier.published).toEqual([{ scanId: created.id, status: 'failed' }]);
  });
});
