import { describe, expect, it } from 'vitest';
import { addMonths, ageOn, expiryStatus, formatDate, pageLocale, parseIsoDate, today } from './dates';

const d = (iso: string) => parseIsoDate(iso)!;

describe('parseIsoDate', () => {
  it('parses YYYY-MM-DD and rejects impossible dates', () => {
    expect(parseIsoDate('1974-08-12')).toEqual({ year: 1974, month: 8, day: 12 });
    expect(parseIsoDate('2023-02-29')).toBeNull();
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('1974-13-01')).toBeNull();
    expect(parseIsoDate('74-08-12')).toBeNull();
    expect(parseIsoDate(null)).toBeNull();
  });
});

describe('ageOn', () => {
  it('counts whole years, turning older on the birthday', () => {
    expect(ageOn(d('1974-08-12'), d('2026-08-11'))).toBe(51);
    expect(ageOn(d('1974-08-12'), d('2026-08-12'))).toBe(52);
    expect(ageOn(d('1974-08-12'), d('2026-12-31'))).toBe(52);
  });
  it('handles 29 February birthdays', () => {
    expect(ageOn(d('2000-02-29'), d('2021-02-28'))).toBe(20);
    expect(ageOn(d('2000-02-29'), d('2021-03-01'))).toBe(21);
    expect(ageOn(d('2000-02-29'), d('2024-02-29'))).toBe(24);
  });
  it('is 0 for babies', () => {
    expect(ageOn(d('2026-01-01'), d('2026-06-01'))).toBe(0);
  });
});

describe('addMonths', () => {
  it('clamps to the end of the month and crosses years', () => {
    expect(addMonths(d('2026-08-31'), 6)).toEqual({ year: 2027, month: 2, day: 28 });
    expect(addMonths(d('2027-08-31'), 6)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addMonths(d('2026-01-15'), 6)).toEqual({ year: 2026, month: 7, day: 15 });
  });
});

describe('expiryStatus', () => {
  const on = d('2026-05-10');
  it('says expired once the expiry date has passed', () => {
    expect(expiryStatus(d('2012-04-15'), on)).toBe('expired');
    expect(expiryStatus(d('2026-05-09'), on)).toBe('expired');
  });
  it('is still valid (soon to expire) on the expiry day itself', () => {
    expect(expiryStatus(d('2026-05-10'), on)).toBe('expires-soon');
  });
  it('warns within six months', () => {
    expect(expiryStatus(d('2026-11-10'), on)).toBe('expires-soon');
    expect(expiryStatus(d('2026-11-11'), on)).toBe('valid');
    expect(expiryStatus(d('2031-01-01'), on)).toBe('valid');
  });
});

describe('formatDate and today', () => {
  it('formats without time-zone shifts', () => {
    expect(formatDate(d('1974-08-12'), 'en-GB')).toBe('12 August 1974');
    expect(formatDate(d('2012-04-15'), 'en-US')).toBe('April 15, 2012');
  });
  it('reads the local calendar date', () => {
    expect(today(new Date(2026, 0, 31, 23, 59))).toEqual({ year: 2026, month: 1, day: 31 });
  });
});

describe('pageLocale', () => {
  it("writes dates in the page's language, in the browser's variant of it", () => {
    expect(pageLocale('en', ['en-GB', 'de-DE'])).toBe('en-GB');
    expect(pageLocale('en', ['de-DE', 'en-US'])).toBe('en-US');
    expect(pageLocale('en', ['de-DE', 'fr-FR'])).toBe('en');
    expect(pageLocale('en', [])).toBe('en');
  });

  it('so a German browser reads an English page with English month names', () => {
    const date = { year: 1974, month: 8, day: 12 };
    expect(formatDate(date, pageLocale('en', ['de-DE']))).toBe('August 12, 1974');
    expect(formatDate(date, pageLocale('en', ['en-GB']))).toBe('12 August 1974');
  });
});
