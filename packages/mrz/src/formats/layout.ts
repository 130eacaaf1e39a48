import type { CharClass } from '../alphabet.js';
import type { FormatTable, Position, Range } from './field-table.js';

export interface PositionRole {
  /** Field or check name, as used in FieldProblem.field. */
  field: string;
  charClass: CharClass;
  /** Some check digit (its own field's or the composite) is computed over this character. */
  covered: boolean;
}

/** What every character position of a format is for, derived from its field table. */
export function layoutOf(table: FormatTable): PositionRole[][] {
  const roles: PositionRole[][] = Array.from({ length: table.lines }, () =>
    Array.from({ length: table.length }, () => ({
      field: 'filler',
      charClass: 'alphanumeric' as CharClass,
      covered: false,
    })),
  );
  const cover = (range: Range) =>
    rangePositions(range).forEach(({ line, index }) => (roles[line][index].covered = true));

  for (const field of table.fields) {
    for (const { line, index } of rangePositions(field)) {
      roles[line][index] = { field: field.name, charClass: field.kind, covered: false };
    }
  }
  for (const field of table.fields) {
    if (!field.checkDigit) continue;
    const { line, index, fillerWhenBlank } = field.checkDigit;
    const fillerAllowed = fillerWhenBlank === true || field.overflow !== undefined;
    roles[line][index] = {
      field: field.name,
      charClass: fillerAllowed ? 'checkDigitOrFiller' : 'checkDigit',
      covered: true,
    };
    cover(field);
  }
  if (table.composite) {
    const { line, index } = table.composite.digit;
    roles[line][index] = { field: 'composite', charClass: 'checkDigit', covered: true };
    table.composite.ranges.forEach(cover);
  }
  return roles;
}

export function rangePositions({ line, start, end }: Range): Position[] {
  return Array.from({ length: end - start }, (_, i) => ({ line, index: start + i }));
}
