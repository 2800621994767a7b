import {describe, expect, it} from 'vitest';

import {parseDuration} from '../../src/cli/duration.js';
import {InputError} from '../../src/errors.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const WEEK_MS = 7 * DAY;
const UNITS = 'use a number with one of s, m, h, d, w (30m, 12h, 7d, 2w) or an ISO 8601 duration such as P7D';

describe('parseDuration', () => {
  it.each([
    ['30m', 30 * MIN],
    ['12h', 12 * HOUR],
    ['7d', 7 * DAY],
    ['2w', 14 * DAY],
    ['45s', 45_000],
    ['1d12h', 36 * HOUR],
    ['0s', 0],
    ['1w2d3h4m5s', WEEK_MS + 2 * DAY + 3 * HOUR + 4 * MIN + 5000],
    ['P7D', 7 * DAY],
    ['PT12H', 12 * HOUR],
    ['P1DT2H30M', DAY + 2 * HOUR + 30 * MIN],
    ['P2W', 14 * DAY],
    ['PT1.5S', 1500],
    ['PT0,5S', 500],
    ['pt30m', 30 * MIN],
  ])('%s → %d ms', (text, ms) => {
    expect(parseDuration(text, '--max-age')).toBe(ms);
  });

  it.each([
    ['7', `--max-age: "7" has no unit: ${UNITS}`],
    ['1M', `--max-age: "1M" is not a duration: ${UNITS}`],
    ['7D', `--max-age: "7D" is not a duration: ${UNITS}`],
    ['1y', `--max-age: "1y" is not a duration: ${UNITS}`],
    ['500ms', `--max-age: "500ms" is not a duration: ${UNITS}`],
    ['5min', `--max-age: "5min" is not a duration: ${UNITS}`],
    ['1d 12h', `--max-age: "1d 12h" is not a duration: ${UNITS}`],
    ['P1M', '--max-age: "P1M" uses years or months, whose length varies; give days or weeks (P30D, P4W)'],
    ['P1Y2D', '--max-age: "P1Y2D" uses years or months, whose length varies; give days or weeks (P30D, P4W)'],
    ['P', '--max-age: "P" is not an ISO 8601 duration such as P7D, PT12H or P1DT2H30M'],
    ['PT', '--max-age: "PT" is not an ISO 8601 duration such as P7D, PT12H or P1DT2H30M'],
    ['P1H', '--max-age: "P1H" is not an ISO 8601 duration such as P7D, PT12H or P1DT2H30M'],
    ['-1d', `--max-age: "-1d" is not a duration: ${UNITS}`],
    ['seven days', `--max-age: "seven days" is not a duration: ${UNITS}`],
    ['', `--max-age: "" is not a duration: ${UNITS}`],
  ])('refuses %j in one line naming the flag', (text, line) => {
    let caught: unknown;
    try {
      parseDuration(text, '--max-age');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).line()).toBe(line);
    expect((caught as InputError).exitCode).toBe(1);
  });
});
