import type { GreyImage } from '../image/grey-image.js';

/** A binary image: 1 where a pixel is ink. */
export interface Mask {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/**
 * Marks pixels clearly darker than their neighbourhood. A local mean rather than one global
 * threshold, because passport photos have glare, shadows and printed backgrounds. The window's
 * sum is kept as it moves: per column over the window's rows as it moves down, then along the
 * row (integers, so the same sums an integral image gives, without its image-sized buffer).
 */
export function inkMask(image: GreyImage, radius: number): Mask {
  const { width, height, data } = image;
  const columns = new Int32Array(width);
  const out = new Uint8Array(width * height);
  let top = 0;
  let bottom = 0;
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - radius);
    const y1 = Math.min(height, y + radius + 1);
    for (; bottom < y1; bottom++) for (let x = 0; x < width; x++) columns[x] += data[bottom * width + x];
    for (; top < y0; top++) for (let x = 0; x < width; x++) columns[x] -= data[top * width + x];
    const rows = y1 - y0;
    let sum = 0;
    let x0 = 0;
    let x1 = 0;
    for (let x = 0; x < width; x++) {
      const from = Math.max(0, x - radius);
      const to = Math.min(width, x + radius + 1);
      for (; x1 < to; x1++) sum += columns[x1];
      for (; x0 < from; x0++) sum -= columns[x0];
      const mean = sum / ((to - from) * rows);
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
 * Clears, in `out`, every run of ink longer than `longest` among the pixels at(k), k < count (or
 * only the thin ones: see isThin). A run that long covers one of every `longest` positions, so
 * only those are looked at, and a run is followed both ways from one found inked: a walk over a
 * mostly blank mask touches a fraction of its pixels and clears exactly the runs a full walk would.
 */
function eraseLongRuns(
  data: Uint8Array,
  out: Uint8Array,
  count: number,
  at: (k: number) => number,
  longest: number,
  side: number,
): void {
  const stride = Math.max(1, Math.floor(longest));
  let k = 0;
  while (k < count) {
    if (data[at(k)] !== 1) {
      k += stride;
      continue;
    }
    let start = k;
    while (start > 0 && data[at(start - 1)] === 1) start--;
    let end = k + 1;
    while (end < count && data[at(end)] === 1) end++;
    if (end - start > longest && isThin(data, start, end, at, side))
      for (let j = start; j < end; j++) out[at(j)] = 0;
    k = end + 1;
  }
}

/**
 * Whether fewer than half of a run's pixels have ink `side` away on both sides (an index offset
 * of BAND_REACH pixels across the run): a ruled line is a few pixels thick, a blurred line of
 * text whose glyphs ran together is a band, and must stay.
 */
function isThin(
  data: Uint8Array,
  start: number,
  end: number,
  at: (k: number) => number,
  side: number,
): boolean {
  let banded = 0;
  for (let j = start; j < end; j++) {
    const i = at(j);
    if (i - side >= 0 && i + side < data.length && data[i - side] === 1 && data[i + side] === 1) banded++;
  }
  return banded < 0.5 * (end - start);
}

/**
 * Erases horizontal ink runs shorter than `shortest`. After closeRows a text line is one long run
 * per row; what is left short is a vertical stroke between lines, such as the sides of a frame
 * drawn round the MRZ, which would otherwise join its lines into one block.
 */
export function dropShortRuns(mask: Mask, shortest: number): Mask {
  const { width, height, data } = mask;
  const out = new Uint8Array(data);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let x = 0;
    while (x < width) {
      if (data[row + x] !== 1) {
        x++;
        continue;
      }
      const start = x;
      while (x < width && data[row + x] === 1) x++;
      if (x - start < shortest) out.fill(0, row + start, row + x);
    }
  }
  return { width, height, data: out };
}

/**
 * Erases thin straight ink runs longer than any character stroke: ruled lines, frames drawn around
 * the MRZ, card edges. Left in, they weld neighbouring text lines into one blob.
 */
export function dropLongRuns(mask: Mask, longest: number): Mask {
  const { width, height, data } = mask;
  const out = new Uint8Array(data);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    eraseLongRuns(data, out, width, (x) => row + x, longest, BAND_REACH * width);
  }
  for (let x = 0; x < width; x++) eraseLongRuns(data, out, height, (y) => y * width + x, longest, BAND_REACH);
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
function eraseSlantedRuns(mask: Mask, out: Uint8Array, longest: number): void {
  const { width, height } = mask;
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
      if (last <= first) continue;
      eraseLongRuns(
        mask.data,
        out,
        last - first,
        (k) => (b + steps[first + k]) * width + first + k,
        limit,
        BAND_REACH * width,
      );
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
