import { describe, expect, it } from 'vitest';
import { readMrzDate } from '../src/dates.js';

const today = new Date('2025-06-15T00:00:00Z');

describe('readMrzDate', () => {
  it('puts a birth date in the latest century that is not in the future', () => {
    expect(readMrzDate('740812', 'birth', today)).toEqual({ iso: '1974-08-12', status: 'ok' });
    expect(readMrzDate('250615', 'birth', today).iso).toBe('2025-06-15');
    expect(readMrzDate('250616', 'birth', today).iso).toBe('1925-06-16');
    expect(readMrzDate('010101', 'birth', today).iso).toBe('2001-01-01');
    expect(readMrzDate('991231', 'birth', today).iso).toBe('1999-12-31');
  });

  it('puts an expiry date within fifty years either side of today', () => {
    expect(readMrzDate('120415', 'expiry', today).iso).toBe('2012-04-15');
    expect(readMrzDate('350101', 'expiry', today).iso).toBe('2035-01-01');
    expect(readMrzDate('750614', 'expiry', today).iso).toBe('2075-06-14');
    expect(readMrzDate('750615', 'expiry', today).iso).toBe('1975-06-15');
    expect(readMrzDate('850101', 'expiry', today).iso).toBe('1985-01-01');
    expect(readMrzDate('961210', 'expiry', today).iso).toBe('1996-12-10');
  });

  it('reads the century from the given day, not from the clock', () => {
    const later = new Date('2090-01-01T00:00:00Z');
    expect(readMrzDate('850101', 'birth', later).iso).toBe('2085-01-01');
    expect(readMrzDate('120415', 'expiry', later).iso).toBe('2112-04-15');
  });

  it('uses the UTC calendar day of `today`', () => {
    const lateEvening = new Date('2025-06-14T23:30:00-05:00');
    expect(readMrzDate('250615', 'birth', lateEvening).iso).toBe('2025-06-15');
  });

  it.each([
    ['741312', 'month 13'],
    ['740012', 'month 0'],
    ['740800', 'day 0'],
    ['740231', '31 February'],
    ['740431', '31 April'],
    ['730229', '29 February in a common year'],
    ['74O812', 'a letter'],
    ['7408', 'a short field'],
  ])('rejects %s (%s)', (printed) => {
    expect(readMrzDate(printed, 'birth', today)).toEqual({ iso: null, status: 'invalid' });
  });

  it('checks 29 February against the inferred century', () => {
    expect(readMrzDate('000229', 'birth', today).iso).toBe('2000-02-29');
    expect(readMrzDate('000229', 'birth', new Date('1999-12-31T00:00:00Z'))).toEqual({
      iso: null,
      status: 'invalid',
    });
    expect(readMrzDate('240229', 'expiry', today).iso).toBe('2024-02-29');
  });

  it("treats '<' fillers as an unknown date, not an invalid one", () => {
    expect(readMrzDate('<<<<<<', 'birth', today)).toEqual({ iso: null, status: 'unknown' });
    expect(readMrzDate('7408<<', 'birth', today)).toEqual({ iso: null, status: 'unknown' });
  });
});
