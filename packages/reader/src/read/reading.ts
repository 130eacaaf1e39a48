import { correctMrz, type CorrectionResult, type LineCandidates } from '@passport-reader/mrz';
import type { Tone } from '../image/decode.js';
import type { Pyramid } from '../image/grey-image.js';
import { rawCrop, shiftGeometry, type LineGeometry } from '../rectify/line-crop.js';
import type { Recogniser } from '../recognise/recogniser.js';
import { gridMatchesInk, linesEndWhereRead } from '../trust/grid-matches-ink.js';
import { checksHeld, isTrusted, MIN_TRUSTED_PITCH, SURE } from '../trust/trust-rules.js';
import { readAs, type Hypothesis, type ReadBy } from './read-lines.js';
import { SHORT_TWO_LINE_CELLS } from './line-counts.js';
import type { Lap } from './stage-clock.js';

/** Below this mean top-candidate probability a reading is noise, not an MRZ. */
export const MIN_MEAN_CONFIDENCE = 0.6;

/**
 * A reading this sure ends the search early when it is valid, or when its cells sit on the
 * characters (gridMatchesInk): then the document's own check digits are wrong (a specimen, a mock
 * card), and other levels and tones would only read the same characters again.
 */
const CONFIDENT = 0.9;

export interface Reading {
  by: ReadBy;
  /** The image the reading was made on (one tone of the photo). */
  pyramid: Pyramid;
  tone: Tone;
  correction: CorrectionResult;
  geometries: LineGeometry[];
  candidates: LineCandidates[];
  /** Mean probability of the recogniser's first choices: how much this looks like an MRZ at all. */
  sureness: number;
  /** Valid by its check digits and read surely enough for the promise that `valid` makes... */
  sure: boolean;
  /** ...and, read on a grid of cells, the grid sits on the ink (see gridMatchesInk). */
  trusted: boolean;
  score: number;
}

/**
 * Corrects the surest hypothesis of each cell count and keeps the best: the network reads a
 * 44-character line squeezed into 36 cells with disturbing confidence, so only the check digits
 * can tell them apart. (Correcting more hypotheses per count gives the check digits more chances
 * to pass a wrong layout: on a mock card whose own digits fail, a pair of its lines read as a TD2
 * then held more digits than the true reading.)
 */
export function correctSurest(
  pyramid: Pyramid,
  tone: Tone,
  by: ReadBy,
  hypotheses: Hypothesis[],
  options: { today?: Date },
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
  for (const hypothesis of ranked) {
    const verdict = verdictOf(pyramid, by, hypothesis, options);
    if (verdict && (!best || verdict.score > best.score)) {
      const { geometries, candidates, sureness } = hypothesis;
      best = { by, pyramid, tone, geometries, candidates, sureness, ...verdict };
    }
  }
  return lap('correct', best, t);
}

type Verdict = Pick<Reading, 'correction' | 'sure' | 'trusted' | 'score'>;

/** Verdicts already reached, by hypothesis: a group's later stages correct the surest of all read so far again. */
const verdicts = new WeakMap<Hypothesis, Verdict | null>();

/** A hypothesis corrected and judged; null when it corrects to no MRZ. */
function verdictOf(
  pyramid: Pyramid,
  by: ReadBy,
  hypothesis: Hypothesis,
  options: { today?: Date },
): Verdict | null {
  const known = verdicts.get(hypothesis);
  if (known !== undefined) return known;
  let correction: CorrectionResult | null = null;
  try {
    correction = correctMrz(hypothesis.candidates, { today: options.today });
  } catch {
    // no MRZ of any format within the corrector's budget
  }
  let verdict: Verdict | null = null;
  if (correction) {
    const sure = isTrusted(correction);
    // A grid one cell off, or stopping short of the line's end, can keep every check digit (an
    // MRV-A read as an MRV-B; a TD3 whose glare-hidden end leaves a TD2's 36 characters, read as
    // a sequence): trusted only on the ink, so the search goes on to the right reading.
    const trusted = sure && onInk(by, pyramid, hypothesis.geometries);
    verdict = { correction, sure, trusted, score: scoreOf(correction, sure, trusted) };
  }
  verdicts.set(hypothesis, verdict);
  return verdict;
}

/** How readings rank: trusted, then sure, then by the share of check digits held and confidence. */
export function scoreOf(correction: CorrectionResult, sure: boolean, trusted: boolean): number {
  return (trusted ? 1 : 0) + (sure ? 1 : 0) + 0.5 * checksHeld(correction) + correction.confidence;
}

/**
 * Whether a reading sits on the ink it was read from. A grid must (gridMatchesInk). A sequence's
 * cells are only roughly where its characters are, so only a two-line reading of the shorter
 * length must show that its lines end where it read them: the first 36 characters of a TD3 or
 * an MRV-A whose ends glare hid keep a TD2's or an MRV-B's check digits.
 */
