import {describe, expect, it} from 'vitest';

import {
  aptEntryMatches,
  idKindOf,
  looksLikeSusePatchOrRpmFile,
  looksVersionOnly,
  parseZypperEntry,
  renderAptForms,
  renderRpmForms,
  renderRpmNevra,
  rpmEntryMatches,
  zypperEntryMatches,
  zypperNameMatches,
} from '../../src/engine/patch-lists.js';

describe('rpm entry forms (spec §3.1, DECISION-12)', () => {
  it('renders the twelve forms from the real components', () => {
    expect(renderRpmForms('dbus', 'x86_64', '1:1.12.28-1.amzn2023.0.1')).toEqual([
      'dbus',
      'dbus.x86_64',
      'dbus-1.12.28-1.amzn2023.0.1.x86_64',
      'dbus-1.12.28',
      'dbus-1.12.28-1.amzn2023.0.1',
      '1:dbus-1.12.28-1.amzn2023.0.1.x86_64',
      'dbus-1:1.12.28-1.amzn2023.0.1.x86_64',
      'dbus-1:1.12.28-1.amzn2023.0.1',
      '1.12.28',
      '1.12.28-1.amzn2023.0.1',
      '1:1.12.28-1.amzn2023.0.1',
      'dbus.x86_64:1:1.12.28-1.amzn2023.0.1',
    ]);
  });

  it('renders epoch 0 for epoch-less versions', () => {
    expect(renderRpmForms('bash', 'x86_64', '4.2.46-35.el7')).toContain('0:bash-4.2.46-35.el7.x86_64');
    expect(renderRpmNevra('bash', 'x86_64', '4.2.46-35.el7')).toBe('bash-0:4.2.46-35.el7.x86_64');
  });

  it.each([
    ['nginx-1.24.0-1.amzn2023.0.4', true, 'an omitted epoch matches any epoch'],
    ['nginx-1:1.24.0-1.amzn2023.0.4.x86_64', true, 'epoch named exactly'],
    ['nginx-2:1.24.0-1.amzn2023.0.4.x86_64', false, 'a wrong epoch does not match'],
    ['nginx-0:1.24.0-1.amzn2023.0.4', false, 'epoch 0 only for epoch-less packages'],
    ['NGINX.X86_64', true, 'case-insensitive'],
    ['nginx.i686', false, 'another arch'],
    ['nginx*', true, 'glob'],
    ['ngin?-1.24*', true, 'several globs'],
    ['1.24.0', true, 'version-only form'],
    ['nginx.x86_64:1:1.24.0-1.amzn2023.0.4', true, 'name.arch:epoch:version-release'],
    ['1:nginx-1.24.0-1.amzn2023.0.4.x86_64', true, 'epoch:name-version-release.arch'],
    ['ngin', false, 'a prefix is not a match'],
  ])('%s → %s (%s)', (entry, expected) => {
    expect(rpmEntryMatches(entry, 'nginx', 'x86_64', '1:1.24.0-1.amzn2023.0.4')).toBe(expected);
  });
});

describe('apt entry forms (spec §3.2, DECISION-13)', () => {
  it('renders the six forms', () => {
    expect(renderAptForms('openssl', 'amd64', '3.0.2-0ubuntu1.18')).toEqual([
      'openssl',
      '3.0.2-0ubuntu1.18',
      'openssl.amd64',
      'openssl-3.0.2-0ubuntu1.18',
      'amd64:3.0.2-0ubuntu1.18',
      'openssl.amd64:3.0.2-0ubuntu1.18',
    ]);
  });

  it.each([
    ['openssl', true],
    ['OpenSSL', true],
    ['openssl.amd64', true],
    ['openssl.arm64', false],
    ['openssl-3.0.2*', true],
    ['libssl*', false],
    ['amd64:3.0.2-0ubuntu1.18', true],
  ])('%s → %s', (entry, expected) => {
    expect(aptEntryMatches(entry, 'openssl', 'amd64', '3.0.2-0ubuntu1.18')).toBe(expected);
  });
});

