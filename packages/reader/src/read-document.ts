import { correctMrz, fieldRanges, type CorrectionResult, type LineCandidates } from '@passport-reader/mrz';
import { decodeImage, DEFAULT_DECODE_LIMITS, type DecodeLimits, type Tone } from './image/decode.js';
import { Pyramid, sameImage } from './image/grey-image.js';
import { ReadError } from './errors.js';
import {
  COARSE_LEVELS,
  FINE_LEVELS,
  MEDIUM_LEVELS,
  SMALL_LEVELS,
  THOROUGH_LEVELS,
  TINY_LEVELS,
  findMrzCandidates,
  sameGroup,
  type LevelRange,
  type MrzCandidate,
} from './locate/mrz-candidates.js';
import { diagnose, lineTouchesEdge, notFound } from './diagnostics.js';
import { extentLayouts, fitBlock, reverseGeometry, withCentres } from './rectify/block-geometry.js';
import { cropLine, rawCrop, shiftGeometry, type LineGeometry } from './rectify/line-crop.js';
import { lineGeometry, measureLine, type LineExtent } from './rectify/line-geometry.js';
import type { Recogniser } from './recognise/recogniser.js';
import type { MrzRegion, ReadResult, ReadTimings } from './result.js';
import { gridMatchesInk } from './trust/grid-matches-ink.js';
import { checksHeld, isTrusted, MIN_TRUSTED_PITCH, SURE } from './trust/trust-rules.js';

export interface ReadOptions {
  limits?: DecodeLimits;
  /** Reference date for the century of dates of birth and expiry; now by default. */
  today?: Date;
}

/**
 * The searches, in order, each only while nothing trustworthy has been found: the luma image's
 * levels from small to large, the coarse levels again in the brightest channel (coloured print
 * fades out of it), and last the thorough search (45°, slanted rules, the sides of rings and
 * frames between lines) in both.
 */
const PASSES: Array<{ levels: LevelRange; tone: Tone }> = [
  { levels: TINY_LEVELS, tone: 'luma' },
  { levels: SMALL_LEVELS, tone: 'luma' },
  { levels: MEDIUM_LEVELS, tone: 'luma' },
  { levels: FINE_LEVELS, tone: 'luma' },
  { levels: COARSE_LEVELS, tone: 'brightest' },
  { levels: THOROUGH_LEVELS, tone: 'luma' },
  { levels: THOROUGH_LEVELS, tone: 'brightest' },
];

/** Cell counts a group of lines can have: TD1 is 3×30; TD2/MRV-B are 2×36; TD3/MRV-A are 2×44. */
const CELLS_FOR_LINES: Record<number, number[]> = { 2: [36, 44], 3: [30] };

/** Below this mean top-candidate probability a reading is noise, not an MRZ. */
const MIN_MEAN_CONFIDENCE = 0.6;
/**
 * A reading this sure ends the search early when it is valid, or when its cells sit on the
 * characters (gridMatchesInk): then the document's own check digits are wrong (a specimen, a mock
 * card), and other levels and tones would only read the same characters again.
 */
const CONFIDENT = 0.9;

interface Reading {
  /** The image the reading was made on (one tone of the photo). */
  pyramid: Pyramid;
  tone: Tone;
  correction: CorrectionResult;
  geometries: LineGeometry[];
  candidates: LineCandidates[];
  /** Mean probability of the recogniser's first choices: how much this looks like an MRZ at all. */
  sureness: number;
  /** Valid, and read surely enough for the promise that `valid` makes. */
  trusted: boolean;
  score: number;
}

