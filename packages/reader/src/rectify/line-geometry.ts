import type { Pyramid } from '../image/grey-image.js';
import type { TextLine } from '../locate/text-lines.js';
import type { LineGeometry } from './line-crop.js';
import { otsu } from './otsu.js';
import { sampleStrip } from './sample-strip.js';

/** Where the ink of a located line really is, measured on a straightened strip around it. */
export interface LineExtent {
  /** Along-line positions of the first and last ink, relative to the line's centre. */
  first: number;
  last: number;
  /** Offset of the text band's middle across the line, relative to the centre. */
  middle: number;
  /** Height of the text band (cap height, blurred). */
  height: number;
}

const ROWS_PER_THICKNESS = 12;

/**
 * Straightens a band around the line and measures the ink: the rows that hold the text band
 * (so neighbouring lines are excluded) and the first and last ink columns of that band, allowing
 * gaps of up to one character between ink columns.
 */
export function measureLine(pyramid: Pyramid, line: TextLine): LineExtent | null {
  const t = line.thickness;
  const step = t / ROWS_PER_THICKNESS;
  const from = line.start - t;
  const cols = Math.max(1, Math.round((line.end - line.start + 2 * t) / step));
  const rows = Math.round(2.4 * ROWS_PER_THICKNESS);
  const top = -1.2 * t;
  const strip = sampleStrip(pyramid, {
    cx: line.cx,
    cy: line.cy,
    ux: line.ux,
    uy: line.uy,
    along: from,
    across: top,
    stepAlong: step,
    stepAcross: step,
    cols,
    rows,
  });
  const threshold = otsu(strip);
  const ink = strip.map((value) => (value < threshold ? 1 : 0));

  const inner0 = Math.round(t / step);
  const inner1 = cols - inner0;
  const rowInk = new Float32Array(rows);
  for (let v = 0; v < rows; v++) {
    let sum = 0;
    for (let u = inner0; u < inner1; u++) sum += ink[v * cols + u];
    rowInk[v] = sum / Math.max(1, inner1 - inner0);
  }
  const centre = Math.floor(rows / 2);
  let peak = centre;
  for (let v = centre - 4; v <= centre + 4; v++) if (rowInk[v] > rowInk[peak]) peak = v;
  const floor = 0.3 * rowInk[peak];
  let bandTop = peak;
  let bandBottom = peak;
  while (bandTop > 0 && rowInk[bandTop - 1] >= floor) bandTop--;
  while (bandBottom < rows - 1 && rowInk[bandBottom + 1] >= floor) bandBottom++;
  if (rowInk[peak] < 0.05) return null;

  const colInk = new Uint8Array(cols);
  for (let u = 0; u < cols; u++) {
    let sum = 0;
    for (let v = bandTop; v <= bandBottom; v++) sum += ink[v * cols + u];
    colInk[u] = sum >= 2 ? 1 : 0;
  }
  const maxGap = ROWS_PER_THICKNESS * 1.2;
  const runs = inkRuns(colInk, maxGap);
  if (runs.length === 0) return null;
  const mid = cols / 2;
  const best = runs.reduce((a, b) => (runScore(b, mid) > runScore(a, mid) ? b : a));
  return {
    first: from + best[0] * step,
    last: from + (best[1] + 1) * step,
    middle: top + ((bandTop + bandBottom + 1) / 2) * step,
    height: (bandBottom - bandTop + 1) * step,
  };
}

/** Runs of ink columns, merging runs separated by gaps of at most maxGap columns. */
function inkRuns(cols: Uint8Array, maxGap: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (let u = 0; u < cols.length; u++) {
    if (!cols[u]) continue;
    const last = runs[runs.length - 1];
    if (last && u - last[1] - 1 <= maxGap) last[1] = u;
    else runs.push([u, u]);
  }
  return runs;
}

/** Long runs near the strip's middle: the located line, not a stray mark beside it. */
function runScore([a, b]: [number, number], mid: number): number {
  const covers = a <= mid && b >= mid ? 1 : 0.5;
  return (b - a) * covers;
}

/** Glyphs are narrower than their cells: the first and last ink sit about 0.3 pitch inside the outer cell centres. */
const GLYPH_HALF_WIDTH = 0.3;

/** Cell geometry for reading the measured line as `cells` characters in one of its two directions. */
export function lineGeometry(
  line: TextLine,
  extent: LineExtent,
  cells: number,
  reversed: boolean,
): LineGeometry {
  const pitch = (extent.last - extent.first) / (cells - 1 + 2 * GLYPH_HALF_WIDTH);
  const startAlong = reversed
    ? extent.last - GLYPH_HALF_WIDTH * pitch
    : extent.first + GLYPH_HALF_WIDTH * pitch;
  const nx = -line.uy;
  const ny = line.ux;
  return {
    x0: line.cx + startAlong * line.ux + extent.middle * nx,
    y0: line.cy + startAlong * line.uy + extent.middle * ny,
    ux: reversed ? -line.ux : line.ux,
    uy: reversed ? -line.uy : line.uy,
    pitch,
    cells,
  };
}
