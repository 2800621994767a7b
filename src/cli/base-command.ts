import {Command, Flags, type Interfaces} from '@oclif/core';

import {reportError} from './report-error.js';
import {createRuntime, type Runtime} from './runtime.js';

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
    manager: Flags.string({
      description: 'Override package manager detection.',
      options: ['apt', 'dnf', 'yum', 'zypper', 'macos', 'windows'],
      env: 'PATCHPLAN_MANAGER',
    }),
  };

  // oclif's own --json handling would print errors as JSON objects; ours keeps stdout empty on error.
  static override enableJsonFlag = false;

  private runtimeInstance: Runtime | undefined;

  protected runtime(noColor = false): Runtime {
    this.runtimeInstance ??= createRuntime({noColor});
    return this.runtimeInstance;
  }

  /** Sets the process exit code; commands return normally so ink and streams can flush. */
  protected exitWith(code: number): void {
    process.exitCode = code;
  }

  protected override async catch(error: Interfaces.CommandError): Promise<void> {
    const runtime = this.runtime();
    process.exitCode = reportError(error, runtime.streams.stderr, runtime.env);
  }
}
