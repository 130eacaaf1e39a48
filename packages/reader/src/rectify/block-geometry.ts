import type { Pyramid } from '../image/grey-image.js';
import type { TextLine } from '../locate/text-lines.js';
import { fitCells } from './cell-grid.js';
import type { CellCentres, LineGeometry } from './line-crop.js';
import type { LineExtent } from './line-geometry.js';

/**
 * Each line's own extent, and (when they disagree) all lines spanning the union of their extents,
 * and all spanning the part they share.
 */
export function extentLayouts(lines: TextLine[], extents: LineExtent[]): LineExtent[][] {
  const ref = lines[0];
  const offsets = lines.map((l) => (l.cx - ref.cx) * ref.ux + (l.cy - ref.cy) * ref.uy);
  const first = Math.min(...extents.map((e, i) => e.first + offsets[i]));
  const last = Math.max(...extents.map((e, i) => e.last + offsets[i]));
  const union = extents.map((e, i) => ({ ...e, first: first - offsets[i], last: last - offsets[i] }));
  const tolerance = 0.3 * Math.min(...extents.map((e) => e.height));
  const agree = extents.every(
    (e, i) => Math.abs(e.first - union[i].first) < tolerance && Math.abs(e.last - union[i].last) < tolerance,
  );
  if (agree) return [extents];
  // Ink just beyond one line's end (a mark, the edge of a box, glare) lengthens that line by a
  // cell, which the union passes on to all: the span every line shares is the other guess.
  const shared = Math.max(...extents.map((e, i) => e.first + offsets[i]));
  const ends = Math.min(...extents.map((e, i) => e.last + offsets[i]));
  if (ends - shared < 0.5 * (last - first)) return [extents, union];
  const common = extents.map((e, i) => ({ ...e, first: shared - offsets[i], last: ends - offsets[i] }));
  return [extents, union, common];
}

/**
 * Cell centres for every line of a block, or null when no line's characters could be followed.
 * The lines of an MRZ start at one margin and share one pitch profile, so a line that could not
 * be followed on its own (a stamp across it, glare) takes the centres of the nearest line that
 * could, moved across to its own axis.
 */
export function fitBlock(pyramid: Pyramid, lines: LineGeometry[]): CellCentres[] | null {
  const fitted = lines.map((g) => fitCells(pyramid, g));
  if (fitted.every((centres) => centres === null)) return null;
  return lines.map((g, i) => {
    const own = fitted[i];
    if (own) return own;
    const k = nearestFitted(fitted, i);
    const nx = -g.uy;
    const ny = g.ux;
    const d = (g.x0 - lines[k].x0) * nx + (g.y0 - lines[k].y0) * ny;
    const from = fitted[k]!;
    return { x: from.x.map((x) => x + d * nx), y: from.y.map((y) => y + d * ny), pitch: from.pitch };
  });
}

function nearestFitted(fitted: Array<CellCentres | null>, i: number): number {
  let best = -1;
  fitted.forEach((centres, k) => {
    if (centres && (best < 0 || Math.abs(k - i) < Math.abs(best - i))) best = k;
  });
  return best;
}

export function withCentres(g: LineGeometry, centres: CellCentres): LineGeometry {
  const mean = centres.pitch.reduce((sum, p) => sum + p, 0) / centres.pitch.length;
  return { ...g, x0: centres.x[0], y0: centres.y[0], pitch: mean, centres };
}

/** The line read the other way round: last cell first, direction and normal turned by 180°. */
export function reverseGeometry(g: LineGeometry): LineGeometry {
  const c = g.centres!;
  const centres = { x: c.x.slice().reverse(), y: c.y.slice().reverse(), pitch: c.pitch.slice().reverse() };
  return { ...g, x0: centres.x[0], y0: centres.y[0], ux: -g.ux, uy: -g.uy, centres };
}
