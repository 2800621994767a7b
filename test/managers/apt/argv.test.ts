import {describe, expect, it} from 'vitest';

import {InputError} from '../../../src/errors.js';
import {
  aptConfigDumpArgv,
  buildInstallArgv,
  catFileArgv,
  configurePendingArgv,
  configurePendingCommand,
  dpkgQueryArgv,
  indexTargetsArgv,
  installSpec,
  isValidDebianVersion,
  policyArgv,
  reinstallCommand,
  updateArgv,
  type AptTarget,
} from '../../../src/managers/apt/argv.js';
import {aptRootConfig} from '../../../src/managers/apt/root-config.js';
import {plannedItems, PROGRESS_LAB, recordedProgressCommands} from '../progress-support.js';
import {CAPTURE_LAB, CAPTURE_ROOT, errorLine, recordedCommands} from './support.js';

const HOST: AptTarget = {root: '/', config: null};
const config = aptRootConfig(CAPTURE_ROOT, {hasShell: false, runningAsRoot: true}, CAPTURE_LAB);
const ROOT: AptTarget = {root: CAPTURE_ROOT, config};
const C = config.path;
const FORMAT = '${Package}\\t${Architecture}\\t${Version}\\t${Status}\\t${Priority}\\t${Section}\\t${Multi-Arch}\\t${Provides}\\n';

describe('query argv', () => {
  it('dpkg-query: the system database for /, --admindir for a root', () => {
    expect(dpkgQueryArgv(HOST)).toEqual({file: '/usr/bin/dpkg-query', args: ['-W', '-f', FORMAT], env: {LC_ALL: 'C', LANG: 'C'}});
    expect(dpkgQueryArgv(ROOT)).toEqual({
      file: '/usr/bin/dpkg-query',
      args: [`--admindir=${CAPTURE_ROOT}/var/lib/dpkg`, '-W', '-f', FORMAT],
      env: {LC_ALL: 'C', LANG: 'C'},
    });
  });

  it('apt commands for a root read the generated file as APT_CONFIG and again with -c', () => {
    const env = {LC_ALL: 'C', LANG: 'C', APT_CONFIG: C};
    expect(aptConfigDumpArgv(ROOT)).toEqual({file: '/usr/bin/apt-config', args: ['-c', C, 'dump'], env});
    expect(indexTargetsArgv(ROOT)).toEqual({file: '/usr/bin/apt-get', args: ['-c', C, 'indextargets', 'Created-By: Packages'], env});
    expect(policyArgv(ROOT, ['hello-pp', 'libfoo-pp:i386'])).toEqual({file: '/usr/bin/apt-cache', args: ['-c', C, 'policy', '--', 'hello-pp', 'libfoo-pp:i386'], env});
    expect(updateArgv(ROOT)).toEqual({file: '/usr/bin/apt-get', args: ['-c', C, '-q', 'update'], env});
  });

  it('apt commands for / use the system configuration as it is', () => {
    const env = {LC_ALL: 'C', LANG: 'C'};
    expect(aptConfigDumpArgv(HOST)).toEqual({file: '/usr/bin/apt-config', args: ['dump'], env});
    expect(indexTargetsArgv(HOST)).toEqual({file: '/usr/bin/apt-get', args: ['indextargets', 'Created-By: Packages'], env});
    expect(policyArgv(HOST, ['bash'])).toEqual({file: '/usr/bin/apt-cache', args: ['policy', '--', 'bash'], env});
    expect(updateArgv(HOST)).toEqual({file: '/usr/bin/apt-get', args: ['-q', 'update'], env});
    expect(catFileArgv('/var/lib/apt/lists/x_Packages.lz4')).toEqual({
      file: '/usr/lib/apt/apt-helper',
      args: ['cat-file', '/var/lib/apt/lists/x_Packages.lz4'],
      env,
    });
  });

  it('are the commands the capture recorded', () => {
    const recorded = recordedCommands('debian-12/collect').map((c) => c.argv);
    expect(recorded[0]).toEqual(aptConfigDumpArgv(ROOT));
    expect(recorded[1]).toEqual(dpkgQueryArgv(ROOT));
    expect(recorded[2]).toEqual(indexTargetsArgv(ROOT));
  });
});

