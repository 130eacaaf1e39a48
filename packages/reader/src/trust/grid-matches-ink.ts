import { median } from '../diagnostics.js';
import type { Pyramid } from '../image/grey-image.js';
import { cellStats, holdsGlyph } from '../rectify/cell-ink.js';
import { cellCentres, rawCrop, type LineGeometry } from '../rectify/line-crop.js';

/** A cell whose grey range is below this share of the line's typical cell holds no glyph. */
const EMPTY_CELL_RANGE = 0.3;
/** A cell beyond a line's end with this share of the typical range holds a glyph. */
const GLYPH_BEYOND_RANGE = 0.6;

/** Every cell holds a glyph (as every MRZ cell does), and the cell beyond each line's end does not. */
export function gridMatchesInk(pyramid: Pyramid, geometries: LineGeometry[], raw: Float32Array[]): boolean {
  const stats = cellStats(raw, geometries[0].cells);
  const typical = median(stats.map((c) => c.range));
  if (stats.some((c) => c.range < EMPTY_CELL_RANGE * typical)) return false;
  return nothingBeyondEnds(pyramid, geometries, typical);
}

/**
 * The cell beyond each line's end holds no glyph: the lines were read to their ends. For a reading
 * whose cells are only roughly where the characters are (a sequence's), this alone is asked.
 */
export function linesEndWhereRead(
  pyramid: Pyramid,
  geometries: LineGeometry[],
  raw: Float32Array[],
): boolean {
  const typical = median(cellStats(raw, geometries[0].cells).map((c) => c.range));
  return nothingBeyondEnds(pyramid, geometries, typical);
}

function nothingBeyondEnds(pyramid: Pyramid, geometries: LineGeometry[], typical: number): boolean {
  return geometries.every((g) =>
    [-1, 1].every((side) => {
      const c = cellCentres(g);
      const end = side < 0 ? 0 : g.cells - 1;
      const p = c.pitch[end];
      const beyond: LineGeometry = {
        ...g,
        x0: c.x[end] + side * p * g.ux,
        y0: c.y[end] + side * p * g.uy,
        pitch: p,
        cells: 1,
        centres: undefined,
      };
      return !holdsGlyph(rawCrop(pyramid, beyond), GLYPH_BEYOND_RANGE * typical);
    }),
  );
}
