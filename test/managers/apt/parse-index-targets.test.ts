import {describe, expect, it} from 'vitest';

import {parseIndexTargets, siteOf} from '../../../src/managers/apt/parse-index-targets.js';
import {errorLine, fixture, fixtureJson} from './support.js';

describe('parseIndexTargets (golden)', () => {
  it.each([
    ['debian-12/collect/apt-get-indextargets.stdout', 'debian-12/expected/index-targets.json'],
    ['debian-12-host/apt-get-indextargets.stdout', 'debian-12-host/expected/index-targets.json'],
  ])('%s', (input, expected) => {
    expect(parseIndexTargets(fixture(input))).toEqual(fixtureJson(expected));
  });
});

describe('parseIndexTargets', () => {
  it("takes trust from apt: signed InRelease and trusted=yes are trusted, the unsigned mirror is not", () => {
    const targets = parseIndexTargets(fixture('debian-12/collect/apt-get-indextargets.stdout'));
    const trust = targets.map((t) => [t.codename, t.label, t.architecture, t.trusted]);
    expect(trust).toEqual([
      ['bookworm', 'Debian', 'amd64', true],
      ['bookworm', 'Debian', 'i386', true],
      ['bookworm-updates', 'Debian', 'amd64', true],
      ['bookworm-updates', 'Debian', 'i386', true],
      ['bookworm-security', 'Debian-Security', 'amd64', true],
      ['bookworm-security', 'Debian-Security', 'i386', true],
      ['bookworm-security', 'Internal-Mirror', 'amd64', false],
    ]);
  });

  it('reads the real Debian 12 archive: compressed lists, oldstable suites, deb.debian.org', () => {
    const [main] = parseIndexTargets(fixture('debian-12-host/apt-get-indextargets.stdout'));
    expect(main?.filename.endsWith('_Packages.lz4')).toBe(true);
    expect(main?.archive).toBe('oldstable');
    expect(main?.site).toBe('deb.debian.org');
  });

  it('refuses a record without Filename', () => {
    expect(errorLine(() => parseIndexTargets('MetaKey: main/binary-amd64/Packages\nSuite: stable\n'))).toBe(
      'apt-get indextargets: record 1: has no Filename field',
    );
  });

  it('leaves Release fields empty for a list never fetched', () => {
    const [t] = parseIndexTargets('Filename: /var/lib/apt/lists/x_Packages\nSite: http://example.org/debian\n');
    expect(t).toMatchObject({archive: '', codename: '', trusted: false, site: 'example.org'});
  });
});

describe('siteOf', () => {
  it.each([
    ['http://deb.debian.org/debian', 'deb.debian.org'],
    ['http://deb.debian.org/debian-security', 'deb.debian.org'],
    ['https://user:secret@security.debian.org/debian-security', 'security.debian.org'],
    ['http://localhost:8080/debian', 'localhost'],
    ['http://[::1]:3142/debian', '[::1]'],
    ['file:/tmp/pp-apt-capture/repo', ''],
    ['file:///srv/repo', ''],
    ['cdrom:[Debian GNU/Linux 12]/', ''],
    ['', ''],
  ])('%s → %s', (uri, site) => {
    expect(siteOf(uri)).toBe(site);
  });
});
