import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../src/errors.js';
import { DirectUploadScans } from '../src/scans/direct-upload-scans.js';
import { UTO } from './helpers.js';
import { MemoryUploadSlots, memoryPorts } from './support/memory-ports.js';

/** The AWS deployment's upload use case (presigned upload, then the bucket's event) over in-memory ports. */
function direct(maxUploadBytes = 1024 * 1024) {
  const ports = memoryPorts();
  const uploads = new MemoryUploadSlots(ports.store);
  return { ...ports, direct: new DirectUploadScans({ ...ports, uploads, maxUploadBytes }) };
}

const codeOf = (error: unknown) => (isAppError(error) ? error.code : error);

describe('DirectUploadScans', () => {
  it('refuses what it cannot read before handing out an upload', async () => {
    const t = direct(1000);
    const refused = (request: { contentType?: string; contentLength?: number }) =>
      t.direct.create(request).then(() => 'created', codeOf);
    expect(await refused({ contentType: 'application/pdf', contentLength: 10 })).toBe('UNSUPPORTED_TYPE');
    expect(await refused({ contentType: 'image/jpeg', contentLength: 0 })).toBe('EMPTY_FILE');
    expect(await refused({ contentType: 'image/jpeg', contentLength: 1001 })).toBe('TOO_LARGE');
    expect(await refused({ contentType: 'IMAGE/HEIF', contentLength: 1000 })).toBe('created');
  });

  it('queues a scan once its image has arrived, once however often the event repeats', async () => {
    const t = direct();
    const created = await t.direct.create({ contentType: 'image/jpeg' });
    t.store.objects.set(`scans/${created.id}`, new Uint8Array(await readFile(UTO)));
    expect(await t.direct.accept(`scans/${created.id}`)).toBe('enqueued');
    expect(t.queue.jobs).toEqual([{ scanId: created.id }]);
    await t.scans.markProcessing(created.id);
    expect(await t.direct.accept(`scans/${created.id}`)).toBe('ignored');
    expect(t.queue.jobs).toHaveLength(1);
  });

  it('fails a scan whose upload is not what was allowed, deleting it, by the same rules as multipart', async () => {
    const t = direct(100_000);
    const cases: Array<[Uint8Array, string]> = [
      [new TextEncoder().encode('%PDF-1.7 not a photo'), 'UNSUPPORTED_TYPE'],
      [new Uint8Array(0), 'EMPTY_FILE'],
      [new Uint8Array(await readFile(UTO)), 'TOO_LARGE'],
    ];
    for (const [bytes, code] of cases) {
      const created = await t.direct.create({ contentType: 'image/jpeg' });
      t.store.objects.set(`scans/${created.id}`, bytes);
      expect(await t.direct.accept(`scans/${created.id}`)).toBe('rejected');
      expect((await t.scans.get(created.id))?.error?.code).toBe(code);
      expect(t.store.objects.has(`scans/${created.id}`)).toBe(false);
    }
    expect(t.queue.jobs).toEqual([]);
    expect(t.notifier.published.map((e) => e.status)).toEqual(['failed', 'failed', 'failed']);
  });

  it('deletes an image whose scan was deleted before it arrived, and ignores keys it does not own', async () => {
    const t = direct();
    const created = await t.direct.create({ contentType: 'image/png' });
    await t.scans.delete(created.id);
    t.store.objects.set(`scans/${created.id}`, new Uint8Array(await readFile(UTO)));
    expect(await t.direct.accept(`scans/${created.id}`)).toBe('ignored');
    expect(t.store.objects.size).toBe(0);
    expect(await t.direct.accept('elsewhere/readme.txt')).toBe('ignored');
  });
});
