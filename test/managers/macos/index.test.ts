import {describe, expect, it} from 'vitest';

import {ExternalCommandError, ManagerUnavailableError, PlanRefusedError} from '../../../src/errors.js';
import {
  brewInfoInstalledArgv,
  brewOutdatedArgv,
  installUpdatesArgv,
  ioregArgv,
  listUpdatesArgv,
  ownerArgv,
  pkgInfoArgv,
  pkgsArgv,
  upgradeCasksArgv,
  upgradeFormulaeArgv,
} from '../../../src/managers/macos/argv.js';
import {createMacosAdapter} from '../../../src/managers/macos/index.js';
import {FakeRunner} from '../../helpers/fake-runner.js';
import {fixture, macContext, SONOMA_NODE} from './support.js';

const BREW_ENV = {HOMEBREW_NO_AUTO_UPDATE: '1', HOMEBREW_NO_ENV_HINTS: '1', HOMEBREW_NO_COLOR: '1'};
const SYSTEM = {'/System/Library/CoreServices/SystemVersion.plist': fixture('replay/sonoma-arm64/files/System/Library/CoreServices/SystemVersion.plist')};
const HOMEBREW = {...SYSTEM, '/opt/homebrew/bin/brew': ''};
const R = 'replay/sonoma-arm64/';

describe('argv, argument by argument', () => {
  it('softwareupdate, pkgutil, ioreg, stat', () => {
    expect(listUpdatesArgv()).toEqual({file: '/usr/sbin/softwareupdate', args: ['--list', '--include-config-data'], env: {LC_ALL: 'C', LANG: 'C'}});
    expect(installUpdatesArgv(['macOS Sonoma 14.6.1-23G93', 'Safari17.6SonomaAuto-17.6']).args).toEqual(['--no-scan', '--install', 'macOS Sonoma 14.6.1-23G93', 'Safari17.6SonomaAuto-17.6']);
    expect(() => installUpdatesArgv(['--all'])).toThrow('is not a softwareupdate label');
    expect([pkgsArgv().file, ...pkgsArgv().args]).toEqual(['/usr/sbin/pkgutil', '--pkgs']);
    expect(pkgInfoArgv('us.zoom.pkg.videomeeting').args).toEqual(['--pkg-info', 'us.zoom.pkg.videomeeting']);
    expect(() => pkgInfoArgv('-x')).toThrow('is not a package identifier');
    expect([ioregArgv().file, ...ioregArgv().args]).toEqual(['/usr/sbin/ioreg', '-rd1', '-c', 'IOPlatformExpertDevice']);
    expect([ownerArgv('/usr/local').file, ...ownerArgv('/usr/local').args]).toEqual(['/usr/bin/stat', '-f', '%Su', '/usr/local']);
  });

  it('brew as the prefix owner through sudo when root, directly otherwise', () => {
    const asOwner = {prefix: '/usr/local', user: 'dev'};
    const direct = {prefix: '/usr/local', user: null};
    const sudo = ['-n', '-u', 'dev', '-H', '--', '/usr/bin/env', 'HOMEBREW_NO_AUTO_UPDATE=1', 'HOMEBREW_NO_ENV_HINTS=1', 'HOMEBREW_NO_COLOR=1', '/usr/local/bin/brew'];
    expect(upgradeFormulaeArgv(asOwner, ['git', 'openssl@3'])).toEqual({file: '/usr/bin/sudo', args: [...sudo, 'upgrade', '--formula', 'git', 'openssl@3']});
    expect(upgradeCasksArgv(asOwner, ['keepassxc'])).toEqual({file: '/usr/bin/sudo', args: [...sudo, 'upgrade', '--cask', 'keepassxc']});
    expect(brewOutdatedArgv(direct)).toEqual({file: '/usr/local/bin/brew', args: ['outdated', '--json=v2'], env: BREW_ENV});
    expect(brewInfoInstalledArgv(direct)).toEqual({file: '/usr/local/bin/brew', args: ['info', '--json=v2', '--installed'], env: BREW_ENV});
    expect(() => upgradeFormulaeArgv(direct, ['--force'])).toThrow('is not a Homebrew formula or cask name');
    expect(() => brewOutdatedArgv({prefix: '/usr/local', user: '-r'})).toThrow('is not a user name');
  });
});

