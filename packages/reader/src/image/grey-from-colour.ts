import type { Tone } from './decoded-image.js';
import type { GreyImage } from './grey-image.js';

/*
 * libvips' grey, in its own arithmetic: each sRGB level to linear light by a table of floats, the
 * Rec. 709 luminance of the three in float, and back to an sRGB level by a table of 256 levels
 * interpolated linearly. Over all 2^24 colours it gives libvips' grey but for about a hundred,
 * each one level off (rounding inside libvips' vectorised code).
 */

const f32 = Math.fround;

/** sRGB level → linear light, for each 8-bit level. */
const LINEAR = Float32Array.from({ length: 256 }, (_, i) => {
  const f = f32(i / 255);
  return f <= 0.04045 ? f / 12.92 : ((f + 0.055) / 1.055) ** 2.4;
});

/** Linear light at each 1/255 → sRGB level, with the last repeated for the interpolation's step past it. */
const ENCODE = Int32Array.from({ length: 257 }, (_, i) => {
  const f = f32(Math.min(i, 255) / 255);
  const v = f32(f <= 0.0031308 ? 12.92 * f : 1.055 * f ** (1 / 2.4) - 0.055);
  return roundHalfEven(255 * v);
});

/** Each level's share of the luminance, per channel (Rec. 709 weights in float, as libvips has them). */
const [RED, GREEN, BLUE] = [0.2126, 0.7152, 0.0722].map((w) => Float32Array.from(LINEAR, (v) => f32(w) * v));

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** The sRGB level of a luminance (a float32), by libvips' table and interpolation. */
function levelOf(y: number): number {
  const at = Math.min(255, Math.max(0, y * 255));
  const k = at | 0;
  return roundHalfEven(f32(ENCODE[k] + f32((ENCODE[k + 1] - ENCODE[k]) * f32(at - k))));
}

/**
 * levelOf never falls as the luminance grows, so it is a staircase: THRESHOLDS[L] is the least
 * float32 luminance of level L or more (found by bisection over float32 bit patterns, which are
 * ordered as positive floats are), and STARTS the level at each 1/BUCKETS, from which a pixel's
 * level is a step or two away. The same levels as levelOf at a fraction of its cost.
 */
const THRESHOLDS = new Float64Array(257);
const BUCKETS = 4096;
const STARTS = new Uint8Array(BUCKETS + 1);
{
  const bits = new Uint32Array(1);
  const float = new Float32Array(bits.buffer);
  const valueOf = (b: number) => ((bits[0] = b), float[0]);
  float[0] = 2;
  const top = bits[0];
  for (let level = 0; level <= 256; level++) {
    let lo = 0;
    let hi = top;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (levelOf(valueOf(mid)) >= level) hi = mid;
      else lo = mid + 1;
    }
    THRESHOLDS[level] = lo === top ? Infinity : valueOf(lo);
  }
  for (let i = 0, level = 0; i <= BUCKETS; i++) {
    while (THRESHOLDS[level + 1] <= i / BUCKETS) level++;
    STARTS[i] = level;
  }
}

/**
 * Grey from colour pixels (`channels` values a pixel, the first three red, green and blue; any
 * transparency already flattened onto white). `luma` is libvips' grey (Rec. 709 luminance in
 * linear light, re-encoded as sRGB), so the browser and the server make the same grey of a photo;
 * `brightest` the brightest of the three.
 */
export function greyFromColour(
  pixels: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
  channels: number,
  tone: Tone,
): GreyImage {
  const data = new Uint8Array(width * height);
  if (channels < 3) {
    for (let i = 0, j = 0; i < data.length; i++, j += channels) data[i] = pixels[j];
  } else if (tone === 'luma') {
    for (let i = 0, j = 0; i < data.length; i++, j += channels) {
      const y = f32(f32(RED[pixels[j]] + GREEN[pixels[j + 1]]) + BLUE[pixels[j + 2]]);
      let level = STARTS[Math.min(BUCKETS, (y * BUCKETS) | 0)];
      while (y >= THRESHOLDS[level + 1]) level++;
      data[i] = level;
    }
  } else {
    for (let i = 0, j = 0; i < data.length; i++, j += channels) {
      const r = pixels[j];
      const g = pixels[j + 1];
      const b = pixels[j + 2];
      data[i] = r > g ? (r > b ? r : b) : g > b ? g : b;
    }
  }
  return { width, height, data };
}
