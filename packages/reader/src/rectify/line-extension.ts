import { cellCentres, type LineGeometry } from './line-crop.js';

/** The cells at each end whose spacing and direction are carried on beyond it. */
const END_CELLS = 6;

/**
 * The same line with `before` cells added ahead of its first and `after` beyond its last, each
 * end carried on at the pitch and in the direction its last few cells show. A line whose end the
 * measured extent missed (glare over a run of fillers, a faint end) holds its characters at the
 * right pitch but too few of them: a TD3's 44 read as a TD2's 36. Linear, not the quadratic the
 * fitted centres follow: a curve carried eight cells past the ink it was fitted on overshoots.
 */
export function extendLine(g: LineGeometry, before: number, after: number): LineGeometry {
  const c = cellCentres(g);
  const n = g.cells;
  const k = Math.min(END_CELLS, n - 1);
  const head = endStep(c.x[k] - c.x[0], c.y[k] - c.y[0], k);
  const tail = endStep(c.x[n - 1] - c.x[n - 1 - k], c.y[n - 1] - c.y[n - 1 - k], k);
  const cells = before + n + after;
  const x = new Float64Array(cells);
  const y = new Float64Array(cells);
  const pitch = new Float64Array(cells);
  for (let i = 0; i < before; i++) {
    const steps = before - i;
    x[i] = c.x[0] - steps * head.dx;
    y[i] = c.y[0] - steps * head.dy;
    pitch[i] = head.pitch;
  }
  x.set(c.x, before);
  y.set(c.y, before);
  pitch.set(c.pitch, before);
  for (let i = 1; i <= after; i++) {
    x[before + n - 1 + i] = c.x[n - 1] + i * tail.dx;
    y[before + n - 1 + i] = c.y[n - 1] + i * tail.dy;
    pitch[before + n - 1 + i] = tail.pitch;
  }
  const mean = pitch.reduce((sum, p) => sum + p, 0) / cells;
  return { ...g, x0: x[0], y0: y[0], pitch: mean, cells, centres: { x, y, pitch } };
}

function endStep(dx: number, dy: number, cells: number): { dx: number; dy: number; pitch: number } {
  return { dx: dx / cells, dy: dy / cells, pitch: Math.hypot(dx, dy) / cells };
}
