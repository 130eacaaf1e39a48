import type { FormatTable } from './field-table.js';

/** ICAO 9303 part 7: full-page visa, two lines of 44; no personal-number or composite check digit. */
export const MRVA: FormatTable = {
  format: 'MRVA',
  lines: 2,
  length: 44,
  visa: true,
  fields: [
    { name: 'documentCode', line: 0, start: 0, end: 2, kind: 'alpha' },
    { name: 'issuingState', line: 0, start: 2, end: 5, kind: 'alpha' },
    { name: 'name', line: 0, start: 5, end: 44, kind: 'name' },
    {
      name: 'documentNumber',
      line: 1,
      start: 0,
      end: 9,
      kind: 'alphanumeric',
      checkDigit: { line: 1, index: 9 },
    },
    { name: 'nationality', line: 1, start: 10, end: 13, kind: 'alpha' },
    { name: 'dateOfBirth', line: 1, start: 13, end: 19, kind: 'numeric', checkDigit: { line: 1, index: 19 } },
    { name: 'sex', line: 1, start: 20, end: 21, kind: 'sex' },
    { name: 'expiryDate', line: 1, start: 21, end: 27, kind: 'numeric', checkDigit: { line: 1, index: 27 } },
    { name: 'personalNumber', line: 1, start: 28, end: 44, kind: 'alphanumeric' },
  ],
  composite: null,
};
