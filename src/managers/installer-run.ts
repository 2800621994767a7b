import {describeArgv, type Argv, type RunOptions, type RunResult} from '../system/runner.js';
import type {AdapterContext} from './adapter.js';

/**
 * A command that changes the package database, for every adapter: its own process group, so a
 * terminal's Ctrl+C never reaches it directly; on the first interrupt SIGINT to the installer
 * alone (apt-get lets the dpkg run in progress finish and stops: "Operation was interrupted
 * before it could finish"; dnf and zypper stop before the rpm transaction or after the package
 * rpm is writing); on the second, SIGKILL to its whole group. Never cancelled by `ctx.signal`:
 * killing apt-get would orphan dpkg mid-unpack.
 */
export function runInstaller(ctx: AdapterContext, argv: Argv, handlers: Pick<RunOptions, 'onStdoutLine' | 'onStatusLine'> = {}): Promise<RunResult> {
  ctx.log.debug(`running ${describeArgv(argv)}`);
  const interrupts = ctx.interrupts;
  return ctx.runner.run(argv, {
    ...handlers,
    ownProcessGroup: true,
    ...(interrupts ? {stop: interrupts.stop, stopWith: 'SIGINT' as const, abort: interrupts.abort} : {}),
  });
}
