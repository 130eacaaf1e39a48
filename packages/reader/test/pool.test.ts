import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { isReadError, ReadDeadlineExceeded, ReaderPool } from '../src/index.js';
import { specimen, specimenLabels } from './fixtures.js';

const pool = new ReaderPool({ threads: 2 });
afterAll(() => pool.close());

describe('ReaderPool (worker threads)', () => {
  it('warms every thread up on the shipped image, which reads as a valid TD3', async () => {
    await pool.warm();
    const result = await pool.read(await readFile(new URL('../assets/warm-up.jpg', import.meta.url)));
    expect([result.format, result.valid]).toEqual(['TD3', true]);
  });

  it('reads several images at once off the main thread', async () => {
    const names = ['100_pass-uto.jpg', '100_id-si.jpg', 'passport-td2.png'];
    const labels = specimenLabels();
    const results = await Promise.all(names.map((name) => pool.read(specimen(name))));
    expect(results.map((r) => r.mrz)).toEqual(names.map((name) => labels[name]!.mrz));
    expect(pool.threads).toBe(2);
  });

  it('rejects with the reader error code, and keeps working afterwards', async () => {
    const error = await pool.read(new Uint8Array(0)).catch((e: unknown) => e);
    expect(isReadError(error) && error.code).toBe('UNREADABLE_IMAGE');
    const noDocument = await pool.read(specimen('pacman.png')).catch((e: unknown) => e);
    expect(isReadError(noDocument) && noDocument.code).toBe('NO_MRZ');
    expect((await pool.read(specimen('100_pass-uto.jpg'))).valid).toBe(true);
  });

  it('stops a read at its next checkpoint once its deadline passes, and reads the next image as before', async () => {
    // a page of text is searched to the end (about a second): 30 ms is passed mid-read
    const stopped = await pool
      .read(specimen('tesseract-test1.jpg'), undefined, Date.now() + 30)
      .catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(ReadDeadlineExceeded);
    expect((await pool.read(specimen('100_pass-uto.jpg'), undefined, Date.now() + 60_000)).valid).toBe(true);
  });
});
