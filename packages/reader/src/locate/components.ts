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

export interface Labelling {
  labels: Int32Array;
  components: Component[];
}

/** Two-pass connected-component labelling with union-find, collecting moments on the way. */
export function labelComponents(mask: Mask, minArea: number): Labelling {
  const { width, height, data } = mask;
  const labels = new Int32Array(width * height);
  const parent: number[] = [0];
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  };
  const union = (a: number, b: number): number => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return ra;
    const [lo, hi] = ra < rb ? [ra, rb] : [rb, ra];
    parent[hi] = lo;
    return lo;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (data[i] === 0) continue;
      // 8-connectivity: the already-visited neighbours are left, up-left, up and up-right.
      let label = x > 0 ? labels[i - 1] : 0;
      if (y > 0) {
        const up = labels[i - width];
        if (up !== 0) label = label === 0 ? up : union(label, up);
        if (x > 0 && labels[i - width - 1] !== 0)
          label = label === 0 ? labels[i - width - 1] : union(label, labels[i - width - 1]);
        if (x < width - 1 && labels[i - width + 1] !== 0) {
          label = label === 0 ? labels[i - width + 1] : union(label, labels[i - width + 1]);
        }
      }
      if (label === 0) {
        label = parent.length;
        parent.push(label);
      }
      labels[i] = label;
    }
  }
  const count = parent.length;
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
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (labels[i] === 0) continue;
      const r = find(labels[i]);
      labels[i] = r;
      area[r]++;
      sx[r] += x;
      sy[r] += y;
      sxx[r] += x * x;
      syy[r] += y * y;
      sxy[r] += x * y;
      if (x < minX[r]) minX[r] = x;
      if (x > maxX[r]) maxX[r] = x;
      if (y < minY[r]) minY[r] = y;
      if (y > maxY[r]) maxY[r] = y;
    }
  }
  const components: Component[] = [];
  for (let r = 1; r < count; r++) {
    if (area[r] < minArea) continue;
    const n = area[r];
    const cx = sx[r] / n;
    const cy = sy[r] / n;
    const vxx = sxx[r] / n - cx * cx + 1 / 12;
    const vyy = syy[r] / n - cy * cy + 1 / 12;
    const vxy = sxy[r] / n - cx * cy;
    const half = (vxx + vyy) / 2;
    const root = Math.sqrt(((vxx - vyy) / 2) ** 2 + vxy * vxy);
    const angle = 0.5 * Math.atan2(2 * vxy, vxx - vyy);
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
    });
  }
  return { labels, components };
}
