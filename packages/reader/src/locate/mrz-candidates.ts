import type { Pyramid } from '../image/grey-image.js';
import { findTextLines, type LineSearch, type TextLine } from './text-lines.js';

/** Two or three parallel text lines, top to bottom in one of the two reading directions. */
export interface MrzCandidate {
  lines: TextLine[];
}

/** Pyramid levels searched, by their larger side: a first pass over coarse levels is fast and finds most MRZs. */
export interface LevelRange {
  minSide: number;
  maxSide: number;
  /** Search the original image even when it is smaller than minSide: for small images it is all there is. */
  smallOriginal: boolean;
  /** How each level is searched (text-lines.ts); plain by default. */
  search?: LineSearch;
}

export const COARSE_LEVELS: LevelRange = { minSide: 200, maxSide: 1800, smallOriginal: true };
/**
 * The coarse levels in bands, smallest first: a document that fills the frame is found and read on
 * a level of at most 450 px (characters of 7 px and more), and each larger band costs about four
 * times as much to search as the one before.
 */
export const TINY_LEVELS: LevelRange = { minSide: 200, maxSide: 450, smallOriginal: true };
export const SMALL_LEVELS: LevelRange = { minSide: 451, maxSide: 900, smallOriginal: false };
export const MEDIUM_LEVELS: LevelRange = { minSide: 901, maxSide: 1800, smallOriginal: false };
/** The second pass, for an MRZ too small to see at the coarse levels (a passport far away in a 35 MP photo). */
export const FINE_LEVELS: LevelRange = { minSide: 1801, maxSide: 4000, smallOriginal: false };
/** The last pass, only when nothing trustworthy was found: the coarse levels searched thoroughly. */
export const THOROUGH_LEVELS: LevelRange = {
  minSide: 500,
  maxSide: 1300,
  smallOriginal: true,
  search: 'thorough',
};
/** After the thorough pass: the same levels turned by 45° and cleaned plainly (see LineSearch). */
export const DIAGONAL_LEVELS: LevelRange = { ...THOROUGH_LEVELS, search: 'diagonal' };
const MAX_CANDIDATES = 8;

/** The pyramid levels a search of `levels` looks at. */
export function levelsSearched(pyramid: Pyramid, levels: LevelRange): number[] {
  const searched: number[] = [];
  for (let k = 0; ; k++) {
    const { width, height } = pyramid.size(k);
    const side = Math.max(width, height);
    const inRange = side >= levels.minSide || (k === 0 && levels.smallOriginal);
    if (inRange && side <= levels.maxSide) searched.push(k);
    if (side < 2 * levels.minSide || width < 2 || height < 2) return searched;
  }
}

/** The MRZ-like groups of lines found at the levels of `levels` (which must be decoded). */
export function findMrzCandidates(pyramid: Pyramid, levels: LevelRange = COARSE_LEVELS): MrzCandidate[] {
  const lines = levelsSearched(pyramid, levels).flatMap((k) =>
    findTextLines(pyramid.level(k), 2 ** k, levels.search),
  );
  return groupLines(joinBroken(dedupe(lines)));
}

const length = (l: TextLine) => l.end - l.start;

/** The same line found at several levels: keep the longest copy. */
function dedupe(lines: TextLine[]): TextLine[] {
  const sorted = [...lines].sort((a, b) => length(b) - length(a));
  const kept: TextLine[] = [];
  for (const line of sorted) {
    const duplicate = kept.some(
      (k) =>
        parallel(k, line, 0.06) &&
        Math.abs(across(k, line)) < 0.5 * Math.max(k.thickness, line.thickness) &&
        Math.abs(along(k, line)) < 0.5 * length(k),
    );
    if (!duplicate) kept.push(line);
  }
  return kept;
}

/** The longest along-line gap, in line thicknesses, across which two pieces are one line. */
const JOIN_GAP = 8;

/**
 * Pieces of one line, split where glare washes characters out or a stamp crosses them, joined
 * into one: parallel, on the same axis, with a short gap between their ends.
 */
