import type { GreyImage } from '../image/grey-image.js';
import { labelComponents } from './components.js';
import {
  closeRows,
  dropLongRuns,
  dropShortRuns,
  dropSlantedRuns,
  inkMask,
  transposeMask,
  type Mask,
} from './ink-mask.js';

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
const SHORTEST_RUN = 6;
const MIN_LENGTH = 50;
const MIN_THICKNESS = 3;
const MIN_ASPECT = 9;
const MAX_SKEW = (25 * Math.PI) / 180;

/**
 * The ink of one image with ruled lines removed (and, thorough, slanted rules too). It is the same
 * whichever way the image is turned by 90°, so the search for vertical lines transposes it rather
 * than computing it again; and the plain cleaning of a level is kept as long as the level is,
 * for the later passes that search it again (the thorough pass cleans further from it).
 */
function textInk(image: GreyImage, thorough: boolean): Mask {
  const straight = remembered(plainInk, image, () =>
    dropLongRuns(inkMask(image, THRESHOLD_RADIUS), LONGEST_STROKE),
  );
  return thorough ? dropSlantedRuns(straight, LONGEST_STROKE) : straight;
}

const plainInk = new WeakMap<GreyImage, Mask>();
const turned45 = new WeakMap<GreyImage, ReturnType<typeof rotate45>>();

function remembered<V>(memory: WeakMap<GreyImage, V>, image: GreyImage, make: () => V): V {
  let value = memory.get(image);
  if (value === undefined) memory.set(image, (value = make()));
  return value;
}

/**
 * Finds long horizontal-ish text bands in an ink mask: rows closed over the gaps between
 * characters, components whose shape is a long thin bar.
 */
function findHorizontalLines(mask: Mask, thorough: boolean): TextLine[] {
  const closed = thorough ? dropShortRuns(closeRows(mask, GAP), SHORTEST_RUN) : closeRows(mask, GAP);
  const components = labelComponents(closed, MIN_LENGTH * MIN_THICKNESS);
  const lines: TextLine[] = [];
  for (const c of components) {
    if (c.length < MIN_LENGTH || c.thickness < MIN_THICKNESS) continue;
    if (c.length / c.thickness < MIN_ASPECT || Math.abs(c.angle) > MAX_SKEW) continue;
    if (c.area < 0.45 * c.length * c.thickness) continue;
    const ux = Math.cos(c.angle);
    const uy = Math.sin(c.angle);
    let start = Infinity;
    let end = -Infinity;
    // along a row the position along u is monotone in x: its extremes lie at the ends of runs
    for (let k = 0; k < c.runs.length; k += 3) {
      const y = c.runs[k];
      for (const x of [c.runs[k + 1], c.runs[k + 2]]) {
        const t = (x - c.cx) * ux + (y - c.cy) * uy;
        if (t < start) start = t;
        if (t > end) end = t;
      }
    }
    lines.push({ cx: c.cx, cy: c.cy, ux, uy, start, end, thickness: c.thickness });
  }
  return lines;
}

function scaleLine(line: TextLine, scale: number): TextLine {
  const toBase = (v: number) => (v + 0.5) * scale - 0.5;
  return {
    ...line,
    cx: toBase(line.cx),
    cy: toBase(line.cy),
    start: line.start * scale,
    end: line.end * scale,
    thickness: line.thickness * scale,
  };
}

/**
 * How a level is searched: `plain`, lines within 25° of either axis; `thorough`, the image turned
 * by 45° as well, for the angles in between, with slanted rules removed too (frames drawn round
 * the MRZ); `diagonal`, only the image turned by 45° and cleaned plainly: the thorough cleaning
 * breaks the lines of small print between the axes into pieces too short for an MRZ line.
 */
export type LineSearch = 'plain' | 'thorough' | 'diagonal';

/** Text lines at one pyramid level (scale = 2^level), in base pixels; see LineSearch. */
export function findTextLines(image: GreyImage, scale: number, search: LineSearch = 'plain'): TextLine[] {
  const straight = { image, back: (l: TextLine) => l };
  const views =
    search === 'plain'
      ? [straight]
      : search === 'thorough'
        ? [straight, remembered(turned45, image, () => rotate45(image))]
        : [remembered(turned45, image, () => rotate45(image))];
  const thorough = search === 'thorough';
  return views.flatMap(({ image: view, back }) => {
    const ink = textInk(view, thorough);
    return [
      ...findHorizontalLines(ink, thorough).map((l) => scaleLine(back(l), scale)),
      ...findHorizontalLines(transposeMask(ink), thorough).map((l) =>
        scaleLine(back(transposeLine(l)), scale),
      ),
    ];
  });
}

function transposeLine(line: TextLine): TextLine {
  return { ...line, cx: line.cy, cy: line.cx, ux: line.uy, uy: line.ux };
}

/** The image turned by 45° on a canvas that holds all of it, and the way back for found lines. */
function rotate45(image: GreyImage): { image: GreyImage; back: (line: TextLine) => TextLine } {
  const { width, height, data } = image;
  const c = Math.SQRT1_2;
  const side = Math.ceil((width + height) * c) + 2;
  const out = new Uint8Array(side * side).fill(255);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const mid = (side - 1) / 2;
  for (let Y = 0; Y < side; Y++) {
    for (let X = 0; X < side; X++) {
      // output (X, Y) shows the source point turned by −45° about the centres
      const dx = X - mid;
      const dy = Y - mid;
      const x = Math.round(cx + c * (dx + dy));
      const y = Math.round(cy + c * (dy - dx));
      if (x >= 0 && y >= 0 && x < width && y < height) out[Y * side + X] = data[y * width + x];
    }
  }
  const back = (line: TextLine): TextLine => {
    const dx = line.cx - mid;
    const dy = line.cy - mid;
    return {
      ...line,
      cx: cx + c * (dx + dy),
      cy: cy + c * (dy - dx),
      ux: c * (line.ux + line.uy),
      uy: c * (line.uy - line.ux),
    };
  };
  return { image: { width: side, height: side, data: out }, back };
}
