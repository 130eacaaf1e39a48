import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isReadError, readDocument, loadRecogniser, type Recogniser, type ReadResult } from '../src/index.js';
import { angularDistance, specimen, specimenLabels } from './fixtures.js';

let recogniser: Recogniser;
beforeAll(async () => {
  recogniser = await loadRecogniser();
});
afterAll(() => recogniser.close());

async function read(bytes: Uint8Array): Promise<ReadResult | null> {
  try {
    return await readDocument(bytes, recogniser);
  } catch (error) {
    if (isReadError(error)) return null;
    throw error;
  }
}

const labels = specimenLabels();

describe('the shared specimen set', () => {
  it('never says valid on a reading that differs from the label, nor on an image without an MRZ', async () => {
    const falseValid: string[] = [];
    for (const [name, label] of Object.entries(labels)) {
      const result = await read(specimen(name));
      if (result?.valid && result.mrz.join('\n') !== label?.mrz?.join('\n')) falseValid.push(name);
    }
    expect(falseValid).toEqual([]);
  });

  it.each([
    ['100_pass-uto.jpg', 'TD3'],
    ['passport-td2.png', 'TD2'],
    ['100_id-si.jpg', 'TD1'],
    ['100_visa-usa.jpg', 'MRVA'],
    ['100_visa-polx.jpg', 'MRVB'],
  ])('reads %s (%s) exactly, with the region and the dates', async (name, format) => {
    const result = await read(specimen(name));
    expect(result?.format).toBe(format);
    expect(result?.mrz).toEqual(labels[name]!.mrz);
    expect(result?.valid).toBe(true);
    expect(result?.region.width).toBeGreaterThan(0);
    expect(result?.fields.dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('reports valid: false, with what is printed, where the printed check digits fail', async () => {
    const result = await read(specimen('33_id-usa.jpg'));
    expect(result?.mrz).toEqual(labels['33_id-usa.jpg']!.mrz);
    expect(result?.valid).toBe(false);
  });
});

describe('orientation', () => {
  const upright = [
    '100_pass-uto.jpg',
    'passport-td2.png',
    '100_id-si.jpg',
    '100_pass-fin.png',
    '100_visa-usa.jpg',
  ];
  it.each(upright)('%s reads identically at 90, 180 and 270 degrees', async (name) => {
    const original = await read(specimen(name));
    expect(original).not.toBeNull();
    for (const angle of [90, 180, 270]) {
      const rotated = await read(await sharp(specimen(name)).rotate(angle).png().toBuffer());
      expect({ angle, mrz: rotated?.mrz }).toEqual({ angle, mrz: original!.mrz });
      expect(angularDistance(rotated!.region.rotation, angle)).toBeLessThan(3);
    }
  });
});

describe('geometry', () => {
  const UTO = labels['100_pass-uto.jpg']!.mrz;

  it.each([-12, 8, 15])('reads a page skewed by %i degrees', async (angle) => {
    const skewed = await sharp(specimen('100_pass-uto.jpg'))
      .rotate(angle, { background: '#ffffff' })
      .jpeg({ quality: 90 })
      .toBuffer();
    expect((await read(skewed))?.mrz).toEqual(UTO);
  });

  it('finds a small document in a 24-megapixel photo', async () => {
    const page = await sharp(specimen('100_pass-uto.jpg')).png().toBuffer();
    const photo = await sharp({ create: { width: 6000, height: 4000, channels: 3, background: '#8a7f70' } })
      .composite([{ input: page, left: 3900, top: 2700 }])
      .jpeg({ quality: 90 })
      .toBuffer();
    const result = await read(photo);
    expect(result?.mrz).toEqual(UTO);
    expect(result?.region.x).toBeGreaterThan(3900);
    expect(result?.region.y).toBeGreaterThan(2700);
  });

  it('reads a tight crop of the MRZ alone', async () => {
    const crop = await sharp(specimen('100_pass-uto.jpg'))
      .extract({ left: 40, top: 410, width: 720, height: 90 })
      .png()
      .toBuffer();
    expect((await read(crop))?.mrz).toEqual(UTO);
  });
});

describe('resolution', () => {
  it('never vouches for characters smaller than the recogniser was trained on', async () => {
    const tiny = await sharp(specimen('25_pass-uto.jpg')).resize(160).png().toBuffer();
    const result = await read(tiny);
    expect(result?.valid ?? false).toBe(false);
  });
});
