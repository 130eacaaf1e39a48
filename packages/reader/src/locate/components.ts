import type { Mask } from './ink-mask.js';

/** Second-order statistics of one 8-connected ink component. */
export interface Component {
  label: number;
  area: number;
  cx: number;
  cy: number;
  /** Principal direction in radians, in (−π/2, π/2]. */
  angle: number;
  /** Extent along and across the principal direction, from the variances of a uniform bar. */
  length: number;
  thickness: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** A component's ink as horizontal runs: row y, from x0 to x1 inclusive, three numbers per run. */
export type Runs = Int32Array;

export interface LabelledComponent extends Component {
  runs: Runs;
}

/**
 * Connected-component labelling (8-connected) over horizontal runs of ink rather than pixels, with
 * union-find, collecting moments per run in closed form: after the rows are closed over the gaps
 * between characters a text line is a few long runs per row, so this touches each run once
 * instead of each pixel. Components come in the order of their first pixel in raster order.
 */
export function labelComponents(mask: Mask, minArea: number): LabelledComponent[] {
  const { width, height, data } = mask;
  // every run, three numbers each: y, x0, x1
  let runs = new Int32Array(3 * 1024);
  let count = 0;
  const parent: number[] = [];
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  };
  let previousStart = 0;
  let previousEnd = 0;
  for (let y = 0; y < height; y++) {
    const rowStart = count;
    let above = previousStart;
    for (let x = 0; x < width; x++) {
      if (data[y * width + x] === 0) continue;
      const x0 = x;
      while (x + 1 < width && data[y * width + x + 1] === 1) x++;
      if (3 * (count + 1) > runs.length) {
        const grown = new Int32Array(runs.length * 2);
        grown.set(runs);
        runs = grown;
      }
      runs[3 * count] = y;
      runs[3 * count + 1] = x0;
      runs[3 * count + 2] = x;
      let label = -1;
      // runs of the row above that touch this one, corners included
      while (above < previousEnd && runs[3 * above + 2] < x0 - 1) above++;
      for (let k = above; k < previousEnd && runs[3 * k + 1] <= x + 1; k++) {
        const root = find(k);
        if (label < 0) label = root;
        else if (root !== label) {
          const lo = Math.min(root, label);
          parent[Math.max(root, label)] = lo;
          label = lo;
        }
      }
      parent.push(label < 0 ? count : label);
      count++;
    }
    previousStart = rowStart;
    previousEnd = count;
  }
  const area = new Float64Array(count);
  const sx = new Float64Array(count);
  const sy = new Float64Array(count);
  const sxx = new Float64Array(count);
  const syy = new Float64Array(count);
  const sxy = new Float64Array(count);
  const minX = new Int32Array(count).fill(width);
  const maxX = new Int32Array(count).fill(-1);
  const minY = new Int32Array(count).fill(height);
  const maxY = new Int32Array(count).fill(-1);
  const squares = (k: number) => (k * (k + 1) * (2 * k + 1)) / 6;
  const roots = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const r = (roots[k] = find(k));
    const y = runs[3 * k];
    const a = runs[3 * k + 1];
    const b = runs[3 * k + 2];
    const n = b - a + 1;
    const sumX = (n * (a + b)) / 2;
    area[r] += n;
    sx[r] += sumX;
    sy[r] += n * y;
    sxx[r] += squares(b) - squares(a - 1);
    syy[r] += n * y * y;
    sxy[r] += sumX * y;
    if (a < minX[r]) minX[r] = a;
    if (b > maxX[r]) maxX[r] = b;
    if (y < minY[r]) minY[r] = y;
    if (y > maxY[r]) maxY[r] = y;
  }
  const components: LabelledComponent[] = [];
  const index = new Int32Array(count).fill(-1);
  for (let r = 0; r < count; r++) {
    if (roots[r] !== r || area[r] < minArea) continue;
    const n = area[r];
    const cx = sx[r] / n;
    const cy = sy[r] / n;
    const vxx = sxx[r] / n - cx * cx + 1 / 12;
    const vyy = syy[r] / n - cy * cy + 1 / 12;
    const vxy = sxy[r] / n - cx * cy;
    const half = (vxx + vyy) / 2;
    const root = Math.sqrt(((vxx - vyy) / 2) ** 2 + vxy * vxy);
    const angle = 0.5 * Math.atan2(2 * vxy, vxx - vyy);
    index[r] = components.length;
    components.push({
      label: r,
      area: n,
      cx,
      cy,
      angle,
      length: Math.sqrt(12 * (half + root)),
      thickness: Math.sqrt(12 * Math.max(half - root, 0)),
      minX: minX[r],
      maxX: maxX[r],
      minY: minY[r],
      maxY: maxY[r],
      runs: new Int32Array(0),
    });
  }
  const runCounts = new Int32Array(components.length);
  for (let k = 0; k < count; k++) if (index[roots[k]] >= 0) runCounts[index[roots[k]]]++;
  components.forEach((c, i) => (c.runs = new Int32Array(3 * runCounts[i])));
  const filled = new Int32Array(components.length);
  for (let k = 0; k < count; k++) {
    const i = index[roots[k]];
    if (i < 0) continue;
    components[i].runs.set(runs.subarray(3 * k, 3 * k + 3), 3 * filled[i]++);
  }
  return components;
}
