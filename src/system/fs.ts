import {randomBytes} from 'node:crypto';
import {promises as fsp} from 'node:fs';
import path from 'node:path';

import {InputError} from '../errors.js';

/** What is at a path, following symbolic links (`missing` also for a dangling link). */
export type EntryKind = 'file' | 'directory' | 'other' | 'missing';

/** File access the services use; tests may substitute an in-memory one. */
export interface FileSystem {
  readText(file: string): Promise<string>;
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
  async readText(file) {
    try {
      return await fsp.readFile(file, 'utf8');
    } catch (error) {
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
