import { MrzCharacterError } from './errors.js';

/** Index 0 is the filler; the order is also the recogniser's class order. */
export const MRZ_ALPHABET = '<0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export const FILLER = '<';

/**
 * What a position may hold. '<' fits every field class because ICAO pads fields with it and
 * uses it for unknown date parts; check digits accept it only where the format says so.
 */
export type CharClass = 'alpha' | 'numeric' | 'alphanumeric' | 'sex' | 'checkDigit' | 'checkDigitOrFiller';

export function isMrzChar(char: string): boolean {
  return char.length === 1 && MRZ_ALPHABET.includes(char);
}

export function isDigit(char: string): boolean {
  return char.length === 1 && char >= '0' && char <= '9';
}

export function isLetter(char: string): boolean {
  return char.length === 1 && char >= 'A' && char <= 'Z';
}

export function fitsClass(char: string, charClass: CharClass): boolean {
  switch (charClass) {
    case 'alpha':
      return isLetter(char) || char === FILLER;
    case 'numeric':
      return isDigit(char) || char === FILLER;
    case 'alphanumeric':
      return isMrzChar(char);
    case 'sex':
      return 'MFX<'.includes(char) && char.length === 1;
    case 'checkDigit':
      return isDigit(char);
    case 'checkDigitOrFiller':
      return isDigit(char) || char === FILLER;
  }
}

/** ICAO 9303 part 3 character values: '<' = 0, digits as themselves, A = 10 … Z = 35. */
export function charValue(char: string): number {
  const index = char.length === 1 ? MRZ_ALPHABET.indexOf(char) : -1;
  if (index < 0) throw new MrzCharacterError('character outside the MRZ alphabet');
  return index === 0 ? 0 : index - 1;
}
