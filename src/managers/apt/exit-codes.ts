/**
 * What apt-get's failures mean. apt-get exits 100 for every error, so the cause is in the
 * `E:` lines of stderr (read under LC_ALL=C). Real texts, apt 2.6.2, from the sandbox captures in
 * fixtures/apt/debian-12/install-*:
 *
 * Another process holds the frontend lock (here a python3 holding fcntl.lockf):
 *
 *     E: Could not get lock /tmp/pp-apt-capture/root-install-lock-frontend/var/lib/dpkg/lock-frontend. It is held by process 12079 (python3)
 *     E: Unable to acquire the dpkg frontend lock (/tmp/pp-apt-capture/root-install-lock-frontend/var/lib/dpkg/lock-frontend), is another process using it?
 *
 * or the dpkg database lock (a bare dpkg run):
 *
 *     E: Could not get lock /tmp/pp-apt-capture/root-install-lock-dpkg/var/lib/dpkg/lock. It is held by process 12094 (python3)
 *     E: Unable to lock the administration directory (/tmp/pp-apt-capture/root-install-lock-dpkg/var/lib/dpkg/), is another process using it?
 *
 * apt before 1.9 did not name the holder (not captured here; the wording is apt's
 * `GetLock` message, `Could not get lock %s - open (%d: %s)`):
 *
 *     E: Could not get lock /var/lib/dpkg/lock - open (11: Resource temporarily unavailable)
 *
 * The user may not take the lock at all (apt-get as `nobody` on a root owned by root):
 *
 *     E: Could not open lock file /tmp/pp-apt-capture/root-not-owner/var/lib/dpkg/lock-frontend - open (13: Permission denied)
 *     E: Unable to acquire the dpkg frontend lock (/tmp/pp-apt-capture/root-not-owner/var/lib/dpkg/lock-frontend), are you root?
 *
 * dpkg's journal (`var/lib/dpkg/updates/`) holds an unfinished run:
 *
 *     E: dpkg was interrupted, you must manually run 'dpkg --configure -a' to correct the problem.
 */

export const APT_GET_ERROR_EXIT = 100;

export interface LockHolder {
  /** The lock file apt could not take. */
  readonly lockFile: string;
  readonly pid: number | null;
  /** The holder's command name, as apt read it from /proc. */
  readonly command: string | null;
}

const LOCK_WITH_HOLDER = /Could not get lock (\S+?)\.? It is held by process (\d+)(?: \(([^)]*)\))?/;
const LOCK_WITHOUT_HOLDER = /Could not get lock (\S+) - open \((?:11|35): Resource temporarily unavailable\)/;

export function parseLockFailure(stderr: string): LockHolder | null {
  const held = LOCK_WITH_HOLDER.exec(stderr);
  if (held?.[1]) return {lockFile: held[1], pid: Number(held[2]), command: held[3] ?? null};
  const old = LOCK_WITHOUT_HOLDER.exec(stderr);
  if (old?.[1]) return {lockFile: old[1], pid: null, command: null};
  return null;
}

const LOCK_PERMISSION = /Could not open lock file (\S+) - open \(13: Permission denied\)/;

/** The lock file this user may not open (waiting would not help), or null. */
export function parseLockPermissionDenied(stderr: string): string | null {
  return LOCK_PERMISSION.exec(stderr)?.[1] ?? null;
}

export function describeLockHolder(holder: LockHolder): string {
  if (holder.pid === null) return 'another process';
  return holder.command ? `process ${holder.pid} (${holder.command})` : `process ${holder.pid}`;
}

export function isDpkgInterrupted(stderr: string): boolean {
  return stderr.includes("dpkg was interrupted, you must manually run 'dpkg --configure -a'");
}

/** The first `E:` line, else the last non-empty line: what an error message should quote. */
export function firstErrorLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.find((l) => l.startsWith('E:')) ?? lines[lines.length - 1] ?? '';
}

/**
 * The packages whose maintainer scripts failed in a dpkg run, with dpkg's own line (dpkg 1.21):
 *
 *     dpkg: error processing package broken-pp (--configure):
 *      installed broken-pp package post-installation script subprocess returned error exit status 1
 */
export function parseScriptFailures(output: string): {name: string; line: string}[] {
  const failures: {name: string; line: string}[] = [];
  const lines = output.split('\n');
  lines.forEach((line, i) => {
    const m = /^dpkg: error processing (?:package |archive )?(\S+?)(?::\S+)? \(--\w+\):$/.exec(line.trim());
    if (!m?.[1]) return;
    const detail = (lines[i + 1] ?? '').trim();
    if (failures.some((f) => f.name === m[1])) return;
    failures.push({name: m[1], line: detail === '' ? line.trim() : detail});
  });
  return failures;
}
