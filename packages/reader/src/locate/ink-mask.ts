import type { GreyImage } from '../image/grey-image.js';

/** A binary image: 1 where a pixel is ink. */
export interface Mask {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/**
 * Marks pixels clearly darker than their neighbourhood. A local mean (integral image) rather than
 * one global threshold, because passport photos have glare, shadows and printed backgrounds.
 */
export function inkMask(image: GreyImage, radius: number): Mask {
  const { width, height, data } = image;
  const stride = width + 1;
  const integral = new Float64Array(stride * (height + 1));
  for (let y = 0; y < height; y++) {
    let rowSum = 0;
    for (let x = 0; x < width; x++) {
      rowSum += data[y * width + x];
      integral[(y + 1) * stride + x + 1] = integral[y * stride + x + 1] + rowSum;
    }
  }
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - radius);
    const y1 = Math.min(height, y + radius + 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - radius);
      const x1 = Math.min(width, x + radius + 1);
      const sum =
        integral[y1 * stride + x1] -
        integral[y0 * stride + x1] -
        integral[y1 * stride + x0] +
        integral[y0 * stride + x0];
      const mean = sum / ((x1 - x0) * (y1 - y0));
      const v = data[y * width + x];
      out[y * width + x] = v < mean * 0.88 && mean - v > 12 ? 1 : 0;
    }
  }
  return { width, height, data: out };
}

/** Fills horizontal gaps shorter than `gap` pixels between ink runs (1-D morphological closing). */
export function closeRows(mask: Mask, gap: number): Mask {
  const { width, height, data } = mask;
  const out = new Uint8Array(data);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let lastInk = -1;
    for (let x = 0; x < width; x++) {
      if (data[row + x] === 0) continue;
      if (lastInk >= 0 && x - lastInk > 1 && x - lastInk <= gap) out.fill(1, row + lastInk + 1, row + x);
      lastInk = x;
    }
  }
  return { width, height, data: out };
}

/** How far across a long run (pixels) ink on both sides marks it as part of a thick band. */
const BAND_REACH = 3;

/**
 * Walks `count` positions (`at(k)` is a pixel index, or −1 outside the mask) and clears, in `out`,
 * every run of ink whose length `erase` accepts. With `side` (the index offset of the pixel
 * BAND_REACH across the walk), only thin runs are cleared: a ruled line is a few pixels thick, a
 * blurred line of text whose glyphs ran together is a band, and must stay.
 */
function eraseRuns(
  data: Uint8Array,
  out: Uint8Array,
  count: number,
  at: (k: number) => number,
  erase: (length: number) => boolean,
  side = 0,
): void {
  const inked = (i: number) => i >= 0 && i < data.length && data[i] === 1;
  const thin = (start: number, end: number) => {
    let banded = 0;
    for (let j = start; j < end; j++) if (inked(at(j) - side) && inked(at(j) + side)) banded++;
    return banded < 0.5 * (end - start);
  };
  let start = -1;
  for (let k = 0; k <= count; k++) {
    const i = k < count ? at(k) : -1;
    const ink = i >= 0 && data[i] === 1;
    if (ink && start < 0) start = k;
    if (!ink && start >= 0) {
      if (erase(k - start) && (side === 0 || thin(start, k))) for (let j = start; j < k; j++) out[at(j)] = 0;
      start = -1;
    }
  }
}

/**
 * Erases horizontal ink runs shorter than `shortest`. After closeRows a text line is one long run
 * per row; what is left short is a vertical stroke between lines, such as the sides of a frame
 * drawn round the MRZ, which would otherwise join its lines into one block.
 */
export function dropShortRuns(mask: Mask, shortest: number): Mask {
  const { width, height, data } = mask;
  const out = new Uint8Array(data);
  const short = (length: number) => length < shortest;
  for (let y = 0; y < height; y++) eraseRuns(data, out, width, (x) => y * width + x, short);
  return { width, height, data: out };
}

/**
 * Erases thin straight ink runs longer than any character stroke: ruled lines, frames drawn around
 * the MRZ, card edges. Left in, they weld neighbouring text lines into one blob.
 */
export function dropLongRuns(mask: Mask, longest: number): Mask {
  const { width, height, data } = mask;
  const out = new Uint8Array(data);
  const long = (length: number) => length > longest;
  for (let y = 0; y < height; y++)
    eraseRuns(data, out, width, (x) => y * width + x, long, BAND_REACH * width);
  for (let x = 0; x < width; x++) eraseRuns(data, out, height, (y) => y * width + x, long, BAND_REACH);
  return { width, height, data: out };
}

/** Slopes (tan of 4.5° steps up to 22.5°) at which slanted rules are looked for. */
const SLOPES = [0.079, 0.158, 0.24, 0.325, 0.414].flatMap((s) => [s, -s]);

/**
 * Erases straight ink runs longer than any character stroke that lie slanted by up to 25° from
 * either axis: a frame drawn tight round a tilted MRZ survives dropLongRuns (its runs along rows
 * and columns are short) and welds the lines it touches into one block. Each slope walks every
 * pixel once along digital lines y = b + round(s·x), and again on the transposed mask for lines
 * nearer the vertical (walked along its rows, which the memory cache favours over columns).
 */
export function dropSlantedRuns(mask: Mask, longest: number): Mask {
  const out = new Uint8Array(mask.data);
  eraseSlantedRuns(mask, out, longest);
  const transposed = transposeMask(mask);
  const outTransposed = new Uint8Array(transposed.data);
  eraseSlantedRuns(transposed, outTransposed, longest);
  const { width, height } = mask;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) out[y * width + x] &= outTransposed[x * height + y];
  return { width, height, data: out };
}

/** dropSlantedRuns for lines within 25° of the rows: clears their long thin runs in `out`. */
function eraseSlantedRuns({ width, height, data }: Mask, out: Uint8Array, longest: number): void {
  const side = BAND_REACH * width;
  const steps = new Int32Array(width);
  for (const slope of SLOPES) {
    for (let x = 0; x < width; x++) steps[x] = Math.round(slope * x);
    const limit = longest / Math.sqrt(1 + slope * slope);
    const rising = steps[width - 1] >= 0;
    const lo = -Math.max(0, steps[width - 1]);
    const hi = height - Math.min(0, steps[width - 1]);
    for (let b = lo; b < hi; b++) {
      // The line lies inside the mask over one stretch of x (the steps are monotone): walk only that.
      const first = firstWhere(steps, rising ? (v) => b + v >= 0 : (v) => b + v < height);
      const last = firstWhere(steps, rising ? (v) => b + v >= height : (v) => b + v < 0);
      let start = -1;
      for (let x = first; x <= last; x++) {
        if (x < last && data[(b + steps[x]) * width + x] === 1) {
          if (start < 0) start = x;
          continue;
        }
        if (start >= 0 && x - start > limit) {
          let banded = 0;
          for (let j = start; j < x; j++) {
            const i = (b + steps[j]) * width + j;
            if (i - side >= 0 && i + side < data.length && data[i - side] === 1 && data[i + side] === 1)
              banded++;
          }
          if (banded < 0.5 * (x - start)) {
            for (let j = start; j < x; j++) out[(b + steps[j]) * width + j] = 0;
          }
        }
        start = -1;
      }
    }
  }
}

/** The first index at which a test monotone over `values` holds (values.length when none). */
function firstWhere(values: Int32Array, holds: (value: number) => boolean): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(values[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function transposeMask(mask: Mask): Mask {
  const { width, height, data } = mask;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[x * height + y] = data[y * width + x];
  return { width: height, height: width, data: out };
}