function onInk(by: ReadBy, pyramid: Pyramid, geometries: LineGeometry[]): boolean {
  const raw = () => geometries.map((g) => rawCrop(pyramid, g));
  if (by === 'cells') return gridMatchesInk(pyramid, geometries, raw());
  const truncatable = geometries.length === 2 && geometries[0].cells === SHORT_TWO_LINE_CELLS;
  return !truncatable || linesEndWhereRead(pyramid, geometries, raw());
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
export async function rereadJittered(
  reading: Reading,
  recogniser: Recogniser,
  options: { today?: Date },
  lap: Lap,
): Promise<Reading> {
  const shifted = JITTER.flatMap(([along, across]) =>
    reading.geometries.map((g) => shiftGeometry(g, along, across)),
  );
  const lines = await readAs(reading.by, reading.pyramid, shifted, recogniser, lap);
  // a sequence that no longer shows its line's length under a shift was squeezed to fit, not read
  if (!lines) return { ...reading, trusted: false };
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
  let trusted = isTrusted(correction, true) && reading.geometries.every((g) => g.pitch >= MIN_TRUSTED_PITCH);
  lap('correct', null, t);
  if (trusted && reading.by === 'sequence') {
    trusted = await cellsAgree(reading, averaged, correction, recogniser, options, lap);
  }
  return { ...reading, candidates: averaged, correction, trusted };
}

/**
 * A sequence reading is vouched for only if the cell network, reading cells put where the sequence
 * network saw the characters, makes the same reading of the two networks' joint evidence: each
 * character as likely as the less sure network finds it. The sequence network's probabilities are
 * those of one peaked frame and run high: it read a held-out font's M as W at 0.99 where the cells
 * said 0.84 (the check digit cannot tell M from W), and a JPEG q35 specimen's nationality NLD as the
 * state code MLD.
 */
export async function cellsAgree(
  reading: Reading,
  candidates: LineCandidates[],
  correction: CorrectionResult,
  recogniser: Recogniser,
  options: { today?: Date },
  lap: Lap,
): Promise<boolean> {
  const cells = (await readAs('cells', reading.pyramid, reading.geometries, recogniser, lap))!;
  const t = performance.now();
  const joint = jointCorrection(correction, candidates, cells, options);
  return lap('correct', joint !== null && isTrusted(joint, true), t);
}

/**
 * What the corrector makes of both networks' lower probabilities, when that is the same reading;
 * null when it is another one (the networks disagree).
 */
export function jointCorrection(
  correction: CorrectionResult,
  sequence: LineCandidates[],
  cells: LineCandidates[],
  options: { today?: Date },
): CorrectionResult | null {
  const joint = sequence.map((line, l) =>
    line.map((position, i) =>
      position
        .map(({ char, p }) => ({ char, p: Math.min(p, cells[l][i].find((c) => c.char === char)?.p ?? 0) }))
        .filter((c) => c.p > 0)
        .sort((a, b) => b.p - a.p),
    ),
  );
  if (joint.some((line) => line.some((position) => position.length === 0))) return null;
  try {
    const both = correctMrz(joint, { today: options.today });
    return both.lines.every((line, l) => line === correction.lines[l]) ? both : null;
  } catch {
    return null;
  }
}

/**
 * A trusted reading with an unprotected character below SURE is read once more in the other tone
 * (luma or brightest channel), at the same cells, and stays trusted only if every character it
 * was not sure of is the other reading's first choice too. A coloured stamp or highlighter over
 * a name letter changes the glyph in one tone and fades in the other: a letter guessed under a
 * stamp (T for I at 0.79) is then read differently, and the reading is no longer vouched for.
 */
export async function secondLook(
  reading: Reading,
  other: Pyramid,
  recogniser: Recogniser,
  lap: Lap,
): Promise<Reading> {
  const lines = await readAs(reading.by, other, reading.geometries, recogniser, lap);
  if (!lines) return { ...reading, trusted: false };
  const agree = reading.correction.lines.every((line, l) =>
    [...line].every((char, i) => {
      const p = reading.candidates[l][i].find((c) => c.char === char)?.p ?? 0;
      return p >= SURE || lines[l][i][0].char === char;
    }),
  );
  return agree ? reading : { ...reading, trusted: false };
}

function averageCandidates(runs: LineCandidates[number][]): LineCandidates[number] {
  const sums = new Map<string, number>();
  for (const run of runs)
    for (const { char, p } of run) sums.set(char, (sums.get(char) ?? 0) + p / runs.length);
  return [...sums].map(([char, p]) => ({ char, p })).sort((a, b) => b.p - a.p);
}

/**
 * Sure enough that no other pass will read it better (see CONFIDENT). An untrusted sequence reading
 * never is: a later pass may find the lines at a level where the grid sits on them.
 */
export function conclusive(reading: Reading): boolean {
  if (reading.correction.confidence < CONFIDENT) return false;
  if (reading.trusted) return true;
  if (reading.by === 'sequence') return false;
  const { pyramid, geometries } = reading;
  return gridMatchesInk(
    pyramid,
    geometries,
    geometries.map((g) => rawCrop(pyramid, g)),
  );
}
