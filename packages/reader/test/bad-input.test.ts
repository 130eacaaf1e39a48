import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isReadError, readDocument, loadRecogniser, type Recogniser } from '../src/index.js';
import { writeBadInputs } from './fixtures.js';

let recogniser: Recogniser;
let inputs: Awaited<ReturnType<typeof writeBadInputs>>;

beforeAll(async () => {
  recogniser = await loadRecogniser();
  inputs = await writeBadInputs();
});
afterAll(() => recogniser.close());

describe('bad input through the library', () => {
  for (const key of ['empty', 'truncatedJpeg', 'textAsJpeg', 'onePixel', 'bomb']) {
    it(`${key} is refused with its specific code`, async () => {
      const { file, code } = inputs[key];
      const error = await readDocument(readFileSync(file), recogniser).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isReadError(error)).toBe(true);
      expect((error as { code: string }).code).toBe(code);
    });
  }

  it('refuses the 20000×20000 bomb without allocating its pixels', async () => {
    const before = process.memoryUsage().rss;
    await readDocument(readFileSync(inputs.bomb.file), recogniser).catch(() => undefined);
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 * 1024);
    expect(process.memoryUsage().rss).toBeLessThan(1024 * 1024 * 1024);
  });
});