describe('who runs brew', () => {
  it('as a user: brew itself, no stat', async () => {
    const direct = {prefix: '/opt/homebrew', user: null};
    const runner = new FakeRunner()
      .on(brewInfoInstalledArgv(direct), {stdout: fixture(`${R}brew-info-before.json`)})
      .on(listUpdatesArgv(), {stdout: fixture('written/softwareupdate-list-none.stdout.txt'), stderr: 'No new software available.\n'})
      .on(brewOutdatedArgv(direct), {stdout: '{"formulae":[],"casks":[]}'});
    const collected = await createMacosAdapter().collect(macContext(runner, HOMEBREW, {userId: 501}), SONOMA_NODE, {refresh: false});
    expect(collected.packages.find((p) => p.name === 'git')).toEqual({name: 'git', arch: '', installedVersion: '2.45.2', versions: []});
    expect(runner.unused()).toEqual([]);
  });

  it('as root with a root-owned prefix: exit 5 naming the prefix', async () => {
    const runner = new FakeRunner().on(ownerArgv('/opt/homebrew'), {stdout: 'root\n'});
    const error = await createMacosAdapter().collect(macContext(runner, HOMEBREW), SONOMA_NODE, {refresh: false}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManagerUnavailableError);
    expect((error as ManagerUnavailableError).line()).toMatch(/^\/opt\/homebrew: is owned by root, and brew refuses to run as root/);
  });

  it('no Homebrew: softwareupdate only, not an error; refresh runs no brew update', async () => {
    const runner = new FakeRunner().on(listUpdatesArgv(), {stdout: fixture('real/softwareupdate-list-monterey-2024.txt')});
    const collected = await createMacosAdapter().collect(macContext(runner, SYSTEM), SONOMA_NODE, {refresh: true});
    expect(collected.packages.map((p) => p.name)).toEqual(['Safari', 'macOS Monterey', 'macOS Sonoma']);
    expect(collected.packages.find((p) => p.name === 'Safari')?.installedVersion).toBeNull();
  });
});

describe('failures', () => {
  it('a non-zero softwareupdate exit is one line naming the command', async () => {
    const runner = new FakeRunner().on(listUpdatesArgv(), {exitCode: 1, stderr: 'Cannot connect to the update server.\n'});
    const error = await createMacosAdapter().collect(macContext(runner, SYSTEM), SONOMA_NODE, {refresh: false}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExternalCommandError);
    expect((error as ExternalCommandError).line()).toBe('/usr/sbin/softwareupdate --list --include-config-data: exited 1: Cannot connect to the update server.');
  });

  it('refuses (exit 3, nothing run) a plan whose version is not what brew or softwareupdate would install', async () => {
    const owner = {prefix: '/opt/homebrew', user: 'dev'};
    const runner = new FakeRunner()
      .on(ownerArgv('/opt/homebrew'), {stdout: 'dev\n'})
      .on(listUpdatesArgv(), {stdout: fixture(`${R}softwareupdate-list.txt`)})
      .on(brewOutdatedArgv(owner), {stdout: fixture(`${R}brew-outdated.json`)})
      .on(brewInfoInstalledArgv(owner), {stdout: fixture(`${R}brew-info-before.json`)});
    const items = [
      {name: 'git', arch: '', version: '2.45.9'},
      {name: 'node', arch: '', version: '22.6.0'},
      {name: 'Safari', arch: '', version: '17.7'},
      {name: 'Zoom', arch: '', version: '7.0'},
    ];
    const error = await createMacosAdapter().install(items, macContext(runner, HOMEBREW)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanRefusedError);
    expect((error as PlanRefusedError).refusals).toEqual([
      "git 2.45.9: brew upgrade installs only Homebrew's current version, now 2.46.0; make a new plan",
      'node 22.6.0: the formula is pinned in Homebrew (brew pin), so brew upgrade would not install it',
      'Safari 17.7: softwareupdate now offers 17.6 instead; make a new plan',
      'Zoom 7.0: neither softwareupdate nor Homebrew offers it now; make a new plan',
    ]);
    expect(runner.calls.some((c) => c.argv.args.includes('upgrade') || c.argv.args.includes('--install'))).toBe(false);
  });
});