describe('SUSE entries: name regex plus version constraints (spec §3.3)', () => {
  it('anchors the name regex at the start only', () => {
    const entry = parseZypperEntry('curl');
    expect(zypperNameMatches(entry, 'curl', 'x86_64')).toBe(true);
    expect(zypperNameMatches(entry, 'curl-devel', 'x86_64')).toBe(true);
    expect(zypperNameMatches(entry, 'curlftpfs', 'x86_64')).toBe(true);
    expect(zypperNameMatches(entry, 'libcurl4', 'x86_64')).toBe(false);
  });

  it('reads `*` as one or more characters and tries name.arch', () => {
    const entry = parseZypperEntry('curl*.x86_64');
    expect(zypperNameMatches(entry, 'curl-devel', 'x86_64')).toBe(true);
    expect(zypperNameMatches(entry, 'curl', 'i586')).toBe(false);
  });

  it('is case-sensitive', () => {
    expect(zypperNameMatches(parseZypperEntry('Curl'), 'curl', 'x86_64')).toBe(false);
  });

  it('applies version constraints to version-release, epochs ignored', () => {
    const entry = parseZypperEntry('kernel-default > 4.12.14-122.37.1');
    expect(entry.constraints).toEqual([{op: '>', version: '4.12.14-122.37.1'}]);
    expect(zypperEntryMatches(entry, 'kernel-default', 'x86_64', '4.12.14-122.40.1')).toBe(true);
    expect(zypperEntryMatches(entry, 'kernel-default', 'x86_64', '4.12.14-122.37.1')).toBe(false);
    expect(zypperEntryMatches(entry, 'kernel-default', 'x86_64', '3:4.12.14-122.30.1')).toBe(false);
  });

  it('compares only the part before a `*` in a constraint', () => {
    const entry = parseZypperEntry('rpm* < 2.* > 1.1.1-2.3.1');
    expect(entry.constraints).toHaveLength(2);
    expect(zypperEntryMatches(entry, 'rpm-build', 'x86_64', '1.5-1')).toBe(true);
    expect(zypperEntryMatches(entry, 'rpm-build', 'x86_64', '2.1-1')).toBe(false);
    expect(zypperEntryMatches(entry, 'rpm-build', 'x86_64', '1.1.1-2.3.1')).toBe(false);
  });

  it('an invalid regex matches nothing', () => {
    expect(zypperNameMatches(parseZypperEntry('curl('), 'curl(', 'x86_64')).toBe(false);
  });

  it('recognises documented patch and .rpm names that the payload never matches', () => {
    expect(looksLikeSusePatchOrRpmFile('SUSE-SLE-Module-Basesystem-15-SP5-2025-123')).toBe(true);
    expect(looksLikeSusePatchOrRpmFile('example-pkg-2023.15.4-46.17.1.x86_64.rpm')).toBe(true);
    expect(looksLikeSusePatchOrRpmFile('kernel-default')).toBe(false);
  });
});

describe('entry classification for warnings', () => {
  it.each([
    ['2211567', 'bugzilla'],
    ['CVE-2025-24928', 'cve'],
    ['RHSA-2017:0864', 'advisory'],
    ['ALAS2023-2025-123', 'advisory'],
    ['ELSA-2025-123', 'advisory'],
    ['openssl', null],
  ])('%s is %s', (entry, kind) => {
    expect(idKindOf(entry)).toBe(kind);
  });

  it.each([
    ['1.12.28', true],
    ['2:1.2-3', true],
    ['1.12.28-1.amzn2023.0.1', true],
    ['389-ds-base', false],
    ['dbus-1.12.2*', false],
    ['2211567', false],
  ])('%s version-only: %s', (entry, expected) => {
    expect(looksVersionOnly(entry)).toBe(expected);
  });
});
