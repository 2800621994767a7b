import {readFileSync} from 'node:fs';

import {describe, expect, it} from 'vitest';

import {ExternalCommandError, InputError} from '../../../src/errors.js';
import {
  formatNevra,
  formatRpmVersion,
  newestInstalled,
  parseRpmQuery,
  rpmQueryArgv,
  validateRpmItem,
} from '../../../src/managers/rpm-common/index.js';

describe('rpmQueryArgv', () => {
  it('queries the root with a |-separated format, HOME for the rpmdb location and the C locale', () => {
    const argv = rpmQueryArgv('/srv/r', {HOME: '/lab/home', PATH: '/bin'});
    expect(argv.file).toBe('/usr/bin/rpm');
    expect(argv.args).toEqual(['--root', '/srv/r', '-qa', '--qf', '%{NAME}|%{EPOCHNUM}|%{VERSION}|%{RELEASE}|%{ARCH}|%{INSTALLTIME}|%{BUILDTIME}\n']);
    expect(argv.env).toEqual({HOME: '/lab/home', LC_ALL: 'C', TZ: 'UTC'});
  });

  it('returns a new array on every call', () => {
    expect(rpmQueryArgv('/', {}).args).not.toBe(rpmQueryArgv('/', {}).args);
  });
});

describe('parseRpmQuery', () => {
  it('parses the lab capture', () => {
    const rows = parseRpmQuery(readFileSync('fixtures/rpm/rpm-qa-lab-al2023.stdout', 'utf8'));
    expect(rows).toHaveLength(10);
    expect(rows[1]).toEqual({
      name: 'epoch-pp',
      epoch: 0,
      version: '1.5',
      release: '1.el8',
      arch: 'noarch',
      evr: '1.5-1.el8',
      installTime: 1767225609,
      buildTime: 1795514693,
    });
  });

  it('writes a non-zero epoch and skips gpg-pubkey', () => {
    expect(parseRpmQuery('epoch-pp|1|2.0|1.el8|noarch|1|2\ngpg-pubkey|0|fd431d51|4ae0493b|(none)|1|1\n').map((r) => r.evr)).toEqual(['1:2.0-1.el8']);
  });

  it('a line with the wrong field count is an error naming the line', () => {
    expect(() => parseRpmQuery('a|0|1|1|noarch|1|1\nbroken line\n')).toThrow(ExternalCommandError);
    expect(() => parseRpmQuery('a|0|1|1|noarch|1|1\nbroken line\n')).toThrow(/expected 7/);
  });
});

describe('newestInstalled (apply read-back)', () => {
  it('keeps one entry per name.arch at its newest version (rpm order, epochs, release numbers), in first-seen order', () => {
    const rpms = parseRpmQuery(
      [
        'kernel|0|6.1.10|1.amzn2023|x86_64|1700000000|1690000000',
        'glibc|0|2.34|100.amzn2023|x86_64|1700000000|1690000000',
        'kernel|0|6.1.9|3.amzn2023|x86_64|1700000000|1690000000',
        'kernel|0|6.1.10|10.amzn2023|x86_64|1700000000|1690000000',
        'glibc|0|2.34|100.amzn2023|i686|1700000000|1690000000',
        'openssl|1|3.0.8|1.amzn2023|x86_64|1700000000|1690000000',
        'openssl|0|3.2.0|1.amzn2023|x86_64|1700000000|1690000000',
      ].join('\n') + '\n',
      'rpm -qa',
    );
    expect(newestInstalled(rpms)).toEqual([
      {name: 'kernel', arch: 'x86_64', installedVersion: '6.1.10-10.amzn2023'},
      {name: 'glibc', arch: 'x86_64', installedVersion: '2.34-100.amzn2023'},
      {name: 'glibc', arch: 'i686', installedVersion: '2.34-100.amzn2023'},
      {name: 'openssl', arch: 'x86_64', installedVersion: '1:3.0.8-1.amzn2023'},
    ]);
  });
});

describe('formatRpmVersion / formatNevra', () => {
  it.each([
    [0, '1.0', '1', '1.0-1'],
    ['0', '1.0', '1', '1.0-1'],
    [undefined, '1.0', '1', '1.0-1'],
    ['(none)', '1.0', '1', '1.0-1'],
    [1, '2.0', '1.el8', '1:2.0-1.el8'],
  ])('epoch %s', (epoch, version, release, expected) => {
    expect(formatRpmVersion(epoch, version, release)).toBe(expected);
  });

  it('nevra with and without arch', () => {
    expect(formatNevra('epoch-pp', '1:2.0-1.el8', 'noarch')).toBe('epoch-pp-1:2.0-1.el8.noarch');
    expect(formatNevra('x', '1-1', '')).toBe('x-1-1');
  });
});

describe('validateRpmItem', () => {
  it('accepts real names and versions', () => {
    expect(() => validateRpmItem('w', {name: 'libstdc++-devel', version: '1:8.5.0-10.el8_6.1', arch: 'x86_64'})).not.toThrow();
    expect(() => validateRpmItem('w', {name: 'python3.11-pip', version: '22.3.1-4.amzn2023.0.2~rc1', arch: 'noarch'})).not.toThrow();
  });

  it.each([
    ['tool-pp;rm -rf /', '1-1', 'noarch'],
    ['tool-pp*', '1-1', 'noarch'],
    ['$(id)', '1-1', 'noarch'],
    ['-y', '1-1', 'noarch'],
    ['tool-pp', '2.1', 'noarch'],
    ['tool-pp', '2.1-1 x', 'noarch'],
    ['tool-pp', '2.1-1', 'no arch'],
  ])('refuses %j %j %j', (name, version, arch) => {
    expect(() => validateRpmItem('plan.json', {name, version, arch})).toThrow(InputError);
  });
});
