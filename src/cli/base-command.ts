import {Command, Flags, type Interfaces} from '@oclif/core';

import {InputError} from '../errors.js';
import {suggestFlag} from './did-you-mean.js';
import {managerFlag, parseMaxInputSize} from './flags.js';
import {reportError} from './report-error.js';
import {createRuntime, type Runtime} from './runtime.js';

/** oclif's parser output types (lib/interfaces/parser.d.ts), which its index does not export. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FlagOutput = {[name: string]: any};

/**
 * Common flags and the single error exit. Commands stay thin: parse flags, build one options
 * object, call one service, hand the result to a view, return an exit code.
 */
export abstract class BaseCommand extends Command {
  static override baseFlags = {
    json: Flags.boolean({description: 'Machine-readable output on stdout (nothing else is printed there).', default: false}),
    'no-color': Flags.boolean({description: 'Disable colours (also NO_COLOR).', default: false}),
    root: Flags.string({
      description: 'Operate on an alternative root (the installers\' own root options).',
      env: 'PATCHPLAN_ROOT',
    }),
    manager: managerFlag(),
    'max-input-size': Flags.string({
      description:
        'Refuse input files larger than this (bytes, or 256MiB, 1GiB): inventories, plans and the node\'s package files (default 256 MiB), baselines and override lists (16 MiB), keys (1 MiB).',
      env: 'PATCHPLAN_MAX_INPUT_SIZE',
      helpValue: 'SIZE',
    }),
    // Test only, hidden, and deliberately without an environment variable: a recorded node
    // (system/replay.ts) answers every command, so nothing reaches the real machine.
    replay: Flags.string({hidden: true, description: 'Test only: replay a recorded node (system/replay.ts).', helpValue: 'DIR'}),
  };

  // oclif's own --json handling would print errors as JSON objects; ours keeps stdout empty on error.
  static override enableJsonFlag = false;

  private runtimeInstance: Runtime | undefined;
  /** `--max-input-size`, read when the flags are parsed; the runtime's file readers enforce it. */
  private maxInputSize: number | undefined;
  /** `--replay DIR` (test only): the recorded node's runtime, loaded only when the flag is given. */
  private replay: {readonly dir: string; readonly wrap: (runtime: Runtime, dir: string) => Runtime} | undefined;

  protected override async parse<F extends FlagOutput, B extends FlagOutput, A extends FlagOutput>(
    options?: Interfaces.Input<F, B, A>,
    argv?: string[],
  ): Promise<Interfaces.ParserOutput<F, B, A>> {
    const parsed = await super.parse(options, argv);
    this.maxInputSize = parseMaxInputSize((parsed.flags as {'max-input-size'?: string | undefined})['max-input-size']);
    const replayDir = (parsed.flags as {replay?: string | undefined}).replay;
    // Loaded here, not at start-up: no real run ever needs it.
    if (replayDir !== undefined) this.replay = {dir: replayDir, wrap: (await import('./replay-runtime.js')).replayRuntime};
    return parsed;
  }

  protected runtime(noColor = false): Runtime {
    if (this.runtimeInstance === undefined) {
      const runtime = createRuntime({noColor, maxInputSize: this.maxInputSize});
      this.runtimeInstance = this.replay === undefined ? runtime : this.replay.wrap(runtime, this.replay.dir);
    }
    return this.runtimeInstance;
  }

  /** Sets the process exit code; commands return normally so ink and streams can flush. */
  protected exitWith(code: number): void {
    process.exitCode = code;
  }

  protected override async catch(error: Interfaces.CommandError): Promise<void> {
    const runtime = this.runtime();
    const ctor = this.constructor as {flags?: Record<string, unknown>; baseFlags?: Record<string, unknown>};
    const flags = Object.keys({...ctor.baseFlags, ...ctor.flags});
    process.exitCode = reportError(withFlagSuggestion(error, flags, this.id ?? ''), runtime.streams.stderr, runtime.env);
  }
}

/**
 * oclif's `Nonexistent flag: --josn` names neither the command nor what was meant:
 * `plan: --josn is not a flag of this command; did you mean --json? (patchplan help plan)`.
 */
function withFlagSuggestion(error: Interfaces.CommandError, flags: readonly string[], command: string): Interfaces.CommandError {
  const typed = /Nonexistent flags?: (--?[\w-]+)/.exec(error.message)?.[1];
  if (typed === undefined) return error;
  const suggestion = suggestFlag(error.message, flags);
  const spoken = command.split(':').join(' ');
  return new InputError(spoken, `${typed} is not a flag of this command${suggestion === null ? '' : `; did you mean ${suggestion}?`} (patchplan help ${spoken})`);
}
