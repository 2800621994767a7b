import {InputError} from '../../errors.js';

export interface ReviewTerminal {
  readonly json: boolean;
  readonly stdinIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
}

/**
 * `plan --interactive` draws on a terminal and reads keys from one: without both it would
 * hang or print escape codes into a file, so it refuses at once, before anything is read,
 * and says what to use instead (style §6.10: no silent prompt in CI).
 */
export function requireReviewTerminal(t: ReviewTerminal): void {
  if (t.json) {
    throw new InputError('--interactive', 'cannot be combined with --json: the review is for a person at a terminal; --json prints the plan for programs');
  }
  const missing = [t.stdinIsTTY ? null : 'stdin', t.stdoutIsTTY ? null : 'stdout'].filter((s): s is string => s !== null);
  if (missing.length === 0) return;
  const what = missing.length === 2 ? 'stdin and stdout are not terminals' : `${missing[0]} is not a terminal`;
  throw new InputError(
    '--interactive',
    `needs a terminal, but ${what}: run it in a terminal, or review without it (plan --out PLAN, then --exclude NAME --note TEXT)`,
  );
}
