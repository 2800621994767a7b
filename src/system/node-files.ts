import {promises as fsp} from 'node:fs';

import {InputError} from '../errors.js';
import {DEFAULT_MAX_INPUT_SIZE, oversizeMessage} from '../json/limits.js';
import {nodeFileSystem, pathExists} from './fs.js';

/** Reads files of the node (under `root`); tests may give an in-memory one. */
export interface NodeFiles {
  /** The most bytes any one read returns (also the limit for what a compressed file unpacks to). */
  readonly maxBytes: number;
  readText(file: string): Promise<string | null>;
  /** The file's bytes (a compressed repodata file), under the same limit as readText. */
  readBytes(file: string): Promise<Buffer | null>;
  exists(file: string): Promise<boolean>;
  /** Whether anything is at the path itself: a symbolic link is not followed (it may point out of a root). */
  entryExists(file: string): Promise<boolean>;
  list(dir: string): Promise<string[]>;
}

/**
 * Reads the node's own files (os-release, dpkg status, apt lists, updateinfo.xml); missing files
 * are null, not errors. A file larger than `maxBytes` is refused (InputError naming it) before it
 * is read, and the read itself stops there: collection's memory stays bounded.
 */
export function boundedNodeFiles(maxBytes: number): NodeFiles {
  return {
    maxBytes,
    readText: (file) => readWithin(file, maxBytes, () => nodeFileSystem.readText(file, {bytes: maxBytes, kind: 'node file'})),
    readBytes: (file) => readWithin(file, maxBytes, () => fsp.readFile(file)),
    exists: pathExists,
    async entryExists(file) {
      try {
        await fsp.lstat(file);
        return true;
      } catch {
        return false;
      }
    },
    async list(dir) {
      try {
        return (await fsp.readdir(dir)).sort();
      } catch (error) {
        const code = (error as {code?: unknown}).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return [];
        throw error;
      }
    },
  };
}

/**
 * Null when the file is missing; refused (InputError naming it) when larger than `maxBytes`,
 * before `read` runs; a file removed between the two calls is as missing as before.
 */
async function readWithin<T>(file: string, maxBytes: number, read: () => Promise<T>): Promise<T | null> {
  const status = await nodeFileSystem.status(file);
  if (status === null) return null;
  if (status.kind === 'file' && status.size > maxBytes) throw new InputError(file, oversizeMessage(status.size, maxBytes, 'node file'));
  try {
    return await read();
  } catch (error) {
    if ((await nodeFileSystem.status(file)) === null) return null;
    throw error instanceof InputError ? error : new InputError(file, `cannot read: ${(error as Error).message}`);
  }
}

/** The node's files under the default limit (json/limits.ts). */
export const nodeFiles: NodeFiles = boundedNodeFiles(DEFAULT_MAX_INPUT_SIZE['node file']);
