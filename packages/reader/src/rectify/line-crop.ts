import { type GreyImage, type Pyramid, sampleBilinear } from '../image/grey-image.js';

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
  const width = CELL_WIDTH * g.cells;
  const out = new Float32Array(width * CROP_HEIGHT);
  const scaleNeeded = g.pitch / CELL_WIDTH;
  const level = Math.max(0, Math.floor(Math.log2(Math.max(scaleNeeded, 1))));
  const image: GreyImage = pyramid.level(level);
  const s = 2 ** level;
  const stepX = g.pitch / CELL_WIDTH;
  const stepY = (CROP_HEIGHT_IN_PITCHES * g.pitch) / CROP_HEIGHT;
  const nx = -g.uy;
  const ny = g.ux;
  const left = -g.pitch / 2;
  const top = (-CROP_HEIGHT_IN_PITCHES * g.pitch) / 2;
  for (let v = 0; v < CROP_HEIGHT; v++) {
    const across = top + (v + 0.5) * stepY;
    for (let u = 0; u < width; u++) {
      const along = left + (u + 0.5) * stepX;
      const x = g.x0 + along * g.ux + across * nx;
      const y = g.y0 + along * g.uy + across * ny;
      out[v * width + u] = sampleBilinear(image, (x + 0.5) / s - 0.5, (y + 0.5) / s - 0.5);
    }
  }
  return normaliseContrast(out);
}

function normaliseContrast(values: Float32Array): Float32Array {
  const sorted = Float32Array.from(values).sort();
  const lo = sorted[Math.floor(0.02 * (sorted.length - 1))];
  const hi = sorted[Math.floor(0.98 * (sorted.length - 1))];
  const range = hi - lo < 1e-3 ? 1 : hi - lo;
  for (let i = 0; i < values.length; i++) values[i] = Math.min(1, Math.max(0, (values[i] - lo) / range));
  return values;
}
