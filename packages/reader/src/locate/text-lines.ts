import type { GreyImage } from '../image/grey-image.js';
import { labelComponents } from './components.js';
import { closeRows, dropLongRuns, inkMask, transposeImage } from './ink-mask.js';

/** A long, straight band of characters, in the original image's pixels. */
export interface TextLine {
  cx: number;
  cy: number;
  /** Unit vector along the line (either reading direction; the reader tries both). */
  ux: number;
  uy: number;
  /** Ink extent along u, relative to the centre. */
  start: number;
  end: number;
  /** Ink extent across the line. */
  thickness: number;
}

/** Geometry of the search at one pyramid level; sizes in that level's pixels. */
const THRESHOLD_RADIUS = 12;
const GAP = 10;
const LONGEST_STROKE = 40;
const MIN_LENGTH = 50;
const MIN_THICKNESS = 3;
const MIN_ASPECT = 9;
const MAX_SKEW = (25 * Math.PI) / 180;

/**
 * Finds long horizontal-ish text bands in one image: ink mask, rows closed over the gaps between
 * characters, components whose shape is a long thin bar. Vertical documents are found by running
 * the same search on the transposed image.
 */
export function findHorizontalLines(image: GreyImage): TextLine[] {
  const mask = dropLongRuns(inkMask(image, THRESHOLD_RADIUS), LONGEST_STROKE);
  const closed = closeRows(mask, GAP);
  const { labels, components } = labelComponents(closed, MIN_LENGTH * MIN_THICKNESS);
  const lines: TextLine[] = [];
  for (const c of components) {
    if (c.length < MIN_LENGTH || c.thickness < MIN_THICKNESS) continue;
    if (c.length / c.thickness < MIN_ASPECT || Math.abs(c.angle) > MAX_SKEW) continue;
    if (c.area < 0.45 * c.length * c.thickness) continue;
    const ux = Math.cos(c.angle);
    const uy = Math.sin(c.angle);
    let start = Infinity;
    let end = -Infinity;
    for (let y = c.minY; y <= c.maxY; y++) {
      for (let x = c.minX; x <= c.maxX; x++) {
        if (labels[y * image.width + x] !== c.label) continue;
        const t = (x - c.cx) * ux + (y - c.cy) * uy;
        if (t < start) start = t;
        if (t > end) end = t;
      }
    }
    lines.push({ cx: c.cx, cy: c.cy, ux, uy, start, end, thickness: c.thickness });
  }
  return lines;
}

function scaleLine(line: TextLine, scale: number, transposed: boolean): TextLine {
  const toBase = (v: number) => (v + 0.5) * scale - 0.5;
  const cx = toBase(transposed ? line.cy : line.cx);
  const cy = toBase(transposed ? line.cx : line.cy);
  return {
    cx,
    cy,
    ux: transposed ? line.uy : line.ux,
    uy: transposed ? line.ux : line.uy,
    start: line.start * scale,
    end: line.end * scale,
    thickness: line.thickness * scale,
  };
}

/** Text lines at one pyramid level (scale = 2^level), both orientations, in base pixels. */
export function findTextLines(image: GreyImage, scale: number): TextLine[] {
  const across = findHorizontalLines(image).map((l) => scaleLine(l, scale, false));
  const down = findHorizontalLines(transposeImage(image)).map((l) => scaleLine(l, scale, true));
  return [...across, ...down];
}