function joinBroken(lines: TextLine[]): TextLine[] {
  const out = [...lines];
  for (let i = 0; i < out.length; i++) {
    for (let j = i + 1; j < out.length; j++) {
      const a = out[i];
      const b = alignTo(a, out[j]);
      const t = Math.max(a.thickness, b.thickness);
      if (!parallel(a, b, 0.08) || Math.abs(across(a, b)) > 0.9 * t) continue;
      if (Math.max(a.thickness, b.thickness) > 1.6 * Math.min(a.thickness, b.thickness)) continue;
      const offset = along(a, b);
      const start = Math.min(a.start, offset + b.start);
      const end = Math.max(a.end, offset + b.end);
      const gap = end - start - length(a) - length(b);
      if (gap > JOIN_GAP * t) continue;
      const shift = (start + end) / 2;
      out[i] = {
        ...a,
        cx: a.cx + shift * a.ux,
        cy: a.cy + shift * a.uy,
        start: start - shift,
        end: end - shift,
        thickness: t,
      };
      out.splice(j, 1);
      j = i;
    }
  }
  return out;
}

/** The same lines, found again: centres within half a line's thickness, thickness alike. */
export function sameGroup(a: MrzCandidate, b: MrzCandidate): boolean {
  return (
    a.lines.length === b.lines.length &&
    a.lines.every((l, i) => {
      const m = b.lines[i];
      const t = Math.min(l.thickness, m.thickness);
      return (
        Math.hypot(l.cx - m.cx, l.cy - m.cy) < 0.5 * t &&
        Math.max(l.thickness, m.thickness) < 1.5 * t &&
        parallel(l, m, 0.05) &&
        Math.abs(length(l) - length(m)) < 2 * t
      );
    })
  );
}

function parallel(a: TextLine, b: TextLine, tolerance: number): boolean {
  return Math.abs(a.ux * b.uy - a.uy * b.ux) < tolerance;
}

/** Signed distance of b's centre from a's axis. */
function across(a: TextLine, b: TextLine): number {
  return -(b.cx - a.cx) * a.uy + (b.cy - a.cy) * a.ux;
}

function along(a: TextLine, b: TextLine): number {
  return (b.cx - a.cx) * a.ux + (b.cy - a.cy) * a.uy;
}

/** b expressed with its direction pointing the same way as a's (PCA directions have no sign). */
function alignTo(a: TextLine, b: TextLine): TextLine {
  if (a.ux * b.ux + a.uy * b.uy >= 0) return b;
  return { ...b, ux: -b.ux, uy: -b.uy, start: -b.end, end: -b.start };
}

/** Whether b is a plausible next MRZ line below a: parallel, similar size, one line-pitch apart, overlapping. */
function neighbours(a: TextLine, b: TextLine): boolean {
  const t = (a.thickness + b.thickness) / 2;
  if (!parallel(a, b, 0.08)) return false;
  if (Math.max(a.thickness, b.thickness) > 1.8 * Math.min(a.thickness, b.thickness)) return false;
  const d = across(a, b);
  if (d < 1.2 * t || d > 3.2 * t) return false;
  const la = length(a);
  const lb = length(b);
  if (Math.min(la, lb) < 0.55 * Math.max(la, lb)) return false;
  const offset = along(a, b);
  const bStart = offset + b.start;
  const bEnd = offset + b.end;
  const overlap = Math.min(a.end, bEnd) - Math.max(a.start, bStart);
  return overlap > 0.6 * Math.min(la, lb);
}

/** Pairs and triples of neighbouring lines, longest first; both orientations are read later. */
function groupLines(lines: TextLine[]): MrzCandidate[] {
  const groups: MrzCandidate[] = [];
  for (const a of lines) {
    for (const other of lines) {
      const b = alignTo(a, other);
      if (other === a || !neighbours(a, b)) continue;
      groups.push({ lines: [a, b] });
      for (const third of lines) {
        const c = alignTo(a, third);
        if (third === a || third === other || !neighbours(b, c)) continue;
        const gap1 = across(a, b);
        const gap2 = across(b, c);
        if (Math.abs(gap1 - gap2) < 0.35 * Math.max(gap1, gap2)) groups.push({ lines: [a, b, c] });
      }
    }
  }
  // Every MRZ line is long: a group is as strong as its shortest line.
  const score = (g: MrzCandidate) => g.lines.length * Math.min(...g.lines.map(length));
  return groups.sort((x, y) => score(y) - score(x)).slice(0, MAX_CANDIDATES);
}
