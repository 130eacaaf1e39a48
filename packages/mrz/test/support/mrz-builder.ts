import { checkDigit } from '../../src/check-digit.js';
import { compositeData } from '../../src/field-checks.js';
import type { FieldName } from '../../src/formats/field-table.js';
import { FORMAT_TABLES } from '../../src/formats/registry.js';
import type { MrzFormat } from '../../src/types.js';

/** Printed field contents, without padding; check digits are computed. */
export interface MrzSpec {
  format: MrzFormat;
  documentCode: string;
  issuingState: string;
  documentNumber: string;
  surname: string[];
  givenNames: string[];
  nationality: string;
  dateOfBirth: string;
  sex: string;
  expiryDate: string;
  personalNumber: string;
  optionalData2: string;
  /** Print '<' rather than '0' as the check digit of a blank TD3 personal number. */
  fillerCheckWhenBlank: boolean;
}

/** Writes a spec into MRZ lines through the format's own field table. */
export function buildMrz(spec: MrzSpec): string[] {
  const table = FORMAT_TABLES[spec.format];
  const lines = Array.from({ length: table.lines }, () => Array.from({ length: table.length }, () => '<'));
  const field = (name: FieldName) => table.fields.find((f) => f.name === name)!;
  const write = (name: FieldName, text: string) => {
    const f = field(name);
    if (text.length > f.end - f.start) throw new Error(`${name} does not fit`);
    [...text].forEach((char, i) => (lines[f.line][f.start + i] = char));
  };

  const name = spec.givenNames.length
    ? `${spec.surname.join('<')}<<${spec.givenNames.join('<')}`
    : spec.surname.join('<');
  const docField = field('documentNumber');
  const docWidth = docField.end - docField.start;
  const long = spec.documentNumber.length > docWidth;
  write('documentCode', spec.documentCode);
  write('issuingState', spec.issuingState);
  write('name', name);
  write('documentNumber', spec.documentNumber.slice(0, docWidth));
  write('nationality', spec.nationality);
  write('dateOfBirth', spec.dateOfBirth);
  write('sex', spec.sex);
  write('expiryDate', spec.expiryDate);
  if (spec.format === 'TD1') write('optionalData2', spec.optionalData2);
  write(
    'personalNumber',
    long
      ? `${spec.documentNumber.slice(docWidth)}${checkDigit(spec.documentNumber)}<${spec.personalNumber}`
      : spec.personalNumber,
  );

  for (const f of table.fields) {
    if (!f.checkDigit) continue;
    if (f.name === 'documentNumber' && long) continue;
    const data = lines[f.line].slice(f.start, f.end);
    const blank = data.every((c) => c === '<');
    const digit =
      f.checkDigit.fillerWhenBlank && blank && spec.fillerCheckWhenBlank
        ? '<'
        : String(checkDigit(data.join('')));
    lines[f.checkDigit.line][f.checkDigit.index] = digit;
  }
  if (table.composite) {
    const { line, index } = table.composite.digit;
    lines[line][index] = String(
      checkDigit(
        compositeData(
          table.composite,
          lines.map((l) => l.join('')),
        ),
      ),
    );
  }
  return lines.map((line) => line.join(''));
}
