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
