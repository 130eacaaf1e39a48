import { CELL_WIDTH, CROP_HEIGHT } from './line-crop.js';

/** Grey range and mean of each cell's middle half (rows 8–24) in raw line crops, line after line. */
export function cellStats(rawCrops: Float32Array[], cells: number): Array<{ range: number; mean: number }> {
  const stats: Array<{ range: number; mean: number }> = [];
  const cols = CELL_WIDTH * cells;
  for (const crop of rawCrops) {
    for (let i = 0; i < cells; i++) {
      let lo = 255;
      let hi = 0;
      let sum = 0;
      let n = 0;
      for (let v = CROP_HEIGHT / 4; v < (3 * CROP_HEIGHT) / 4; v++) {
        for (let u = i * CELL_WIDTH; u < (i + 1) * CELL_WIDTH; u++) {
          const value = crop[v * cols + u];
          lo = Math.min(lo, value);
          hi = Math.max(hi, value);
          sum += value;
          n++;
        }
      }
      stats.push({ range: hi - lo, mean: sum / n });
    }
  }
  return stats;
}

/**
 * Whether a one-cell raw crop holds a glyph: a grey range of at least `range` in the glyph body,
 * and nothing in the crop's top or bottom rows, above and below where any glyph reaches: ink
 * there is a rule (the side of a frame drawn round the MRZ, slanted under perspective) or a card
 * edge, not a character.
 */
export function holdsGlyph(crop: Float32Array, range: number): boolean {
  const [{ range: bodyRange, mean }] = cellStats([crop], 1);
  if (bodyRange < range) return false;
  const darkest = (v0: number, v1: number) => {
    let lo = 255;
    for (let v = v0; v < v1; v++)
      for (let u = 0; u < CELL_WIDTH; u++) lo = Math.min(lo, crop[v * CELL_WIDTH + u]);
    return lo;
  };
  const inked = (lo: number) => lo < mean - range / 2;
  return !(inked(darkest(0, 4)) || inked(darkest(CROP_HEIGHT - 4, CROP_HEIGHT)));
}