/** Reads the MRZ of one image; throws ReadError with a contract code when it cannot. */
export async function readDocument(
  bytes: Uint8Array,
  recogniser: Recogniser,
  options: ReadOptions = {},
): Promise<ReadResult> {
  const timings: ReadTimings = { total: 0, decode: 0, locate: 0, rectify: 0, recognise: 0, correct: 0 };
  const started = performance.now();
  const lap = <T>(stage: keyof ReadTimings, value: T, since: number): T => {
    timings[stage] += performance.now() - since;
    return value;
  };

  let t = performance.now();
  const { image } = await decodeImage(bytes, options.limits ?? DEFAULT_DECODE_LIMITS);
  lap('decode', null, t);
  if (image.width < 40 || image.height < 10) {
    throw new ReadError(
      'NO_MRZ',
      `The image is ${image.width}×${image.height} pixels: too small to hold an MRZ.`,
    );
  }

  const pyramids = new Map<Tone, Pyramid | null>([['luma', new Pyramid(image)]]);
  /** The image in one tone, decoded once; null for a tone that shows nothing luma does not (a grey image). */
  const inTone = async (tone: Tone): Promise<Pyramid | null> => {
    if (!pyramids.has(tone)) {
      const since = performance.now();
      const decoded = await decodeImage(bytes, options.limits ?? DEFAULT_DECODE_LIMITS, tone);
      pyramids.set(
        tone,
        lap('decode', sameImage(decoded.image, image) ? null : new Pyramid(decoded.image), since),
      );
    }
    return pyramids.get(tone)!;
  };
  let best: Reading | null = null;
  let located = false;
  let cut = false;
  const read: Array<{ tone: Tone; group: MrzCandidate }> = [];
  for (const { levels, tone } of PASSES) {
    if (best && (best.trusted || conclusive(best))) break;
    // The thorough pass is for MRZs the others could not find or place, not for near misses.
    if (levels === THOROUGH_LEVELS && best && checksHeld(best.correction) >= 0.5) break;
    const pyramid = await inTone(tone);
    if (!pyramid) continue;
    t = performance.now();
    const groups = findMrzCandidates(pyramid, levels);
    lap('locate', null, t);
    located ||= groups.length > 0;
    cut ||= groups.some((group) => group.lines.some((line) => lineTouchesEdge(image, line)));
    for (const group of groups) {
      // A later pass finds the same lines again at another level: they read as they did.
      if (read.some((done) => done.tone === tone && sameGroup(done.group, group))) continue;
      read.push({ tone, group });
      const reading = await readGroup(pyramid, tone, group, recogniser, options, lap);
      if (reading && (!best || reading.score > best.score)) best = reading;
      if (best && conclusive(best)) break;
    }
  }
  if (!best) {
    throw new ReadError(
      'NO_MRZ',
      cut
        ? CUT_MESSAGE
        : located
          ? 'Lines like a machine-readable zone were found but could not be read.'
          : 'No machine-readable zone was found in the image.',
      notFound(located, cut),
    );
  }
  best = await rereadJittered(best, recogniser, options, lap);
  if (best.trusted && best.correction.weakestUnprotected < SURE) {
    const other = await inTone(best.tone === 'luma' ? 'brightest' : 'luma');
    // A grey image looks the same in both tones: a second look would only repeat the first.
    if (other) best = await secondLook(best, other, recogniser, lap);
  }
  const { correction, geometries } = best;
  const { pyramid } = best;
  const raw = geometries.map((g) => rawCrop(pyramid, g));
  const diagnostics = diagnose(image, geometries, raw);
  // A grid that lost its place reads an empty cell as a filler, or stops short of the line's end
  // (an MRV-A read as MRV-B keeps every check digit): such a reading is never vouched for.
  if (best.trusted && !gridMatchesInk(pyramid, geometries, raw)) best = { ...best, trusted: false };
  if (!best.trusted && diagnostics.cutAtEdge) {
    // A line that runs into the edge was stretched to the format's length: its reading is noise.
    throw new ReadError('NO_MRZ', CUT_MESSAGE, diagnostics);
  }
  timings.total = performance.now() - started;
  return {
    format: correction.parsed.format,
    mrz: correction.lines,
    valid: best.trusted,
    checks: correction.parsed.checks,
    fields: correction.parsed.fields,
    confidence: round(correction.confidence, 3),
    region: regionOf(geometries),
    fieldConfidence: fieldConfidenceOf(correction, best.candidates),
    diagnostics,
    timingsMs: roundTimings(timings),
  };
}

const CUT_MESSAGE =
  'The machine-readable zone is cut off at the edge of the image; take the photo with the whole code inside.';

type Lap = <T>(stage: keyof ReadTimings, value: T, since: number) => T;

/**
 * Reads one group of lines under every hypothesis the geometry leaves open (cell count, reading
 * direction, per-line or shared extents) and keeps the reading the recogniser is surest of.
 * The likeliest hypotheses are read first and the search stops at a trusted reading: the cell
 * count whose characters could be followed, then the other counts in the direction the line was
 * found in, then the reversed direction (upright documents, the common case, are read once).
 */
