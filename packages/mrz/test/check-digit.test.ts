import { describe, expect, it } from 'vitest';
import { checkDigitHolds } from '../src/check-digit.js';
import { MrzCharacterError, checkDigit } from '../src/index.js';

describe('checkDigit', () => {
  it('computes the ICAO 9303 specimen check digits', () => {
    expect(checkDigit('L898902C3')).toBe(6);
    expect(checkDigit('740812')).toBe(2);
    expect(checkDigit('120415')).toBe(9);
    expect(checkDigit('ZE184226B<<<<<')).toBe(1);
    expect(checkDigit('L898902C3674081221204159ZE184226B<<<<<1')).toBe(0);
  });

  it("weights 7-3-1 with '<' = 0, digits as themselves and A = 10 … Z = 35", () => {
    expect(checkDigit('')).toBe(0);
    expect(checkDigit('<<<')).toBe(0);
    expect(checkDigit('1')).toBe(7);
    expect(checkDigit('01')).toBe(3);
    expect(checkDigit('001')).toBe(1);
    expect(checkDigit('0001')).toBe(7);
    expect(checkDigit('A')).toBe(0);
    expect(checkDigit('B')).toBe(7);
    expect(checkDigit('Z')).toBe(5);
  });

  it('rejects characters outside the MRZ alphabet with a coded error', () => {
    expect(() => checkDigit('ab')).toThrow(MrzCharacterError);
    expect(() => checkDigit(' ')).toThrow(expect.objectContaining({ code: 'INVALID_CHARACTER' }));
  });
});

describe('checkDigitHolds', () => {
  it('wants the digit itself, never a letter of the same value', () => {
    expect(checkDigitHolds('740812', '2')).toBe(true);
    expect(checkDigitHolds('740812', '3')).toBe(false);
    expect(checkDigitHolds('<<<', '0')).toBe(true);
    expect(checkDigitHolds('<<<', 'A')).toBe(false);
  });

  it("accepts '<' for a blank field only where the format allows it", () => {
    expect(checkDigitHolds('<<<<', '<', true)).toBe(true);
    expect(checkDigitHolds('<<<<', '0', true)).toBe(true);
    expect(checkDigitHolds('<<<<', '<')).toBe(false);
    expect(checkDigitHolds('A<<<', '<', true)).toBe(false);
  });

  it('fails instead of throwing on characters outside the alphabet', () => {
    expect(checkDigitHolds('74o812', '2')).toBe(false);
  });
});
