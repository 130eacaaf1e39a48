import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocument, loadRecogniser, type Recogniser } from '../src/index.js';
import { angularDistance, specimen } from './fixtures.js';

const UTO = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];

let recogniser: Recogniser;
beforeAll(async () => {
  recogniser = await loadRecogniser();
});
afterAll(() => recogniser.close());

describe('image containers', () => {
  const source = () => sharp(specimen('100_pass-uto.jpg'));
  it.each([
    ['PNG', () => source().png().toBuffer()],
    ['WebP', () => source().webp({ quality: 90 }).toBuffer()],
    ['TIFF', () => source().tiff().toBuffer()],
    ['HEIC', async () => readFileSync(path.join(import.meta.dirname, 'fixtures/icao-specimen-td3.heic'))],
  ])('reads the ICAO specimen from %s', async (_, encode) => {
    const result = await readDocument(await encode(), recogniser);
    expect(result.mrz).toEqual(UTO);
  });

  it('honours the EXIF orientation: a sideways JPEG tagged "rotate 90° clockwise" reads as upright', async () => {
    const sideways = await source()
      .rotate(-90)
      .jpeg({ quality: 92 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const result = await readDocument(sideways, recogniser);
    expect(result.mrz).toEqual(UTO);
    expect(angularDistance(result.region.rotation, 0)).toBeLessThan(3);
  });
});
