import path from 'node:path';

import {ExternalCommandError} from '../../errors.js';
import type {LockHolderFound} from '../../system/held-locks.js';
import {describeArgv, type Argv, type RunResult} from '../../system/runner.js';
import type {AdapterContext, CommandRun} from '../adapter.js';
import {runInstaller} from '../installer-run.js';
import {runWhileLocked, waitUntilFree, type LockClock} from '../lock-retry.js';
import {parseRpmQuery, rpmQueryArgv, type InstalledRpm} from '../rpm-common/index.js';
import {rpmLockFiles} from '../rpm-common/interrupted.js';
import type {DnfDialect, DnfTarget} from './argv.js';
import {describeDnfLock, firstDnfError, parseDnfLock, type DnfLockHolder} from './lock.js';

/** How the dnf adapter runs its tools; what collect, install and recovery share is passed in here. */
export interface DnfTools {
  readonly dialect: DnfDialect;
  readonly lockClock: LockClock;
  /** Who holds one of these lock files now (the kernel's /proc/locks by default). */
  readonly lockHolder: (lockFiles: readonly string[]) => Promise<LockHolderFound | null>;
  /** An unpacked dnf-plugins-core for `needs-restarting`, or null (reboot-required.ts). */
  readonly pluginDir: string | null | undefined;
}

export async function run(ctx: AdapterContext, argv: Argv, onStdoutLine?: (line: string) => void): Promise<RunResult> {
  ctx.log.debug(`running ${describeArgv(argv)}`);
  return ctx.runner.run(argv, {...(ctx.signal ? {signal: ctx.signal} : {}), ...(onStdoutLine ? {onStdoutLine} : {})});
}

/** Locks first: wait while an rpm transaction runs in the root, before reading the database it rewrites. */
export async function waitForRpm(tools: DnfTools, ctx: AdapterContext, root: string): Promise<void> {
  const files = [...rpmLockFiles(root), path.join(root, 'var/lib/dnf/rpmdb_lock.pid')];
  await waitUntilFree(ctx, tools.lockClock, () => tools.lockHolder(files));
}

/**
 * Runs a dnf/yum command, retrying with backoff while another process holds a dnf lock (exit
 * 200 with exit_on_lock, lock.ts), until lockTimeoutMs; then exit 5 naming the holder's pid.
 */
export async function runLocked(
  tools: DnfTools,
  ctx: AdapterContext,
  argv: Argv,
  commands: CommandRun[],
  options: {onStdoutLine?: (line: string) => void; installer?: boolean} = {},
): Promise<RunResult> {
  const {onStdoutLine, installer = false} = options;
  const attempt = async (): Promise<RunResult> => {
    const result = installer ? await runInstaller(ctx, argv, onStdoutLine ? {onStdoutLine} : {}) : await run(ctx, argv, onStdoutLine);
    commands.push({argv, result});
    return result;
  };
  return runWhileLocked(ctx, tools.lockClock, attempt, (result) => {
    const holder: DnfLockHolder | null = result.exitCode === 0 ? null : parseDnfLock(result.exitCode, result.stderr, result.stdout);
    if (holder === null) return null;
    const who = describeDnfLock(holder);
    return {where: `${tools.dialect} lock`, holder: who, waiting: `waiting for the ${tools.dialect} lock: ${who}`};
  });
}

/** A read-only query; exit codes other than `okCodes` mean the tool could not answer. */
export async function query(tools: DnfTools, ctx: AdapterContext, argv: Argv, okCodes: readonly number[] = [0]): Promise<string> {
  const result = await runLocked(tools, ctx, argv, []);
  if (!okCodes.includes(result.exitCode)) {
    throw new ExternalCommandError(describeArgv(argv), `exited ${result.exitCode}: ${firstDnfError(result.stderr, result.stdout)}`);
  }
  return result.stdout;
}

export async function readInstalled(ctx: AdapterContext, target: DnfTarget): Promise<InstalledRpm[]> {
  const argv = rpmQueryArgv(target.root, ctx.env);
  const result = await run(ctx, argv);
  if (result.exitCode !== 0) throw new ExternalCommandError(describeArgv(argv), `exited ${result.exitCode}: ${firstDnfError(result.stderr)}`);
  return parseRpmQuery(result.stdout, describeArgv(argv));
}
