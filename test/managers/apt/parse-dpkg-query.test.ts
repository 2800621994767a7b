import {describe, expect, it} from 'vitest';

import {InputError} from '../../../src/errors.js';
import {hasInstalledVersion, INTERRUPTED_STATES, parseDpkgQuery} from '../../../src/managers/apt/parse-dpkg-query.js';
import {errorLine, fixture, fixtureJson} from './support.js';

describe('parseDpkgQuery (golden)', () => {
  it.each([
    ['debian-12/collect/dpkg-query.stdout', 'debian-12/expected/dpkg-query.json'],
    ['debian-12/install-half-configured/dpkg-query-after.stdout', 'debian-12/expected/dpkg-query-half-configured.json'],
    ['debian-12-host/dpkg-query.stdout', 'debian-12-host/expected/dpkg-query.json'],
  ])('%s', (input, expected) => {
    expect(parseDpkgQuery(fixture(input))).toEqual(fixtureJson(expected));
  });
});

describe('parseDpkgQuery', () => {
  it('keeps one entry per architecture of a Multi-Arch: same package', () => {
    const libfoo = parseDpkgQuery(fixture('debian-12/collect/dpkg-query.stdout')).filter((p) => p.name === 'libfoo-pp');
    expect(libfoo.map((p) => [p.arch, p.version, p.multiArch])).toEqual([
      ['amd64', '1.0-1', 'same'],
      ['i386', '1.0-1', 'same'],
    ]);
  });

  it('reads the half-configured package a failed postinst left behind', () => {
    const broken = parseDpkgQuery(fixture('debian-12/install-half-configured/dpkg-query-after.stdout')).find((p) => p.name === 'broken-pp');
    expect(broken?.state).toBe('half-configured');
    expect(broken !== undefined && INTERRUPTED_STATES.has(broken.state)).toBe(true);
  });

  it('counts config-files and not-installed as not installed', () => {
    const [rc, ii] = parseDpkgQuery('old\tamd64\t1.0\tdeinstall ok config-files\toptional\tmisc\tno\t\nnew\tall\t2.0\tinstall ok installed\toptional\tmisc\tno\t\n');
    expect(rc !== undefined && hasInstalledVersion(rc)).toBe(false);
    expect(ii !== undefined && hasInstalledVersion(ii)).toBe(true);
  });

  it('refuses a line with the wrong number of fields, naming the line', () => {
    expect(() => parseDpkgQuery('a\tall\t1.0\n')).toThrow(InputError);
    expect(errorLine(() => parseDpkgQuery('a\tall\t1.0\n'))).toBe('dpkg-query: line 1: expected 8 tab-separated fields, got 3: "a\\tall\\t1.0"');
  });

  it('refuses an unknown status word', () => {
    expect(() => parseDpkgQuery('a\tall\t1.0\tinstall ok weird\toptional\tmisc\tno\t\n')).toThrow(/unknown dpkg status "install ok weird" for a/);
  });
});
