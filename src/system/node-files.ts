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
  /**
   * Hands the file's bytes to `onChunk` piece by piece as they are read (only valid during the
   * call), never holding the whole file; false when the file is missing. The same limit as
   * readText; an error `onChunk` throws stops the read and is thrown as it is.
   */
  readChunks(file: string, onChunk: (chunk: Buffer) => void): Promise<boolean>;
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
    async readChunks(file, onChunk) {
      const outcome = await readWithin(file, maxBytes, () => readInChunks(file, maxBytes, onChunk));
      if (outcome === null) return false;
      if (outcome.failed !== undefined) throw outcome.failed.error;
      return true;
    },
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

const CHUNK_BYTES = 1 << 20;

/** Reads `file` to `onChunk`; what the callback throws is returned, for the caller to throw as it is. */
async function readInChunks(file: string, maxBytes: number, onChunk: (chunk: Buffer) => void): Promise<{failed?: {error: unknown}}> {
  const handle = await fsp.open(file, 'r');
  try {
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const {bytesRead} = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return {};
      total += bytesRead;
      // It grew after the size check.
      if (total > maxBytes) throw new InputError(file, oversizeMessage(null, maxBytes, 'node file'));
      try {
        onChunk(buffer.subarray(0, bytesRead));
      } catch (error) {
        return {failed: {error}};
      }
    }
  } finally {
    await handle.close();
  }
}

/** The node's files under the default limit (json/limits.ts). */
export const nodeFiles: NodeFiles = boundedNodeFiles(DEFAULT_MAX_INPUT_SIZE['node file']);
