import type { Pyramid } from '../image/grey-image.js';
import { glyphChain } from './glyph-chain.js';
import type { CellCentres, LineGeometry } from './line-crop.js';
import { median, type CellPosition } from './line-strip.js';
import { phaseCentres } from './pitch-phase.js';

/** Below this pitch (original pixels) there are too few samples per character to follow them. */
const MIN_PITCH = 5;
/** Below this pitch the gaps between glyphs do not survive reliably: only the phase is used. */
const MIN_CHAIN_PITCH = 7;

/**
 * Finds where the characters of a line really are, so that the cells follow them instead of a
 * straight line of one pitch between the measured ends (pitch drifting under perspective, the
 * line bending with a curled page). Every MRZ cell holds ink (a character or a `<`), which gives
 * two ways to find the centres: a chain of separate glyphs (glyph-chain.ts), exact where the gaps
 * between glyphs survive, and the phase of the line's darkness (pitch-phase.ts) where blur fills
 * them. Either must give exactly `cells` inked cells on a smooth curve; otherwise (a wrong
 * cell-count hypothesis, a line cut at the edge) this returns null and the caller keeps the
 * straight geometry, which can then only read shifted or not at all, never in the wrong cells.
 */
export function fitCells(pyramid: Pyramid, g: LineGeometry): CellCentres | null {
  if (g.pitch < MIN_PITCH) return null;
  const chain = g.pitch >= MIN_CHAIN_PITCH ? glyphChain(pyramid, g) : null;
  const fromChain = chain && centresThrough(g, chain);
  if (fromChain) return fromChain;
  const phase = phaseCentres(pyramid, g);
  return phase && centresThrough(g, phase);
}

/**
 * Cell centres on smooth curves (quadratic along and across) through the found positions, null
 * cells skipped; null when the positions stray from the curve or the pitch leaves a plausible range.
 */
export function centresThrough(g: LineGeometry, found: Array<CellPosition | null>): CellCentres | null {
  const real = found.flatMap((blob, i) => (blob ? [{ i, blob }] : []));
  const along = fitQuadratic(
    real.map((r) => r.i),
    real.map((r) => r.blob.along),
  );
  const across = fitQuadratic(
    real.map((r) => r.i),
    real.map((r) => r.blob.across),
  );
  if (!along || !across) return null;
  const residual = Math.sqrt(
    real.reduce((sum, r) => sum + (evaluate(along, r.i) - r.blob.along) ** 2, 0) / real.length,
  );
  if (residual > 0.15 * g.pitch) return null;
  const nx = -g.uy;
  const ny = g.ux;
  const x = new Float64Array(g.cells);
  const y = new Float64Array(g.cells);
  const pitch = new Float64Array(g.cells);
  for (let i = 0; i < g.cells; i++) {
    const a = evaluate(along, i);
    const c = evaluate(across, i);
    x[i] = g.x0 + a * g.ux + c * nx;
    y[i] = g.y0 + a * g.uy + c * ny;
    pitch[i] = along[1] + 2 * along[2] * i;
  }
  if (pitch.some((p) => p < 0.6 * g.pitch || p > 1.6 * g.pitch)) return null;
  return { x, y, pitch };
}

type Quadratic = [number, number, number];

/** Least-squares a + b·i + c·i² through the points, refitted once without its worst outliers. */
function fitQuadratic(i: number[], v: number[]): Quadratic | null {
  const fit = solveQuadratic(i, v);
  if (!fit) return null;
  const errors = i.map((x, k) => Math.abs(evaluate(fit, x) - v[k]));
  const limit = 3 * median(errors) + 1e-6;
  const keep = errors.map((e) => e <= limit);
  return solveQuadratic(
    i.filter((_, k) => keep[k]),
    v.filter((_, k) => keep[k]),
  );
}

function solveQuadratic(i: number[], v: number[]): Quadratic | null {
  if (i.length < 3) return null;
  const s = [0, 0, 0, 0, 0];
  const t = [0, 0, 0];
  for (let k = 0; k < i.length; k++) {
    let p = 1;
    for (let e = 0; e < 5; e++) {
      s[e] += p;
      if (e < 3) t[e] += p * v[k];
      p *= i[k];
    }
  }
  const m = [
    [s[0], s[1], s[2], t[0]],
    [s[1], s[2], s[3], t[1]],
    [s[2], s[3], s[4], t[2]],
  ];
  for (let c = 0; c < 3; c++) {
    let pivot = c;
    for (let r = c + 1; r < 3; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    if (Math.abs(m[pivot][c]) < 1e-9) return null;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = 0; r < 3; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k < 4; k++) m[r][k] -= f * m[c][k];
    }
  }
  return [m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]];
}

function evaluate([a, b, c]: Quadratic, i: number): number {
  return a + b * i + c * i * i;
}