async function readGroup(
  pyramid: Pyramid,
  tone: Tone,
  group: MrzCandidate,
  recogniser: Recogniser,
  options: ReadOptions,
  lap: Lap,
): Promise<Reading | null> {
  const t = performance.now();
  const extents = group.lines.map((line) => measureLine(pyramid, line));
  if (extents.some((e) => e === null)) return lap('rectify', null, t);
  const measured = extents as LineExtent[];
  const layouts = extentLayouts(group.lines, measured);
  const forwards: LineGeometry[][] = [];
  const reverses: LineGeometry[][] = [];
  for (const cells of CELLS_FOR_LINES[group.lines.length] ?? []) {
    for (const layout of layouts) {
      const forward = group.lines.map((line, i) => lineGeometry(line, layout[i], cells, false));
      // Where every line shows exactly `cells` characters, the cells are put where they are
      // (pitch drifting under perspective, centre following a curled page) instead of on a
      // straight line of one pitch between the measured ends.
      const fitted = layout === layouts[0] ? fitBlock(pyramid, forward) : null;
      const geometries = fitted && forward.map((g, i) => withCentres(g, fitted[i]));
      if (geometries) {
        forwards.push(geometries);
        reverses.push(geometries.map(reverseGeometry).reverse());
      } else {
        forwards.push(forward);
        reverses.push(group.lines.map((line, i) => lineGeometry(line, layout[i], cells, true)).reverse());
      }
    }
  }
  lap('rectify', null, t);
  // Lines whose characters were followed at one cell count are most likely of that count.
  const followed = forwards.filter((h) => h[0].centres);
  const stages = [followed, forwards.filter((h) => !h[0].centres), reverses].filter((h) => h.length > 0);
  const seen: Hypothesis[] = [];
  let best: Reading | null = null;
  for (const stage of stages) {
    seen.push(...(await recogniseHypotheses(pyramid, stage, recogniser, lap)));
    best = correctSurest(pyramid, tone, seen, options, lap);
    if (best?.trusted) break;
  }
  return best;
}

interface Hypothesis {
  geometries: LineGeometry[];
  candidates: LineCandidates[];
  /** Mean probability of the recogniser's first choices. */
  sureness: number;
}

/** Crops and reads every hypothesis, one batch per cell count. */
async function recogniseHypotheses(
  pyramid: Pyramid,
  hypotheses: LineGeometry[][],
  recogniser: Recogniser,
  lap: Lap,
): Promise<Hypothesis[]> {
  let t = performance.now();
  const crops = hypotheses.map((geometries) => geometries.map((g) => cropLine(pyramid, g)));
  lap('rectify', null, t);

  t = performance.now();
  const read: LineCandidates[][] = [];
  for (const cells of new Set(hypotheses.map((h) => h[0].cells))) {
    const indices = hypotheses.flatMap((h, i) => (h[0].cells === cells ? [i] : []));
    const lines = await recogniser.recognise(
      indices.flatMap((i) => crops[i]),
      cells,
    );
    indices.forEach((hypothesis, k) => {
      const perLine = hypotheses[hypothesis].length;
      read[hypothesis] = lines.slice(k * perLine, (k + 1) * perLine);
    });
  }
  return lap(
    'recognise',
    hypotheses.map((geometries, i) => ({ geometries, candidates: read[i], sureness: meanTopOf(read[i]) })),
    t,
  );
}

/**
 * Corrects the surest hypothesis of each cell count and keeps the best: the network reads a
 * 44-character line squeezed into 36 cells with disturbing confidence, so only the check digits
 * can tell them apart. (Correcting more hypotheses per count gives the check digits more chances
 * to pass a wrong layout: on a mock card whose own digits fail, a pair of its lines read as a TD2
 * then held more digits than the true reading.)
 */
function correctSurest(
  pyramid: Pyramid,
  tone: Tone,
  hypotheses: Hypothesis[],
  options: ReadOptions,
  lap: Lap,
): Reading | null {
  const t = performance.now();
  const ranked = hypotheses
    .filter((h) => h.sureness >= MIN_MEAN_CONFIDENCE)
    .sort((a, b) => b.sureness - a.sureness)
    .filter(
      (h, i, all) => all.findIndex((other) => other.geometries[0].cells === h.geometries[0].cells) === i,
    );
  let best: Reading | null = null;
  for (const { geometries, candidates, sureness } of ranked) {
    let correction: CorrectionResult;
    try {
      correction = correctMrz(candidates, { today: options.today });
    } catch {
      continue;
    }
    const trusted = isTrusted(correction);
    const score = (trusted ? 1 : 0) + 0.5 * checksHeld(correction) + correction.confidence;
    if (!best || score > best.score) {
      best = { pyramid, tone, correction, geometries, candidates, sureness, trusted, score };
    }
  }
  return lap('correct', best, t);
}

