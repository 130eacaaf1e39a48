import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dropLongRuns,
  dropShortRuns,
  dropSlantedRuns,
  inkMask,
  transposeMask,
  type Mask,
} from '../src/locate/ink-mask.js';

/*
 * The locator's cleaning steps skip most pixels (a long run covers one of every `longest`
 * positions; window sums move instead of being summed again). These properties hold them to the
 * plain definitions, walked pixel by pixel, on masks of random strokes, bars and noise.
 */

const BAND_REACH = 3;

/** Runs along the positions at(k) (−1 outside), each with its start and end (exclusive). */
function runs(data: Uint8Array, count: number, at: (k: number) => number): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  let start = -1;
  for (let k = 0; k <= count; k++) {
    const i = k < count ? at(k) : -1;
    const ink = i >= 0 && data[i] === 1;
    if (ink && start < 0) start = k;
    if (!ink && start >= 0) {
      found.push([start, k]);
      start = -1;
    }
  }
  return found;
}

/** Clears the runs longer than `longest` of which fewer than half the pixels have ink `side` away on both sides. */
function clearLongThin(
  data: Uint8Array,
  out: Uint8Array,
  count: number,
  at: (k: number) => number,
  longest: number,
  side: number,
): void {
  const inked = (i: number) => i >= 0 && i < data.length && data[i] === 1;
  for (const [start, end] of runs(data, count, at)) {
    if (end - start <= longest) continue;
    let banded = 0;
    for (let k = start; k < end; k++) if (inked(at(k) - side) && inked(at(k) + side)) banded++;
    if (banded < 0.5 * (end - start)) for (let k = start; k < end; k++) out[at(k)] = 0;
  }
}

function plainLongRuns({ width, height, data }: Mask, longest: number): Uint8Array {
  const out = new Uint8Array(data);
  for (let y = 0; y < height; y++) clearLongThin(data, out, width, (x) => y * width + x, longest, 3 * width);
  for (let x = 0; x < width; x++) clearLongThin(data, out, height, (y) => y * width + x, longest, 3);
  return out;
}

function plainShortRuns({ width, height, data }: Mask, shortest: number): Uint8Array {
  const out = new Uint8Array(data);
  for (let y = 0; y < height; y++)
    for (const [start, end] of runs(data, width, (x) => y * width + x))
      if (end - start < shortest) out.fill(0, y * width + start, y * width + end);
  return out;
}

const SLOPES = [0.079, 0.158, 0.24, 0.325, 0.414].flatMap((s) => [s, -s]);

/** Every digital line y = b + round(s·x) walked over the whole width, outside the mask counting as blank. */
function plainSlanted({ width, height, data }: Mask, out: Uint8Array, longest: number): void {
  for (const slope of SLOPES) {
    const limit = longest / Math.sqrt(1 + slope * slope);
    const reach = Math.ceil(Math.abs(slope) * width) + 1;
    for (let b = -reach; b < height + reach; b++) {
      const at = (x: number) => {
        const y = b + Math.round(slope * x);
        return y >= 0 && y < height ? y * width + x : -1;
      };
      clearLongThin(data, out, width, at, limit, BAND_REACH * width);
    }
  }
}

function plainSlantedRuns(mask: Mask, longest: number): Uint8Array {
  const out = new Uint8Array(mask.data);
  plainSlanted(mask, out, longest);
  const turned = transposeMask(mask);
  const outTurned = new Uint8Array(turned.data);
  plainSlanted(turned, outTurned, longest);
  const { width, height } = mask;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) out[y * width + x] &= outTurned[x * height + y];
  return out;
}

function plainInkMask(
  image: { width: number; height: number; data: Uint8Array },
  radius: number,
): Uint8Array {
  const { width, height, data } = image;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let sum = 0;
      let n = 0;
      for (let v = Math.max(0, y - radius); v < Math.min(height, y + radius + 1); v++)
        for (let u = Math.max(0, x - radius); u < Math.min(width, x + radius + 1); u++) {
          sum += data[v * width + u];
          n++;
        }
      const mean = sum / n;
      const value = data[y * width + x];
      out[y * width + x] = value < mean * 0.88 && mean - value > 12 ? 1 : 0;
    }
  return out;
}

/** A mask of random straight strokes (any slope, 1–5 px thick, up to the whole width) over sparse noise. */
const strokes = fc
  .record({
    width: fc.integer({ min: 1, max: 90 }),
    height: fc.integer({ min: 1, max: 70 }),
    noise: fc.double({ min: 0, max: 0.3, noNaN: true }),
    seed: fc.integer(),
    bars: fc.array(
      fc.record({
        x: fc.double({ min: 0, max: 1, noNaN: true }),
        y: fc.double({ min: 0, max: 1, noNaN: true }),
        angle: fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
        length: fc.integer({ min: 1, max: 120 }),
        thickness: fc.integer({ min: 1, max: 5 }),
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ width, height, noise, seed, bars }): Mask => {
    const data = new Uint8Array(width * height);
    let state = seed >>> 0 || 1;
    const random = () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) / 2 ** 32;
    };
    for (let i = 0; i < data.length; i++) data[i] = random() < noise ? 1 : 0;
    for (const bar of bars) {
      const ux = Math.cos(bar.angle);
      const uy = Math.sin(bar.angle);
      for (let t = 0; t < bar.length; t++)
        for (let s = 0; s < bar.thickness; s++) {
          const x = Math.round(bar.x * width + t * ux - s * uy);
          const y = Math.round(bar.y * height + t * uy + s * ux);
          if (x >= 0 && y >= 0 && x < width && y < height) data[y * width + x] = 1;
        }
    }
    return { width, height, data };
  });

describe('ink mask cleaning', () => {
  it('dropLongRuns clears exactly the thin row and column runs longer than the limit', () => {
    fc.assert(
      fc.property(strokes, fc.integer({ min: 1, max: 50 }), (mask, longest) => {
        expect(dropLongRuns(mask, longest).data).toEqual(plainLongRuns(mask, longest));
      }),
      { numRuns: 300 },
    );
  });

  it('dropSlantedRuns clears exactly the thin slanted runs longer than the limit', () => {
    fc.assert(
      fc.property(strokes, fc.integer({ min: 1, max: 50 }), (mask, longest) => {
        expect(dropSlantedRuns(mask, longest).data).toEqual(plainSlantedRuns(mask, longest));
      }),
      { numRuns: 200 },
    );
  });

  it('dropShortRuns clears exactly the row runs shorter than the limit', () => {
    fc.assert(
      fc.property(strokes, fc.integer({ min: 1, max: 20 }), (mask, shortest) => {
        expect(dropShortRuns(mask, shortest).data).toEqual(plainShortRuns(mask, shortest));
      }),
      { numRuns: 300 },
    );
  });

  it('inkMask marks the pixels darker than the mean of their window', () => {
    const image = fc
      .record({ width: fc.integer({ min: 1, max: 60 }), height: fc.integer({ min: 1, max: 40 }) })
      .chain(({ width, height }) =>
        fc
          .uint8Array({ minLength: width * height, maxLength: width * height })
          .map((data) => ({ width, height, data })),
      );
    fc.assert(
      fc.property(image, fc.integer({ min: 1, max: 15 }), (grey, radius) => {
        expect(inkMask(grey, radius).data).toEqual(plainInkMask(grey, radius));
      }),
      { numRuns: 200 },
    );
  });
});
