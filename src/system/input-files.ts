import {InputError} from '../errors.js';
import {inputLimit, oversizeMessage, type InputKind} from '../json/limits.js';
import type {FileSystem} from './fs.js';

/** What reading an input file needs of the FileSystem port. */
export type InputReader = Pick<FileSystem, 'readText' | 'status' | 'maxInputSize'>;

/**
 * The text of an input file (inventory, plan, baseline, override list, key), refused before it
 * is read when it is larger than its kind's limit (json/limits.ts, `--max-input-size`): the
 * size comes from stat, so a 2 GB file costs nothing. The read itself is bounded too, for a
 * pipe (`--inventory <(…)`), whose size is not known in advance, or a file that grows.
 */
export async function readInputText(fs: InputReader, file: string, kind: InputKind): Promise<string> {
  const bytes = inputLimit(kind, fs.maxInputSize);
  const status = await fs.status(file);
  if (status !== null && status.kind === 'file' && status.size > bytes) throw new InputError(file, oversizeMessage(status.size, bytes, kind));
  return fs.readText(file, {bytes, kind});
}
