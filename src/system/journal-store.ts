import {promises as fsp} from 'node:fs';
import path from 'node:path';

import {ExternalCommandError} from '../errors.js';

/**
 * Where apply keeps what it did to a node, per plan: the journal (apply/journal.ts) and the
 * run lock that makes a second apply of the same plan wait instead of racing the first. Both
 * live under the root they are about, so a copy of an image carries its own history:
 *
 *   ROOT/var/lib/patchplan/            0700
 *     <digest>.jsonl                   0600, appended and fsync'd line by line
 *     <digest>.lock                    0600, {pid, start, run}: the run applying this plan now
 */

export interface RunHolder {
  readonly pid: number;
  readonly run: string;
  readonly at: string;
}

export type RunLockAttempt = {readonly acquired: true; release(): Promise<void>} | {readonly acquired: false; readonly holder: RunHolder};

export interface JournalStore {
  /** The journal's text for this plan; empty when no run has written one. */
  read(root: string, digest: string): Promise<string>;
  append(root: string, digest: string, line: string): Promise<void>;
  /** Takes this plan's run lock unless a live process holds it (a dead holder's lock is taken over). */
  tryLock(root: string, digest: string, holder: RunHolder): Promise<RunLockAttempt>;
  /** Where the journal is, for messages. */
  location(root: string, digest: string): string;
}

export function journalDir(root: string): string {
  return path.join(root, 'var/lib/patchplan');
}

/** `sha256:ab…` → `ab…`: the digest is hex after its prefix, so it is a safe file name. */
function fileStem(digest: string): string {
  const hex = digest.replace(/^sha256:/, '');
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new ExternalCommandError(digest, 'is not a plan digest');
  return hex;
}

const fail = (where: string, what: string, error: unknown): ExternalCommandError =>
  new ExternalCommandError(where, `cannot ${what} the apply journal: ${(error as {code?: string}).code ?? String(error)}`);

async function ensureDir(root: string): Promise<string> {
  const dir = journalDir(root);
  try {
    await fsp.mkdir(dir, {recursive: true, mode: 0o700});
  } catch (error) {
    throw fail(dir, 'create the directory of', error);
  }
  return dir;
}

/** A process's start time (field 22 of /proc/PID/stat): with the pid, it names one process even after pids wrap. */
async function startTime(pid: number): Promise<string | null> {
  try {
    const stat = await fsp.readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

interface LockRecord extends RunHolder {
  readonly start: string | null;
}

async function readLock(file: string): Promise<LockRecord | null> {
  try {
    const value = JSON.parse(await fsp.readFile(file, 'utf8')) as Partial<LockRecord>;
    if (typeof value.pid !== 'number' || typeof value.run !== 'string') return null;
    return {pid: value.pid, run: value.run, at: String(value.at ?? ''), start: typeof value.start === 'string' ? value.start : null};
  } catch {
    return null;
  }
}

const TORN_LOCK_MS = 5_000;

async function olderThan(file: string, ms: number): Promise<boolean> {
  try {
    return Date.now() - (await fsp.stat(file)).mtimeMs > ms;
  } catch {
    return false;
  }
}

async function alive(record: LockRecord): Promise<boolean> {
  const start = await startTime(record.pid);
  return start !== null && (record.start === null || record.start === start);
}

export const fileJournalStore: JournalStore = {
  location: (root, digest) => path.join(journalDir(root), `${fileStem(digest)}.jsonl`),

  async read(root, digest) {
    const file = path.join(journalDir(root), `${fileStem(digest)}.jsonl`);
    try {
      return await fsp.readFile(file, 'utf8');
    } catch (error) {
      if ((error as {code?: string}).code === 'ENOENT') return '';
      throw fail(file, 'read', error);
    }
  },

  async append(root, digest, line) {
    const file = path.join(await ensureDir(root), `${fileStem(digest)}.jsonl`);
    try {
      const handle = await fsp.open(file, 'a', 0o600);
      try {
        await handle.chmod(0o600);
        await handle.appendFile(line, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw fail(file, 'write', error);
    }
  },

  async tryLock(root, digest, holder) {
    const file = path.join(await ensureDir(root), `${fileStem(digest)}.lock`);
    const record: LockRecord = {...holder, start: await startTime(holder.pid)};
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const handle = await fsp.open(file, 'wx', 0o600);
        try {
          await handle.writeFile(JSON.stringify(record), 'utf8');
          await handle.sync();
        } finally {
          await handle.close();
        }
        return {
          acquired: true,
          release: async () => {
            const current = await readLock(file);
            if (current?.run === holder.run) await fsp.rm(file, {force: true});
          },
        };
      } catch (error) {
        if ((error as {code?: string}).code !== 'EEXIST') throw fail(file, 'lock', error);
      }
      const current = await readLock(file);
      // A lock being written right now reads as nothing yet: try again rather than remove it,
      // unless it has read as nothing for a while (a kill between create and write left it empty).
      if (current === null) {
        if (await olderThan(file, TORN_LOCK_MS)) await fsp.rm(file, {force: true});
        else await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      if (await alive(current)) return {acquired: false, holder: current};
      // Its process is gone (killed): the lock is stale. Remove exactly that lock and try again.
      const again = await readLock(file);
      if (again?.run === current.run) await fsp.rm(file, {force: true});
    }
    const current = await readLock(file);
    return {acquired: false, holder: current ?? {pid: 0, run: 'unknown', at: ''}};
  },
};
