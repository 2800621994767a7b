import type {Hook} from '@oclif/core';

import {closest} from '../cli/did-you-mean.js';
import {InputError} from '../errors.js';

/**
 * `patchplan pln`, `patchplan plan extra-arg`: one `error:` line and exit 1 (a usage error), with
 * the command meant when one is close. Decision (docs/cli.md): this is our hook rather than
 * @oclif/plugin-not-found, which on a terminal offers to run its guess at one keypress (`aply
 * PLAN` + Enter would apply a plan without the reviewer's command ever being typed) and exits 127
 * with two lines.
 */
const hook: Hook<'command_not_found'> = async function (options) {
  const ids = options.config.commands.filter((c) => !c.hidden).map((c) => c.id);
  const words = options.id.split(':');
  const spoken = (id: string): string => id.split(':').join(' ');
  // With a space as topic separator, `plan extra-arg` arrives as the id `plan:extra-arg`.
  for (let i = words.length - 1; i > 0; i--) {
    const prefix = words.slice(0, i).join(':');
    if (ids.includes(prefix)) {
      const extra = [...words.slice(i), ...(options.argv ?? [])].join(' ');
      throw new InputError(spoken(prefix), `unexpected argument "${extra}" (see \`${options.config.bin} help ${spoken(prefix)}\`)`);
    }
  }
  const guess = closest(options.id, ids);
  const hint = guess === null ? '' : `; did you mean \`${options.config.bin} ${spoken(guess)}\`?`;
  throw new InputError(spoken(options.id), `not a ${options.config.bin} command${hint} (\`${options.config.bin} help\` lists them)`);
};

export default hook;
