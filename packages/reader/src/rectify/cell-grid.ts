import type { Pyramid } from '../image/grey-image.js';
import type { CellCentres, LineGeometry } from './line-crop.js';
import { otsu } from './otsu.js';
import { sampleStrip } from './sample-strip.js';

/** Samples per character pitch along and across the line while looking for characters. */
const SAMPLES_PER_PITCH = 8;
/** Half the glyph body, in pitches: OCR-B caps are about 0.9 pitch tall. */
const BODY_HALF = 0.42;
/** Half the strip looked at for rules and frames drawn across the line. */
const STRIP_HALF = 0.85;
/** Ink over this share of the whole strip's height is a drawn rule (a frame's side), not a character. */
const RULE_SHARE = 0.85;
/** The smallest pitch at which the gaps between characters survive reliably. */
const MIN_PITCH = 7;

interface Blob {
  /** Along-line centre relative to the geometry's first cell centre, original pixels. */
  along: number;
  /** Middle of the ink across the line, relative to the geometry's axis. */
  across: number;
}

/**
 * Finds where the characters of a line really are, so that the cells follow them instead of a
 * straight line of one pitch. Every MRZ cell holds ink (a character or a `<`), so the glyphs form
 * a chain of blobs one pitch apart; the chain is followed outwards from the middle of the line
 * with a pitch that may drift (the far end of a tilted document is smaller) and fitted with a
 * smooth curve along and across (page curl). Returns null when the chain does not have exactly
 * the line's cell count (merged glyphs at low resolution, a line cut at the edge, a wrong
 * hypothesis): the caller keeps the straight geometry, which the recogniser can then only read
 * shifted or not at all, never silently in the wrong cells.
 */
export function fitCells(pyramid: Pyramid, g: LineGeometry): CellCentres | null {
  if (g.pitch < MIN_PITCH) return null;
  const blobs = findBlobs(pyramid, g);
  const chain = followChain(blobs, g);
  if (!chain || chain.length !== g.cells) return null;
  const real = chain.flatMap((blob, i) => (blob ? [{ i, blob }] : []));
  if (real.length < 0.7 * g.cells) return null;
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

function findBlobs(pyramid: Pyramid, g: LineGeometry): Blob[] {
  const step = g.pitch / SAMPLES_PER_PITCH;
  const margin = 1.5 * g.pitch;
  const cols = Math.round(((g.cells - 1) * g.pitch + 2 * margin) / step);
  const rows = Math.round((2 * STRIP_HALF * g.pitch) / step);
  const strip = sampleStrip(pyramid, {
    cx: g.x0,
    cy: g.y0,
    ux: g.ux,
    uy: g.uy,
    along: -margin,
    across: -STRIP_HALF * g.pitch,
    stepAlong: step,
    stepAcross: step,
    cols,
    rows,
  });
  const threshold = otsu(strip);
  const body0 = Math.floor((STRIP_HALF - BODY_HALF) * SAMPLES_PER_PITCH);
  const body1 = rows - body0;
  const inked = new Uint8Array(cols);
  for (let u = 0; u < cols; u++) {
    let all = 0;
    let body = 0;
    for (let v = 0; v < rows; v++) {
      if (strip[v * cols + u] >= threshold) continue;
      all++;
      if (v >= body0 && v < body1) body++;
    }
    inked[u] = body > 0 && all < RULE_SHARE * rows ? 1 : 0;
  }
  const blobs: Blob[] = [];
  for (let u = 0; u < cols;) {
    if (!inked[u]) {
      u++;
      continue;
    }
    let end = u;
    while (end + 1 < cols && inked[end + 1]) end++;
    const width = end - u + 1;
    // Glyphs that touch (blur, bold print) are split evenly; a run wider than that is not text.
    const parts = Math.max(1, Math.round(width / SAMPLES_PER_PITCH));
    if (width <= 1.3 * SAMPLES_PER_PITCH * parts) {
      for (let k = 0; k < parts; k++) {
        const a = u + (k * width) / parts;
        const b = u + ((k + 1) * width) / parts;
        const ink = inkRows(strip, cols, rows, threshold, Math.floor(a), Math.ceil(b) - 1);
        if (ink.bottom - ink.top + 1 >= RULE_SHARE * rows) continue;
        blobs.push({
          along: -margin + ((a + b) / 2) * step,
          across: -STRIP_HALF * g.pitch + ((ink.top + ink.bottom + 1) / 2) * step,
        });
      }
    }
    u = end + 1;
  }
  return blobs;
}

/** The first and last inked rows under columns u0..u1. */
function inkRows(
  strip: Float32Array,
  cols: number,
  rows: number,
  threshold: number,
  u0: number,
  u1: number,
): { top: number; bottom: number } {
  let top = rows;
  let bottom = -1;
  for (let v = 0; v < rows; v++) {
    for (let u = u0; u <= u1; u++) {
      if (strip[v * cols + u] < threshold) {
        top = Math.min(top, v);
        bottom = Math.max(bottom, v);
        break;
      }
    }
  }
  return bottom < 0 ? { top: rows / 2, bottom: rows / 2 - 1 } : { top, bottom };
}

/**
 * The chain of blobs one (drifting) pitch apart, from the blob nearest the line's middle outwards.
 * A missing glyph (faint, under a stamp) leaves a gap of one cell, kept as null; two missing in a
 * row end the chain.
 */
function followChain(blobs: Blob[], g: LineGeometry): Array<Blob | null> | null {
  if (blobs.length < 3) return null;
  const middle = ((g.cells - 1) / 2) * g.pitch;
  let seed = 0;
  for (let k = 1; k < blobs.length; k++) {
    if (Math.abs(blobs[k].along - middle) < Math.abs(blobs[seed].along - middle)) seed = k;
  }
  const walk = (direction: 1 | -1): Array<Blob | null> => {
    const out: Array<Blob | null> = [];
    let at = blobs[seed].along;
    let pitch = g.pitch;
    let misses = 0;
    for (;;) {
      const want = at + direction * pitch;
      let best: Blob | null = null;
      for (const b of blobs) {
        const d = (b.along - at) * direction;
        if (d < 0.6 * pitch || d > 1.45 * pitch) continue;
        if (!best || Math.abs(b.along - want) < Math.abs(best.along - want)) best = b;
      }
      if (best) {
        pitch = 0.7 * pitch + 0.3 * Math.abs(best.along - at);
        at = best.along;
        misses = 0;
        out.push(best);
      } else {
        if (++misses > 1) break;
        at = want;
        out.push(null);
      }
    }
    while (out.length > 0 && out[out.length - 1] === null) out.pop();
    return out;
  };
  const right = walk(1);
  const left = walk(-1);
  return [...left.reverse(), blobs[seed], ...right];
}

type Quadratic = [number, number, number];

/** Least-squares a + b·i + c·i² through the points, refitted once without its worst outliers. */
function fitQuadratic(i: number[], v: number[]): Quadratic | null {
  let fit = solveQuadratic(i, v);
  if (!fit) return null;
  const errors = i.map((x, k) => Math.abs(evaluate(fit!, x) - v[k]));
  const limit = 3 * median(errors) + 1e-6;
  const keep = errors.map((e) => e <= limit);
  fit = solveQuadratic(
    i.filter((_, k) => keep[k]),
    v.filter((_, k) => keep[k]),
  );
  return fit;
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
