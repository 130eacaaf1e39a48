import { ReadDeadlineExceeded } from '../errors.js';
import type { Tone } from '../image/decode.js';
import type { Pyramid } from '../image/grey-image.js';
import { lineTouchesEdge } from '../diagnostics.js';
import {
  COARSE_LEVELS,
  DIAGONAL_LEVELS,
  FINE_LEVELS,
  MEDIUM_LEVELS,
  SMALL_LEVELS,
  THOROUGH_LEVELS,
  TINY_LEVELS,
  findMrzCandidates,
  levelsSearched,
  sameGroup,
  type LevelRange,
  type MrzCandidate,
} from '../locate/mrz-candidates.js';
import { extentLayouts, fitBlock, reverseGeometry, withCentres } from '../rectify/block-geometry.js';
import { centresThrough } from '../rectify/cell-grid.js';
import { CELL_WIDTH, type LineGeometry } from '../rectify/line-crop.js';
import { extendLine } from '../rectify/line-extension.js';
import { lineGeometry, measureLine, type LineExtent } from '../rectify/line-geometry.js';
import type { Recogniser } from '../recognise/recogniser.js';
import { checksHeld, isTrusted } from '../trust/trust-rules.js';
import { CELLS_FOR_LINES, LONG_TWO_LINE_CELLS, SHORT_TWO_LINE_CELLS } from './line-counts.js';
import { readSequenceHypotheses, recogniseHypotheses, type Hypothesis } from './read-lines.js';
import {
  conclusive,
  correctSurest,
  jointCorrection,
  MIN_MEAN_CONFIDENCE,
  scoreOf,
  type Reading,
} from './reading.js';
import type { Lap } from './stage-clock.js';
import type { TonePyramids } from './tone-pyramids.js';

export interface SearchOptions {
  today?: Date;
  /** Epoch ms: past it the search stops at its next checkpoint with ReadDeadlineExceeded. */
  deadline?: number;
}

export interface SearchOutcome {
  /** The best reading found; null when nothing read like an MRZ. */
  best: Reading | null;
  /** Whether lines like an MRZ's were found at all. */
  located: boolean;
  /** Whether such lines ran into the edge of the image. */
  cut: boolean;
}

/**
 * The searches, in order, each only while nothing trustworthy has been found: the luma image's
 * levels from small to large, the coarse levels again in the brightest channel (coloured print
 * fades out of it), then the thorough search (45°, slanted rules, the sides of rings and
 * frames between lines) in both, and last the levels turned by 45° cleaned plainly (small print
 * between the axes, which the thorough cleaning breaks up).
 */
const PASSES: Array<{ levels: LevelRange; tone: Tone }> = [
  { levels: TINY_LEVELS, tone: 'luma' },
  { levels: SMALL_LEVELS, tone: 'luma' },
  { levels: MEDIUM_LEVELS, tone: 'luma' },
  { levels: FINE_LEVELS, tone: 'luma' },
  { levels: COARSE_LEVELS, tone: 'brightest' },
  { levels: THOROUGH_LEVELS, tone: 'luma' },
  { levels: THOROUGH_LEVELS, tone: 'brightest' },
  { levels: DIAGONAL_LEVELS, tone: 'luma' },
];

/**
 * Looks for the MRZ and reads it: each pass locates groups of lines, and each group is rectified,
 * recognised and corrected in turn, until a reading is trusted or conclusive.
 */
