import type { Pyramid } from '../image/grey-image.js';
import type { LineGeometry } from './line-crop.js';
import { otsu } from './otsu.js';
import { sampleStrip } from './sample-strip.js';

/** Samples per character pitch, along and across, of the strips the cell grid is found on. */
export const K = 8;
/** Half the glyph body, in pitches: OCR-B caps are about 0.9 pitch tall. */
export const BODY_HALF = 0.42;
/** Half the strip's height, in pitches: the line's own ink, clear of its neighbours. */
export const STRIP_HALF = 0.85;

/** Where a character was found: along the line from the geometry's first cell centre, and across its axis. */
export interface CellPosition {
  along: number;
  across: number;
}

/** A line straightened at K samples per pitch, reaching `margin` original pixels beyond both end cells. */
export interface LineStrip {
  data: Float32Array;
  cols: number;
  rows: number;
  /** Original pixels per sample. */
  step: number;
  margin: number;
  /** Otsu's split of the strip's grey values: below is ink. */
  threshold: number;
}

export function sampleLineStrip(pyramid: Pyramid, g: LineGeometry, marginPitches: number): LineStrip {
  const step = g.pitch / K;
  const margin = marginPitches * g.pitch;
  const cols = Math.round(((g.cells - 1) * g.pitch + 2 * margin) / step);
  const rows = Math.round((2 * STRIP_HALF * g.pitch) / step);
  const data = sampleStrip(pyramid, {
    cx: g.x0,
    cy: g.y0,
    ux: g.ux,
    uy: g.uy,
    along: -margin,
    across: -STRIP_HALF * g.pitch,
    stepAlong: step,
    stepAcross: step,
    cols,
    rows,
  });
  return { data, cols, rows, step, margin, threshold: otsu(data) };
}

/** A position of the strip (fractional column, fractional row) in the geometry's own terms. */
export function positionOf(strip: LineStrip, column: number, row: number): CellPosition {
  return {
    along: -strip.margin + (column + 0.5) * strip.step,
    across: row * strip.step - STRIP_HALF * K * strip.step,
  };
}

/** The first and last inked rows under columns u0..u1 (the middle row twice over when none is). */
export function inkRows(strip: LineStrip, u0: number, u1: number): { top: number; bottom: number } {
  const { data, cols, rows, threshold } = strip;
  let top = rows;
  let bottom = -1;
  for (let v = 0; v < rows; v++) {
    for (let u = Math.max(0, u0); u <= Math.min(cols - 1, u1); u++) {
      if (data[v * cols + u] < threshold) {
        top = Math.min(top, v);
        bottom = Math.max(bottom, v);
        break;
      }
    }
  }
  return bottom < 0 ? { top: rows / 2, bottom: rows / 2 - 1 } : { top, bottom };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
