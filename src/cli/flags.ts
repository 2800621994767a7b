import {Flags} from '@oclif/core';
import {z} from 'zod';

import {InputError} from '../errors.js';
import {ManagerIdSchema} from '../inventory/schema.js';
import {parseSize} from '../json/limits.js';
import {REBOOT_OPTIONS} from '../plan/schema.js';

/**
 * Flag values that need more than oclif's parsing. They are parsed in the command (not in an
 * oclif `parse` hook, which would wrap our error in its own multi-line message), and fail as
 * one InputError naming the flag.
 */

const dateTime = z.iso.datetime({offset: true});
const date = z.iso.date();

/**
 * `--now`: an ISO 8601 date-time with a zone (`2026-11-24T00:00:00Z`, `…+01:00`) or a plain
 * date (`2026-11-24`, taken as midnight UTC, the way the spec reads dates, §4.1). A date-time
 * without a zone is refused: which zone was meant cannot be guessed, and a day's difference
 * changes what ApproveAfterDays approves.
 */
export function parseInstant(value: string, flag: string): Date {
  if (date.safeParse(value).success) return new Date(`${value}T00:00:00Z`);
  if (dateTime.safeParse(value).success) return new Date(value);
  throw new InputError(flag, `"${value}" is not an ISO 8601 date-time with a zone, such as 2026-11-24T00:00:00Z or 2026-11-24`);
}

/**
 * `--max-input-size SIZE` (or PATCHPLAN_MAX_INPUT_SIZE): bytes, or a size with a unit
 * (`256MiB`, `1GiB`, `500MB`); it replaces every input kind's default limit (json/limits.ts).
 */
export function parseMaxInputSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const bytes = parseSize(value);
  if (bytes === null) throw new InputError('--max-input-size', `"${value}" is not a size such as 268435456, 256MiB or 1GiB`);
  return bytes;
}

/**
 * `--exclude NAME[=VERSION] … --note TEXT`, repeatable: each note applies to the exclusions
 * given before it since the previous note (`--exclude a --exclude b --note "x" --exclude c
 * --note "y"`: a and b get x, c gets y). oclif returns each flag's values without their order
 * relative to other flags, so the pairing is read from the raw argv; oclif still validates
 * both flags and prints them in --help.
 */
export function pairExclusions(argv: readonly string[]): {exclude: string; note: string}[] {
  const pairs: {exclude: string; note: string}[] = [];
  let pending: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    if (token === '--') break;
    const flag = /^--(exclude|note)(?:=(.*))?$/s.exec(token);
    if (flag === null) continue;
    const value = flag[2] ?? argv[++i];
    if (value === undefined) throw new InputError(`--${flag[1]}`, 'needs a value');
    if (flag[1] === 'exclude') pending.push(value);
    else {
      if (pending.length === 0) throw new InputError('--note', `"${value}" follows no --exclude (give --exclude NAME[=VERSION] first, then its --note)`);
      for (const exclude of pending) pairs.push({exclude, note: value});
      pending = [];
    }
  }
  if (pending.length > 0) throw new InputError('--exclude', `${pending.join(', ')}: every exclusion needs a --note saying why, after it`);
  return pairs;
}

/** `--manager`, typed: oclif refuses anything but a manager id, so no command parses it again. */
export const managerFlag = () =>
  Flags.option({
    description: 'Override package manager detection.',
    options: ManagerIdSchema.options,
    env: 'PATCHPLAN_MANAGER',
  })();

/**
 * The flags that say how to make a plan, defined once for `plan` and for `apply` without PLAN.
 * `apply` prefixes "Without PLAN:" and gives no default, so it can tell a flag that was given
 * (refused beside a PLAN file) from one that was not.
 */
export function planningFlags(options: {readonly prefix: string; readonly defaults: boolean}) {
  const say = (text: string): string => (options.prefix === '' ? text : `${options.prefix} ${text.charAt(0).toLowerCase()}${text.slice(1)}`);
  return {
    baseline: Flags.string({
      description: say("The baseline to plan with: a file (aws ssm get-patch-baseline JSON) or a built-in id (patchplan baseline list). Default: the predefined default baseline of the node's OS."),
    }),
    'install-override-list': Flags.string({description: say('An InstallOverrideList YAML: a file or an https:// URL.')}),
    'reboot-option': Flags.option({
      options: REBOOT_OPTIONS,
      ...(options.defaults ? {default: 'RebootIfNeeded' as const} : {}),
      description: say('What apply does about rebooting: RebootIfNeeded (default), NoReboot, or RebootIfRequired (a patchplan extension).'),
    })(),
    refresh: Flags.boolean({description: say('Update the package lists (apt-get update, …) before collecting.'), default: false}),
  };
}
