import {describe, expect, it} from 'vitest';
import {compareDpkgVersions, parseDpkgVersion, verrevcmp} from '../../src/versions/dpkg.js';
import {generateDpkgPairs} from './generate-versions.js';
import {loadVectors} from './load-vectors.js';

const vectors = loadVectors('dpkg-vercmp.tsv');

describe('dpkg upstream vectors (fixtures/vectors/dpkg-vercmp.tsv)', () => {
  it('holds every transcribed case: 14 from t-version.c, 44 from Dpkg_Version.t', () => {
    // A guard against a vector silently lost from the file.
    const bySource = new Map<string, number>();
    for (const v of vectors) bySource.set(v.source, (bySource.get(v.source) ?? 0) + 1);
    expect([...bySource.entries()].map(([s, n]) => [s.split(' @ ')[0], n])).toEqual([
      ['guillemj/dpkg lib/dpkg/t/t-version.c', 14],
      ['guillemj/dpkg scripts/t/Dpkg_Version.t', 44],
    ]);
  });

  it.each(vectors.map((v) => [`${v.a} vs ${v.b} = ${v.expected} (line ${v.line})`, v] as const))('%s', (_name, v) => {
    expect(Math.sign(compareDpkgVersions(v.a, v.b))).toBe(v.expected);
    // The order is antisymmetric, so the swapped pair must give the opposite answer.
    expect(Math.sign(compareDpkgVersions(v.b, v.a))).toBe(-v.expected || 0);
  });
});

describe('parseDpkgVersion (t-version.c test_version_parse, valid inputs)', () => {
  // Upstream parses each string and compares it with DPKG_VERSION_OBJECT(epoch, version, revision).
  const cases: ReadonlyArray<readonly [string, number, string, string]> = [
    ['0', 0, '0', ''],
    ['0:0', 0, '0', ''],
    ['0:0-0', 0, '0', '0'],
    ['0:0.0-0.0', 0, '0.0', '0.0'],
    ['1:0', 1, '0', ''],
    ['5:1', 5, '1', ''],
    ['0:0-0-0', 0, '0-0', '0'],
    ['0:0-0-0-0', 0, '0-0-0', '0'],
    ['0:0:0-0', 0, '0:0', '0'],
    ['0:0:0:0-0', 0, '0:0:0', '0'],
    ['0:0:0-0-0', 0, '0:0-0', '0'],
    ['0:0-0:0-0', 0, '0-0:0', '0'],
    ['0:09azAZ.-+~:-0', 0, '09azAZ.-+~:', '0'],
    ['0:0-azAZ09.+~', 0, '0', 'azAZ09.+~'],
    ['  \t0:0-1', 0, '0', '1'],
    ['0:0-1\t  ', 0, '0', '1'],
    ['\t  0:0-1  \t', 0, '0', '1'],
  ];
  it.each(cases)('%j', (input, epoch, upstream, revision) => {
    expect(parseDpkgVersion(input)).toEqual({epoch, upstream, revision});
  });

  it('reads a multi-digit epoch with leading zeros as a number', () => {
    expect(parseDpkgVersion('010:2.0-1')).toEqual({epoch: 10, upstream: '2.0', revision: '1'});
  });
});

describe('verrevcmp character order', () => {
  it('sorts ~ before the end of the string, and ~~ before ~', () => {
    expect(verrevcmp('1~', '1')).toBeLessThan(0);
    expect(verrevcmp('1~~', '1~')).toBeLessThan(0);
    expect(verrevcmp('1~~a', '1~~')).toBeGreaterThan(0);
  });

  it('sorts letters before non-letters, and the end of a string before both', () => {
    expect(verrevcmp('1a', '1+')).toBeLessThan(0);
    expect(verrevcmp('1Z', '1.')).toBeLessThan(0);
    expect(verrevcmp('1', '1a')).toBeLessThan(0);
    expect(verrevcmp('1', '1+')).toBeLessThan(0);
    // ASCII order inside letters: upper case before lower case.
    expect(verrevcmp('1Z', '1a')).toBeLessThan(0);
  });

  it('compares digit runs numerically, leading zeros ignored, past 2^53', () => {
    expect(verrevcmp('3.10', '3.9')).toBeGreaterThan(0);
    expect(verrevcmp('1.007', '1.7')).toBe(0);
    expect(verrevcmp('100000000000000000001', '100000000000000000000')).toBeGreaterThan(0);
    expect(verrevcmp('0000000000000000000009', '10')).toBeLessThan(0);
  });

  it('treats an empty revision as equal to revision 0', () => {
    expect(compareDpkgVersions('1.0', '1.0-0')).toBe(0);
  });
});

describe('compareDpkgVersions with epochs', () => {
  it('decides on the epoch before anything else', () => {
    expect(compareDpkgVersions('1:0.1-1', '9.9-9')).toBe(1);
    expect(compareDpkgVersions('2:1.0', '10:0.1')).toBe(-1);
  });

  it('treats an absent epoch as 0, with or without leading zeros', () => {
    expect(compareDpkgVersions('1.0-1', '0:1.0-1')).toBe(0);
    expect(compareDpkgVersions('00:1.0-1', '1.0-1')).toBe(0);
  });

  it('splits the revision at the last hyphen only', () => {
    expect(compareDpkgVersions('1.0-2-1', '1.0-10-1')).toBe(-1);
    expect(compareDpkgVersions('1.0-1-2', '1.0-1-10')).toBe(-1);
  });
});

describe('compareDpkgVersions is a total order on generated versions', () => {
  const pairs = generateDpkgPairs(20_250_301, 3000);
  const all = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];

  it('is reflexive and antisymmetric', () => {
    for (const p of pairs) {
      expect(compareDpkgVersions(p.a, p.a)).toBe(0);
      expect(Math.sign(compareDpkgVersions(p.a, p.b))).toBe(-Math.sign(compareDpkgVersions(p.b, p.a)) || 0);
    }
  });

  it('sorts consistently: every earlier element is <= every later one (transitivity)', () => {
    const sorted = [...all].sort(compareDpkgVersions);
    for (let k = 0; k < 20_000; k++) {
      const i = (k * 7919) % sorted.length;
      const j = (k * 104_729 + 13) % sorted.length;
      const lo = Math.min(i, j);
      const hi = Math.max(i, j);
      expect(compareDpkgVersions(sorted[lo] ?? '', sorted[hi] ?? '')).toBeLessThanOrEqual(0);
    }
  });
});
