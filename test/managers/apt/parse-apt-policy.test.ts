import {describe, expect, it} from 'vitest';

import {parseAptPolicy, policyKey} from '../../../src/managers/apt/parse-apt-policy.js';
import {errorLine, fixture, fixtureJson} from './support.js';

describe('parseAptPolicy (golden)', () => {
  it.each([
    ['debian-12/collect/apt-cache-policy.stdout', 'debian-12/expected/apt-cache-policy.json'],
    ['debian-12-host/apt-cache-policy.stdout', 'debian-12-host/expected/apt-cache-policy.json'],
    ['ubuntu-16.04/apt-cache-policy-openssl.stdout', 'ubuntu-16.04/expected/apt-cache-policy-openssl.json'],
  ])('%s', (input, expected) => {
    expect(parseAptPolicy(fixture(input))).toEqual(fixtureJson(expected));
  });
});

describe('parseAptPolicy', () => {
  const entries = parseAptPolicy(fixture('debian-12/collect/apt-cache-policy.stdout'));
  const byKey = new Map(entries.map((e) => [policyKey(e.name, e.arch), e]));

  it('takes the pinned candidate, not the highest version', () => {
    const hello = byKey.get('hello-pp');
    expect(hello?.candidate).toBe('1.0-1+deb12u2');
    expect(hello?.versions.map((v) => [v.version, v.priority, v.installed])).toEqual([
      ['1.0-1+deb12u3', 100, false],
      ['1.0-1+deb12u2', 500, false],
      ['1.0-1+deb12u1', 500, false],
      ['1.0-1', 500, true],
    ]);
  });

  it('tells a foreign-architecture header from the native one', () => {
    expect(byKey.get('libfoo-pp')?.arch).toBeNull();
    expect(byKey.get('libfoo-pp:i386')?.arch).toBe('i386');
  });

  it('reads "(none)" as not installed', () => {
    expect(byKey.get('python3-apt')).toMatchObject({installed: null, candidate: '2.6.0+deb12u1'});
  });

  it('reads one version served by -updates and -security (Ubuntu 16.04, from a GitHub issue)', () => {
    const [openssl] = parseAptPolicy(fixture('ubuntu-16.04/apt-cache-policy-openssl.stdout'));
    expect(openssl?.versions[1]?.sources.map((s) => s.source)).toEqual([
      'http://archive.ubuntu.com/ubuntu xenial-updates/main amd64 Packages',
      'http://security.ubuntu.com/ubuntu xenial-security/main amd64 Packages',
      '/var/lib/dpkg/status',
    ]);
  });

  it("tolerates Ubuntu's phasing note and an old apt's Package pin line", () => {
    const text = 'curl:\n  Installed: 7.81.0-1ubuntu1.15\n  Candidate: 7.81.0-1ubuntu1.15\n  Package pin: 7.81.0-1ubuntu1.15\n  Version table:\n     7.81.0-1ubuntu1.16 500 (phased 20%)\n        500 http://archive.ubuntu.com/ubuntu jammy-updates/main amd64 Packages\n *** 7.81.0-1ubuntu1.15 100\n        100 /var/lib/dpkg/status\n';
    const [curl] = parseAptPolicy(text);
    expect(curl?.versions.map((v) => v.version)).toEqual(['7.81.0-1ubuntu1.16', '7.81.0-1ubuntu1.15']);
    expect(curl?.candidate).toBe('7.81.0-1ubuntu1.15');
  });

  it('refuses output that does not start with a package header, naming the line', () => {
    expect(errorLine(() => parseAptPolicy('  Installed: 1.0\n'))).toBe('apt-cache policy: line 1: expected a "package:" header, got "  Installed: 1.0"');
  });

  it('returns nothing for an empty answer (apt skips names it does not know)', () => {
    expect(parseAptPolicy('')).toEqual([]);
  });
});
