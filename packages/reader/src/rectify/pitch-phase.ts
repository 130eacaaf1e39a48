import type { Pyramid } from '../image/grey-image.js';
import type { LineGeometry } from './line-crop.js';
import {
  BODY_HALF,
  inkRows,
  K,
  median,
  positionOf,
  sampleLineStrip,
  STRIP_HALF,
  type CellPosition,
  type LineStrip,
} from './line-strip.js';

/** A cell with less ink than this share of the line's typical cell is empty (beyond a line end). */
const EMPTY_CELL = 0.3;

/**
 * The character centres from the phase of the line's darkness at the nominal pitch: for blurred
 * or soft print where glyphs touch. Unwrapped along the line, the phase follows a drifting pitch
 * and cannot skip a cell. The run of `cells` whole turns that starts at the measured first
 * character is kept, moved by one when an end cell is empty and the cell beyond the other end is
 * not (a frame's side or a stray mark taken for the line's end); null unless every cell is inked.
 */
export function phaseCentres(pyramid: Pyramid, g: LineGeometry): CellPosition[] | null {
  const strip = sampleLineStrip(pyramid, g, 2.5);
  const dark = columnDarkness(strip);
  const turns = phaseTurns(dark);
  const columnOf = (along: number) => (along + strip.margin) / strip.step - 0.5;
  const centres = fillSkippedTurns(turnCrossings(turns));
  if (centres.length < g.cells) return null;
  let first = nearest(centres, columnOf(0));
  const inkAt = (k: number) => (k >= 0 && k < centres.length ? cellInk(dark, centres[k]) : 0);
  const typical = median(Array.from({ length: g.cells }, (_, i) => inkAt(first + i)));
  const empty = (k: number) => inkAt(k) < EMPTY_CELL * typical;
  if (empty(first) && !empty(first + g.cells)) first++;
  else if (empty(first + g.cells - 1) && !empty(first - 1)) first--;
  if (first < 0 || first + g.cells > centres.length) return null;
  const cells = centres.slice(first, first + g.cells);
  if (cells.some((_, i) => empty(first + i))) return null;

  return cells.map((u) => {
    const ink = inkRows(strip, Math.round(u - 0.35 * K), Math.round(u + 0.35 * K));
    return positionOf(strip, u, (ink.top + ink.bottom + 1) / 2);
  });
}

/**
 * Darkness of each column's glyph body against the paper around it: the brightest column within
 * a pitch and a half either side stands for the paper, so shadows and glare gradients cancel.
 */
function columnDarkness({ data: strip, cols, rows }: LineStrip): Float32Array {
  const body0 = Math.floor((STRIP_HALF - BODY_HALF) * K);
  const body1 = rows - body0;
  const mean = new Float32Array(cols);
  for (let u = 0; u < cols; u++) {
    let sum = 0;
    for (let v = body0; v < body1; v++) sum += strip[v * cols + u];
    mean[u] = sum / (body1 - body0);
  }
  const reach = Math.round(1.5 * K);
  const dark = new Float32Array(cols);
  for (let u = 0; u < cols; u++) {
    let paper = 0;
    for (let w = Math.max(0, u - reach); w <= Math.min(cols - 1, u + reach); w++)
      paper = Math.max(paper, mean[w]);
    dark[u] = paper - mean[u];
  }
  return dark;
}

/**
 * The unwrapped phase of the darkness at the nominal pitch, in turns: whole turns fall on
 * character centres. The demodulated signal is averaged over exactly four periods, which removes
 * the double-frequency term and leaves the slowly drifting phase.
 */
function phaseTurns(dark: Float32Array): Float64Array {
  const n = dark.length;
  const re = new Float64Array(n + 1);
  const im = new Float64Array(n + 1);
  for (let u = 0; u < n; u++) {
    const angle = (2 * Math.PI * u) / K;
    re[u + 1] = re[u] + dark[u] * Math.cos(angle);
    im[u + 1] = im[u] - dark[u] * Math.sin(angle);
  }
  const half = 2 * K;
  const turns = new Float64Array(n);
  let previous = 0;
  for (let u = 0; u < n; u++) {
    const a = Math.max(0, u - half);
    const b = Math.min(n, u + half);
    const phase = Math.atan2(im[b] - im[a], re[b] - re[a]);
    const raw = u / K + phase / (2 * Math.PI);
    // Unwrap: consecutive samples advance by about 1/K of a turn.
    turns[u] = u === 0 ? raw : raw - Math.round(raw - previous - 1 / K);
    previous = turns[u];
  }
  return turns;
}

/** Columns (fractional) where the phase passes a whole turn, left to right. */
function turnCrossings(turns: Float64Array): number[] {
  const out: number[] = [];
  for (let u = 1; u < turns.length; u++) {
    const k = Math.floor(turns[u]);
    if (Math.floor(turns[u - 1]) < k && turns[u] > turns[u - 1]) {
      out.push(u - 1 + (k - turns[u - 1]) / (turns[u] - turns[u - 1]));
    }
  }
  return out;
}

/**
 * Where the averaging window reaches into the paper beyond a line's end, or across a faint run
 * of fillers, the phase can slip past a turn: two crossings then lie about two local spacings
 * apart. Such a gap gets the crossings it skipped, evenly spaced; the local spacing is the median
 * of the neighbouring gaps, so a pitch that drifts under perspective is followed.
 */
function fillSkippedTurns(crossings: number[]): number[] {
  const gaps = crossings.slice(1).map((c, i) => c - crossings[i]);
  const out = crossings.slice(0, 1);
  gaps.forEach((gap, i) => {
    const around = [...gaps.slice(Math.max(0, i - 3), i), ...gaps.slice(i + 1, i + 4)];
    const local = median(around);
    const missing = local > 0 && gap > SKIPPED_TURN * local ? Math.round(gap / local) - 1 : 0;
    for (let k = 1; k <= missing; k++) out.push(crossings[i] + (k * gap) / (missing + 1));
    out.push(crossings[i + 1]);
  });
  return out;
}

/** A gap this many local spacings wide between crossings has skipped a turn. */
const SKIPPED_TURN = 1.6;

/** Mean darkness within ±0.35 pitch of a centre column. */
function cellInk(dark: Float32Array, centre: number): number {
  const a = Math.max(0, Math.round(centre - 0.35 * K));
  const b = Math.min(dark.length - 1, Math.round(centre + 0.35 * K));
  let sum = 0;
  for (let u = a; u <= b; u++) sum += dark[u];
  return sum / Math.max(1, b - a + 1);
}

function nearest(values: number[], target: number): number {
  let best = 0;
  for (let k = 1; k < values.length; k++) {
    if (Math.abs(values[k] - target) < Math.abs(values[best] - target)) best = k;
  }
  return best;
}
