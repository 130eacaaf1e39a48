import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../src/image/decode.js';
import { sameImage } from '../src/image/grey-image.js';

describe('decodeImage tones', () => {
  it('keeps black ink dark and fades a red stamp in the brightest channel, unlike luma', async () => {
    const png = await sharp({ create: { width: 60, height: 20, channels: 3, background: '#f5f2ea' } })
      .composite([
        { input: { create: { width: 20, height: 20, channels: 3, background: '#101018' } }, left: 0, top: 0 },
        {
          input: { create: { width: 20, height: 20, channels: 3, background: '#d21e28' } },
          left: 40,
          top: 0,
        },
      ])
      .png()
      .toBuffer();
    const luma = (await decodeImage(png, undefined, 'luma')).image;
    const brightest = (await decodeImage(png, undefined, 'brightest')).image;
    const at = (image: typeof luma, x: number) => image.data[10 * image.width + x];
    expect(at(brightest, 10)).toBeLessThan(40);
    expect(at(brightest, 50)).toBeGreaterThan(200);
    expect(at(luma, 50)).toBeLessThan(120);
    expect(at(brightest, 30)).toBe(245);
  });

  it('tells a grey image, the same in both tones, from a coloured one, whose second tone is worth a look', async () => {
    const tones = async (background: string) => {
      const jpeg = await sharp({ create: { width: 80, height: 40, channels: 3, background } })
        .composite([
          {
            input: { create: { width: 30, height: 20, channels: 3, background: '#202020' } },
            left: 10,
            top: 10,
          },
        ])
        .jpeg({ quality: 90 })
        .toBuffer();
      const luma = (await decodeImage(jpeg, undefined, 'luma')).image;
      const brightest = (await decodeImage(jpeg, undefined, 'brightest')).image;
      return sameImage(luma, brightest);
    };
    expect(await tones('#e8e8e8')).toBe(true);
    expect(await tones('#9fb4f0')).toBe(false);
  });
});
