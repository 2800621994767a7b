import path from 'node:path';

import {PlanRefusedError} from '../errors.js';
import type {FileStatus, FileSystem} from '../system/fs.js';

/**
 * Whether a plan file can be trusted to be the plan that was reviewed, before `apply` reads it.
 * The digest proves the file is unchanged since it was written, not that nobody else could have
 * written it: a plan that another user can replace (a group- or world-writable file, a file
 * owned by someone else, a directory anywhere on its path that someone else can write to) is
 * one a reviewer never saw, with a valid digest of its own. The rules are ssh's StrictModes:
 *
 * - the file is owned by root or by the user running apply, and not writable by group or others;
 * - every directory from the file's up to `/` (symbolic links resolved) is owned by root or
 *   that user, and not writable by group or others, unless its sticky bit is set (`/tmp`):
 *   then others may create files there but cannot remove or rename this one.
 *
 * Because nobody else can write to the file or to any directory on its path, the file cannot
 * change between these checks and the read that follows. `--insecure-plan-permissions` skips
 * them (a plan on a filesystem without Unix permissions, a deliberate shared directory).
 */

export interface TrustEntry {
  readonly path: string;
  readonly status: FileStatus;
}

/** The problems with a plan file and the directories above it, one clause each; empty when it can be trusted. Pure. */
export function judgePlanFileTrust(file: TrustEntry, directories: readonly TrustEntry[], callerUid: number): string[] {
  const problems: string[] = [];
  const trustedOwner = (uid: number): boolean => uid === 0 || uid === callerUid;
  const mode = (m: number): string => m.toString(8).padStart(4, '0');
  if (!trustedOwner(file.status.uid)) problems.push(`it is owned by uid ${file.status.uid}, not by root or by the user running apply (uid ${callerUid})`);
  if ((file.status.mode & 0o022) !== 0) problems.push(`it is writable by ${writers(file.status.mode)} (mode ${mode(file.status.mode)})`);
  for (const dir of directories) {
    if (!trustedOwner(dir.status.uid)) problems.push(`its directory ${dir.path} is owned by uid ${dir.status.uid}, not by root or by the user running apply`);
    const sticky = (dir.status.mode & 0o1000) !== 0;
    if ((dir.status.mode & 0o022) !== 0 && !sticky) problems.push(`its directory ${dir.path} is writable by ${writers(dir.status.mode)} (mode ${mode(dir.status.mode)})`);
  }
  return problems;
}

function writers(mode: number): string {
  const group = (mode & 0o020) !== 0;
  const others = (mode & 0o002) !== 0;
  return group && others ? 'group and others' : group ? 'its group' : 'others';
}

/**
 * Refuses (exit 3) a plan file someone other than root or the caller could have written.
 * Returns quietly when the file does not exist: reading it then reports that, as it always has.
 */
export async function checkPlanFileTrust(file: string, fs: Pick<FileSystem, 'status' | 'realPath'>, callerUid: number): Promise<void> {
  const status = await fs.status(file);
  if (status === null) return;
  const real = await fs.realPath(file);
  const directories: TrustEntry[] = [];
  for (let dir = path.dirname(real); ; dir = path.dirname(dir)) {
    const dirStatus = await fs.status(dir);
    if (dirStatus !== null) directories.push({path: dir, status: dirStatus});
    if (path.dirname(dir) === dir) break;
  }
  const problems = judgePlanFileTrust({path: real, status}, directories, callerUid);
  if (problems.length > 0) {
    throw new PlanRefusedError(file, [
      `not applied: someone other than root or you could have replaced this plan: ${problems.join('; ')} (chmod go-w, chown, or move it to a directory only you can write; --insecure-plan-permissions skips this check)`,
    ]);
  }
}
