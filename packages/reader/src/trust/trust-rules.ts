import type { CorrectionResult } from '@passport-reader/mrz';

// What `valid` needs besides the check digits; the README's "What `valid` promises" says it in prose.

/**
 * `valid` also needs every character that no check digit protects to be clearly the likeliest:
 * only the recogniser's certainty stands behind a name letter (at 0.5, a JPEG q35 copy of a
 * specimen came back valid with `KINGDCM` for `KINGDOM`). Below SURE, such a reading is looked at
 * again in the other tone (secondLook in read-document.ts).
 */
const MIN_UNPROTECTED_P = 0.7;
/**
 * ...and a checked character whose look-alike has its check value (M and W) to be surer still: the
 * check digit is blind to that very confusion, and a font the network never saw made it with
 * M read as W at 0.84.
 */
const MIN_CHECK_BLIND_P = 0.9;
/**
 * ...and an unchecked M, N or W to be surer than the plain bar: a held-out font's M in a name came
 * back N at 0.74, the other tone agreeing, and no check digit or second look could tell.
 */
const MIN_FONT_BLIND_P = 0.8;
/** Unprotected characters at least this likely need no second look. */
export const SURE = 0.9;
/**
 * ...and every character at all to be at least this likely: a check digit passes one random
 * misreading in ten, so agreement among weak guesses is luck, not evidence.
 */
const MIN_CHOSEN_P = 0.2;
/**
 * Characters smaller than this (pitch in original pixels) are below anything the recogniser was
 * trained on (packages/reader/training: 4.5–40 px): it may still read them, but never vouch for them.
 */
export const MIN_TRUSTED_PITCH = 4.5;
/**
 * ...and the likeliest other valid reading to be at least this many times less likely: when two
 * valid readings are close, the check digits picked one, and they pass a wrong one in ten.
 */
const MIN_RIVAL_MARGIN = Math.log(10);

/** The share of the format's check digits that hold: a near miss is likelier the right line layout than noise. */
export function checksHeld(correction: CorrectionResult): number {
  const checks = Object.values(correction.parsed.checks).filter((check) => check !== null);
  return checks.filter(Boolean).length / Math.max(1, checks.length);
}

/**
 * Problems no check digit sees that only a misreading makes: the sex position holds M, F, X or
 * `<` on every document, and a held-out font's `M` there came back `N`, valid by its check digits
 * alone (sex is in no checked range).
 */
const MISREAD_ONLY: ReadonlySet<string> = new Set(['INVALID_SEX']);

/**
 * Whether a reading may be called valid. The search asks without the rival margin (a first, single
 * read is often close to a rival that the averaged re-reads then leave far behind); the final
 * decision after the re-reads asks with it.
 */
export function isTrusted(correction: CorrectionResult, final = false): boolean {
  return (
    correction.parsed.valid &&
    !correction.parsed.problems.some((problem) => MISREAD_ONLY.has(problem.code)) &&
    correction.weakestUnprotected >= MIN_UNPROTECTED_P &&
    correction.weakestCheckBlind >= MIN_CHECK_BLIND_P &&
    correction.weakestFontBlind >= MIN_FONT_BLIND_P &&
    correction.weakest >= MIN_CHOSEN_P &&
    (!final || correction.rivalMargin >= MIN_RIVAL_MARGIN)
  );
}