describe('buildInstallArgv', () => {
  const items = [
    {name: 'hello-pp', arch: 'all', version: '1.0-1+deb12u1'},
    {name: 'epoch-pp', arch: 'all', version: '1:2.0-1'},
    {name: 'libfoo-pp', arch: 'amd64', version: '1.1-1+deb12u1'},
    {name: 'libfoo-pp', arch: 'i386', version: '1.1-1+deb12u1'},
  ];

  it('for a root: argument by argument', () => {
    const argv = buildInstallArgv(items, ROOT);
    expect(argv.file).toBe('/usr/bin/apt-get');
    const a = argv.args;
    expect(a[0]).toBe('-c');
    expect(a[1]).toBe(C);
    expect(a[2]).toBe('-y');
    expect(a[3]).toBe('-q');
    expect(a[4]).toBe('--no-install-recommends');
    expect(a[5]).toBe('--no-remove');
    expect(a[6]).toBe('-o');
    expect(a[7]).toBe('Dpkg::Options::=--force-confdef');
    expect(a[8]).toBe('-o');
    expect(a[9]).toBe('Dpkg::Options::=--force-confold');
    // apt's machine-readable progress on fd 3, which the runner opens for this command.
    expect(a[10]).toBe('-o');
    expect(a[11]).toBe('APT::Status-Fd=3');
    expect(a[12]).toBe('install');
    expect(a[13]).toBe('--');
    expect(a[14]).toBe('hello-pp=1.0-1+deb12u1');
    expect(a[15]).toBe('epoch-pp=1:2.0-1');
    expect(a[16]).toBe('libfoo-pp:amd64=1.1-1+deb12u1');
    expect(a[17]).toBe('libfoo-pp:i386=1.1-1+deb12u1');
    expect(a).toHaveLength(18);
    expect(argv.env).toEqual({LC_ALL: 'C', LANG: 'C', APT_CONFIG: C, DEBIAN_FRONTEND: 'noninteractive', APT_LISTCHANGES_FRONTEND: 'none'});
  });

  it('for /: the same without the generated configuration', () => {
    const argv = buildInstallArgv(items.slice(0, 1), HOST);
    expect(argv.args).toEqual([
      '-y',
      '-q',
      '--no-install-recommends',
      '--no-remove',
      '-o',
      'Dpkg::Options::=--force-confdef',
      '-o',
      'Dpkg::Options::=--force-confold',
      '-o',
      'APT::Status-Fd=3',
      'install',
      '--',
      'hello-pp=1.0-1+deb12u1',
    ]);
    expect(argv.env).toEqual({LC_ALL: 'C', LANG: 'C', DEBIAN_FRONTEND: 'noninteractive', APT_LISTCHANGES_FRONTEND: 'none'});
  });

  it('never asks for downgrades, removals, held packages or upgrades only', () => {
    const args = buildInstallArgv(items, ROOT).args;
    for (const refused of ['--allow-downgrades', '--allow-remove-essential', '--allow-change-held-packages', '--only-upgrade', '--force-yes']) {
      expect(args).not.toContain(refused);
    }
  });

  it('returns a new array on every call', () => {
    const first = buildInstallArgv(items, ROOT);
    (first.args as string[]).push('--allow-downgrades');
    expect(buildInstallArgv(items, ROOT).args).not.toContain('--allow-downgrades');
  });

  it('is the argv the capture ran (fixtures/apt/progress/upgrade, which also recorded fd 3)', () => {
    const dir = 'apt/progress/upgrade';
    const lab = `${PROGRESS_LAB}/apt`;
    const root = `${lab}/root-upgrade`;
    const recorded = recordedProgressCommands(dir).find((c) => c.argv.args.includes('install'));
    const target = {root, config: aptRootConfig(root, {hasShell: false, runningAsRoot: true}, lab)};
    expect(recorded?.argv).toEqual(buildInstallArgv(plannedItems(dir), target));
    expect(recorded?.statusFd).toBe(true);
  });
});

