import { fieldRanges, type CorrectionResult, type LineCandidates } from '@passport-reader/mrz';
import type { LineGeometry } from '../rectify/line-crop.js';
import type { MrzRegion, ReadResult } from '@passport-reader/contract';

/** Each field's weakest character as read, and whether a check digit covers it. */
export function fieldConfidenceOf(
  correction: CorrectionResult,
  candidates: LineCandidates[],
): NonNullable<ReadResult['fieldConfidence']> {
  const out: NonNullable<ReadResult['fieldConfidence']> = {};
  for (const field of fieldRanges(correction.parsed.format)) {
    let min = 1;
    for (let i = field.start; i < field.end; i++) {
      const char = correction.lines[field.line][i];
      const p = candidates[field.line][i].find((c) => c.char === char)?.p ?? 0;
      min = Math.min(min, p);
    }
    out[field.name] = { min: round(min, 3), checked: field.checked };
  }
  return out;
}

export function regionOf(geometries: LineGeometry[]): MrzRegion {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const g of geometries) {
    const nx = -g.uy;
    const ny = g.ux;
    const half = 0.5 * g.pitch;
    const length = (g.cells - 1) * g.pitch;
    for (const [a, b] of [
      [-half, -half],
      [length + half, -half],
      [length + half, half],
      [-half, half],
    ]) {
      xs.push(g.x0 + a * g.ux + b * nx);
      ys.push(g.y0 + a * g.uy + b * ny);
    }
  }
  const x = Math.max(0, Math.floor(Math.min(...xs)));
  const y = Math.max(0, Math.floor(Math.min(...ys)));
  const first = geometries[0];
  const angle = (Math.atan2(first.uy, first.ux) * 180) / Math.PI;
  return {
    x,
    y,
    width: Math.ceil(Math.max(...xs)) - x,
    height: Math.ceil(Math.max(...ys)) - y,
    rotation: round((angle + 360) % 360, 1) % 360,
  };
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
