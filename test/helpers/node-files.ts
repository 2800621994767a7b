import {InputError} from '../../src/errors.js';
import {oversizeMessage} from '../../src/json/limits.js';
import type {NodeFiles} from '../../src/system/node-files.js';

/** `bytes` cut in uneven pieces (1 to 250 bytes), so that stream readers meet lines and paragraphs cut anywhere. */
export function* unevenPieces(bytes: Buffer): Generator<Buffer> {
  for (let at = 0, size = 1; at < bytes.length; at += size, size = (size * 7) % 251) yield bytes.subarray(at, at + size);
}

/**
 * NodeFiles over a map of absolute paths to text or bytes (directories are listed from the paths under them),
 * recording every read. For tests that must not touch the disk.
 */
export function memoryNodeFiles(files: Readonly<Record<string, string | Buffer>> = {}, maxBytes = 1 << 30): NodeFiles & {reads: string[]} {
  const reads: string[] = [];
  const isDir = (dir: string): boolean => Object.keys(files).some((f) => f.startsWith(`${dir === '/' ? '' : dir}/`));
  return {
    reads,
    maxBytes,
    async readText(file) {
      reads.push(file);
      const content = files[file];
      return content === undefined ? null : content.toString();
    },
    async readBytes(file) {
      reads.push(file);
      const content = files[file];
      return content === undefined ? null : Buffer.from(content);
    },
    async readChunks(file, onChunk) {
      reads.push(file);
      const content = files[file];
      if (content === undefined) return false;
      const bytes = Buffer.from(content);
      if (bytes.length > maxBytes) throw new InputError(file, oversizeMessage(bytes.length, maxBytes, 'node file'));
      for (const piece of unevenPieces(bytes)) onChunk(piece);
      return true;
    },
    exists: async (file) => file in files || isDir(file),
    entryExists: async (file) => file in files || isDir(file),
    async list(dir) {
      const prefix = `${dir === '/' ? '' : dir}/`;
      return [...new Set(Object.keys(files).filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length).split('/')[0] ?? ''))].sort();
    },
  };
}
