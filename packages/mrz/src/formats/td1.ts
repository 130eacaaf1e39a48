import type { FormatTable } from './field-table.js';

/** ICAO 9303 part 5: ID-1 size cards, three lines of 30. */
export const TD1: FormatTable = {
  format: 'TD1',
  lines: 3,
  length: 30,
  visa: false,
  fields: [
    { name: 'documentCode', line: 0, start: 0, end: 2, kind: 'alpha' },
    { name: 'issuingState', line: 0, start: 2, end: 5, kind: 'alpha' },
    {
      name: 'documentNumber',
      line: 0,
      start: 5,
      end: 14,
      kind: 'alphanumeric',
      checkDigit: { line: 0, index: 14 },
      overflow: 'personalNumber',
    },
    { name: 'personalNumber', line: 0, start: 15, end: 30, kind: 'alphanumeric' },
    { name: 'dateOfBirth', line: 1, start: 0, end: 6, kind: 'numeric', checkDigit: { line: 1, index: 6 } },
    { name: 'sex', line: 1, start: 7, end: 8, kind: 'sex' },
    { name: 'expiryDate', line: 1, start: 8, end: 14, kind: 'numeric', checkDigit: { line: 1, index: 14 } },
    { name: 'nationality', line: 1, start: 15, end: 18, kind: 'alpha' },
    { name: 'optionalData2', line: 1, start: 18, end: 29, kind: 'alphanumeric' },
    { name: 'name', line: 2, start: 0, end: 30, kind: 'name' },
  ],
  composite: {
    ranges: [
      { line: 0, start: 5, end: 30 },
      { line: 1, start: 0, end: 7 },
      { line: 1, start: 8, end: 15 },
      { line: 1, start: 18, end: 29 },
    ],
    digit: { line: 1, index: 29 },
  },
};
