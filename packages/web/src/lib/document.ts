import type { MrzFormatName as MrzFormat } from '@passport-reader/contract';

/**
 * What kind of document this is, from the MRZ format and the document code (ICAO 9303):
 * codes starting with P are passports, V visas, and I, A or C identity cards.
 */
export function documentKind(
  format: MrzFormat | null | undefined,
  documentCode: string | null | undefined,
): string {
  const code = (documentCode ?? '').replace(/</g, '').toUpperCase();
  const first = code.charAt(0);
  if (format === 'MRVA' || format === 'MRVB' || first === 'V') return 'Visa';
  if (first === 'P') {
    if (code === 'PD') return 'Diplomatic passport';
    if (code === 'PS') return 'Service passport';
    if (code === 'PO') return 'Official passport';
    return 'Passport';
  }
  if (first === 'I' || first === 'A' || first === 'C') return 'Identity card';
  if (format === 'TD3') return 'Passport';
  if (format === 'TD1' || format === 'TD2') return 'Identity document';
  return 'Travel document';
}

export function sexLabel(sex: string | null | undefined): string {
  switch ((sex ?? '').toUpperCase()) {
    case 'F':
      return 'Female';
    case 'M':
      return 'Male';
    case 'X':
    case '<':
    case '':
      return 'Unspecified';
    default:
      return sex ?? 'Unspecified';
  }
}

/** "ANNA MARIA" + "ERIKSSON" → "Anna Maria Eriksson". */
export function displayName(
  givenNames: string | null | undefined,
  surname: string | null | undefined,
): string {
  const title = (s: string) =>
    s
      .toLowerCase()
      .replace(/(^|[\s'-])(\p{L})/gu, (_m, sep: string, letter: string) => sep + letter.toUpperCase());
  return [givenNames, surname]
    .map((part) => (part ?? '').replace(/</g, ' ').replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map(title)
    .join(' ');
}

export const CHECK_LABELS = {
  documentNumber: 'Document number',
  dateOfBirth: 'Date of birth',
  expiryDate: 'Expiry date',
  personalNumber: 'Personal number',
  composite: 'Whole code (composite)',
} as const;
