import { FILLER, charValue, isDigit, isMrzChar } from './alphabet.js';

const WEIGHTS = [7, 3, 1];

/** ICAO 9303 part 3, 4.9: weights 7-3-1 repeating, sum modulo 10. Throws MrzCharacterError outside the alphabet. */
export function checkDigit(chars: string): number {
  let sum = 0;
  for (let i = 0; i < chars.length; i++) sum += charValue(chars[i]) * WEIGHTS[i % 3];
  return sum % 10;
}

/**
 * `fillerWhenBlank`: ICAO lets the TD3 personal-number check digit be '<' when the field is all
 * fillers, so that an unused field reads as unused.
 */
export function checkDigitHolds(data: string, digit: string, fillerWhenBlank = false): boolean {
  if (![...data].every(isMrzChar)) return false;
  if (fillerWhenBlank && digit === FILLER && [...data].every((c) => c === FILLER)) return true;
  return isDigit(digit) && checkDigit(data) === Number(digit);
}