export async function searchForMrz(
  tones: TonePyramids,
  recogniser: Recogniser,
  options: SearchOptions,
  lap: Lap,
): Promise<SearchOutcome> {
  let t: number;
  let best = null as Reading | null;
  // The lines the best reading was made from.
  let bestGroup = null as MrzCandidate | null;
  let located = false;
  let cut = false;
  const read: Array<{ tone: Tone; group: MrzCandidate }> = [];
  const checkpoint = () => {
    if (options.deadline !== undefined && Date.now() > options.deadline) throw new ReadDeadlineExceeded();
  };
  for (const { levels, tone } of PASSES) {
    checkpoint();
    if (best && (best.trusted || conclusive(best))) break;
    // The thorough and diagonal passes are for MRZs the others could not find or place, not for near misses.
    if (levels.search && best && checksHeld(best.correction) >= 0.5) break;
    // A sure reading whose grid is off the ink (a highlighter band or a drawn frame inking the
    // cells beyond a line's end) is looked at again in the other tone, where coloured marks fade;
    // more levels of the same tone would find the same ink.
    if (best?.sure && tone === best.tone) continue;
    const pyramid = await tones.inTone(tone);
    if (!pyramid) continue;
    // Before the other tone is searched, the sure reading's own lines are read in it: where the
    // marks that kept its grid off the ink fade there, that is enough.
    if (best?.sure && bestGroup) {
      const { reading } = await readGroup(tones, pyramid, tone, bestGroup, recogniser, options, lap);
      if (reading?.trusted) {
        best = reading;
        break;
      }
    }
    if (levelsSearched(pyramid, levels).some((k) => k < pyramid.finestLevel)) await tones.loadFull(pyramid);
    t = performance.now();
    const groups = findMrzCandidates(pyramid, levels);
    lap('locate', null, t);
    located ||= groups.length > 0;
    cut ||= groups.some((group) => group.lines.some((line) => lineTouchesEdge(tones.size, line)));
    const unsure: SequenceCandidate[] = [];
    let nothing = 0;
    for (const group of groups) {
      checkpoint();
      // A later pass finds the same lines again at another level: they read as they did.
      if (read.some((done) => done.tone === tone && sameGroup(done.group, group))) continue;
      read.push({ tone, group });
      const { reading, sequence } = await readGroup(tones, pyramid, tone, group, recogniser, options, lap);
      if (sequence) unsure.push(sequence);
      if (reading && outranks(reading, best)) [best, bestGroup] = [reading, group];
      nothing = reading || sequence ? 0 : nothing + 1;
      if (nothing === NOTHING_IN_A_ROW) break;
      if (best && conclusive(best)) break;
    }
    // Only when no grid of this pass could be trusted are its likeliest MRZs read as sequences, the
    // likeliest at least: a sure grid on the ink may still be a TD2 read from a TD3 whose ends
    // glare hid (it is conclusive for a document whose own check digits fail, not trusted).
    unsure.sort((a, b) => b.sureness - a.sureness);
    for (const candidate of unsure) {
      checkpoint();
      // A sure grid reading off the ink is to be placed on it by a later pass, not read again as
      // sequences: the same characters read again would not put them on the ink either.
      if (best?.trusted || best?.sure) break;
      const reading = await readAsSequences(pyramid, tone, candidate, recogniser, options, lap);
      // A sure grid on the ink (a document whose own check digits fail) gives way only to trust.
      const keep = best && conclusive(best) && !reading?.trusted;
      if (reading && !keep && outranks(reading, best)) [best, bestGroup] = [reading, candidate.group];
      if (best && conclusive(best)) break;
    }
  }
  return { best, located, cut };
}

/**
 * After this many groups in a row that read as no MRZ at all, a pass reads no more of its groups:
 * they come most MRZ-like first (long lines), and the rest of a page of print is more print. In
 * the 320 synthetic photos and the 42 specimens no reading came after more than one such group.
 */
const NOTHING_IN_A_ROW = 4;

/**
 * Whether a reading found later should replace the best so far. A sure reading whose grid is off
 * the ink gives way only to a trusted one: another reading as sure and as far off the ink is no
 * better evidence, however confident (a TD3 whose thumb-covered end made its grid fail the ink,
 * and the same lines read as a TD2 whose composite digit held by chance).
 */
function outranks(reading: Reading, best: Reading | null): boolean {
  if (!best) return true;
  if (best.sure && !reading.trusted) return false;
  return reading.score > best.score;
}

/** A group whose grids were not trusted but read like an MRZ: worth reading as sequences. */
interface SequenceCandidate {
  group: MrzCandidate;
  measured: LineExtent[];
  /** The direction the surest grid reading ran in (the cell network reads a line turned round as noise). */
  reversed: boolean;
  sureness: number;
}

