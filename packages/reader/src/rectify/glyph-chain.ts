import type { Pyramid } from '../image/grey-image.js';
import type { LineGeometry } from './line-crop.js';
import {
  BODY_HALF,
  inkRows,
  K,
  positionOf,
  sampleLineStrip,
  STRIP_HALF,
  type CellPosition,
} from './line-strip.js';

/** Ink over this share of the strip's height is a drawn rule (a frame's side), not a character. */
const RULE_SHARE = 0.85;

/**
 * The line's glyphs as a chain of separate blobs one (drifting) pitch apart, followed outwards
 * from the line's middle; null cells where a glyph is missing. Exact where the gaps between glyphs
 * survive; null when the chain does not have the geometry's cell count or too many are missing.
 */
export function glyphChain(pyramid: Pyramid, g: LineGeometry): Array<CellPosition | null> | null {
  const chain = followChain(findBlobs(pyramid, g), g);
  if (!chain || chain.length !== g.cells) return null;
  return chain.filter(Boolean).length < 0.7 * g.cells ? null : chain;
}

function findBlobs(pyramid: Pyramid, g: LineGeometry): CellPosition[] {
  const strip = sampleLineStrip(pyramid, g, 1.5);
  const { data, cols, rows, threshold } = strip;
  const body0 = Math.floor((STRIP_HALF - BODY_HALF) * K);
  const body1 = rows - body0;
  const inked = new Uint8Array(cols);
  for (let u = 0; u < cols; u++) {
    let all = 0;
    let body = 0;
    for (let v = 0; v < rows; v++) {
      if (data[v * cols + u] >= threshold) continue;
      all++;
      if (v >= body0 && v < body1) body++;
    }
    inked[u] = body > 0 && all < RULE_SHARE * rows ? 1 : 0;
  }
  const blobs: CellPosition[] = [];
  for (let u = 0; u < cols;) {
    if (!inked[u]) {
      u++;
      continue;
    }
    let end = u;
    while (end + 1 < cols && inked[end + 1]) end++;
    const width = end - u + 1;
    // Glyphs that touch (blur, bold print) are split evenly; a run wider than that is not text.
    const parts = Math.max(1, Math.round(width / K));
    if (width <= 1.3 * K * parts) {
      for (let k = 0; k < parts; k++) {
        const a = u + (k * width) / parts;
        const b = u + ((k + 1) * width) / parts;
        const ink = inkRows(strip, Math.floor(a), Math.ceil(b) - 1);
        if (ink.bottom - ink.top + 1 >= RULE_SHARE * rows) continue;
        blobs.push(positionOf(strip, (a + b) / 2 - 0.5, (ink.top + ink.bottom + 1) / 2));
      }
    }
    u = end + 1;
  }
  return blobs;
}

/**
 * The chain of blobs one (drifting) pitch apart, from the blob nearest the line's middle outwards.
 * A missing glyph (faint, under a stamp) leaves a gap of one cell, kept as null; two missing in a
 * row end the chain.
 */
function followChain(blobs: CellPosition[], g: LineGeometry): Array<CellPosition | null> | null {
  if (blobs.length < 3) return null;
  const middle = ((g.cells - 1) / 2) * g.pitch;
  let seed = 0;
  for (let k = 1; k < blobs.length; k++) {
    if (Math.abs(blobs[k].along - middle) < Math.abs(blobs[seed].along - middle)) seed = k;
  }
  const walk = (direction: 1 | -1): Array<CellPosition | null> => {
    const out: Array<CellPosition | null> = [];
    let at = blobs[seed].along;
    let pitch = g.pitch;
    let misses = 0;
    for (;;) {
      const want = at + direction * pitch;
      let best: CellPosition | null = null;
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
