/** A calendar date without time zone, as the MRZ carries it: YYYY-MM-DD. */
export interface CalendarDate {
  year: number;
  month: number; // 1-12
  day: number;
}

export function parseIsoDate(value: string | null | undefined): CalendarDate | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(date.year, date.month))
    return null;
  return date;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Today's date in the viewer's own time zone. */
export function today(now: Date = new Date()): CalendarDate {
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

function compare(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Adds months, clamping the day to the end of the month (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** Age in whole years on `on`. Someone born on 29 February turns a year older on 1 March in common years. */
export function ageOn(birth: CalendarDate, on: CalendarDate): number {
  let age = on.year - birth.year;
  if (on.month < birth.month || (on.month === birth.month && on.day < birth.day)) age -= 1;
  return age;
}

export type ExpiryStatus = 'expired' | 'expires-soon' | 'valid';

/**
 * Expired once the expiry date has passed (a document is still valid on its expiry day);
 * "expires soon" within six months, which many countries require of an entering traveller's passport.
 */
export function expiryStatus(expiry: CalendarDate, on: CalendarDate): ExpiryStatus {
  if (compare(expiry, on) < 0) return 'expired';
  if (compare(expiry, addMonths(on, 6)) <= 0) return 'expires-soon';
  return 'valid';
}

export const EXPIRY_LABELS: Record<ExpiryStatus, string> = {
  expired: 'Expired',
  'expires-soon': 'Expires within 6 months',
  valid: 'Valid',
};

/**
 * The locale dates are written in: the page's language (`<html lang>`), in the reader's own variant
 * of it where the browser has one (en-GB: "12 August 1974", en-US: "August 12, 1974"), never another
 * language's month names inside an English page.
 */
export function pageLocale(
  pageLanguage: string = globalThis.document?.documentElement.lang || 'en',
  browserLanguages: readonly string[] = globalThis.navigator?.languages ?? [],
): string {
  const base = pageLanguage.toLowerCase().split('-')[0];
  return browserLanguages.find((l) => l.toLowerCase().split('-')[0] === base) ?? pageLanguage;
}

/** Formats a calendar date for the reader, e.g. "12 August 1974" (see pageLocale), never shifted by time zone. */
export function formatDate(date: CalendarDate, locale: string | string[] = pageLocale()): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(date.year, date.month - 1, date.day)),
  );
}

export function toIso(date: CalendarDate): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}
