import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../src/image/decode.js';
import { Pyramid } from '../src/image/grey-image.js';
import { readDocument, loadRecogniser } from '../src/index.js';

const WARM_UP = new URL('../assets/warm-up.jpg', import.meta.url);
/** The MRZ printed on the shipped warm-up photo (synthetic: training/photo_set.py --kind plain --seed 9999999). */
const WARM_UP_MRZ = [
  'PDKENRAHIWYRO<<BAHRUCYDZA<<<<<<<<<<<<<<<<<<<',
  'HXPX2Y6<<6KEN8803218X3007077EDRQ<<<<<<<<<<62',
];

/** A width×height frame with the warm-up photo `share` of its width at (left, top), stored turned with EXIF orientation 6. */
async function photo(
  width: number,
  height: number,
  share: number,
  left: number,
  top: number,
): Promise<Buffer> {
  const document = await sharp(await readFile(WARM_UP))
    .resize({ width: Math.round(width * share) })
    .toBuffer();
  const upright = await sharp({
    create: { width, height, channels: 3, background: { r: 120, g: 110, b: 95 } },
  })
    .composite([{ input: document, left, top }])
    .jpeg({ quality: 90 })
    .toBuffer();
  return sharp(upright).rotate(270).withMetadata({ orientation: 6 }).jpeg({ quality: 90 }).toBuffer();
}

describe('large photos are decoded at a quarter of their size where that suffices', () => {
  it('decodes a 24 MP JPEG shrunk, its size given after EXIF orientation', async () => {
    const bytes = await photo(5660, 4245, 0.45, 1500, 1200);
    const whole = await decodeImage(bytes);
    const shrunk = await decodeImage(bytes, undefined, 'luma', { shrink: true });
    expect([whole.shrunk, whole.image.width, whole.image.height]).toEqual([0, 5660, 4245]);
    expect([shrunk.shrunk, shrunk.width, shrunk.height]).toEqual([2, 5660, 4245]);
    expect([shrunk.image.width, shrunk.image.height]).toEqual([5660 >> 2, 4245 >> 2]);
  });

  it('a pyramid without its finest levels falls back to the finest it has, until loaded whole', async () => {
    const bytes = await photo(5660, 4245, 0.45, 1500, 1200);
    const shrunk = await decodeImage(bytes, undefined, 'luma', { shrink: true });
    const pyramid = new Pyramid(shrunk.image, {
      levels: shrunk.shrunk,
      width: shrunk.width,
      height: shrunk.height,
      full: async () => (await decodeImage(bytes)).image,
    });
    expect(pyramid.size(1)).toEqual({ width: 2830, height: 2122 });
    expect(() => pyramid.level(1)).toThrow();
    expect(pyramid.levelAtLeast(0).level).toBe(2);
    expect(pyramid.coarserThan(1.5)).toBe(true);
    expect(pyramid.coarserThan(3)).toBe(false);
    await pyramid.loadFull();
    expect([pyramid.finestLevel, pyramid.level(0).width, pyramid.level(1).height]).toEqual([0, 5660, 2122]);
  });

  it('reads the MRZ of a document a third of the frame wide, its region in the whole image', async () => {
    const recogniser = await loadRecogniser();
    try {
      const result = await readDocument(await photo(5660, 4245, 0.45, 1500, 1200), recogniser);
      expect([result.mrz, result.valid]).toEqual([WARM_UP_MRZ, true]);
      // the MRZ lies in the lower part of the document placed at (1500, 1200), 2547 px wide
      expect(result.region.x).toBeGreaterThan(1500);
      expect(result.region.x + result.region.width).toBeLessThan(1500 + 2547);
      expect(result.region.y).toBeGreaterThan(1200 + 2547 * 0.5);
      // upright: the EXIF orientation was applied (the warm-up document itself lies turned by ~1°)
      expect(Math.min(result.region.rotation, 360 - result.region.rotation)).toBeLessThan(5);
    } finally {
      await recogniser.close();
    }
  });

  it('decodes the whole image for a document too small to read from a quarter of it', async () => {
    const recogniser = await loadRecogniser();
    try {
      const result = await readDocument(await photo(5660, 4245, 0.2, 3000, 2000), recogniser);
      expect([result.mrz, result.valid]).toEqual([WARM_UP_MRZ, true]);
      expect(result.diagnostics?.pitchPx).toBeLessThan(25);
    } finally {
      await recogniser.close();
    }
  });
});
