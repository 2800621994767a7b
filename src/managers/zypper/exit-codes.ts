/**
 * What zypper's exit codes and failure texts mean (zypper 1.14.42, `man zypper` EXIT CODES, and the
 * lab captures in fixtures/zypper/lab/). Another process holding the zypp lock (ROOT/run/zypp.pid,
 * older systems ROOT/var/run/zypp.pid) is exit 7 with, on stderr (install-locked.stderr) or as an
 * XML `<message type="error">` (list-updates-locked.xml):
 *
 *     System management is locked by the application with pid 20197 (sleep).
 *     Close this application before trying again.
 */

export const ZYPPER_EXIT = {
  OK: 0,
  BUG: 1,
  SYNTAX: 2,
  INVALID_ARGS: 3,
  ZYPP_ERROR: 4,
  PRIVILEGES: 5,
  NO_REPOS: 6,
  /** ZYPPER_EXIT_ZYPP_LOCKED */
  LOCKED: 7,
  COMMIT_ERROR: 8,
  /** 100-107 are informational: the command did its work. */
  INF_UPDATE_NEEDED: 100,
  INF_SEC_UPDATE_NEEDED: 101,
  INF_REBOOT_NEEDED: 102,
  INF_RESTART_NEEDED: 103,
  INF_CAP_NOT_FOUND: 104,
  ON_SIGNAL: 105,
  INF_REPOS_SKIPPED: 106,
  INF_RPM_SCRIPT_FAILED: 107,
} as const;

/** Whether the command did what it was asked (104, "not found", is a failure for install and search alike). */
export function isSuccess(exitCode: number): boolean {
  return exitCode === ZYPPER_EXIT.OK || (exitCode >= 100 && exitCode <= 107 && exitCode !== ZYPPER_EXIT.INF_CAP_NOT_FOUND && exitCode !== ZYPPER_EXIT.ON_SIGNAL);
}

export function describeExit(exitCode: number): string {
  switch (exitCode) {
    case ZYPPER_EXIT.INF_REBOOT_NEEDED:
      return 'done; a reboot is needed (102)';
    case ZYPPER_EXIT.INF_RESTART_NEEDED:
      return 'done; zypper itself was updated and must be restarted (103)';
    case ZYPPER_EXIT.INF_CAP_NOT_FOUND:
      return 'a requested package or version was not found (104)';
    case ZYPPER_EXIT.INF_REPOS_SKIPPED:
      return 'done, but some repositories were skipped (106)';
    case ZYPPER_EXIT.INF_RPM_SCRIPT_FAILED:
      return 'done, but an rpm scriptlet failed (107)';
    case ZYPPER_EXIT.LOCKED:
      return 'the zypp lock is held by another process (7)';
    case ZYPPER_EXIT.COMMIT_ERROR:
      return 'the transaction failed (8)';
    default:
      return `exit ${exitCode}`;
  }
}

export interface ZyppLockHolder {
  readonly pid: number;
  readonly command: string | null;
}

const LOCKED = /System management is locked by the application with pid (\d+)(?: \(([^)]*)\))?/;

/** The holder named in a lock failure (stdout XML or stderr text), or null. */
export function parseZyppLock(text: string): ZyppLockHolder | null {
  const match = LOCKED.exec(text);
  if (!match?.[1]) return null;
  return {pid: Number(match[1]), command: match[2] ?? null};
}

export function describeZyppLockHolder(holder: ZyppLockHolder): string {
  return holder.command ? `process ${holder.pid} (${holder.command})` : `process ${holder.pid}`;
}

/** The last non-empty line that looks like an error, else the last line: what an error message should quote. */
export function lastMeaningfulLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines[lines.length - 1] ?? '';
}
