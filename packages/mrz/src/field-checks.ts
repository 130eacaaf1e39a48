import { FILLER } from './alphabet.js';
import { checkDigitHolds } from './check-digit.js';
import type { CheckedField, CompositeSpec, FormatTable, Position } from './formats/field-table.js';

/** What one field check digit covers on given lines: TD1/TD2 long numbers make this line-dependent. */
export interface CheckedExtent {
  /** The characters the check digit is computed over. */
  data: string;
  digit: Position;
  /** Contiguous span of data and digit on the field's line, for problem reports. */
  start: number;
  end: number;
  /** How many leading characters of the overflow field belong to the document number. */
  overflowUsed: number;
}

export function checkedExtent(
  field: CheckedField,
  table: FormatTable,
  lines: readonly string[],
): CheckedExtent {
  const text = lines[field.line].slice(field.start, field.end);
  const digit = field.checkDigit;
  const overflow = field.overflow && table.fields.find((f) => f.name === field.overflow);
  const plain = { data: text, digit, start: field.start, end: digit.index + 1, overflowUsed: 0 };
  if (!overflow || lines[digit.line][digit.index] !== FILLER) return plain;

  const continuation = lines[overflow.line].slice(overflow.start, overflow.end);
  const runEnd = continuation.indexOf(FILLER);
  const run = runEnd < 0 ? continuation : continuation.slice(0, runEnd);
  if (run === '') return plain;
  return {
    data: text + run.slice(0, -1),
    digit: { line: overflow.line, index: overflow.start + run.length - 1 },
    start: field.start,
    end: overflow.start + run.length,
    overflowUsed: Math.min(run.length + 1, continuation.length),
  };
}

export function fieldCheckHolds(field: CheckedField, table: FormatTable, lines: readonly string[]): boolean {
  const extent = checkedExtent(field, table, lines);
  return checkDigitHolds(
    extent.data,
    lines[extent.digit.line][extent.digit.index],
    field.checkDigit.fillerWhenBlank === true,
  );
}

export function compositeData(composite: CompositeSpec, lines: readonly string[]): string {
  return composite.ranges.map(({ line, start, end }) => lines[line].slice(start, end)).join('');
}

export function compositeHolds(composite: CompositeSpec, lines: readonly string[]): boolean {
  const { line, index } = composite.digit;
  return checkDigitHolds(compositeData(composite, lines), lines[line][index]);
}
