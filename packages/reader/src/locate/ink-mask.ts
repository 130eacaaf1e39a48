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
    let start = -1;
    for (let x = 0; x <= width; x++) {
      const ink = x < width && data[row + x] === 1;
      if (ink && start < 0) start = x;
      if (!ink && start >= 0) {
        if (x - start < shortest) out.fill(0, row + start, row + x);
        start = -1;
      }
    }
  }
  return { width, height, data: out };
}

/**
 * Erases straight ink runs longer than any character stroke: ruled lines, frames drawn around the
 * MRZ, card edges. Left in, they weld neighbouring text lines into one blob.
 */
export function dropLongRuns(mask: Mask, longest: number): Mask {
  const { width, height, data } = mask;
  const out = new Uint8Array(data);
  const erase = (count: number, at: (k: number) => number) => {
    let start = -1;
    for (let k = 0; k <= count; k++) {
      const ink = k < count && data[at(k)] === 1;
      if (ink && start < 0) start = k;
      if (!ink && start >= 0) {
        if (k - start > longest) for (let j = start; j < k; j++) out[at(j)] = 0;
        start = -1;
      }
    }
  };
  for (let y = 0; y < height; y++) erase(width, (x) => y * width + x);
  for (let x = 0; x < width; x++) erase(height, (y) => y * width + x);
  return { width, height, data: out };
}

/** Slopes (tan of 4.5° steps up to 22.5°) at which slanted rules are looked for. */
const SLOPES = [0.079, 0.158, 0.24, 0.325, 0.414].flatMap((s) => [s, -s]);

/**
 * Erases straight ink runs longer than any character stroke that lie slanted by up to 25° from
 * either axis: a frame drawn tight round a tilted MRZ survives dropLongRuns (its runs along rows
 * and columns are short) and welds the lines it touches into one block. Each slope walks every
 * pixel once along digital lines y = b + round(s·x) (and x = b + round(s·y)).
 */
export function dropSlantedRuns(mask: Mask, longest: number): Mask {
  const out = new Uint8Array(mask.data);
  for (const transposed of [false, true]) {
    const major = transposed ? mask.height : mask.width;
    const minor = transposed ? mask.width : mask.height;
    const at = transposed
      ? (m: number, n: number) => m * mask.width + n
      : (m: number, n: number) => n * mask.width + m;
    const steps = new Int32Array(major);
    for (const slope of SLOPES) {
      for (let m = 0; m < major; m++) steps[m] = Math.round(slope * m);
      const limit = longest / Math.sqrt(1 + slope * slope);
      const lo = -Math.max(0, steps[major - 1]);
      const hi = minor - Math.min(0, steps[major - 1]);
      for (let b = lo; b < hi; b++) {
        let start = -1;
        for (let m = 0; m <= major; m++) {
          const n = m < major ? b + steps[m] : -1;
          const ink = n >= 0 && n < minor && mask.data[at(m, n)] === 1;
          if (ink && start < 0) start = m;
          if (!ink && start >= 0) {
            if (m - start > limit) for (let k = start; k < m; k++) out[at(k, b + steps[k])] = 0;
            start = -1;
          }
        }
      }
    }
  }
  return { width: mask.width, height: mask.height, data: out };
}

export function transposeImage(image: GreyImage): GreyImage {
  const { width, height, data } = image;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[x * height + y] = data[y * width + x];
  return { width: height, height: width, data: out };
}
