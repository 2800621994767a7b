import {z} from 'zod';

import {InputError} from '../errors.js';

/**
 * Flag values that need more than oclif's parsing. They are parsed in the command (not in an
 * oclif `parse` hook, which would wrap our error in its own multi-line message), and fail as
 * one InputError naming the flag.
 */

const dateTime = z.iso.datetime({offset: true});
const date = z.iso.date();

/**
 * `--now`: an ISO 8601 date-time with a zone (`2026-11-24T00:00:00Z`, `…+01:00`) or a plain
 * date (`2026-11-24`, taken as midnight UTC, the way the spec reads dates, §4.1). A date-time
 * without a zone is refused: which zone was meant cannot be guessed, and a day's difference
 * changes what ApproveAfterDays approves.
 */
export function parseInstant(value: string, flag: string): Date {
  if (date.safeParse(value).success) return new Date(`${value}T00:00:00Z`);
  if (dateTime.safeParse(value).success) return new Date(value);
  throw new InputError(flag, `"${value}" is not an ISO 8601 date-time with a zone, such as 2026-11-24T00:00:00Z or 2026-11-24`);
}
