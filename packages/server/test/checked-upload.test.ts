import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../src/errors.js';
import { checkedUpload } from '../src/scans/checked-upload.js';
import { UTO } from './helpers.js';

async function collect(chunks: Uint8Array[], maxBytes: number) {
  const out: Uint8Array[] = [];
  const source = async function* () {
    yield* chunks;
  };
  try {
    for await (const chunk of checkedUpload(source(), maxBytes)) out.push(chunk);
    return { bytes: Buffer.concat(out) };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { code: error.code, passedOn: out.length };
  }
}

/** Cuts bytes at the given offsets. */
function cut(bytes: Uint8Array, offsets: number[]): Uint8Array[] {
  const at = [...new Set(offsets.map((o) => o % (bytes.length + 1)))].sort((a, b) => a - b);
  return [0, ...at].map((start, i) => bytes.subarray(start, at[i] ?? bytes.length)).filter((c) => c.length);
}

describe('checkedUpload', () => {
  it('passes an accepted image on unchanged however the network cuts it', async () => {
    const jpeg = new Uint8Array(await readFile(UTO));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 64 }), { maxLength: 12 }), async (offsets) => {
        const { bytes } = await collect(cut(jpeg, [...offsets, ...offsets.map((o) => o * 997)]), jpeg.length);
        expect(bytes?.equals(jpeg)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses an unaccepted type before passing on a single byte, even one byte at a time', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< >>\n');
    const bytewise = [...pdf].map((b) => new Uint8Array([b]));
    expect(await collect(bytewise, 1000)).toEqual({ code: 'UNSUPPORTED_TYPE', passedOn: 0 });
    expect(await collect([new Uint8Array([0xff, 0xd8])], 1000)).toEqual({
      code: 'UNSUPPORTED_TYPE',
      passedOn: 0,
    });
  });

  it('fails the moment the total passes the limit, and not a byte earlier', async () => {
    const jpeg = new Uint8Array(await readFile(UTO));
    const chunks = cut(jpeg, [100, 5000, 20000]);
    expect((await collect(chunks, jpeg.length)).bytes?.length).toBe(jpeg.length);
    expect(await collect(chunks, jpeg.length - 1)).toMatchObject({ code: 'TOO_LARGE' });
    expect(await collect(chunks, 200)).toMatchObject({ code: 'TOO_LARGE', passedOn: 1 });
  });

  it('refuses an empty body', async () => {
    expect(await collect([], 1000)).toEqual({ code: 'EMPTY_FILE', passedOn: 0 });
    expect(await collect([new Uint8Array(0)], 1000)).toEqual({ code: 'EMPTY_FILE', passedOn: 0 });
  });
});
