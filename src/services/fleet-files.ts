import path from 'node:path';

import type {Runtime} from '../cli/runtime.js';
import {InputError} from '../errors.js';

/**
 * The files a fleet command reads: each argument as given, or, for a directory, its `*.json`
 * files (not recursive, hidden files left out) in code-point order. Nothing given, or only
 * directories without a JSON file, is bad input.
 */
export async function expandJsonInputs(inputs: readonly string[], fs: Pick<Runtime['fs'], 'kind' | 'list'>, what: string): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    if ((await fs.kind(input)) === 'directory') {
      const names = (await fs.list(input)).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
      if (names.length === 0) throw new InputError(input, `a directory without ${what} (*.json files)`);
      for (const name of names) files.push(path.join(input, name));
    } else {
      files.push(input);
    }
  }
  if (files.length === 0) throw new InputError('', `no ${what} given`);
  return files;
}
