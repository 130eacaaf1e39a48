import { correctMrz, type LineCandidates } from '@passport-reader/mrz';
import { describe, expect, it } from 'vitest';
import { isTrusted } from '../src/trust/trust-rules.js';

const UTO = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];

/** Every character read at 0.99, but line 2's character 20 (the sex) read as `sex`. */
function readWithSex(sex: string): LineCandidates[] {
  return UTO.map((line, l) =>
    [...line].map((char, i) => [{ char: l === 1 && i === 20 ? sex : char, p: 0.99 }]),
  );
}

describe('isTrusted', () => {
  it('vouches for a clean reading', () => {
    const correction = correctMrz(readWithSex('F'));
    expect(correction.lines).toEqual(UTO);
    expect(isTrusted(correction, true)).toBe(true);
  });

  it('never vouches for a sex no document prints, though every check digit holds', () => {
    const correction = correctMrz(readWithSex('N'));
    expect(correction.parsed.valid).toBe(true);
    expect(correction.lines[1][20]).toBe('N');
    expect(isTrusted(correction, true)).toBe(false);
  });
});