describe('an OS update installed but not yet running (the restart applies it)', () => {
  const entry = (name: string, version: string, process: string, date: string): string =>
    `<dict><key>date</key><date>${date}</date><key>displayName</key><string>${name}</string><key>displayVersion</key><string>${version}</string><key>packageIdentifiers</key><array/><key>processName</key><string>${process}</string></dict>`;
  const history = (...entries: string[]): Record<string, string> => ({
    '/Library/Receipts/InstallHistory.plist': `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><array>${entries.join('')}</array></plist>\n`,
  });
  const noUpdates = (): FakeRunner => new FakeRunner().on(listUpdatesArgv(), {stdout: fixture('written/softwareupdate-list-none.stdout.txt')});
  const osPackage = async (files: Record<string, string>) => {
    const adapter = createMacosAdapter();
    const collected = await adapter.collect(macContext(noUpdates(), files), SONOMA_NODE, {refresh: false});
    const readBack = await adapter.readInstalled(macContext(new FakeRunner(), files));
    return {
      collected: collected.packages.find((p) => p.name === 'macOS Sonoma')?.installedVersion,
      rebootPending: collected.node.rebootPending,
      readBack: readBack.find((p) => p.name === 'macOS Sonoma')?.installedVersion,
      rebootRequired: await adapter.rebootRequired(macContext(new FakeRunner(), files)),
    };
  };

  it("collect and the read-back both report the newest Software Update install of the running release line newer than ProductVersion, and the node pending a restart", async () => {
    // ProductVersion 14.6. Counted: 14.6.1 and 14.7 by softwareupdated / System Settings (the
    // newest wins, whatever the file order). Not counted: an Installer package claiming 14.8,
    // Sequoia (another release line), and 14.5 (older than what runs).
    const files = {
      ...SYSTEM,
      ...history(
        entry('macOS Sonoma 14.5', '14.5', 'softwareupdated', '2024-06-01T00:00:00Z'),
        entry('macOS Sonoma 14.7', '14.7', 'System Preferences', '2024-09-20T00:00:00Z'),
        entry('macOS Sonoma 14.6.1', '14.6.1', 'softwareupdated', '2024-09-21T00:00:00Z'),
        entry('macOS Sonoma 14.8', '14.8', 'Installer', '2024-09-22T00:00:00Z'),
        entry('macOS Sequoia 15.0', '15.0', 'softwareupdated', '2024-09-23T00:00:00Z'),
      ),
    };
    expect(await osPackage(files)).toEqual({collected: '14.7', rebootPending: true, readBack: '14.7', rebootRequired: true});
  });

  it('without such an install, ProductVersion, and no restart pending', async () => {
    const files = {...SYSTEM, ...history(entry('macOS Sonoma 14.6', '14.6', 'softwareupdated', '2024-08-01T00:00:00Z'), entry('macOS Sequoia 15.0', '15.0', 'softwareupdated', '2024-09-23T00:00:00Z'))};
    expect(await osPackage(files)).toEqual({collected: '14.6', rebootPending: false, readBack: '14.6', rebootRequired: false});
    expect(await osPackage(SYSTEM)).toEqual({collected: '14.6', rebootPending: false, readBack: '14.6', rebootRequired: false});
  });
});
