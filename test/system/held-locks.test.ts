import {spawn} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {describe, expect, it} from 'vitest';

import {deviceNumbers, findLockHolder, hostLockProbe, parseProcLocks, type LockProbeSystem} from '../../src/system/held-locks.js';

/** /proc/locks as Linux 6.1 prints it: a dpkg frontend lock, an OFD lock (no pid), a flock, and a blocked waiter. */
const PROC_LOCKS = [
  '1: POSIX  ADVISORY  WRITE 12079 fe:00:2146635 0 EOF',
  '1: -> POSIX  ADVISORY  WRITE 12090 fe:00:2146635 0 EOF',
  '2: OFDLCK ADVISORY  READ  -1 00:2f:4567 0 EOF',
  '3: FLOCK  ADVISORY  WRITE 881 103:02:77 0 EOF',
  '',
].join('\n');

describe('parseProcLocks', () => {
  it('reads kind, holder pid, device and inode; blocked waiters are not holders', () => {
    expect(parseProcLocks(PROC_LOCKS)).toEqual([
      {kind: 'POSIX', pid: 12079, major: 0xfe, minor: 0, inode: 2146635},
      {kind: 'OFDLCK', pid: -1, major: 0, minor: 0x2f, inode: 4567},
      {kind: 'FLOCK', pid: 881, major: 0x103, minor: 2, inode: 77},
    ]);
  });
});

describe('deviceNumbers', () => {
  it("decodes st_dev as glibc's major()/minor() do", () => {
    expect(deviceNumbers(65024)).toEqual({major: 254, minor: 0});
    expect(deviceNumbers(0x10302)).toEqual({major: 0x103, minor: 2});
    // minor numbers above 255 live in the high bits
    expect(deviceNumbers(0x1000fe01)).toEqual({major: 0xfe, minor: 0x10001});
  });
});

function fakeSystem(files: Record<string, string>, identities: Record<string, {dev: number; ino: number}>, fds: Record<number, string[]> = {}): LockProbeSystem {
  return {
    readText: async (file) => files[file] ?? null,
    identity: async (file) => identities[file] ?? null,
    openFiles: async (pid) => fds[pid] ?? [],
    realPath: async (file) => (identities[file] ? file : null),
    selfPid: 1,
  };
}

describe('findLockHolder', () => {
  const lock = '/srv/root/var/lib/dpkg/lock-frontend';

  it('names the process holding the lock file (same device and inode) with its command', async () => {
    const system = fakeSystem({'/proc/locks': PROC_LOCKS, '/proc/12079/comm': 'apt-get\n'}, {[lock]: {dev: 65024, ino: 2146635}});
    expect(await findLockHolder([lock], [], system)).toEqual({file: lock, pid: 12079, command: 'apt-get'});
  });

  it('on another device (an overlay file system) only a holder with the file open counts', async () => {
    const files = {'/proc/locks': PROC_LOCKS, '/proc/12079/comm': 'dpkg\n'};
    expect(await findLockHolder([lock], [], fakeSystem(files, {[lock]: {dev: 99, ino: 2146635}}))).toBeNull();
    expect(await findLockHolder([lock], [], fakeSystem(files, {[lock]: {dev: 99, ino: 2146635}}, {12079: ['/dev/null', lock]}))).toEqual({file: lock, pid: 12079, command: 'dpkg'});
  });

  it('a lock file that does not exist is not held; a pid file counts only while its process lives', async () => {
    const pidFile = '/srv/root/run/zypp.pid';
    const system = fakeSystem({'/proc/locks': '', [pidFile]: '4242\n', '/proc/4242/comm': 'zypper\n'}, {});
    expect(await findLockHolder([lock], [pidFile], system)).toEqual({file: pidFile, pid: 4242, command: 'zypper'});
    const gone = fakeSystem({'/proc/locks': '', [pidFile]: '4243\n'}, {});
    expect(await findLockHolder([lock], [pidFile], gone)).toBeNull();
  });

  it('a lock held by patchplan itself is nobody else’s', async () => {
    const system = {...fakeSystem({'/proc/locks': PROC_LOCKS}, {[lock]: {dev: 65024, ino: 2146635}}), selfPid: 12079};
    expect(await findLockHolder([lock], [], system)).toBeNull();
  });

  it('finds a real fcntl lock (as dpkg takes it) held by another process, and nothing once it is released', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pp-held-lock-'));
    const file = path.join(dir, 'lock-frontend');
    writeFileSync(file, '');
    const holder = spawn('/usr/bin/python3', ['-c', `import fcntl,sys\nf=open(${JSON.stringify(file)},'w')\nfcntl.lockf(f, fcntl.LOCK_EX)\nprint('locked', flush=True)\nsys.stdin.read()`], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    try {
      expect(await findLockHolder([file], [], hostLockProbe)).toEqual({file, pid: holder.pid, command: 'python3'});
    } finally {
      holder.stdin.end();
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    expect(await findLockHolder([file], [], hostLockProbe)).toBeNull();
  });
});
