import { FILLER, isDigit } from './alphabet.js';

export type DateRole = 'birth' | 'expiry';

/** `unknown`: ICAO fills unknown date parts with '<'; that is information, not an error. */
export type DateStatus = 'ok' | 'unknown' | 'invalid';

export interface MrzDate {
  iso: string | null;
  status: DateStatus;
}

// Dates compared as YYYYMMDD integers; one century is 1_000_000 apart in that encoding.
const CENTURY = 1_000_000;
const FIFTY_YEARS = CENTURY / 2;

/**
 * YYMMDD → ISO date. The century is not printed, so it is inferred from `today` (read in UTC, so
 * the answer does not depend on the machine's time zone): a birth date is never in the future; an
 * expiry date is the one within fifty years either side of today.
 */
export function readMrzDate(yymmdd: string, role: DateRole, today: Date): MrzDate {
  const chars = [...yymmdd];
  if (chars.length !== 6 || !chars.every((c) => isDigit(c) || c === FILLER)) {
    return { iso: null, status: 'invalid' };
  }
  if (chars.includes(FILLER)) return { iso: null, status: 'unknown' };

  const yy = Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  const todayKey = today.getUTCFullYear() * 10_000 + (today.getUTCMonth() + 1) * 100 + today.getUTCDate();
  let key = (Math.floor(today.getUTCFullYear() / 100) * 100 + yy) * 10_000 + month * 100 + day;
  if (role === 'birth') {
    if (key > todayKey) key -= CENTURY;
  } else {
    if (key < todayKey - FIFTY_YEARS) key += CENTURY;
    if (key >= todayKey + FIFTY_YEARS) key -= CENTURY;
  }
  const year = Math.floor(key / 10_000);

  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { iso: null, status: 'invalid' };
  }
  return {
    iso: `${String(year).padStart(4, '0')}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`,
    status: 'ok',
  };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}
