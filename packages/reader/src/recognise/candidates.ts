import { MRZ_ALPHABET, type LineCandidates } from '@passport-reader/mrz';

/** Candidates kept per character: enough for the corrector's confusions, few enough to search. */
const CANDIDATES_PER_CHAR = 4;
const MIN_CANDIDATE_P = 0.002;

/**
 * The likeliest characters of one position, from unnormalised weights over the MRZ alphabet and
 * their total. Found by insertion: sorting all 37 per character was a measurable share of a read.
 */
export function topCandidates(weights: ArrayLike<number>, total: number): LineCandidates[number] {
  const top: number[] = [];
  for (let k = 0; k < MRZ_ALPHABET.length; k++) {
    if (top.length === CANDIDATES_PER_CHAR && weights[k] <= weights[top[top.length - 1]]) continue;
    let at = top.length;
    while (at > 0 && weights[top[at - 1]] < weights[k]) at--;
    top.splice(at, 0, k);
    if (top.length > CANDIDATES_PER_CHAR) top.pop();
  }
  const sum = total > 0 ? total : 1;
  return top
    .filter((k, rank) => rank === 0 || weights[k] / sum >= MIN_CANDIDATE_P)
    .map((k) => ({ char: MRZ_ALPHABET[k], p: weights[k] / sum }));
}
