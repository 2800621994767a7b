import {describe, expect, it} from 'vitest';

import {ExternalCommandError, InputError} from '../../../src/errors.js';
import {parseBrewInfo, parseBrewOutdated} from '../../../src/managers/macos/parse-brew.js';
import {parseInstallHistory} from '../../../src/managers/macos/parse-install-history.js';
import {parsePlatformUuid} from '../../../src/managers/macos/parse-ioreg.js';
import {parsePkgInfo, parsePkgs} from '../../../src/managers/macos/parse-pkgutil.js';
import {parseSoftwareUpdateList, versionOf} from '../../../src/managers/macos/parse-softwareupdate.js';
import {osPackageName, parseSystemVersion, productOf} from '../../../src/managers/macos/parse-system-version.js';
import {errorOf} from '../../helpers/input-error.js';
import {fixture} from './support.js';

const CMD = '/usr/sbin/softwareupdate --list --include-config-data';

describe('softwareupdate --list', () => {
  it('reads the macOS 11+ style, skipping the stray softwareupdate[pid:tid] log lines (Monterey capture)', () => {
    expect(parseSoftwareUpdateList(fixture('real/softwareupdate-list-monterey-2024.txt'), CMD)).toEqual([
      {label: 'Safari17.6MontereyAuto-17.6', title: 'Safari', version: '17.6', recommended: true, action: null},
      {label: 'macOS Monterey 12.7.6-21H1320', title: 'macOS Monterey 12.7.6', version: '12.7.6', recommended: true, action: 'restart'},
      {label: 'macOS Sonoma 14.6.1-23G93', title: 'macOS Sonoma 14.6.1', version: '14.6.1', recommended: true, action: 'restart'},
    ]);
  });

  it('reads the 10.15 style: `-` is not recommended, `Action: shut down` has a space', () => {
    const items = parseSoftwareUpdateList(fixture('real/softwareupdate-list-catalina-newstyle.txt'), CMD);
    expect(items.map((i) => [i.label, i.title, i.version, i.recommended, i.action])).toEqual([
      ['Command Line Tools beta 5 for Xcode-11.0', 'Command Line Tools beta 5 for Xcode', '11.0', true, null],
      ['macOS Catalina Developer Beta-6', 'macOS Catalina Public Beta', '5', true, 'restart'],
      ['BridgeOSUpdateCustomer', 'BridgeOSUpdateCustomer', '10.15.0.1.1.1560926689', true, 'shut down'],
      ['iCal-1.0.2', 'iCal', '1.0.2', false, null],
    ]);
  });

  it('reads the ≤10.14 style: parentheses inside the title, odd commas, [shut down]', () => {
    const items = parseSoftwareUpdateList(fixture('real/softwareupdate-list-mojave-oldstyle.txt'), CMD);
    expect(items.map((i) => [i.label, i.title, i.version, i.recommended, i.action])).toEqual([
      ['Command Line Tools (macOS Mojave version 10.14) for Xcode-10.3', 'Command Line Tools (macOS Mojave version 10.14) for Xcode', '10.3', true, null],
      ['macOS 10.14.1 Update', 'macOS 10.14.1 Update', '10.14.1', true, 'restart'],
      ['BridgeOSUpdateCustomer', 'BridgeOSUpdateCustomer', '10.14.4.1.1.1555388607', true, 'shut down'],
      ['iCal-1.0.2', 'iCal', '1.0.2', false, null],
    ]);
  });

  it('reads "No new software available." (stderr) as no items', () => {
    expect(parseSoftwareUpdateList(fixture('written/softwareupdate-list-none.stdout.txt'), CMD)).toEqual([]);
    expect(parseSoftwareUpdateList(fixture('written/softwareupdate-list-none.stderr.txt'), CMD)).toEqual([]);
  });

  it('keeps localized titles as they are and takes a missing version from the label', () => {
    const text = 'Software Update found the following new or updated software:\n* Label: Sicherheitsupdate-1.2\n\tTitle: Mise à jour de sécurité, Size: 1K, Recommended: YES, \n';
    const [item] = parseSoftwareUpdateList(text, CMD);
    expect(item).toEqual({label: 'Sicherheitsupdate-1.2', title: 'Mise à jour de sécurité', version: null, recommended: true, action: null});
    expect(versionOf(item!)).toBe('1.2');
    expect(versionOf({...item!, label: 'NoVersionHere'})).toBeNull();
  });

  it('refuses an item whose details line is missing, naming the command', () => {
    const error = errorOf(() => parseSoftwareUpdateList('* Label: Safari17.6-17.6\n', CMD));
    expect(error).toBeInstanceOf(ExternalCommandError);
    expect(error.line()).toBe(`${CMD}: printed item "Safari17.6-17.6" without its details line`);
  });
});

