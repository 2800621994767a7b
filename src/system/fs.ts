import {randomBytes} from 'node:crypto';
import {promises as fsp} from 'node:fs';
import path from 'node:path';

import {InputError} from '../errors.js';

/** File access the services use; tests may substitute an in-memory one. */
export interface FileSystem {
  readText(file: string): Promise<string>;
  /** Writes via a temporary file in the same directory and a rename, so readers never see half a file. */
  writeAtomic(file: string, data: string, mode: number): Promise<void>;
  exists(file: string): Promise<boolean>;
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
  exists: pathExists,
};

/** Whether something is at the path (any error, permission included, counts as no). */
export async function pathExists(file: string): Promise<boolean> {
  try {
    await fsp.access(file);
    return true;
  } catch {
    return false;
  }
}
