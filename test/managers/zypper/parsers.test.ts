import {describe, expect, it} from 'vitest';

import {ExternalCommandError} from '../../../src/errors.js';
import {parseRpmQuery, parseUpdateinfo} from '../../../src/managers/rpm-common/index.js';
import {parseSearch} from '../../../src/managers/zypper/parse-search.js';
import {parseListPatches, parseListUpdates} from '../../../src/managers/zypper/parse-update-status.js';
import {fixture} from './support.js';

const CMD = 'zypper --xmlout test';

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ExternalCommandError);
    return (error as ExternalCommandError).line();
  }
  throw new Error('expected a failure');
}

describe('parseListUpdates', () => {
  it('reads the lab capture: newest edition per name, old edition, repository alias', () => {
    const updates = parseListUpdates(fixture('lab/list-updates.xml'), CMD);
    expect(updates).toHaveLength(11);
    expect(updates[0]).toEqual({name: 'epoch-pp', edition: '1:2.0-150600.1.1', arch: 'noarch', editionOld: '1.5-150600.1.1', repository: 'updates'});
    // list-updates gives tool-pp 2.2 only; 2.1 comes from search (labs §3).
    expect(updates.filter((u) => u.name === 'tool-pp').map((u) => u.edition)).toEqual(['2.2-150600.1.1']);
  });

  it('reads the SLES 12 SP1 sample, which has no edition-old', () => {
    const updates = parseListUpdates(fixture('shared/zypper-xmlout-list-updates-sle12sp1.xml'), CMD);
    expect(updates.length).toBeGreaterThan(2);
    expect(updates[0]).toEqual({name: 'SUSEConnect', edition: '0.2.33-7.1', arch: 'x86_64', editionOld: null, repository: 'SLE12-SP1-x86_64-Update'});
  });

  it('turns the lock error message into a failure quoting it on one line', () => {
    expect(failure(() => parseListUpdates(fixture('lab/list-updates-locked.xml'), CMD))).toContain(
      'System management is locked by the application with pid 20197 (sleep). Close this application before trying again.',
    );
  });

  it('names the command and the line of malformed XML', () => {
    const message = failure(() => parseListUpdates("<?xml version='1.0'?>\n<stream>\n<update-status><update-list>\n</stream>", CMD));
    expect(message).toContain(CMD);
    expect(message).toMatch(/malformed XML at line \d+, column \d+/);
  });

  it('names an unexpected element and where it sits', () => {
    const xml = fixture('lab/list-updates.xml').replace('<license/>', '<eula/>');
    expect(failure(() => parseListUpdates(xml, CMD))).toContain('unexpected <eula> in <stream><update-status><update-list> item 1 (<update name="epoch-pp">)');
    expect(failure(() => parseListUpdates("<?xml version='1.0'?><stream><oops/></stream>", CMD))).toContain('unexpected <oops> in <stream>');
    expect(failure(() => parseListUpdates("<?xml version='1.0'?><stream/>", CMD))).toContain('no <update-status>');
  });
});

describe('parseListPatches', () => {
  const patches = parseListPatches(fixture('lab/list-patches-all.xml'), CMD);

  it('reads every patch of the lab with category, raw severity, issue date and CVEs', () => {
    expect(patches.map((p) => p.name)).toEqual([101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111].map((n) => `SUSE-SLE-2026-${n}`));
    expect(patches[0]).toEqual({
      name: 'SUSE-SLE-2026-101',
      edition: '1',
      status: 'needed',
      category: 'security',
      severity: 'critical',
      issued: '2026-01-15T10:00:00.000Z',
      summary: 'security update for sec-crit-pp',
      repository: 'updates',
      restart: false,
      interactive: false,
      cves: ['CVE-2026-0101'],
      bugzillas: [],
    });
  });

  it('takes the later of issued/updated as zypper prints it (102: issued 02-01, updated 02-05)', () => {
    expect(patches.find((p) => p.name === 'SUSE-SLE-2026-102')?.issued).toBe('2026-02-05T12:00:00.000Z');
  });

  it('maps severity="" to none, keeps the raw categories, and reads restart on reboot-suggested patches', () => {
    const byName = new Map(patches.map((p) => [p.name, p]));
    expect(byName.get('SUSE-SLE-2026-105')).toMatchObject({category: 'recommended', severity: null});
    expect(byName.get('SUSE-SLE-2026-107')).toMatchObject({category: 'optional', severity: 'low'});
    expect(byName.get('SUSE-SLE-2026-108')).toMatchObject({category: 'feature', severity: null});
    expect(byName.get('SUSE-SLE-2026-111')).toMatchObject({restart: true, interactive: true});
  });
});

