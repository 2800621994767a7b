import type {NodeFiles} from '../../src/system/node-files.js';

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
    exists: async (file) => file in files || isDir(file),
    entryExists: async (file) => file in files || isDir(file),
    async list(dir) {
      const prefix = `${dir === '/' ? '' : dir}/`;
      return [...new Set(Object.keys(files).filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length).split('/')[0] ?? ''))].sort();
    },
  };
}
