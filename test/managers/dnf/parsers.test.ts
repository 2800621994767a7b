import {describe, expect, it} from 'vitest';

import {describeDnfLock, firstDnfError, parseDnfLock} from '../../../src/managers/dnf/lock.js';
import {parseRepoquery} from '../../../src/managers/dnf/parse-repoquery.js';
import {parseUpdateinfoList, parseYumList} from '../../../src/managers/dnf/parse-yum-list.js';
import {coreInstalledSinceBoot, parseBootTime, parseNeedsRestarting} from '../../../src/managers/dnf/reboot.js';
import {parseRpmQuery} from '../../../src/managers/rpm-common/index.js';
import {captured, fixture} from './support.js';

const LAB = 'dnf/lab-al2023';

describe('parseRepoquery (captured)', () => {
  const versions = parseRepoquery(captured(LAB, 'repoquery').stdout);

  it('reads every offered version once per repository', () => {
    expect(versions.filter((v) => v.name === 'tool-pp').map((v) => [v.evr, v.repository])).toEqual([
      ['2.0-1.el8', 'amzn-core'],
      ['2.1-1.el8', 'amzn-updates'],
      ['2.2-1.el8', 'amzn-updates'],
    ]);
    expect(versions.find((v) => v.name === 'epoch-pp' && v.repository === 'amzn-updates')?.evr).toBe('1:2.0-1.el8');
  });

  it('keeps requires per record and build times as UTC instants', () => {
    const app = versions.find((v) => v.name === 'app-pp' && v.evr === '1.0-2.amzn2');
    expect(app?.requires).toEqual(['libfoo-pp >= 1.1']);
    expect(app?.buildTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);
    expect(versions.find((v) => v.name === 'hello-pp')?.requires).toEqual([]);
  });

  it('refuses a record with the wrong field count', () => {
    expect(() => parseRepoquery('@@|a|0|1\n')).toThrow(/expected 8/);
  });
});

describe('parseYumList', () => {
  it('reads yum 3 list output, joining wrapped rows', () => {
    const rows = parseYumList(fixture('yum/amazon-linux-2/list-available.stdout'));
    expect(rows).toHaveLength(7);
    expect(rows[4]).toEqual({name: 'openssl', arch: 'x86_64', evr: '1:1.0.2k-24.amzn2.0.7', repository: 'amzn2-core'});
    expect(rows[6]).toEqual({name: 'python3-botocore-with-a-long-name-for-wrapping', arch: 'noarch', evr: '1.18.6-1.amzn2', repository: 'amzn2-core'});
  });

  it('reads yum 3 check-update, skipping the obsoleted installed row', () => {
    const rows = parseYumList(fixture('yum/amazon-linux-2/check-update.stdout'));
    expect(rows.map((r) => `${r.name}-${r.evr}`)).toEqual([
      'kernel-4.14.336-257.562.amzn2',
      'openssl-1:1.0.2k-24.amzn2.0.10',
      'python3-botocore-with-a-long-name-for-wrapping-1.18.6-1.amzn2',
      'python3-pip-20.2.2-1.amzn2.0.4',
    ]);
  });

  it('reads the yum-compatible CLI here (dnf-3 as yum)', () => {
    const rows = parseYumList(fixture('yum/lab-dnf3-as-yum/list-available.stdout'));
    expect(rows.filter((r) => r.name === 'multi-pp').map((r) => r.evr)).toEqual(['1.0-1.amzn2', '1.1-1.amzn2', '1.2-1.amzn2', '1.3-1.amzn2']);
    expect(rows.find((r) => r.name === 'epoch-pp' && r.repository === 'amzn-updates')?.evr).toBe('1:2.0-1.el8');
  });
});

describe('parseUpdateinfoList', () => {
  it('reads yum 3 rows: lower-case severities, types, epochs', () => {
    expect(parseUpdateinfoList(fixture('yum/amazon-linux-2/updateinfo-list.stdout'))).toEqual([
      {id: 'ALAS2-2018-942', type: 'security', severity: 'important', name: 'kernel', arch: 'x86_64', evr: '4.9.76-38.79.amzn2'},
      {id: 'ALAS2-2023-2180', type: 'security', severity: 'medium', name: 'openssl', arch: 'x86_64', evr: '1:1.0.2k-24.amzn2.0.10'},
      {id: 'ALAS2-2023-2001', type: 'bugfix', name: 'amazon-ssm-agent', arch: 'x86_64', evr: '3.2.1377.0-1.amzn2'},
    ]);
  });

  it('reads dnf rows, where an unknown severity prints as Unknown (why the adapter parses updateinfo.xml)', () => {
    const rows = parseUpdateinfoList(fixture('yum/lab-dnf3-as-yum/updateinfo-list.stdout'));
    expect(rows).toHaveLength(12);
    expect(rows.find((r) => r.name === 'med-pp')?.severity).toBe('Unknown');
    expect(rows.find((r) => r.id === 'ALEA-2026-012')).not.toHaveProperty('severity');
  });
});

describe('lock signals', () => {
  it('reads dnf exit 200 with the holder pid (captured)', () => {
    const {exitCode, stderr, stdout} = captured(LAB, 'install-lock');
    expect(exitCode).toBe(200);
    const holder = parseDnfLock(exitCode, stderr, stdout);
    expect(holder).toEqual({what: 'RPMDB', pid: 4242});
    expect(holder && describeDnfLock(holder)).toBe('RPMDB held by process 4242');
  });

  it('reads yum 3 lock text', () => {
    expect(parseDnfLock(1, 'Existing lock /var/run/yum.pid: another copy is running as pid 917.\n')).toEqual({what: '/var/run/yum.pid', pid: 917});
  });

  it('a plain failure is not a lock', () => {
    const {exitCode, stderr, stdout} = captured(LAB, 'install-missing');
    expect(parseDnfLock(exitCode, stderr, stdout)).toBeNull();
    expect(firstDnfError(stderr, stdout)).toBe('Error: Unable to find a match: tool-pp-9.9-1.el8.noarch');
  });
});

describe('reboot', () => {
  it.each([
    ['needs-restarting-reboot', true],
    ['needs-restarting-none', false],
    ['needs-restarting-no-plugin', null],
  ])('%s → %s', (name, expected) => {
    const {exitCode, stdout} = captured(LAB, name);
    expect(parseNeedsRestarting(exitCode, stdout)).toBe(expected);
  });

  it('core packages installed after boot', () => {
    const installed = parseRpmQuery('kernel|0|4.14.1|1|noarch|2000|1\nglibc|0|2|1|x86_64|500|1\nfoo|0|1|1|noarch|3000|1\n');
    expect(coreInstalledSinceBoot(installed, 1000)).toEqual(['kernel']);
    expect(parseBootTime('cpu 1 2\nbtime 1000\nprocesses 5\n')).toBe(1000);
    expect(parseBootTime('cpu 1 2\n')).toBeNull();
  });
});

describe("yum-utils' needs-restarting wording (AL2)", () => {
  it('reads the negative answer', () => {
    expect(parseNeedsRestarting(0, 'No core libraries or services have been updated.\nReboot is probably not necessary.\n')).toBe(false);
    expect(parseNeedsRestarting(1, 'Core libraries or services have been updated:\n  kernel -> 4.14.336\n\nReboot is required to ensure that your system benefits from these updates.\n')).toBe(true);
  });
});
