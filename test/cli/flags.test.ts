import {describe, expect, it} from 'vitest';

import {chooseColorLevel, chooseWidth} from '../../src/cli/streams.js';
import {pairExclusions, parseInstant} from '../../src/cli/flags.js';
import {InputError} from '../../src/errors.js';

describe('pairExclusions', () => {
  it('gives each note to the exclusions before it since the previous note', () => {
    expect(pairExclusions(['plan', '--exclude', 'a', '--exclude=b=1.0', '--note', 'x', '--json', '--exclude', 'c', '--note=y z'])).toEqual([
      {exclude: 'a', note: 'x'},
      {exclude: 'b=1.0', note: 'x'},
      {exclude: 'c', note: 'y z'},
    ]);
  });

  it('has nothing to pair without --exclude', () => {
    expect(pairExclusions(['plan', '--inventory', 'i.json'])).toEqual([]);
  });

  it('refuses an exclusion without a note after it, and a note without an exclusion', () => {
    expect(() => pairExclusions(['--exclude', 'a', '--note', 'x', '--exclude', 'b'])).toThrow(
      new InputError('--exclude', 'b: every exclusion needs a --note saying why, after it'),
    );
    expect(() => pairExclusions(['--note', 'x'])).toThrow(/follows no --exclude/);
    expect(() => pairExclusions(['--exclude'])).toThrow(/needs a value/);
  });

  it('stops at --', () => {
    expect(pairExclusions(['--exclude', 'a', '--note', 'x', '--', '--exclude', 'b'])).toEqual([{exclude: 'a', note: 'x'}]);
  });
});

describe('parseInstant', () => {
  it('takes a date-time with a zone or a date (midnight UTC), refuses a zoneless date-time', () => {
    expect(parseInstant('2026-11-24', '--now').toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(parseInstant('2026-11-24T01:00:00+01:00', '--now').toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(() => parseInstant('2026-11-24T01:00:00', '--now')).toThrow(InputError);
  });
});

describe('chooseWidth', () => {
  it('takes COLUMNS first, then the first terminal, else 80; never below 40', () => {
    expect(chooseWidth({COLUMNS: '132'}, [{isTTY: true, columns: 200}])).toBe(132);
    expect(chooseWidth({}, [{isTTY: false, columns: 0}, {isTTY: true, columns: 120}])).toBe(120);
    expect(chooseWidth({}, [{isTTY: false}, {isTTY: false}])).toBe(80);
    expect(chooseWidth({COLUMNS: 'wide'}, [])).toBe(80);
    expect(chooseWidth({COLUMNS: '10'}, [])).toBe(40);
  });
});

describe('chooseColorLevel', () => {
  const tty = {noColorFlag: false, isTTY: true};
  const piped = {noColorFlag: false, isTTY: false};
  it('colours a terminal, not a pipe, unless told otherwise', () => {
    expect(chooseColorLevel({}, tty)).toBe(1);
    expect(chooseColorLevel({}, piped)).toBe(0);
    expect(chooseColorLevel({TERM: 'dumb'}, tty)).toBe(0);
  });

  it('FORCE_COLOR colours a pipe (| less -R) at its level, and 0/false turns colour off on a terminal', () => {
    expect(chooseColorLevel({FORCE_COLOR: '1'}, piped)).toBe(1);
    expect(chooseColorLevel({FORCE_COLOR: '2'}, piped)).toBe(2);
    expect(chooseColorLevel({FORCE_COLOR: '3'}, piped)).toBe(3);
    expect(chooseColorLevel({FORCE_COLOR: '9'}, piped)).toBe(3);
    expect(chooseColorLevel({FORCE_COLOR: ''}, piped)).toBe(1);
    expect(chooseColorLevel({FORCE_COLOR: 'true'}, piped)).toBe(1);
    expect(chooseColorLevel({FORCE_COLOR: '0'}, tty)).toBe(0);
    expect(chooseColorLevel({FORCE_COLOR: 'false'}, tty)).toBe(0);
    expect(chooseColorLevel({FORCE_COLOR: 'yes'}, piped)).toBe(0);
  });

  it('NO_COLOR (not empty) turns colour off; a valid FORCE_COLOR outranks it, as in Node; --no-color outranks both', () => {
    expect(chooseColorLevel({NO_COLOR: '1'}, tty)).toBe(0);
    expect(chooseColorLevel({NO_COLOR: ''}, tty)).toBe(1);
    expect(chooseColorLevel({NO_COLOR: '1', FORCE_COLOR: '1'}, piped)).toBe(1);
    expect(chooseColorLevel({FORCE_COLOR: '3'}, {noColorFlag: true, isTTY: true})).toBe(0);
  });
});
