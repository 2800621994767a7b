import {describe, expect, it} from 'vitest';

import {formatRelation, parseRelation, parseRelations, versionSatisfies} from '../../../src/managers/apt/relations.js';

describe('parseRelations', () => {
  it("reads a real Depends line (Debian 12's exim4-daemon-light) with an alternative and epochs", () => {
    const clauses = parseRelations('exim4-base (>= 4.96), debconf (>= 0.5) | debconf-2.0, libc6 (>= 2.34), libcrypt1 (>= 1:4.1.0)');
    expect(clauses.map((c) => c.map(formatRelation))).toEqual([
      ['exim4-base (>= 4.96)'],
      ['debconf (>= 0.5)', 'debconf-2.0'],
      ['libc6 (>= 2.34)'],
      ['libcrypt1 (>= 1:4.1.0)'],
    ]);
  });

  it('reads architecture qualifiers and a versioned Provides (the host dbus)', () => {
    expect(parseRelation('python3:any (>= 3.11~)')).toEqual({name: 'python3', archQualifier: 'any', op: '>=', version: '3.11~'});
    expect(parseRelations('dbus-system-bus (= 1.14.10-1~deb12u1), default-dbus-system-bus').flat()).toEqual([
      {name: 'dbus-system-bus', archQualifier: null, op: '=', version: '1.14.10-1~deb12u1'},
      {name: 'default-dbus-system-bus', archQualifier: null, op: null, version: null},
    ]);
  });

  it('maps the obsolete < and > to <= and >= (Policy §7.1) and drops source-only restrictions', () => {
    expect(parseRelation('foo (< 2)')?.op).toBe('<=');
    expect(parseRelation('foo (> 2)')?.op).toBe('>=');
    expect(parseRelation('foo [amd64] <!nocheck>')).toEqual({name: 'foo', archQualifier: null, op: null, version: null});
  });

  it('returns no clauses for an empty field', () => {
    expect(parseRelations('')).toEqual([]);
    expect(parseRelations(undefined)).toEqual([]);
  });
});

describe('versionSatisfies (dpkg order)', () => {
  it.each([
    ['1.1-1+deb12u1', '>=', '1.1', true],
    ['1.0-1', '>=', '1.1', false],
    ['1:2.0-1', '>>', '1.5-1', true],
    ['1.0~rc1-1', '<<', '1.0-1', true],
    ['2.0-1', '=', '2.0-1', true],
    ['2.0-1', '<=', '1.9', false],
  ] as const)('%s %s %s → %s', (version, op, required, expected) => {
    expect(versionSatisfies(version, op, required)).toBe(expected);
  });

  it('accepts any version without an operator', () => {
    expect(versionSatisfies('0', null, null)).toBe(true);
  });
});
