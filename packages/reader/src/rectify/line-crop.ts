import type { Pyramid } from '../image/grey-image.js';
import { sampleStrip } from './sample-strip.js';

/** Model input geometry (packages/reader/training/README.md): 16 columns per character cell, 32 rows. */
export const CELL_WIDTH = 16;
export const CROP_HEIGHT = 32;
/** Crop height as a multiple of the character pitch. */
export const CROP_HEIGHT_IN_PITCHES = 1.6;

/** Where the characters of one MRZ line sit, in the original image's pixels. */
export interface LineGeometry {
  /** Centre of the first character cell in reading order. */
  x0: number;
  y0: number;
  /** Unit vector in reading direction. */
  ux: number;
  uy: number;
  /** Distance between neighbouring character centres. */
  pitch: number;
  cells: number;
}

/**
 * Resamples one line into the recogniser's input: N cells of pitch p become 16N×32 pixels, grey
 * values stretched so the 2nd/98th percentiles map to 0 (ink) and 1 (paper). Samples from the
 * pyramid level closest above the target resolution, so downscaling averages instead of aliasing.
 */
export function cropLine(pyramid: Pyramid, g: LineGeometry): Float32Array {
  const crop = sampleStrip(pyramid, {
    cx: g.x0,
    cy: g.y0,
    ux: g.ux,
    uy: g.uy,
    along: -g.pitch / 2,
    across: (-CROP_HEIGHT_IN_PITCHES * g.pitch) / 2,
    stepAlong: g.pitch / CELL_WIDTH,
    stepAcross: (CROP_HEIGHT_IN_PITCHES * g.pitch) / CROP_HEIGHT,
    cols: CELL_WIDTH * g.cells,
    rows: CROP_HEIGHT,
  });
  return normaliseContrast(crop);
}

function normaliseContrast(values: Float32Array): Float32Array {
  const sorted = Float32Array.from(values).sort();
  const lo = sorted[Math.floor(0.02 * (sorted.length - 1))];
  const hi = sorted[Math.floor(0.98 * (sorted.length - 1))];
  const range = hi - lo < 1e-3 ? 1 : hi - lo;
  for (let i = 0; i < values.length; i++) values[i] = Math.min(1, Math.max(0, (values[i] - lo) / range));
  return values;
}