/**
 * Reads one group of lines under every hypothesis the geometry leaves open (cell count, reading
 * direction, per-line or shared extents) and keeps the reading the recogniser is surest of.
 * The likeliest hypotheses are read first and the search stops at a trusted reading (see
 * readingOrder; upright documents, the common case, are read once). Untrusted, a group that reads
 * like an MRZ is returned as a candidate for reading as sequences. Lines too thin for a shrunk
 * decode are read from the full-size image.
 */
async function readGroup(
  tones: TonePyramids,
  pyramid: Pyramid,
  tone: Tone,
  group: MrzCandidate,
  recogniser: Recogniser,
  options: SearchOptions,
  lap: Lap,
): Promise<{ reading: Reading | null; sequence?: SequenceCandidate }> {
  // Crops take about CELL_WIDTH samples per character, and a line is about a character thick.
  const thinnest = Math.min(...group.lines.map((line) => line.thickness));
  if (pyramid.coarserThan(thinnest / CELL_WIDTH)) await tones.loadFull(pyramid);
  const t = performance.now();
  const extents = group.lines.map((line) => measureLine(pyramid, line));
  if (extents.some((e) => e === null)) return lap('rectify', { reading: null }, t);
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
  const { stages, probed } = readingOrder(forwards, reverses, layouts.length);
  const seen: Hypothesis[] = [];
  let best: Reading | null = null;
  for (const [i, stage] of stages.entries()) {
    if (stage.length > 0) {
      seen.push(...(await recogniseHypotheses(pyramid, stage, recogniser, lap)));
      best = correctSurest(pyramid, tone, 'cells', seen, options, lap);
      if (best?.trusted) break;
    }
    if (i === probed && !seen.some((h) => h.sureness >= MIN_MEAN_CONFIDENCE)) break;
  }
  if (!best?.trusted) {
    const longer = await readLonger(pyramid, tone, seen, recogniser, options, lap);
    if (longer && outranks(longer, best)) best = longer;
  }
  const surest = surestOf(seen);
  if (best?.trusted || !surest || surest.sureness < SEQUENCE_WORTH_TRYING) return { reading: best };
  const along = surest.geometries[0].ux * group.lines[0].ux + surest.geometries[0].uy * group.lines[0].uy;
  return { reading: best, sequence: { group, measured, reversed: along < 0, sureness: surest.sureness } };
}

/**
 * The order in which a group's hypotheses are read, in stages (a trusted reading ends it).
 * Lines whose characters were followed at one cell count are most likely of that count: those
 * first, then the other counts, then the reversed direction. Otherwise the likeliest layout of
 * each count (the measured ends) in the found direction, then reversed; where neither reads as
 * an MRZ does at all (MIN_MEAN_CONFIDENCE) the group is a block of print and its other layouts
 * are not read (they are the same lines a cell longer or shorter); else the rest, as before.
 */
function readingOrder(
  forwards: LineGeometry[][],
  reverses: LineGeometry[][],
  layouts: number,
): { stages: LineGeometry[][][]; probed?: number } {
  const followed = forwards.filter((h) => h[0].centres);
  if (followed.length > 0) {
    return {
      stages: [followed, forwards.filter((h) => !h[0].centres), reverses].filter((h) => h.length > 0),
    };
  }
  const likeliest = (_: unknown, i: number) => i % layouts === 0;
  const rest = (_: unknown, i: number) => i % layouts !== 0;
  // The index of the stage after which the group may be given up: the second.
  return {
    stages: [
      forwards.filter(likeliest),
      reverses.filter(likeliest),
      forwards.filter(rest),
      reverses.filter(rest),
    ],
    probed: 1,
  };
}

function surestOf(hypotheses: Hypothesis[]): Hypothesis | null {
  return hypotheses.reduce<Hypothesis | null>((a, h) => (!a || h.sureness > a.sureness ? h : a), null);
}

