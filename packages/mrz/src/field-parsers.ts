import { isKnownCountryCode } from './country-codes.js';
import { readMrzDate, type DateRole } from './dates.js';
import { trimFillers, trimTrailingFillers } from './fillers.js';
import type { MrzFields, ProblemCode } from './types.js';

/** One parser per kind of field: the printed text in, the value and at most one problem out. */
export interface FieldReading<T> {
  value: T;
  problem?: { code: ProblemCode; message: string };
}

/** Document codes, document numbers: fillers only pad on the right. */
export function readPadded(text: string): FieldReading<string> {
  return { value: trimTrailingFillers(text) };
}

/** The value is what is printed even when unknown: some real documents print odd codes. */
export function readCountry(text: string): FieldReading<string> {
  const value = trimTrailingFillers(text);
  if (isKnownCountryCode(value)) return { value };
  return { value, problem: { code: 'UNKNOWN_COUNTRY', message: 'not an ICAO 9303 country code' } };
}

export function readDate(text: string, role: DateRole, today: Date): FieldReading<string | null> {
  const date = readMrzDate(text, role, today);
  if (date.status !== 'invalid') return { value: date.iso };
  return { value: null, problem: { code: 'INVALID_DATE', message: 'not a possible calendar date' } };
}

const SEXES: ReadonlyArray<MrzFields['sex']> = ['M', 'F', 'X', '<'];

export function readSex(text: string): FieldReading<MrzFields['sex']> {
  const value = SEXES.find((sex) => sex === text);
  if (value) return { value };
  return { value: null, problem: { code: 'INVALID_SEX', message: "sex must be 'M', 'F', 'X' or '<'" } };
}

export function readOptionalData(text: string): FieldReading<string | null> {
  return { value: trimFillers(text) || null };
}
