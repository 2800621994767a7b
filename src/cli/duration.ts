import {InputError} from '../errors.js';

/**
 * `--max-age` and `--lock-timeout`. The grammar, whole value, no spaces:
 *
 *   duration := short | iso
 *   short    := (digits unit)+            30s  30m  12h  7d  2w  1d12h
 *   unit     := "s" | "m" | "h" | "d" | "w"   (seconds, minutes, hours, days, weeks; lowercase)
 *   iso      := ISO 8601 PnW / PnDTnHnMnS  P7D  PT12H  P1DT2H30M  P2W  PT1.5S  (any case)
 *
 * Refused, with one line listing the units:
 * - a capital unit (`1M` is minutes to Go and ms, months to systemd and ISO: an age limit is not
 *   a place to guess which), and any other unit (`1y`, `5min`, `500ms`);
 * - a bare number (`--max-age 7` could mean seconds or days);
 * - ISO years and months (`P1M`, `P1Y`): their length depends on the calendar, and an age limit
 *   that means 28 days in February and 31 in March is not a limit anyone reviews.
 *
 * No library was used: `ms` reads `1M` as a minute and a bare `7` as 7 ms, parse-duration and
 * the ISO-only parsers fold case or have no weeks; what is needed is these few lines.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

const UNIT_MS: Readonly<Record<string, number>> = {s: SECOND, m: MINUTE, h: HOUR, d: DAY, w: WEEK};

const SHORT = /^(?:\d+[smhdw])+$/;
const SHORT_PART = /(\d+)([smhdw])/g;
const ISO = /^P(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;
const ISO_CALENDAR = /^P(?:[^T]*[YM])/i;

/** What every refusal of the short form says. */
export const DURATION_HELP = 'use a number with one of s, m, h, d, w (30m, 12h, 7d, 2w) or an ISO 8601 duration such as P7D';

/** Milliseconds, or an InputError naming the flag. */
export function parseDuration(value: string, flag: string): number {
  const text = value.trim();
  const fail = (why: string): never => {
    throw new InputError(flag, `"${value}" ${why}`);
  };
  if (SHORT.test(text)) {
    let total = 0;
    for (const [, amount, unit] of text.matchAll(SHORT_PART)) total += Number(amount) * (UNIT_MS[unit ?? ''] ?? 0);
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
  if (/^\d+(\.\d+)?$/.test(text)) return fail(`has no unit: ${DURATION_HELP}`);
  return fail(`is not a duration: ${DURATION_HELP}`);
}

function checked(ms: number, fail: (why: string) => never): number {
  if (!Number.isSafeInteger(ms)) return fail('is too long');
  return ms;
}
