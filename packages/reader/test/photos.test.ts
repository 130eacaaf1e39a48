import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadError, readDocument, loadRecogniser, type Recogniser } from '../src/index.js';
import { SPECIMENS, specimenLabels } from './fixtures.js';

/**
 * Synthetic phone photos of the failure kinds of issue 8, made by
 * packages/reader/training/photo_set.py (`--kind KIND --seed SEED`, seeds in labels.json).
 */
const PHOTOS = path.join(import.meta.dirname, 'fixtures/photos');
const labels = JSON.parse(readFileSync(path.join(PHOTOS, 'labels.json'), 'utf8')) as Record<
  string,
  { mrz: string[] | null; kind: string }
>;
const photo = (name: string) => readFileSync(path.join(PHOTOS, name));

let recogniser: Recogniser;
beforeAll(async () => {
  recogniser = await loadRecogniser();
});
afterAll(() => recogniser.close());

async function readError(bytes: Uint8Array): Promise<ReadError> {
  const error = await readDocument(bytes, recogniser).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReadError);
  return error as ReadError;
}

describe('phone photos', () => {
  const readable: Array<[string, string]> = [
    ['perspective.jpg', 'a card tilted 35–40° away, its far end smaller'],
    ['highlight.jpg', 'a coloured highlighter band over the MRZ'],
    ['colour-background.jpg', 'dark blue print on a saturated blue guilloche'],
    ['stamp.jpg', 'a red stamp across an MRZ line'],
    ['angle15-tilt.jpg', 'turned 15° in the frame and tilted 25–35°'],
    ['low-resolution.jpg', 'a soft 1000×750 photo, 7–8 px per character'],
  ];
  it.each(readable)('reads %s (%s) exactly and vouches for it', async (name) => {
    const result = await readDocument(photo(name), recogniser);
    expect(result.mrz).toEqual(labels[name].mrz);
    expect(result.valid).toBe(true);
    expect(result.diagnostics?.located).toBe(true);
    expect(result.diagnostics?.cutAtEdge).toBe(false);
  });

  it('follows the characters when perspective makes the pitch change along the line', async () => {
    const result = await readDocument(photo('perspective.jpg'), recogniser);
    expect(result.diagnostics!.perspective!).toBeGreaterThan(1.05);
  });

  it('says NO_MRZ, cut at the edge, for a line that runs out of the frame', async () => {
    const error = await readError(photo('cut-off.jpg'));
    expect(error.code).toBe('NO_MRZ');
    expect(error.message).toMatch(/cut off/);
    expect(error.diagnostics?.cutAtEdge).toBe(true);
    expect(error.diagnostics?.hints).toContain('CUT_OFF');
  });

  it('gives the same verdict on a low-resolution photo enlarged 2×: never valid and different', async () => {
    const bytes = photo('low-resolution.jpg');
    const { width } = await sharp(bytes).metadata();
    const enlarged = await sharp(bytes)
      .resize({ width: 2 * width! })
      .jpeg({ quality: 90 })
      .toBuffer();
    const result = await readDocument(enlarged, recogniser);
    expect(result.mrz).toEqual(labels['low-resolution.jpg'].mrz);
    expect(result.diagnostics!.pitchPx!).toBeGreaterThan(12);
  });

  it('reports per-field confidence and which fields a check digit protects', async () => {
    const result = await readDocument(photo('highlight.jpg'), recogniser);
    const fields = result.fieldConfidence!;
    expect(fields.documentNumber.checked).toBe(true);
    expect(fields.name.checked).toBe(false);
    expect(fields.dateOfBirth.min).toBeGreaterThan(0.5);
    expect(Object.values(fields).every((f) => f.min >= 0 && f.min <= 1)).toBe(true);
  });
});

describe('diagnostics of a failure', () => {
  it('says nothing MRZ-like was found on a blank page', async () => {
    const blank = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#f4f1e8' } })
      .png()
      .toBuffer();
    const error = await readError(blank);
    expect(error.code).toBe('NO_MRZ');
    expect(error.diagnostics).toMatchObject({ located: false, cutAtEdge: false, hints: ['NOT_FOUND'] });
  });
});

describe('any in-plane angle', () => {
  it.each([35, 125, 305])('reads a specimen turned by %i°, between the image axes', async (angle) => {
    const turned = await sharp(readFileSync(path.join(SPECIMENS, '100_pass-uto.jpg')))
      .rotate(angle, { background: '#ffffff' })
      .jpeg({ quality: 90 })
      .toBuffer();
    const result = await readDocument(turned, recogniser);
    expect(result.mrz).toEqual(specimenLabels()['100_pass-uto.jpg']!.mrz);
    expect(Math.abs(result.region.rotation - angle)).toBeLessThan(1.5);
  });
});

describe('between the axes', () => {
  it('finds a card turned 238° (32° off the nearest axis) whose small print the thorough cleaning breaks up, and vouches for it', async () => {
    const result = await readDocument(photo('diagonal-small-print.jpg'), recogniser);
    expect(result.mrz).toEqual(labels['diagonal-small-print.jpg'].mrz);
    expect(result.valid).toBe(true);
    expect(result.diagnostics!.skewDegrees!).toBeGreaterThan(25);
  });
});

describe('lines no grid of cells can follow', () => {
  it.each([
    [
      'glare-over-line-start.jpg',
      'glare hides the first seven characters of both lines from the measured ends',
    ],
    ['grid-lost.jpg', 'curl, blur, glare and a stamp on a faint page'],
  ])('reads %s (%s) as sequences, exactly, and vouches for it', async (name) => {
    const result = await readDocument(photo(name), recogniser);
    expect(result.mrz).toEqual(labels[name].mrz);
    expect(result.valid).toBe(true);
  });
});

describe('a grid that stops short', () => {
  it('reads an MRV-A whose line ends glare hid as an MRV-A, carrying the grid on past the glare', async () => {
    // Its first 36 characters hold every check digit an MRV-B has: the ink beyond the grid's end
    // is what says the lines go on.
    const result = await readDocument(photo('glare-over-line-ends.jpg'), recogniser);
    expect(result.format).toBe('MRVA');
    expect(result.mrz).toEqual(labels['glare-over-line-ends.jpg'].mrz);
    expect(result.valid).toBe(true);
  });

  it('never vouches for an MRV-A read as the MRV-B its first 36 cells also make', async () => {
    const result = await readDocument(photo('mrva-upside-down.jpg'), recogniser);
    const right = result.mrz.join('\n') === labels['mrva-upside-down.jpg'].mrz!.join('\n');
    expect(result.valid && !right).toBe(false);
    expect(result.format === 'MRVB' && result.valid).toBe(false);
  });
});

describe('doubts the check digits cannot settle', () => {
  it.each(['stamp-over-name.jpg', 'unseen-font-m-as-w.jpg'])(
    'never vouches for a wrong reading of %s',
    async (name) => {
      const result = await readDocument(photo(name), recogniser);
      const right = result.mrz.join('\n') === labels[name].mrz!.join('\n');
      expect(result.valid && !right).toBe(false);
    },
  );
});
