import {describe, expect, it} from 'vitest';

import {InputError} from '../../../src/errors.js';
import {
  buildInstallArgv,
  installSpec,
  listPatchesArgv,
  listUpdatesArgv,
  needsRebootingArgv,
  searchVersionsArgv,
  zstdCatArgv,
  zypperEnv,
} from '../../../src/managers/zypper/argv.js';

const ENV = {HOME: '/tmp/zlab/home', PATH: '/usr/bin'};
const R = '/srv/root';

describe('zypper argv builders', () => {
  it('confines every query to the root, non-interactive, XML', () => {
    expect(listUpdatesArgv(R, ENV)).toEqual({
      file: '/usr/bin/zypper',
      args: ['--root', '/srv/root', '--non-interactive', '--xmlout', 'list-updates'],
      env: {LC_ALL: 'C', LANG: 'C', HOME: '/tmp/zlab/home'},
    });
    expect(listPatchesArgv(R, ENV).args).toEqual(['--root', '/srv/root', '--non-interactive', '--xmlout', 'list-patches', '--all']);
    expect(searchVersionsArgv(R, ENV).args).toEqual(['--root', '/srv/root', '--non-interactive', '--xmlout', 'search', '-s', '-t', 'package']);
    expect(needsRebootingArgv(R, ENV).args).toEqual(['--root', '/srv/root', '--non-interactive', 'needs-rebooting']);
  });

  it('runs on / without --root', () => {
    expect(listUpdatesArgv('/', ENV).args).toEqual(['--non-interactive', '--xmlout', 'list-updates']);
  });

  it('passes HOME through (Debian rpm keeps ~/.rpmdb otherwise) and nothing else of the caller', () => {
    expect(zypperEnv({HOME: '/h', PATH: '/x', LANG: 'de_DE.UTF-8'})).toEqual({LC_ALL: 'C', LANG: 'C', HOME: '/h'});
    expect(zypperEnv({})).toEqual({LC_ALL: 'C', LANG: 'C'});
  });

  it('decompresses a zstd repodata file with -- before the path', () => {
    expect(zstdCatArgv('/r/var/cache/zypp/raw/u/repodata/x-updateinfo.xml.zst')).toEqual({
      file: '/usr/bin/zstd',
      args: ['-dc', '--', '/r/var/cache/zypp/raw/u/repodata/x-updateinfo.xml.zst'],
      env: {LC_ALL: 'C'},
    });
  });

  it('builds one exact-version install transaction, element by element', () => {
    const argv = buildInstallArgv(
      [
        {name: 'tool-pp', arch: 'noarch', version: '2.1-150600.1.1'},
        {name: 'epoch-pp', arch: 'noarch', version: '1:2.0-150600.1.1'},
      ],
      R,
      ENV,
    );
    expect(argv.file).toBe('/usr/bin/zypper');
    expect(argv.args).toEqual(['--root', '/srv/root', '--non-interactive', 'install', '--no-recommends', '--', 'tool-pp=2.1-150600.1.1', 'epoch-pp=1:2.0-150600.1.1']);
    expect(argv.args).not.toContain('--oldpackage');
    expect(argv.args).not.toContain('--no-gpg-checks');
    expect(argv.env).toEqual({LC_ALL: 'C', LANG: 'C', HOME: '/tmp/zlab/home'});
  });

  it('qualifies the arch only when one name is installed under two arches', () => {
    const argv = buildInstallArgv(
      [
        {name: 'libfoo', arch: 'x86_64', version: '1.1-1'},
        {name: 'libfoo', arch: 'i586', version: '1.1-1'},
        {name: 'bar', arch: 'x86_64', version: '2-1'},
      ],
      '/',
      {},
    );
    expect(argv.args).toEqual(['--non-interactive', 'install', '--no-recommends', '--', 'libfoo.x86_64=1.1-1', 'libfoo.i586=1.1-1', 'bar=2-1']);
  });

  it('refuses names, arches and versions outside the rpm charset before any argv exists', () => {
    expect(() => installSpec({name: '-rf', arch: '', version: '1-1'}, false)).toThrow(InputError);
    expect(() => installSpec({name: 'a b', arch: '', version: '1-1'}, false)).toThrow(InputError);
    expect(() => installSpec({name: 'ok', arch: 'x86 64', version: '1-1'}, false)).toThrow(/architecture/);
    expect(() => installSpec({name: 'ok', arch: '', version: '1.0'}, false)).toThrow(/version-release/);
    expect(() => installSpec({name: 'ok', arch: '', version: '1.0-1 --oldpackage'}, false)).toThrow(InputError);
    expect(() => installSpec({name: 'ok', arch: '', version: 'x:1.0-1'}, false)).toThrow(InputError);
    expect(installSpec({name: 'gcc12-c++', arch: 'x86_64', version: '12.3.0+git1204-150000.1.16.1'}, false)).toBe('gcc12-c++=12.3.0+git1204-150000.1.16.1');
  });
});
