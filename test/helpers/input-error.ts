import {InputError, PatchplanError} from '../../src/errors.js';

/** The one line of the InputError `run` rejects with; anything else (success, another error) fails. */
export async function inputErrorLine(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof InputError) return error.line();
    throw error;
  }
  throw new Error('expected an InputError');
}

/** The PatchplanError `fn` throws (any exit code); anything else fails. */
export function errorOf(fn: () => unknown): PatchplanError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PatchplanError) return error;
    throw error;
  }
  throw new Error('expected an error');
}