/**
 * The surest two-line reading of the shorter format (36 cells), carried on by the difference at
 * its start or at its end and read as the longer one (44): glare or a faint run of fillers hides
 * the end of a TD3's or an MRV-A's lines, whose characters then fill a TD2's 36 cells at the
 * right pitch. Read only once nothing was trusted; corrected apart from the hypotheses read so
 * far, whose surest 44-cell reading (the line squeezed into 44 cells) would otherwise stand for
 * the count.
 */
async function readLonger(
  pyramid: Pyramid,
  tone: Tone,
  seen: Hypothesis[],
  recogniser: Recogniser,
  options: SearchOptions,
  lap: Lap,
): Promise<Reading | null> {
  const surest = surestOf(
    seen.filter((h) => h.geometries.length === 2 && h.geometries[0].cells === SHORT_TWO_LINE_CELLS),
  );
  if (!surest || surest.sureness < SEQUENCE_WORTH_TRYING) return null;
  const missing = LONG_TWO_LINE_CELLS - SHORT_TWO_LINE_CELLS;
  const extended = [
    surest.geometries.map((g) => extendLine(g, missing, 0)),
    surest.geometries.map((g) => extendLine(g, 0, missing)),
  ];
  // Each end corrected on its own: the wrong one reads the paper beyond the line as fillers, as
  // surely as the right one reads the hidden end, so sureness cannot choose between them.
  const readings = (await recogniseHypotheses(pyramid, extended, recogniser, lap)).map((h) =>
    correctSurest(pyramid, tone, 'cells', [h], options, lap),
  );
  return readings.reduce<Reading | null>((a, r) => (r && outranks(r, a) ? r : a), null);
}

/**
 * No grid was trusted: perhaps none sat on the characters. The lines are read as sequences, which
 * needs only their ends and pitch roughly, and cells are put where the sequence model saw the
 * characters and read there too. Of both, the better reading.
 */
async function readAsSequences(
  pyramid: Pyramid,
  tone: Tone,
  { group, measured, reversed }: SequenceCandidate,
  recogniser: Recogniser,
  options: SearchOptions,
  lap: Lap,
): Promise<Reading | null> {
  const counts = CELLS_FOR_LINES[group.lines.length] ?? [];
  const straight = counts.map((cells) => {
    const lines = group.lines.map((line, i) => lineGeometry(line, measured[i], cells, reversed));
    return reversed ? lines.reverse() : lines;
  });
  // Each line's cells where the sequence network saw its characters: the reading's geometry (its
  // region, its perspective) and where the cell network reads it too.
  const sequences = (await readSequenceHypotheses(pyramid, straight, recogniser, lap)).map((h) => ({
    ...h,
    geometries: h.geometries.map((g, l) => {
      const centres = centresThrough(
        g,
        Array.from(h.positions![l], (along) => ({ along, across: 0 })),
      );
      return centres ? withCentres(g, centres) : g;
    }),
  }));
  const cellReads = await recogniseHypotheses(
    pyramid,
    sequences.map((h) => h.geometries),
    recogniser,
    lap,
  );
  const byCells = correctSurest(
    pyramid,
    tone,
    'cells',
    cellReads.filter((h) => h.geometries.every((g) => g.centres)),
    options,
    lap,
  );
  let bySequence = correctSurest(pyramid, tone, 'sequence', sequences, options, lap);
  if (bySequence) {
    // Vouched for only where the cells read there agree (see cellsAgree).
    const cells = cellReads[sequences.findIndex((h) => h.candidates === bySequence!.candidates)].candidates;
    const joint = jointCorrection(bySequence.correction, bySequence.candidates, cells, options);
    const agree = joint !== null && isTrusted(joint);
    const sure = bySequence.sure && agree;
    const trusted = bySequence.trusted && agree;
    bySequence = { ...bySequence, sure, trusted, score: scoreOf(bySequence.correction, sure, trusted) };
  }
  return !byCells || (bySequence && bySequence.score > byCells.score) ? bySequence : byCells;
}

/**
 * Below this surest grid reading, the lines are not an MRZ the sequence model would read either:
 * where it then read one, the grid had read it at 0.86 or more; lines of a printed page read 0.6 at most.
 */
const SEQUENCE_WORTH_TRYING = 0.7;