describe('InstallHistory.plist and SystemVersion.plist', () => {
  it('reads the real OS X 10.9 history, contentType included', () => {
    const entries = parseInstallHistory(fixture('real/InstallHistory.plist'), '/Library/Receipts/InstallHistory.plist');
    expect(entries).toHaveLength(7);
    expect(entries[0]).toMatchObject({displayName: 'OS X', displayVersion: '10.9 (13A603)', processName: 'OS X Installer', contentType: null});
    expect(entries[2]).toEqual({
      date: '2013-12-28T12:14:43Z',
      displayName: 'XProtectPlistConfigData',
      displayVersion: '1.0',
      packageIdentifiers: ['com.apple.pkg.XProtectPlistConfigData.2-45'],
      processName: 'softwareupdated',
      contentType: 'config-data',
    });
  });

  it('refuses a malformed plist with one line naming the file and the problem', () => {
    const file = '/Library/Receipts/InstallHistory.plist';
    const truncated = fixture('real/InstallHistory.plist').slice(0, 900);
    expect(errorOf(() => parseInstallHistory(truncated, file)).line()).toMatch(/^\/Library\/Receipts\/InstallHistory\.plist: malformed plist at line \d+/);
    const notArray = '<?xml version="1.0"?><plist version="1.0"><dict/></plist>';
    expect(errorOf(() => parseInstallHistory(notArray, file)).line()).toBe(`${file}: the plist is not an <array> of installs`);
    const entity = '<?xml version="1.0"?><!DOCTYPE plist [<!ENTITY a "b">]><plist version="1.0"><array/></plist>';
    expect(errorOf(() => parseInstallHistory(entity, file))).toBeInstanceOf(InputError);
    expect(errorOf(() => parseInstallHistory('bplist00\u0000', file)).line()).toBe(`${file}: is a binary property list; patchplan reads XML plists only`);
  });

  it('reads SystemVersion.plist and names the release', () => {
    const file = '/System/Library/CoreServices/SystemVersion.plist';
    const text = fixture('replay/sonoma-arm64/files/System/Library/CoreServices/SystemVersion.plist');
    expect(parseSystemVersion(text, file)).toEqual({productName: 'macOS', productVersion: '14.6', build: '23G80'});
    expect([osPackageName('14.6'), productOf('14.6'), osPackageName('10.15.7'), productOf('10.15.7'), osPackageName('27.0')]).toEqual([
      'macOS Sonoma',
      'macOS14',
      'macOS Catalina',
      'macOS10.15',
      'macOS 27',
    ]);
    expect(errorOf(() => parseSystemVersion(text.replace('<string>14.6</string>\n\t<key>iOS', '<string>x</string>\n\t<key>iOS'), file)).line()).toBe(
      `${file}: ProductVersion "x" is not a macOS version such as 14.6`,
    );
  });
});

describe('Homebrew JSON v2', () => {
  const INFO = '/usr/bin/sudo -n -u dev -H -- … brew info --json=v2 --installed';

  it('reads a real cask entry (not installed: left out) and an installed auto-updating one', () => {
    const cask = JSON.parse(fixture('real/brew-info-json-v2-cask-entry.json')) as Record<string, unknown>;
    expect(parseBrewInfo(JSON.stringify({formulae: [], casks: [cask]}), INFO)).toEqual({formulae: [], casks: []});
    const installed = {...cask, installed: '1.2.3'};
    expect(parseBrewInfo(JSON.stringify({formulae: [], casks: [installed]}), INFO).casks).toEqual([{name: 'everything', version: '1.2.3', autoUpdates: true}]);
  });

  it('reads formulae at their linked keg and outdated entries, old string installed_versions too', () => {
    const info = parseBrewInfo(fixture('replay/sonoma-arm64/brew-info-before.json'), INFO);
    expect(info.formulae.map((f) => [f.name, f.version])).toEqual([['git', '2.45.2'], ['node', '22.5.1'], ['openssl@3', '3.3.1']]);
    const outdated = parseBrewOutdated(fixture('replay/sonoma-arm64/brew-outdated.json'), 'brew outdated --json=v2');
    expect(outdated.formulae[1]).toEqual({name: 'node', installedVersions: ['22.5.1'], currentVersion: '22.6.0', pinned: true});
    const old = parseBrewOutdated('{"formulae":[],"casks":[{"name":"x","installed_versions":"1.0, 1.1","current_version":"1.2"}]}', 'c');
    expect(old.casks[0]?.installedVersions).toEqual(['1.0', '1.1']);
  });

  it('refuses truncated JSON with one line naming the command', () => {
    const text = fixture('replay/sonoma-arm64/brew-outdated.json').slice(0, 120);
    const error = errorOf(() => parseBrewOutdated(text, 'brew outdated --json=v2'));
    expect(error).toBeInstanceOf(ExternalCommandError);
    expect(error.line()).toMatch(/^brew outdated --json=v2: printed invalid JSON: .* at line \d+, column \d+ \(truncated output\?\)$/);
    expect(errorOf(() => parseBrewInfo('', INFO)).line()).toBe(`${INFO}: printed nothing where JSON was expected`);
  });
});

describe('pkgutil and ioreg', () => {
  it('reads receipts, pkg-info and the hardware UUID', () => {
    expect(parsePkgs(fixture('replay/sonoma-arm64/pkgutil-pkgs-before.txt')).has('us.zoom.pkg.videomeeting')).toBe(true);
    expect(parsePkgInfo(fixture('replay/sonoma-arm64/pkgutil-pkg-info-zoom.txt'), 'pkgutil')).toEqual({id: 'us.zoom.pkg.videomeeting', version: '6.1.6.37851'});
    expect(parsePlatformUuid(fixture('replay/sonoma-arm64/ioreg.txt'), 'ioreg')).toBe('4A3B2C1D-0E9F-4A8B-9C7D-6E5F4A3B2C1D');
    expect(errorOf(() => parsePlatformUuid('{}', 'ioreg -rd1')).line()).toBe('ioreg -rd1: printed no "IOPlatformUUID" = "…" line');
  });
});
