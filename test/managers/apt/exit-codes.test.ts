import {describe, expect, it} from 'vitest';

import {describeLockHolder, firstErrorLine, isDpkgInterrupted, parseLockFailure, parseLockPermissionDenied, parseScriptFailures} from '../../../src/managers/apt/exit-codes.js';
import {fixture, recordedCommands} from './support.js';

describe('apt-get failure texts (captured)', () => {
  it.each([
    ['install-lock-frontend', 'root-install-lock-frontend/var/lib/dpkg/lock-frontend'],
    ['install-lock-dpkg', 'root-install-lock-dpkg/var/lib/dpkg/lock'],
  ])('%s: the lock file and the process holding it', (dir, lock) => {
    const [command] = recordedCommands(`debian-12/${dir}`);
    expect(command?.exitCode).toBe(100);
    const holder = parseLockFailure(fixture(`debian-12/${dir}/apt-get-install.stderr`));
    expect(holder).toEqual({lockFile: `/tmp/pp-apt-capture/${lock}`, pid: command?.holderPid, command: 'python3'});
    expect(holder && describeLockHolder(holder)).toBe(`process ${command?.holderPid} (python3)`);
  });

  it("reads apt before 1.9, which did not name the holder", () => {
    const holder = parseLockFailure('E: Could not get lock /var/lib/dpkg/lock - open (11: Resource temporarily unavailable)\n');
    expect(holder).toEqual({lockFile: '/var/lib/dpkg/lock', pid: null, command: null});
    expect(holder && describeLockHolder(holder)).toBe('another process');
  });

  it('recognises the interrupted-dpkg refusal, and nothing else as a lock', () => {
    const interrupted = fixture('debian-12/install-interrupted/apt-get-install.stderr');
    expect(isDpkgInterrupted(interrupted)).toBe(true);
    expect(parseLockFailure(interrupted)).toBeNull();
    const failedScript = fixture('debian-12/install-half-configured/apt-get-install.stderr');
    expect(isDpkgInterrupted(failedScript)).toBe(false);
    expect(parseLockFailure(failedScript)).toBeNull();
  });

  it('tells a lock this user may not open from a lock someone holds', () => {
    const stderr = fixture('debian-12/install-not-root/apt-get-install.stderr');
    expect(parseLockPermissionDenied(stderr)).toBe('/tmp/pp-apt-capture/root-not-owner/var/lib/dpkg/lock-frontend');
    expect(parseLockFailure(stderr)).toBeNull();
    expect(parseLockPermissionDenied(fixture('debian-12/install-lock-frontend/apt-get-install.stderr'))).toBeNull();
  });

  it('quotes the first E: line', () => {
    expect(firstErrorLine(fixture('debian-12/install-half-configured/apt-get-install.stderr'))).toBe('E: Sub-process /usr/bin/dpkg returned an error code (1)');
    expect(firstErrorLine('W: something\nlast words\n')).toBe('last words');
    expect(firstErrorLine('')).toBe('');
  });
});

describe('parseScriptFailures', () => {
  it("names the package whose maintainer script failed, with dpkg's own line (captured: a failing postinst)", () => {
    expect(parseScriptFailures(fixture('debian-12/install-half-configured/apt-get-install.stderr'))).toEqual([
      {name: 'broken-pp', line: 'installed broken-pp package post-installation script subprocess returned error exit status 1'},
    ]);
  });

  it('an architecture-qualified name and an unpack failure; each package once', () => {
    const text = [
      'dpkg: error processing archive /var/cache/apt/archives/libfoo_1.1_amd64.deb (--unpack):',
      ' trying to overwrite /usr/lib/x, which is also in package libbar 1.0',
      'dpkg: error processing package libfoo:amd64 (--configure):',
      ' package libfoo:amd64 1.1 cannot be configured because libfoo:i386 is at a different version (1.0)',
      'dpkg: error processing package libfoo:amd64 (--configure):',
      ' dependency problems - leaving unconfigured',
    ].join('\n');
    expect(parseScriptFailures(text).map((f) => f.name)).toEqual(['/var/cache/apt/archives/libfoo_1.1_amd64.deb', 'libfoo']);
  });
});