describe('installSpec validation (Debian Policy §5.6.1, §5.6.12)', () => {
  it.each([
    ['openssl', 'amd64', '3.0.15-1~deb12u1', 'openssl:amd64=3.0.15-1~deb12u1'],
    ['libstdc++6', 'i386', '12.2.0-14', 'libstdc++6:i386=12.2.0-14'],
    ['ca-certificates', 'all', '20230311+deb12u1', 'ca-certificates=20230311+deb12u1'],
    ['epoch-pp', '', '1:2.0-1', 'epoch-pp=1:2.0-1'],
    ['tzdata', 'all', '2024a-0+deb12u1', 'tzdata=2024a-0+deb12u1'],
    ['golang-1.19', 'amd64', '1.19.8-2', 'golang-1.19:amd64=1.19.8-2'],
    ['x', 'all', '2:1.2:3-4', null],
  ])('%s %s %s', (name, arch, version, expected) => {
    if (expected === null) {
      expect(() => installSpec({name, arch, version})).toThrow(InputError);
    } else {
      expect(installSpec({name, arch, version})).toBe(expected);
    }
  });

  it.each([
    ['-oAPT::Get::AllowUnauthenticated=1', 'all', '1.0', 'is not a Debian package name'],
    ['--allow-downgrades', 'all', '1.0', 'is not a Debian package name'],
    ['Hello', 'all', '1.0', 'is not a Debian package name'],
    ['hello pp', 'all', '1.0', 'is not a Debian package name'],
    ['hello-pp', 'AMD64', '1.0', 'architecture "AMD64" is not a dpkg architecture name'],
    ['hello-pp', '-all', '1.0', 'architecture "-all" is not a dpkg architecture name'],
    ['hello-pp', 'all', '-1.0', 'version "-1.0" is not a Debian version'],
    ['hello-pp', 'all', '1.0-', 'version "1.0-" is not a Debian version'],
    ['hello-pp', 'all', 'a:1.0', 'version "a:1.0" is not a Debian version'],
    ['hello-pp', 'all', '1.0;reboot', 'version "1.0;reboot" is not a Debian version'],
    ['hello-pp', 'all', '1.0 2', 'version "1.0 2" is not a Debian version'],
    ['hello-pp', 'all', '', 'version "" is not a Debian version'],
  ])('refuses %s %s %s, naming the package', (name, arch, version, message) => {
    const line = errorLine(() => installSpec({name, arch, version}));
    expect(line.startsWith(`${name}: `)).toBe(true);
    expect(line).toContain(message);
  });

  it('allows colons in the upstream version only after an epoch', () => {
    expect(isValidDebianVersion('1:2.0:3-1')).toBe(true);
    expect(isValidDebianVersion('2.0:3-1')).toBe(false);
    expect(isValidDebianVersion('1:')).toBe(false);
    expect(isValidDebianVersion('1.0~rc1-1')).toBe(true);
  });

  it('validates the whole batch before building anything', () => {
    expect(() => buildInstallArgv([{name: 'ok-pp', arch: 'all', version: '1.0'}, {name: '-x', arch: 'all', version: '1'}], HOST)).toThrow(InputError);
  });
});

describe('configurePendingCommand', () => {
  it('is plain dpkg --configure -a for /', () => {
    expect(configurePendingCommand(HOST)).toBe('dpkg --configure -a');
  });

  it('carries the same root options apt gives dpkg', () => {
    expect(configurePendingCommand(ROOT)).toBe(
      `dpkg --root=${CAPTURE_ROOT} --admindir=${CAPTURE_ROOT}/var/lib/dpkg --force-script-chrootless --configure -a`,
    );
  });
});

describe('repair commands', () => {
  it('dpkg --configure -a with the root options apt gives dpkg and the install\'s configuration-file answers', () => {
    expect(configurePendingArgv(HOST)).toEqual({
      file: '/usr/bin/dpkg',
      args: ['--force-confdef', '--force-confold', '--configure', '-a'],
      env: {LC_ALL: 'C', LANG: 'C', DEBIAN_FRONTEND: 'noninteractive'},
    });
    expect(configurePendingArgv(ROOT).args).toEqual([...(ROOT.config?.dpkgOptions ?? []), '--force-confdef', '--force-confold', '--configure', '-a']);
  });

  it('a reinstall of exact versions: the install argv with --reinstall, and the line a person types', () => {
    const items = [{name: 'slow-pp', arch: 'all', version: '1.0-1+deb12u1'}];
    const argv = buildInstallArgv(items, HOST, 'reinstall');
    expect(argv.args.slice(-4)).toEqual(['--reinstall', 'install', '--', 'slow-pp=1.0-1+deb12u1']);
    expect(reinstallCommand(items, HOST)).toBe('apt-get install --reinstall -- slow-pp=1.0-1+deb12u1');
    expect(reinstallCommand(items, ROOT)).toBe(`APT_CONFIG=${ROOT.config?.path ?? ''} apt-get -c ${ROOT.config?.path ?? ''} install --reinstall -- slow-pp=1.0-1+deb12u1`);
  });
});
