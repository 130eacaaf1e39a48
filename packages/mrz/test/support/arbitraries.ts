import fc from 'fast-check';
import { FORMAT_TABLES } from '../../src/formats/registry.js';
import type { MrzFields, MrzFormat } from '../../src/types.js';
import type { MrzSpec } from './mrz-builder.js';

/** Every generated date is interpreted against this day. */
export const TODAY = new Date('2025-06-15T00:00:00Z');
const DAY = 86_400_000;

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALPHANUMERIC = `0123456789${LETTERS}`;

const letters = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...LETTERS), minLength: min, maxLength: max });
const alphanumerics = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...ALPHANUMERIC), minLength: min, maxLength: max });

const COUNTRIES = ['UTO', 'D', 'GBR', 'FRA', 'USA', 'XXA', 'UNO', 'ROU', 'ESP', 'EUE', 'RKS'];

/** A date as printed (YYMMDD) and as parseMrz should report it. */
const dateBetween = (fromDays: number, toDays: number) =>
  fc.integer({ min: fromDays, max: toDays }).map((days) => {
    const iso = new Date(TODAY.getTime() + days * DAY).toISOString().slice(0, 10);
    return { printed: iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10), iso };
  });

/** Document number and personal number/optional data as the format lets them share space. */
function numbers(format: MrzFormat): fc.Arbitrary<{ documentNumber: string; personalNumber: string }> {
  const table = FORMAT_TABLES[format];
  const width = (name: string) => {
    const field = table.fields.find((f) => f.name === name)!;
    return field.end - field.start;
  };
  const optional = width('personalNumber');
  const short = fc.record({
    documentNumber: alphanumerics(1, 9),
    personalNumber: alphanumerics(0, optional),
  });
  if (!table.fields.some((f) => f.checkDigit && f.overflow)) return short;
  // A long number's continuation, its check digit and a '<' terminator come out of the optional data.
  const long = alphanumerics(1, optional - 2).chain((extension) =>
    fc.record({
      documentNumber: alphanumerics(9, 9).map((head) => head + extension),
      personalNumber: alphanumerics(0, optional - extension.length - 2),
    }),
  );
  return fc.oneof(short, long);
}

export interface GeneratedMrz {
  spec: MrzSpec;
  expected: MrzFields;
}

export function generatedMrz(format: MrzFormat): fc.Arbitrary<GeneratedMrz> {
  const table = FORMAT_TABLES[format];
  const nameField = table.fields.find((f) => f.name === 'name')!;
  const nameWidth = nameField.end - nameField.start;
  const firstLetter = table.visa ? fc.constant('V') : fc.constantFrom('P', 'I', 'A', 'C');
  return fc
    .record({
      documentCode: fc.tuple(firstLetter, fc.constantFrom('<', ...LETTERS)).map(([a, b]) => a + b),
      issuingState: fc.constantFrom(...COUNTRIES),
      numbers: numbers(format),
      surname: fc.array(letters(1, 10), { minLength: 1, maxLength: 3 }),
      givenNames: fc.array(letters(1, 10), { minLength: 0, maxLength: 3 }),
      nationality: fc.constantFrom(...COUNTRIES),
      dateOfBirth: dateBetween(-99 * 365, 0),
      sex: fc.constantFrom('M', 'F', 'X', '<'),
      expiryDate: dateBetween(-49 * 365, 49 * 365),
      optionalData2: alphanumerics(0, 11),
      fillerCheckWhenBlank: fc.boolean(),
    })
    .filter(({ surname, givenNames }) => {
      const length = surname.join('<').length + (givenNames.length ? 2 + givenNames.join('<').length : 0);
      return length <= nameWidth;
    })
    .map((r) => {
      const spec: MrzSpec = {
        format,
        documentCode: r.documentCode,
        issuingState: r.issuingState,
        documentNumber: r.numbers.documentNumber,
        surname: r.surname,
        givenNames: r.givenNames,
        nationality: r.nationality,
        dateOfBirth: r.dateOfBirth.printed,
        sex: r.sex,
        expiryDate: r.expiryDate.printed,
        personalNumber: r.numbers.personalNumber,
        optionalData2: r.optionalData2,
        fillerCheckWhenBlank: r.fillerCheckWhenBlank,
      };
      const expected: MrzFields = {
        documentCode: r.documentCode.replace(/<+$/, ''),
        issuingState: r.issuingState,
        documentNumber: r.numbers.documentNumber,
        surname: r.surname.join(' '),
        givenNames: r.givenNames.join(' '),
        nationality: r.nationality,
        dateOfBirth: r.dateOfBirth.iso,
        sex: r.sex as MrzFields['sex'],
        expiryDate: r.expiryDate.iso,
        personalNumber: r.numbers.personalNumber || null,
        ...(format === 'TD1' ? { optionalData2: r.optionalData2 || null } : {}),
      };
      return { spec, expected };
    });
}

export const FORMATS: MrzFormat[] = ['TD1', 'TD2', 'TD3', 'MRVA', 'MRVB'];