/** Sub-cell shifts of the chosen geometry, read and averaged: one crop's luck is not evidence. */
const JITTER: Array<[along: number, across: number]> = [
  [-0.15, 0],
  [0.15, 0],
  [0, -0.1],
  [0, 0.1],
];

/**
 * Reads the chosen lines again at slightly shifted positions and averages the probabilities with
 * the first reading. A character the network is sure of survives the shift; one it guessed at
 * does not, so the averaged candidates tell `valid` which is which, and correction gets a second
 * opinion where the first crop was unlucky.
 */
async function rereadJittered(
  reading: Reading,
  recogniser: Recogniser,
  options: ReadOptions,
  lap: Lap,
): Promise<Reading> {
  const shifted = JITTER.flatMap(([along, across]) =>
    reading.geometries.map((g) => shiftGeometry(g, along, across)),
  );
  const lines = await readLines(reading.pyramid, shifted, recogniser, lap);
  const t = performance.now();
  const runs = [
    reading.candidates,
    ...JITTER.map((_, k) => lines.slice(k * reading.geometries.length, (k + 1) * reading.geometries.length)),
  ];
  const averaged = reading.candidates.map((line, l) =>
    line.map((_, i) => averageCandidates(runs.map((run) => run[l][i]))),
  );
  let correction: CorrectionResult;
  try {
    correction = correctMrz(averaged, { today: options.today });
  } catch {
    return lap('correct', reading, t);
  }
  const trusted =
    isTrusted(correction, true) && reading.geometries.every((g) => g.pitch >= MIN_TRUSTED_PITCH);
  return lap('correct', { ...reading, candidates: averaged, correction, trusted }, t);
}

/**
 * A trusted reading with an unprotected character below SURE is read once more in the other tone
 * (luma or brightest channel), at the same cells, and stays trusted only if every character it
 * was not sure of is the other reading's first choice too. A coloured stamp or highlighter over
 * a name letter changes the glyph in one tone and fades in the other: a letter guessed under a
 * stamp (T for I at 0.79) is then read differently, and the reading is no longer vouched for.
 */
async function secondLook(
  reading: Reading,
  other: Pyramid,
  recogniser: Recogniser,
  lap: Lap,
): Promise<Reading> {
  const lines = await readLines(other, reading.geometries, recogniser, lap);
  const agree = reading.correction.lines.every((line, l) =>
    [...line].every((char, i) => {
      const p = reading.candidates[l][i].find((c) => c.char === char)?.p ?? 0;
      return p >= SURE || lines[l][i][0].char === char;
    }),
  );
  return agree ? reading : { ...reading, trusted: false };
}

/** Crops lines of one cell count from one image and reads them in one batch. */
async function readLines(
  pyramid: Pyramid,
  geometries: LineGeometry[],
  recogniser: Recogniser,
  lap: Lap,
): Promise<LineCandidates[]> {
  let t = performance.now();
  const crops = lap(
    'rectify',
    geometries.map((g) => cropLine(pyramid, g)),
    t,
  );
  t = performance.now();
  return lap('recognise', await recogniser.recognise(crops, geometries[0].cells), t);
}

function averageCandidates(runs: LineCandidates[number][]): LineCandidates[number] {
  const sums = new Map<string, number>();
  for (const run of runs)
    for (const { char, p } of run) sums.set(char, (sums.get(char) ?? 0) + p / runs.length);
  return [...sums].map(([char, p]) => ({ char, p })).sort((a, b) => b.p - a.p);
}

/** Sure enough that no other pass will read it better (see CONFIDENT). */
function conclusive(reading: Reading): boolean {
  if (reading.correction.confidence < CONFIDENT) return false;
  if (reading.trusted) return true;
  const { pyramid, geometries } = reading;
  return gridMatchesInk(
    pyramid,
    geometries,
    geometries.map((g) => rawCrop(pyramid, g)),
  );
}

/** Each field's weakest character as read, and whether a check digit covers it. */
function fieldConfidenceOf(
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

function meanTopOf(lines: LineCandidates[]): number {
  const tops = lines.flatMap((line) => line.map((position) => position[0].p));
  return tops.reduce((sum, p) => sum + p, 0) / Math.max(1, tops.length);
}

function regionOf(geometries: LineGeometry[]): MrzRegion {
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

function roundTimings(timings: ReadTimings): ReadTimings {
  const rounded = { ...timings };
  for (const key of Object.keys(rounded) as Array<keyof ReadTimings>) rounded[key] = round(rounded[key], 1);
  return rounded;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
