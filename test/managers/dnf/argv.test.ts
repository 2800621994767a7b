import {describe, expect, it} from 'vitest';

import {InputError} from '../../../src/errors.js';
import {
  buildInstallArgv,
  decompressArgv,
  makeTarget,
  needsRestartingArgv,
  repoqueryArgv,
  rootArgs,
} from '../../../src/managers/dnf/argv.js';

const ROOT_ARGS = ['-c', '/r/etc/dnf/dnf.conf', '--installroot=/r', '--setopt=reposdir=/r/etc/yum.repos.d', '--releasever=2023'];
const ENV = {LC_ALL: 'C', TZ: 'UTC', HOME: '/lab/home'};

describe('rootArgs', () => {
  it('confines a root: its dnf.conf, installroot, its repo files, releasever', () => {
    expect(rootArgs(makeTarget('dnf', '/r', '2023', {HOME: '/lab/home'}))).toEqual(ROOT_ARGS);
  });

  it('a yum 3 root uses etc/yum.conf', () => {
    expect(rootArgs(makeTarget('yum', '/r', '2', {}, true))[1]).toBe('/r/etc/yum.conf');
  });

  it('adds nothing on /', () => {
    expect(rootArgs(makeTarget('dnf', '/', null, {}))).toEqual([]);
  });
});

describe('repoqueryArgv', () => {
  it('one call with a record marker, requires and exit_on_lock', () => {
    const argv = repoqueryArgv(makeTarget('dnf', '/r', '2023', {HOME: '/lab/home'}));
    expect(argv).toEqual({
      file: '/usr/bin/dnf',
      args: [...ROOT_ARGS, '-q', '--setopt=exit_on_lock=True', 'repoquery', '--qf', '@@|%{name}|%{epoch}|%{version}|%{release}|%{arch}|%{repoid}|%{buildtime}\n%{requires}'],
      env: ENV,
    });
  });
});

describe('buildInstallArgv', () => {
  const target = makeTarget('dnf', '/r', '2023', {HOME: '/lab/home'});

  it('one transaction of exact NEVRAs with --best, epochs kept', () => {
    const argv = buildInstallArgv(
      [
        {name: 'app-pp', arch: 'noarch', version: '1.0-2.amzn2'},
        {name: 'epoch-pp', arch: 'noarch', version: '1:2.0-1.el8'},
      ],
      target,
    );
    expect(argv.file).toBe('/usr/bin/dnf');
    expect(argv.args).toEqual([...ROOT_ARGS, '-y', '--best', '--setopt=exit_on_lock=True', 'install', 'app-pp-1.0-2.amzn2.noarch', 'epoch-pp-1:2.0-1.el8.noarch']);
  });

  it('the yum dialect runs yum from PATH without --best', () => {
    const argv = buildInstallArgv([{name: 'a', arch: 'x86_64', version: '1-1'}], makeTarget('yum', '/r', '2', {}));
    expect(argv.file).toBe('yum');
    expect(argv.args.slice(-4)).toEqual(['-y', '--setopt=exit_on_lock=True', 'install', 'a-1-1.x86_64']);
  });

  it.each([['app-pp;reboot'], ['app-pp*'], ['$(id)'], ['--nogpgcheck']])('refuses the name %j before building anything', (name) => {
    expect(() => buildInstallArgv([{name, arch: 'noarch', version: '1-1'}], target)).toThrow(InputError);
  });

  it('names the item in the error', () => {
    expect(() => buildInstallArgv([{name: 'ok', arch: 'noarch', version: '1-1'}, {name: 'x', arch: 'noarch', version: '1 -1'}], target)).toThrow(
      expect.objectContaining({where: 'install item 2'}),
    );
  });
});

describe('needsRestartingArgv', () => {
  it('points dnf at an unpacked plugin', () => {
    const argv = needsRestartingArgv(makeTarget('dnf', '/r', '2023', {}), '/opt/pc');
    expect(argv.args.slice(-5)).toEqual(['--setopt=plugins=1', '--setopt=pluginpath=/opt/pc/usr/lib/python3/dist-packages/dnf-plugins', '--disableplugin=changelog', 'needs-restarting', '-r']);
    expect(argv.env?.PYTHONPATH).toBe('/opt/pc/usr/lib/python3/dist-packages');
  });

  it('uses the installed plugin otherwise', () => {
    expect(needsRestartingArgv(makeTarget('dnf', '/', null, {}), null)).toEqual({file: '/usr/bin/dnf', args: ['needs-restarting', '-r'], env: {LC_ALL: 'C', TZ: 'UTC'}});
  });
});

describe('decompressArgv', () => {
  it.each([
    ['/c/x-updateinfo.xml.gz', '/usr/bin/gzip'],
    ['/c/x-updateinfo.xml.xz', '/usr/bin/xz'],
    ['/c/x-updateinfo.xml.bz2', '/usr/bin/bzip2'],
    ['/c/x-updateinfo.xml.zst', '/usr/bin/zstd'],
  ])('%s → %s', (file, tool) => {
    expect(decompressArgv(file)?.file).toBe(tool);
    expect(decompressArgv(file)?.args.at(-1)).toBe(file);
  });

  it('plain xml needs no tool', () => {
    expect(decompressArgv('/c/x-updateinfo.xml')).toBeNull();
  });
});
