import {constants, promises as fsp} from 'node:fs';

import {InputError} from '../errors.js';

/**
 * The directory os.tmpdir() gives (TMPDIR, else TMP, else TEMP, else /tmp), checked before the
 * node is read: apt's generated configuration goes there, and the package managers put their
 * own temporary files there too. A TMPDIR that does not exist or cannot be written is one line
 * naming the variable, before anything runs, not an installer failing half-way.
 */
export async function checkTmpdir(env: Readonly<Record<string, string | undefined>>): Promise<void> {
  const variable = (['TMPDIR', 'TMP', 'TEMP'] as const).find((name) => (env[name] ?? '') !== '');
  const dir = variable === undefined ? '/tmp' : (env[variable] ?? '').replace(/(.)\/+$/, '$1');
  const subject = variable === undefined ? `not set, and ${dir} is` : `${dir} is`;
  const refuse = (what: string): InputError =>
    new InputError(variable ?? 'TMPDIR', `${subject} ${what} (point TMPDIR at a directory patchplan can write)`);
  let isDirectory: boolean;
  try {
    isDirectory = (await fsp.stat(dir)).isDirectory();
  } catch {
    throw refuse('missing');
  }
  if (!isDirectory) throw refuse('not a directory');
  try {
    await fsp.access(dir, constants.W_OK | constants.X_OK);
  } catch {
    throw refuse('not writable');
  }
}
