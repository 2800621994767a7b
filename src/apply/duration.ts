import {InputError} from '../errors.js';

/**
 * `--max-age` and `--lock-timeout`: `30s`, `30m`, `12h`, `7d`, `2w`, combinations such as
 * `1d12h`, or an ISO 8601 duration (`P7D`, `PT12H`, `P1DT2H30M`, `P2W`, `PT1.5S`).
 * Years and months are refused: their length depends on the calendar, and an age limit
 * that means 28 days in February and 31 in March is not a limit anyone reviews.
 * A bare number is refused too: `--max-age 7` could mean seconds or days.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

const UNIT_MS: Readonly<Record<string, number>> = {ms: 1, s: SECOND, m: MINUTE, h: HOUR, d: DAY, w: WEEK};

const SHORT = /^(?:\d+(?:ms|s|m|h|d|w))+$/;
const SHORT_PART = /(\d+)(ms|s|m|h|d|w)/g;
const ISO = /^P(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;
const ISO_CALENDAR = /^P(?:[^T]*[YM])/i;

/** Milliseconds, or an InputError naming the flag. */
export function parseDuration(value: string, flag: string): number {
  const text = value.trim();
  const fail = (why: string): never => {
    throw new InputError(flag, `"${value}" ${why}`);
  };
  if (SHORT.test(text.toLowerCase())) {
    let total = 0;
    for (const [, amount, unit] of text.toLowerCase().matchAll(SHORT_PART)) total += Number(amount) * (UNIT_MS[unit ?? ''] ?? 0);
    return checked(total, fail);
  }
  if (/^P/i.test(text)) {
    if (ISO_CALENDAR.test(text)) fail('uses years or months, whose length varies; give days or weeks (P30D, P4W)');
    const match = ISO.exec(text);
    if (!match || text.toUpperCase() === 'P' || /T$/i.test(text)) fail('is not an ISO 8601 duration such as P7D, PT12H or P1DT2H30M');
    const [, w, d, h, m, s] = match ?? [];
    const num = (part: string | undefined): number => (part === undefined ? 0 : Number(part.replace(',', '.')));
    return checked(Math.round(num(w) * WEEK + num(d) * DAY + num(h) * HOUR + num(m) * MINUTE + num(s) * SECOND), fail);
  }
  if (/^\d+(\.\d+)?$/.test(text)) return fail('has no unit; write it as 30m, 12h, 7d or an ISO 8601 duration such as P7D');
  return fail('is not a duration such as 30m, 12h, 7d, 2w or an ISO 8601 duration such as P7D');
}

function checked(ms: number, fail: (why: string) => never): number {
  if (!Number.isSafeInteger(ms)) return fail('is too long');
  return ms;
}
