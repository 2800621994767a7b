import {promises as fsp} from 'node:fs';

/**
 * Who holds a package manager's lock, read from the kernel without taking it: /proc/locks
 * lists every POSIX (fcntl) and flock lock with the holder's pid and the locked file's device
 * and inode. dpkg and apt lock `var/lib/dpkg/lock-frontend` and `lock`, rpm `var/lib/rpm/.rpm.lock`,
 * dnf its `*_lock.pid` files, all with fcntl; zypper writes its pid to `run/zypp.pid`.
 * Reading first, before any read of the package database that decides something, is how apply
 * waits for a running apt-get instead of misreading its half-written state.
 */

export interface ProcLock {
  readonly kind: string;
  readonly pid: number;
  readonly major: number;
  readonly minor: number;
  readonly inode: number;
}

/** `1: POSIX  ADVISORY  WRITE 12079 fe:00:2146635 0 EOF` (blocked waiters, `->` lines, are skipped). */
export function parseProcLocks(text: string): ProcLock[] {
  const locks: ProcLock[] = [];
  for (const line of text.split('\n')) {
    const m = /^\d+:\s+(\S+)\s+\S+\s+\S+\s+(-?\d+)\s+([0-9a-f]+):([0-9a-f]+):(\d+)\s/.exec(line);
    if (!m) continue;
    locks.push({kind: m[1] ?? '', pid: Number(m[2]), major: parseInt(m[3] ?? '0', 16), minor: parseInt(m[4] ?? '0', 16), inode: Number(m[5])});
  }
  return locks;
}

/** Linux's encoding of st_dev (glibc gnu_dev_major/minor). */
export function deviceNumbers(dev: number): {major: number; minor: number} {
  const big = BigInt(dev);
  const major = Number(((big >> 8n) & 0xfffn) | ((big >> 32n) & ~0xfffn));
  const minor = Number((big & 0xffn) | ((big >> 12n) & ~0xffn));
  return {major, minor};
}

export interface LockHolderFound {
  /** The lock file that is held. */
  readonly file: string;
  readonly pid: number;
  /** The holder's command name (/proc/PID/comm), when readable. */
  readonly command: string | null;
}

/** What the probe reads; the real one is the host's /proc and stat(2). */
export interface LockProbeSystem {
  readText(file: string): Promise<string | null>;
  identity(file: string): Promise<{dev: number; ino: number} | null>;
  /** The targets of /proc/PID/fd/*, to confirm a holder when devices differ (overlay file systems). */
  openFiles(pid: number): Promise<string[]>;
  realPath(file: string): Promise<string | null>;
  /** The calling process: a lock we hold ourselves is no one else's. */
  readonly selfPid: number;
}

/**
 * The first of `lockFiles` that another process holds, or of `pidFiles` whose pid is alive;
 * null when none is. Files that do not exist are not held.
 */
export async function findLockHolder(
  lockFiles: readonly string[],
  pidFiles: readonly string[],
  system: LockProbeSystem = hostLockProbe,
): Promise<LockHolderFound | null> {
  const table = parseProcLocks((await system.readText('/proc/locks')) ?? '').filter((l) => l.pid > 0 && l.pid !== system.selfPid);
  for (const file of lockFiles) {
    const id = await system.identity(file);
    if (id === null) continue;
    const {major, minor} = deviceNumbers(id.dev);
    for (const lock of table.filter((l) => l.inode === id.ino)) {
      const sameDevice = lock.major === major && lock.minor === minor;
      if (sameDevice || (await holdsOpen(system, lock.pid, file))) return {file, pid: lock.pid, command: await commandOf(system, lock.pid)};
    }
  }
  for (const file of pidFiles) {
    const pid = Number.parseInt(((await system.readText(file)) ?? '').trim(), 10);
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === system.selfPid) continue;
    const command = await commandOf(system, pid);
    if (command !== null) return {file, pid, command};
  }
  return null;
}

async function holdsOpen(system: LockProbeSystem, pid: number, file: string): Promise<boolean> {
  const real = await system.realPath(file);
  return real !== null && (await system.openFiles(pid)).includes(real);
}

async function commandOf(system: LockProbeSystem, pid: number): Promise<string | null> {
  const comm = await system.readText(`/proc/${pid}/comm`);
  return comm === null ? null : comm.trim();
}

export function describeHolder(holder: LockHolderFound): string {
  return holder.command ? `process ${holder.pid} (${holder.command})` : `process ${holder.pid}`;
}

const orNull = async <T>(p: Promise<T>): Promise<T | null> => p.catch(() => null);

export const hostLockProbe: LockProbeSystem = {
  readText: (file) => orNull(fsp.readFile(file, 'utf8')),
  identity: async (file) => {
    const stat = await orNull(fsp.stat(file));
    return stat === null ? null : {dev: stat.dev, ino: stat.ino};
  },
  openFiles: async (pid) => {
    const fds = (await orNull(fsp.readdir(`/proc/${pid}/fd`))) ?? [];
    const targets = await Promise.all(fds.map((fd) => orNull(fsp.readlink(`/proc/${pid}/fd/${fd}`))));
    return targets.filter((t): t is string => t !== null);
  },
  realPath: (file) => orNull(fsp.realpath(file)),
  selfPid: process.pid,
};
