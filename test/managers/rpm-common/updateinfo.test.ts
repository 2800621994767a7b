import {readFileSync} from 'node:fs';
import path from 'node:path';

import {describe, expect, it} from 'vitest';

import {InputError} from '../../../src/errors.js';
import {parseUpdateinfo, parseUpdateinfoDate} from '../../../src/managers/rpm-common/index.js';

const fixture = (name: string): string => readFileSync(path.join('fixtures/rpm', name), 'utf8');

describe('parseUpdateinfo on real samples', () => {
  it('reads Amazon Linux 2023: dates without seconds as UTC, cves, every package', () => {
    const [notice, ...rest] = parseUpdateinfo(fixture('updateinfo-amazonlinux2023-alas2023.xml'), 'al2023.xml');
    expect(rest).toEqual([]);
    expect(notice).toMatchObject({
      id: 'ALAS2023-2023-001',
      type: 'security',
      severity: 'Important',
      issued: '2023-02-17T20:41:00.000Z',
      updated: '2023-02-22T23:22:00.000Z',
      cves: ['CVE-2014-3634', 'CVE-2022-24903'],
      bugzillas: [],
      selfReferences: [],
      rebootSuggested: false,
    });
    expect(notice?.packages).toContainEqual({
      name: 'rsyslog-mmaudit',
      epoch: '0',
      version: '8.2204.0',
      release: '3.amzn2023.0.2',
      arch: 'x86_64',
      evr: '8.2204.0-3.amzn2023.0.2',
      rebootSuggested: false,
    });
  });

  it('reads Amazon Linux 2: two notices, lower-case severity kept verbatim', () => {
    const notices = parseUpdateinfo(fixture('updateinfo-amazonlinux2-alas2.xml'), 'al2.xml');
    expect(notices.map((n) => [n.id, n.type, n.severity, n.issued])).toEqual([
      ['ALAS2-2018-942', 'security', 'important', '2018-02-07T18:49:00.000Z'],
      ['ALAS2-2018-949', 'security', 'important', '2018-02-07T17:47:00.000Z'],
    ]);
    expect(notices.every((n) => n.packages.length > 0 && n.cves.length > 0)).toBe(true);
  });

  it('reads Rocky 8: severity None is a value, erratum references are neither cve nor bugzilla', () => {
    const notices = parseUpdateinfo(fixture('updateinfo-rocky8-rlsa.xml'), 'rocky.xml');
    expect(notices[0]).toMatchObject({id: 'RLBA-2021:2580', type: 'bugfix', severity: 'None', cves: [], bugzillas: []});
    expect(notices[0]?.issued).toBe('2021-07-22T18:25:24.000Z');
    expect(notices[0]?.packages.map((p) => `${p.name}-${p.evr}.${p.arch}`)).toEqual([
      'firewalld-filesystem-0.8.2-7.el8_4.noarch',
      'firewalld-0.8.2-7.el8_4.noarch',
      'python3-firewall-0.8.2-7.el8_4.noarch',
    ]);
  });

  it('reads the lab notices: absent severity stays absent, epochs, self and bugzilla references, reboot_suggested', () => {
    const byId = new Map(parseUpdateinfo(fixture('updateinfo-lab.xml'), 'lab.xml').map((n) => [n.id, n]));
    expect(byId.get('ALBA-2026-005')).not.toHaveProperty('severity');
    expect(byId.get('ALBA-2026-005')?.bugzillas).toEqual(['2000005']);
    expect(byId.get('ALEA-2026-006')).not.toHaveProperty('severity');
    expect(byId.get('ALBA-2026-008')?.severity).toBe('Moderate');
    expect(byId.get('ALBA-2026-008')?.packages[0]?.evr).toBe('1:2.0-1.el8');
    expect(byId.get('ALAS-2026-002')).toMatchObject({
      selfReferences: ['ALAS-2026-002'],
      cves: ['CVE-2026-0002', 'CVE-2026-0003'],
      bugzillas: ['1463241'],
      issued: '2026-02-01T10:00:00.000Z',
      updated: '2026-02-05T12:00:00.000Z',
    });
    expect(byId.get('ALAS-2026-003')?.rebootSuggested).toBe(true);
    expect(byId.get('ALAS-2026-002')?.rebootSuggested).toBe(false);
    expect(byId.get('ALAS-2026-011')?.packages.map((p) => p.evr)).toEqual(['1.1-1.amzn2', '1.2-1.amzn2']);
  });
});

describe('parseUpdateinfo errors are one line naming the file and the place', () => {
  const errorOf = (fn: () => unknown): InputError => {
    try {
      fn();
    } catch (error) {
      if (error instanceof InputError) return error;
      throw error;
    }
    throw new Error('expected an InputError');
  };

  it('not well-formed XML names the line', () => {
    const error = errorOf(() => parseUpdateinfo(fixture('malformed/unclosed.xml'), 'unclosed.xml'));
    expect(error.where).toMatch(/^unclosed\.xml: line \d+$/);
    expect(error.message).toMatch(/^not well-formed XML: /);
    expect(error.message).not.toContain('\n');
  });

  it('a package without version names the update and package index', () => {
    const error = errorOf(() => parseUpdateinfo(fixture('malformed/missing-version.xml'), 'updateinfo.xml'));
    expect(error.where).toBe('updateinfo.xml: updates.update[1].pkglist.collection[0].package[1].version');
  });

  it('an update without id', () => {
    const error = errorOf(() => parseUpdateinfo('<updates><update type="bugfix"><id></id></update></updates>', 'u.xml'));
    expect(error.where).toBe('u.xml: updates.update[0].id');
  });

  it('an empty <updates/> is no notices', () => {
    expect(parseUpdateinfo('<?xml version="1.0"?><updates/>', 'e.xml')).toEqual([]);
  });
});

describe('parseUpdateinfoDate', () => {
  it.each([
    ['2026-02-01 10:00:00', '2026-02-01T10:00:00.000Z'],
    ['2023-02-17 20:41', '2023-02-17T20:41:00.000Z'],
    ['2021-06-29', '2021-06-29T00:00:00.000Z'],
    ['2021-06-29 00:00:00 UTC', '2021-06-29T00:00:00.000Z'],
    ['1612137600', '2021-02-01T00:00:00.000Z'],
  ])('%s → %s', (raw, iso) => {
    expect(parseUpdateinfoDate(raw)).toBe(iso);
  });

  it('unreadable dates are undefined', () => {
    expect(parseUpdateinfoDate('soon')).toBeUndefined();
    expect(parseUpdateinfoDate(undefined)).toBeUndefined();
  });
});

describe('parseUpdateinfo on the legacy SUSE shape', () => {
  it('reads a namespaced document with epoch-second dates and no epoch attributes', () => {
    const notices = parseUpdateinfo(fixture('updateinfo-opensuse11.0-suse-legacy.xml'), 'suse.xml');
    expect(notices).toHaveLength(3);
    expect(notices[0]).toMatchObject({id: 'xorg-x11-Xvnc', type: 'security', issued: '2008-06-16T15:33:52.000Z', bugzillas: ['374318'], cves: []});
    expect(notices[0]).not.toHaveProperty('severity');
    expect(notices[0]?.packages[0]).toEqual({name: 'xorg-x11-Xvnc', epoch: '0', version: '7.3', release: '110.2', arch: 'i586', evr: '7.3-110.2', rebootSuggested: false});
  });
});
