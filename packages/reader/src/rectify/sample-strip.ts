import { type Pyramid, sampleBilinear } from '../image/grey-image.js';

/** A rotated rectangle of the original image, sampled on a regular grid. */
export interface Strip {
  /** Origin of the strip's own axes, in original pixels. */
  cx: number;
  cy: number;
  /** Unit vector along the strip; "across" is this turned 90° clockwise (down when ux = 1). */
  ux: number;
  uy: number;
  /** Offsets, in original pixels along and across, of the first column's and first row's edges. */
  along: number;
  across: number;
  /** Original pixels per output column and per output row. */
  stepAlong: number;
  stepAcross: number;
  cols: number;
  rows: number;
}

/**
 * Bilinear samples of a strip, taken from the pyramid level just finer than the sampling step so
 * that downscaling averages instead of aliasing. Row-major, grey values 0–255.
 */
export function sampleStrip(pyramid: Pyramid, strip: Strip): Float32Array {
  const step = Math.min(strip.stepAlong, strip.stepAcross);
  const { image, level } = pyramid.levelAtLeast(Math.max(0, Math.floor(Math.log2(Math.max(step, 1)))));
  const scale = 2 ** level;
  const nx = -strip.uy;
  const ny = strip.ux;
  const out = new Float32Array(strip.cols * strip.rows);
  // Each sample is origin + along·u + across·n, summed in that order: the along part per column once.
  const columnX = new Float64Array(strip.cols);
  const columnY = new Float64Array(strip.cols);
  for (let u = 0; u < strip.cols; u++) {
    const along = strip.along + (u + 0.5) * strip.stepAlong;
    columnX[u] = strip.cx + along * strip.ux;
    columnY[u] = strip.cy + along * strip.uy;
  }
  for (let v = 0; v < strip.rows; v++) {
    const across = strip.across + (v + 0.5) * strip.stepAcross;
    const dx = across * nx;
    const dy = across * ny;
    for (let u = 0; u < strip.cols; u++) {
      const x = columnX[u] + dx;
      const y = columnY[u] + dy;
      out[v * strip.cols + u] = sampleBilinear(image, (x + 0.5) / scale - 0.5, (y + 0.5) / scale - 0.5);
    }
  }
  return out;
}