describe('parseSearch', () => {
  it('reads every edition with status and repository alias', () => {
    const solvables = parseSearch(fixture('lab/search-s-match-exact.xml'), CMD);
    expect(solvables.filter((s) => s.name === 'tool-pp')).toEqual([
      {name: 'tool-pp', kind: 'package', status: 'other-version', edition: '2.2-150600.1.1', arch: 'noarch', repository: 'updates'},
      {name: 'tool-pp', kind: 'package', status: 'other-version', edition: '2.1-150600.1.1', arch: 'noarch', repository: 'updates'},
      {name: 'tool-pp', kind: 'package', status: 'installed', edition: '2.0-150600.1.1', arch: 'noarch', repository: 'base'},
    ]);
  });

  it('reads the older search -t patch shape (no edition)', () => {
    const solvables = parseSearch(fixture('shared/zypper-xmlout-search-t-patch-sle12sp2.xml'), CMD);
    expect(solvables.map((s) => [s.name, s.kind, s.status, s.edition])).toEqual([
      ['SUSE-SLE-SERVER-12-SP2-2017-97', 'patch', 'not-installed', ''],
      ['SUSE-SLE-SERVER-12-SP2-2017-98', 'patch', 'installed', ''],
      ['SUSE-SLE-SERVER-12-SP2-2017-99', 'patch', 'not-installed', ''],
    ]);
  });

  it('reads "No matching items found" (exit 104) as no solvables', () => {
    expect(parseSearch(fixture('lab/search-not-found.xml'), CMD)).toEqual([]);
  });
});

// rpm-common's parsers (shared with dnf) on the SUSE shapes the zypper adapter feeds them.
describe('parseUpdateinfo on SUSE updateinfo (patch → exact versions)', () => {
  it('maps each lab patch to the exact versions it lists, epoch included when non-zero', () => {
    const notices = new Map(parseUpdateinfo(fixture('lab/updateinfo.xml'), 'updateinfo.xml').map((n) => [n.id, n]));
    expect(notices.size).toBe(11);
    expect(notices.get('SUSE-SLE-2026-109')?.packages.map((p) => [p.name, p.arch, p.evr, p.rebootSuggested])).toEqual([['epoch-pp', 'noarch', '1:2.0-150600.1.1', false]]);
    expect(notices.get('SUSE-SLE-2026-111')?.packages.map((p) => [p.name, p.evr, p.rebootSuggested])).toEqual([['kernel-pp', '6.4.0-150600.2.1', true]]);
  });

  it('reads the legacy namespaced openSUSE shape; restart_suggested (restart the package manager) is not a reboot', () => {
    const notices = parseUpdateinfo(fixture('shared/updateinfo-opensuse11.0-suse-legacy.xml'), 'legacy');
    expect(notices.map((n) => [n.id, n.type, n.packages.length])).toEqual([
      ['xorg-x11-Xvnc', 'security', 12],
      ['libvirt', 'recommended', 8],
      ['yast2-ncurses-pkg', 'recommended', 3],
    ]);
    expect(notices[0]?.packages[0]?.evr).toBe('7.3-110.2');
    expect(notices.flatMap((n) => n.packages).some((p) => p.rebootSuggested)).toBe(false);
  });
});

describe('parseRpmQuery on the zypper lab root', () => {
  it('reads the capture into [epoch:]version-release', () => {
    const installed = parseRpmQuery(fixture('lab/rpm-qa.stdout'), 'rpm');
    expect(installed).toHaveLength(11);
    expect(installed.find((p) => p.name === 'tool-pp')?.evr).toBe('2.0-150600.1.1');
  });
});
