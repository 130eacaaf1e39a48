import { MrzCharacterError } from './errors.js';

/** Index 0 is the filler; the order is also the recogniser's class order. */
export const MRZ_ALPHABET = '<0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export const FILLER = '<';

/**
 * What a position may hold. '<' fits every field class because ICAO pads fields with it and
 * uses it for unknown date parts; check digits accept it only where the format says so.
 */
export type CharClass =
  'alpha' | 'name' | 'numeric' | 'alphanumeric' | 'sex' | 'checkDigit' | 'checkDigitOrFiller';

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
    case 'name':
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

/** Glyphs OCR-B draws alike across the letter/digit divide. */
const LETTER_FOR_DIGIT: Record<string, string> = {
  '0': 'O',
  '1': 'I',
  '2': 'Z',
  '4': 'A',
  '5': 'S',
  '6': 'G',
  '7': 'T',
  '8': 'B',
};
const DIGIT_FOR_LETTER: Record<string, string> = {
  O: '0',
  D: '0',
  Q: '0',
  I: '1',
  Z: '2',
  A: '4',
  S: '5',
  G: '6',
  T: '7',
  B: '8',
};

/**
 * The character a misfit must really be, in classes ICAO fixes strictly: names hold only letters
 * and fillers, dates and check digits only digits. (State codes are 'alpha' but not strict:
 * real documents print oddities such as Romania's "132".)
 */
export function strictTwin(char: string, charClass: CharClass): string | undefined {
  if (charClass === 'name') return LETTER_FOR_DIGIT[char];
  if (charClass === 'numeric' || charClass === 'checkDigit' || charClass === 'checkDigitOrFiller') {
    return DIGIT_FOR_LETTER[char];
  }
  return undefined;
}

/**
 * Glyphs that some MRZ fonts draw alike and whose check values agree modulo 10 (M = 22 and
 * W = 32; 6 and G, G and Q; 8 and S; F and P; K and '<'): the 7-3-1 sum cannot tell one
 * from the other, so reading one for the other keeps every check digit. A recogniser that never
 * saw the font may not even offer the twin as a candidate.
 */
const CHECK_BLIND_LOOKALIKES: Record<string, string> = {
  M: 'W',
  W: 'M',
  '6': 'G',
  G: '6Q',
  Q: 'G',
  '8': 'S',
  S: '8',
  F: 'P',
  P: 'F',
  K: '<',
  '<': 'K',
};

/** The look-alikes of a character that share its check value (see CHECK_BLIND_LOOKALIKES). */
export function checkBlindLookalikes(char: string): string[] {
  return [...(CHECK_BLIND_LOOKALIKES[char] ?? '')];
}

/**
 * Letters whose shapes differ most between MRZ fonts, so that a recogniser reads one for another
 * in a font it never saw, surely enough to pass a plain bar: a held-out face's M came back W, and
 * N. Where no check digit covers them (names, codes) nothing else can catch the confusion.
 */
const UNSEEN_FONT_LOOKALIKES: Record<string, string> = { M: 'NW', N: 'MW', W: 'MN' };

/** The letters an unseen font's version of `char` is mistaken for (see UNSEEN_FONT_LOOKALIKES). */
export function unseenFontLookalikes(char: string): string[] {
  return [...(UNSEEN_FONT_LOOKALIKES[char] ?? '')];
}
