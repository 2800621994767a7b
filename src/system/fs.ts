import {randomBytes} from 'node:crypto';
import {closeSync, fstatSync, openSync, promises as fsp, readSync} from 'node:fs';
import path from 'node:path';

import {InputError} from '../errors.js';
import {oversizeMessage, type InputKind} from '../json/limits.js';

/** What is at a path, following symbolic links (`missing` also for a dangling link). */
export type EntryKind = 'file' | 'directory' | 'other' | 'missing';

/** File access the services use; tests may substitute an in-memory one. */
export interface FileSystem {
  /**
   * The file's text. With `limit`, refuses (InputError naming the file) a file that turns out
   * larger than limit.bytes while it is read, without holding more than that in memory: a pipe
   * or a file that grew after its size was checked (system/input-files.ts checks it first).
   */
  readText(file: string, limit?: ReadLimit): Promise<string>;
  /** `--max-input-size`: replaces every kind's default input size limit (json/limits.ts). */
  readonly maxInputSize?: number | undefined;
  /** Writes via a temporary file in the same directory and a rename, so readers never see half a file. */
  writeAtomic(file: string, data: string, mode: number): Promise<void>;
  /**
   * Creates a file that must not exist yet, with exactly this mode from the moment it exists
   * (keys: a private key is never readable by others, not even briefly, and never replaces a
   * file already there). Anything at the path, a symbolic link included, is refused.
   */
  writeNew(file: string, data: string, mode: number): Promise<void>;
  exists(file: string): Promise<boolean>;
  kind(file: string): Promise<EntryKind>;
  /** The names in a directory, sorted by code unit. */
  list(dir: string): Promise<string[]>;
  /** What is at the path, following symbolic links; null when nothing is. */
  status(file: string): Promise<FileStatus | null>;
  /** The absolute path with every symbolic link resolved (the file must exist). */
  realPath(file: string): Promise<string>;
}

/** A bound on a read, and the kind of file it is for (the error names the kind's limit). */
export interface ReadLimit {
  readonly bytes: number;
  readonly kind: InputKind;
}

/** The facts of a file that decide whether to trust it (and how much to read of it). */
export interface FileStatus {
  readonly kind: Exclude<EntryKind, 'missing'>;
  readonly size: number;
  /** Permission bits with the sticky bit (`mode & 0o7777`). */
  readonly mode: number;
  readonly uid: number;
}

function describeFsError(error: unknown): string {
  const code = (error as {code?: unknown}).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

export const nodeFileSystem: FileSystem = {
  async readText(file, limit) {
    try {
      return limit === undefined ? await fsp.readFile(file, 'utf8') : readBounded(file, limit);
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(file, `cannot read: ${describeFsError(error)}`);
    }
  },
  async writeAtomic(file, data, mode) {
    const dir = path.dirname(path.resolve(file));
    const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await fsp.open(tmp, 'wx', mode);
      try {
        await handle.writeFile(data, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      // open() applies the umask; the contract says 0600 whatever the umask is.
      await fsp.chmod(tmp, mode);
      await fsp.rename(tmp, file);
    } catch (error) {
      await fsp.rm(tmp, {force: true});
      throw new InputError(file, `cannot write: ${describeFsError(error)}`);
    }
  },
  async writeNew(file, data, mode) {
    let handle: fsp.FileHandle;
    try {
      // O_CREAT|O_EXCL: fails on anything at the path, and never follows a symbolic link there.
      handle = await fsp.open(file, 'wx', mode);
    } catch (error) {
      if ((error as {code?: unknown}).code === 'EEXIST') throw new InputError(file, 'already exists; refusing to overwrite it');
      throw new InputError(file, `cannot write: ${describeWriteError(error, file)}`);
    }
    try {
      // open() applies the umask, which can only remove bits; chmod sets exactly the mode asked for.
      await handle.chmod(mode);
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } catch (error) {
      await handle.close();
      await fsp.rm(file, {force: true});
      throw new InputError(file, `cannot write: ${describeWriteError(error, file)}`);
    }
    await handle.close();
  },
  exists: pathExists,
  async kind(file) {
    try {
      const stat = await fsp.stat(file);
      return stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other';
    } catch (error) {
      const code = (error as {code?: unknown}).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
      throw new InputError(file, `cannot read: ${describeFsError(error)}`);
    }
  },
  async list(dir) {
    try {
      return (await fsp.readdir(dir)).sort();
    } catch (error) {
      throw new InputError(dir, `cannot read: ${describeFsError(error)}`);
    }
  },
  async status(file) {
    try {
      const stat = await fsp.stat(file);
      const kind = stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other';
      return {kind, size: stat.size, mode: stat.mode & 0o7777, uid: stat.uid};
    } catch (error) {
      const code = (error as {code?: unknown}).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      throw new InputError(file, `cannot read: ${describeFsError(error)}`);
    }
  },
  async realPath(file) {
    try {
      return await fsp.realpath(file);
    } catch (error) {
      throw new InputError(file, `cannot read: ${describeFsError(error)}`);
    }
  },
};

const CHUNK = 1 << 20;

/**
 * Reads at most limit.bytes (one byte more tells that there is more). The first buffer is sized
 * from the file's size plus the byte that tells it grew, not a fixed megabyte: `fleet report`
 * reads thousands of 20 KB plans, and a megabyte allocated for each was most of its time (bench
 * row "fleet": 8.0 s → 4.3 s). The calls are synchronous: the promise API costs a thread-pool
 * round trip and a FileHandle per call (~4× the time per small file), and a command reading its
 * input files has nothing to do meanwhile.
 */
function readBounded(file: string, limit: ReadLimit): string {
  const fd = openSync(file, 'r');
  try {
    const {size} = fstatSync(fd);
    const chunks: Buffer[] = [];
    let total = 0;
    for (let next = size > 0 ? size + 1 : CHUNK; ; next = CHUNK) {
      const buffer = Buffer.allocUnsafe(Math.min(next, limit.bytes + 1 - total));
      const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit.bytes) throw new InputError(file, oversizeMessage(null, limit.bytes, limit.kind));
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function describeWriteError(error: unknown, file: string): string {
  const code = (error as {code?: unknown}).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return `no such directory: ${path.dirname(file)}`;
  return describeFsError(error);
}

/** Whether something is at the path (any error, permission included, counts as no). */
export async function pathExists(file: string): Promise<boolean> {
  try {
    await fsp.access(file);
    return true;
  } catch {
    return false;
  }
}
