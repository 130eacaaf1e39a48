import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../src/image/decode.js';
import { greyFromColour } from '../src/image/grey-from-colour.js';
import { SPECIMENS } from '../../../test/datasets.js';

/**
 * Grey is made from decoded colour by greyFromColour, in the browser (from the canvas's RGBA) and
 * in Node (from libvips' RGB, so a photo is decoded once for both tones). It must be libvips' own
 * grey, or the same photo would read differently on the phone, on the server and in the decoder
 * that makes the full-size grey of a large photo directly.
 */
describe('greyFromColour', () => {
  it("is libvips' grey for every one of the 2^24 colours, but for a few hundred at most a level off", async () => {
    const side = 4096;
    const rgb = Buffer.alloc(side * side * 3);
    for (let i = 0; i < side * side; i++) {
      rgb[3 * i] = i >> 16;
      rgb[3 * i + 1] = (i >> 8) & 255;
      rgb[3 * i + 2] = i & 255;
    }
    const vips = await sharp(rgb, { raw: { width: side, height: side, channels: 3 } })
      .grayscale()
      .raw()
      .toBuffer();
    const ours = greyFromColour(rgb, side, side, 3, 'luma').data;
    let off = 0;
    let worst = 0;
    for (let i = 0; i < ours.length; i++) {
      const d = Math.abs(ours[i] - vips[i]);
      if (d > 0) off++;
      worst = Math.max(worst, d);
    }
    expect(worst).toBeLessThanOrEqual(1);
    expect(off).toBeLessThan(300);
  });

  it('brightest is the largest of red, green and blue; a grey image is itself', () => {
    const rgba = Uint8Array.from([10, 200, 30, 255, 90, 5, 60, 255]);
    expect(Array.from(greyFromColour(rgba, 2, 1, 4, 'brightest').data)).toEqual([200, 90]);
    expect(Array.from(greyFromColour(Uint8Array.from([7, 250]), 2, 1, 1, 'luma').data)).toEqual([7, 250]);
  });

  it('the browser decoder matches the Node decoder on every level of each channel and on a colour photo, within rounding', async () => {
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
        const browser = greyFromColour(new Uint8Array(data), info.width, info.height, 4, tone);
        expect([browser.width, browser.height]).toEqual([node.width, node.height]);
        let worst = 0;
        for (let i = 0; i < node.data.length; i++)
          worst = Math.max(worst, Math.abs(node.data[i] - browser.data[i]));
        expect(worst, `${tone}`).toBeLessThanOrEqual(1);
      }
    }
  });
});
