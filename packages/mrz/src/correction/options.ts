import { fitsClass, isMrzChar, strictTwin, type CharClass } from '../alphabet.js';
import { MrzCandidateError } from '../errors.js';

export interface CharCandidate {
  char: string;
  /** Recogniser probability in [0, 1]. */
  p: number;
}

/** One array per character position, sorted by p descending. */
export type LineCandidates = CharCandidate[][];

export interface Option extends CharCandidate {
  /** −log p, plus a penalty when the character does not fit the position. */
  cost: number;
}

const MAX_OPTIONS = 3;
/** Below this, a candidate is noise: taking it to satisfy a check digit would be inventing. */
const MIN_PROBABILITY = 0.01;
/**
 * A penalty, not an exclusion, so that a confidently read oddity (Romania's nationality "132")
 * survives: a misfit wins when it is about twenty times likelier than the best fitting reading.
 */
export const MISFIT_PENALTY = -Math.log(0.05);
const FLOOR = 1e-12;

/** The candidates a position may take, cheapest first. The top candidate is always kept. */
export function positionOptions(candidates: readonly CharCandidate[], charClass: CharClass): Option[] {
  const ranked = foldTwins(candidates, charClass)
    .sort((a, b) => b.p - a.p)
    .filter((c, i, sorted) => isMrzChar(c.char) && sorted.findIndex((d) => d.char === c.char) === i);
  if (ranked.length === 0) throw new MrzCandidateError('a position has no candidate from the MRZ alphabet');
  return ranked
    .slice(0, MAX_OPTIONS)
    .filter((candidate, rank) => rank === 0 || candidate.p >= MIN_PROBABILITY)
    .map((candidate) => ({
      char: candidate.char,
      p: candidate.p,
      cost:
        -Math.log(Math.max(candidate.p, FLOOR)) + (fitsClass(candidate.char, charClass) ? 0 : MISFIT_PENALTY),
    }))
    .sort((a, b) => a.cost - b.cost);
}

/**
 * Where ICAO allows only letters (names) or only digits (dates, check digits), a misfit such as
 * '0' in a name is its twin 'O' drawn alike: the recogniser's certainty about the glyph carries
 * over to the twin instead of being spent on an impossible character.
 */
function foldTwins(candidates: readonly CharCandidate[], charClass: CharClass): CharCandidate[] {
  const folded = new Map<string, number>();
  for (const { char, p } of candidates) {
    const target = fitsClass(char, charClass) ? char : (strictTwin(char, charClass) ?? char);
    folded.set(target, (folded.get(target) ?? 0) + p);
  }
  return [...folded].map(([char, p]) => ({ char, p: Math.min(1, p) }));
}
