import type { Tone } from './decoded-image.js';
import type { GreyImage } from './grey-image.js';

/** sRGB level → linear light, for each 8-bit level. */
const LINEAR = Float32Array.from({ length: 256 }, (_, v) => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});

/** Linear light in 1/ENCODE_STEPS steps → sRGB level: a table instead of a power per pixel. */
const ENCODE_STEPS = 4096;
const ENCODE = Uint8Array.from({ length: ENCODE_STEPS + 1 }, (_, i) => {
  const y = i / ENCODE_STEPS;
  return Math.round(255 * (y <= 0.0031308 ? 12.92 * y : 1.055 * y ** (1 / 2.4) - 0.055));
});

/**
 * Grey from RGBA pixels already flattened onto white, as the Node decoder makes it with sharp:
 * `luma` is libvips' grey (Rec. 709 luminance in linear light, re-encoded as sRGB), so a page
 * read in the browser has the same grey levels, to within rounding, as on the server.
 */
export function greyFromRgba(
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
  tone: Tone,
): GreyImage {
  const data = new Uint8Array(width * height);
  if (tone === 'luma') {
    for (let i = 0, j = 0; i < data.length; i++, j += 4) {
      const y = 0.2126 * LINEAR[rgba[j]] + 0.7152 * LINEAR[rgba[j + 1]] + 0.0722 * LINEAR[rgba[j + 2]];
      data[i] = ENCODE[Math.round(y * ENCODE_STEPS)];
    }
  } else {
    for (let i = 0, j = 0; i < data.length; i++, j += 4) {
      data[i] = Math.max(rgba[j], rgba[j + 1], rgba[j + 2]);
    }
  }
  return { width, height, data };
}
