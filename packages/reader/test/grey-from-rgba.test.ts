import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../src/image/decode.js';
import { greyFromRgba } from '../src/image/grey-from-rgba.js';
import { SPECIMENS } from '../../../test/datasets.js';

/**
 * The browser decoder turns the browser's RGBA into grey with greyFromRgba; the Node decoder lets
 * libvips do it. The two must agree, or a photo would read differently on the phone and the server.
 */
describe('greyFromRgba', () => {
  it('matches the Node decoder on every level of each channel and on a colour photo, within rounding', async () => {
    const ramp = Buffer.alloc(256 * 3 * 3);
    for (let x = 0; x < 256; x++) {
      for (let row = 0; row < 3; row++) ramp[3 * (row * 256 + x) + row] = x;
    }
    const png = await sharp(ramp, { raw: { width: 256, height: 3, channels: 3 } })
      .png()
      .toBuffer();
    const photo = readFileSync(path.join(SPECIMENS, '100_pass-uto.jpg'));
    for (const bytes of [png, photo]) {
      for (const tone of ['luma', 'brightest'] as const) {
        const node = (await decodeImage(bytes, undefined, tone)).image;
        const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
        const browser = greyFromRgba(new Uint8Array(data), info.width, info.height, tone);
        expect([browser.width, browser.height]).toEqual([node.width, node.height]);
        let worst = 0;
        for (let i = 0; i < node.data.length; i++)
          worst = Math.max(worst, Math.abs(node.data[i] - browser.data[i]));
        expect(worst, `${tone}`).toBeLessThanOrEqual(1);
      }
    }
  });
});
