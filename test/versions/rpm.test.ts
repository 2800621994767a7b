import {describe, expect, it} from 'vitest';
import {compareEvr, formatEvr, parseEvr, rpmvercmp} from '../../src/versions/rpm.js';
import {generateRpmEvrPairs, generateRpmVercmpPairs} from './generate-versions.js';
import {loadVectors} from './load-vectors.js';

const vectors = loadVectors('rpm-vercmp.tsv');

describe('rpm upstream vectors (fixtures/vectors/rpm-vercmp.tsv)', () => {
  it('holds every transcribed case: 91 active RPMVERCMP lines and the 12 documented oddities', () => {
    // A guard against a vector silently lost from the file.
    const active = vectors.filter((v) => !v.source.includes('oddities'));
    const oddities = vectors.filter((v) => v.source.includes('oddities'));
    expect([active.length, oddities.length]).toEqual([91, 12]);
  });

  it('covers tilde and caret', () => {
    expect(vectors.filter((v) => v.a.includes('~') || v.b.includes('~')).length).toBe(14);
    expect(vectors.filter((v) => v.a.includes('^') || v.b.includes('^')).length).toBe(22);
  });

  it.each(vectors.map((v) => [`rpmvercmp(${v.a}, ${v.b}) = ${v.expected} (line ${v.line})`, v] as const))('%s', (_name, v) => {
    expect(rpmvercmp(v.a, v.b)).toBe(v.expected);
    // The order is antisymmetric, so the swapped pair must give the opposite answer.
    expect(rpmvercmp(v.b, v.a)).toBe(-v.expected || 0);
  });
});

describe('rpmvercmp beyond the upstream vectors', () => {
  it('compares long digit runs by length then digits, never through Number', () => {
    expect(rpmvercmp('1.100000000000000000001', '1.100000000000000000000')).toBe(1);
    expect(rpmvercmp('1.000000000000000000000000009', '1.10')).toBe(-1);
  });

  it('orders a numeric segment above an alpha one', () => {
    expect(rpmvercmp('1.1', '1.a')).toBe(1);
    expect(rpmvercmp('1.a', '1.1')).toBe(-1);
  });
});

describe('parseEvr', () => {
  it('splits epoch, version and release', () => {
    expect(parseEvr('1:4.9-1.el9')).toEqual({epoch: 1, version: '4.9', release: '1.el9'});
  });

  it('keeps an absent epoch as null and an explicit 0 as 0', () => {
    expect(parseEvr('5.0-1.el9')).toEqual({epoch: null, version: '5.0', release: '1.el9'});
    expect(parseEvr('0:5.0-1.el9')).toEqual({epoch: 0, version: '5.0', release: '1.el9'});
  });

  it('reads an epoch only from digits directly before the first colon, as rpm does', () => {
    // rpm 4.18 `rpm.ver('a:1-1')` has no epoch and version `a:1`; `rpm.ver(':1-2')` has epoch 0.
    expect(parseEvr('a:1-1')).toEqual({epoch: null, version: 'a:1', release: '1'});
    expect(parseEvr('1.0:2-3')).toEqual({epoch: null, version: '1.0:2', release: '3'});
    expect(parseEvr(':1-2')).toEqual({epoch: 0, version: '1', release: '2'});
    expect(parseEvr('1:2:3-4')).toEqual({epoch: 1, version: '2:3', release: '4'});
  });

  it('takes the release after the last hyphen, and none without a hyphen', () => {
    expect(parseEvr('2:1.0-rc1-3')).toEqual({epoch: 2, version: '1.0-rc1', release: '3'});
    expect(parseEvr('8.7p1')).toEqual({epoch: null, version: '8.7p1', release: ''});
  });
});

describe('formatEvr', () => {
  it('omits a zero or absent epoch and an empty release', () => {
    expect(formatEvr({epoch: null, version: '5.0', release: '1.el9'})).toBe('5.0-1.el9');
    expect(formatEvr({epoch: 0, version: '5.0', release: '1.el9'})).toBe('5.0-1.el9');
    expect(formatEvr({epoch: 1, version: '4.9', release: ''})).toBe('1:4.9');
  });

  it('round-trips parseEvr for strings in its canonical form', () => {
    for (const s of ['1:4.9-1.el9', '8.7p1-8.amzn2023.0.13', '2.0', '3:1.0~rc1^git2-0.1']) {
      expect(formatEvr(parseEvr(s))).toBe(s);
    }
  });
});

describe('compareEvr with epochs', () => {
  it('decides on the epoch first: 1:4.9 is newer than 5.0 (E10)', () => {
    expect(compareEvr('1:4.9-1.el9', '5.0-1.el9')).toBe(1);
    expect(compareEvr('0:5.0-1.el7', '1:4.9-1.el7')).toBe(-1);
  });

  it('treats an absent epoch as 0', () => {
    expect(compareEvr('0:5.0-1.el9', '5.0-1.el9')).toBe(0);
    // Found by the differential test: `034git:` is no epoch for rpm, so 1+1758 meets 034git.
    expect(compareEvr('00:1+1758-svn^8', '034git:svn.8-B~0016deb')).toBe(-1);
    expect(compareEvr('00:5.0-1.el9', '5.0-1.el9')).toBe(0);
  });

  it('compares the version before the release', () => {
    expect(compareEvr('1.0-9', '1.1-1')).toBe(-1);
    expect(compareEvr('8.7p1-8.amzn2023.0.13', '8.7p1-8.amzn2023.0.10')).toBe(1);
  });

  it('accepts parsed Evr objects', () => {
    expect(compareEvr(parseEvr('1:1-1'), {epoch: null, version: '2', release: '1'})).toBe(1);
  });
});

describe('rpm orders are total orders on generated versions', () => {
  const cases = [
    ['rpmvercmp', rpmvercmp, generateRpmVercmpPairs(7, 3000)],
    ['compareEvr', (a: string, b: string) => compareEvr(a, b), generateRpmEvrPairs(11, 3000)],
  ] as const;

  it.each(cases)('%s is reflexive and antisymmetric', (_name, cmp, pairs) => {
    for (const p of pairs) {
      expect(cmp(p.a, p.a)).toBe(0);
      expect(cmp(p.a, p.b)).toBe(-cmp(p.b, p.a) || 0);
    }
  });

  it.each(cases)('%s sorts consistently: every earlier element is <= every later one', (_name, cmp, pairs) => {
    const sorted = [...new Set(pairs.flatMap((p) => [p.a, p.b]))].sort(cmp);
    for (let k = 0; k < 20_000; k++) {
      const i = (k * 7919) % sorted.length;
      const j = (k * 104_729 + 13) % sorted.length;
      expect(cmp(sorted[Math.min(i, j)] ?? '', sorted[Math.max(i, j)] ?? '')).toBeLessThanOrEqual(0);
    }
  });
});
