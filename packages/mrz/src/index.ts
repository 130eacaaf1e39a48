/**
 * ICAO 9303 machine-readable zones: formats as field tables, one parsing engine over them, check
 * digits, and an OCR corrector that searches the recogniser's candidates under the check digits.
 * Pure: no I/O, no Node-only APIs.
 */
export { MRZ_ALPHABET } from './alphabet.js';
export { checkDigit } from './check-digit.js';
export { correctMrz, type CorrectionResult } from './correct.js';
export type { CharCandidate, LineCandidates } from './correction/options.js';
export { isKnownCountryCode, KNOWN_COUNTRY_CODES } from './country-codes.js';
export {
  MrzCandidateError,
  MrzCharacterError,
  MrzError,
  MrzShapeError,
  type MrzErrorCode,
} from './errors.js';
export { FORMAT_SHAPES, detectFormat, formatsForShape, type FormatShape } from './formats/registry.js';
export { fieldRanges, type FieldRange } from './formats/field-ranges.js';
export { parseMrz, type ParseOptions } from './parse.js';
export type {
  CheckName,
  FieldProblem,
  MrzChecks,
  MrzFields,
  MrzFormat,
  ParsedMrz,
  ProblemCode,
} from './types.js';
