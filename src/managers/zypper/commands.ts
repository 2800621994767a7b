import {ExternalCommandError} from '../../errors.js';
import type {LockHolderFound} from '../../system/held-locks.js';
import {describeArgv, type Argv, type RunResult} from '../../system/runner.js';
import type {AdapterContext, CommandRun, InstalledNow} from '../adapter.js';
import {runInstaller} from '../installer-run.js';
import {runWhileLocked, waitUntilFree, type LockClock} from '../lock-retry.js';
import {newestInstalled, parseRpmQuery, rpmQueryArgv, type InstalledRpm} from '../rpm-common/index.js';
import {rpmLockFiles} from '../rpm-common/interrupted.js';
import type {InstalledPackage} from './build-inventory.js';
import {describeExit, describeZyppLockHolder, lastMeaningfulLine, parseZyppLock, ZYPPER_EXIT} from './exit-codes.js';
import {lockFiles, normalizeRoot} from './paths.js';

/**
 * How the zypper adapter runs its tools: the pieces collect, install and recovery share. What
 * they depend on is passed in (ZypperTools), never kept between calls.
 */

export interface ZypperTools {
  readonly lockClock: LockClock;
  /** Who holds one of these lock files (fcntl) or pid files now (/proc by default). */
  readonly lockHolder: (lockFiles: readonly string[], pidFiles: readonly string[]) => Promise<LockHolderFound | null>;
}

export interface LockedRun {
  readonly onStdoutLine?: (line: string) => void;
  /** Every attempt is appended here (the install result keeps them). */
  readonly commands?: CommandRun[];
  /** Run as the installer: its own process group, stopped or killed by the context's interrupts. */
  readonly installer?: boolean;
}

export async function run(ctx: AdapterContext, argv: Argv, onStdoutLine?: (line: string) => void): Promise<RunResult> {
  ctx.log.debug(`running ${describeArgv(argv)}`);
  return ctx.runner.run(argv, {...(ctx.signal ? {signal: ctx.signal} : {}), ...(onStdoutLine ? {onStdoutLine} : {})});
}

/** Locks first: wait while zypper or an rpm transaction runs in the root, before reading the rpm database. */
export async function waitForRpm(tools: ZypperTools, ctx: AdapterContext, root: string): Promise<void> {
  await waitUntilFree(ctx, tools.lockClock, () => tools.lockHolder(rpmLockFiles(root), lockFiles(root)));
}

/**
 * Runs a zypper command, retrying with backoff while another process holds the zypp lock (exit 7)
 * until `lockTimeoutMs`; then exit 5 naming the holder. Queries take the lock too (labs capture
 * list-updates-locked.xml), so every zypper run goes through here.
 */
export async function runLocked(tools: ZypperTools, ctx: AdapterContext, argv: Argv, options: LockedRun = {}): Promise<RunResult> {
  const {onStdoutLine, commands, installer = false} = options;
  const attempt = async (): Promise<RunResult> => {
    const result = installer ? await runInstaller(ctx, argv, onStdoutLine ? {onStdoutLine} : {}) : await run(ctx, argv, onStdoutLine);
    commands?.push({argv, result});
    return result;
  };
  return runWhileLocked(ctx, tools.lockClock, attempt, async (result) => {
    if (result.exitCode !== ZYPPER_EXIT.LOCKED) return null;
    const holder = parseZyppLock(`${result.stdout}\n${result.stderr}`);
    const who = holder ? describeZyppLockHolder(holder) : 'another process';
    const lockFile = await heldLockFile(ctx);
    return {where: lockFile, holder: `locked by ${who}`, waiting: `waiting for the zypp lock ${lockFile}, held by ${who}`};
  });
}

/** The zypp.pid that exists (the first candidate when neither does: the SLES 15 place). */
async function heldLockFile(ctx: AdapterContext): Promise<string> {
  const candidates = lockFiles(normalizeRoot(ctx.root));
  for (const file of candidates) if (await ctx.files.exists(file)) return file;
  return candidates[0] ?? '/run/zypp.pid';
}

/** A read-only zypper query; any exit but 0 (and 104 where `allowNotFound`) means no answer. */
export async function query(tools: ZypperTools, ctx: AdapterContext, argv: Argv, allowNotFound = false): Promise<string> {
  const result = await runLocked(tools, ctx, argv);
  const ok = result.exitCode === 0 || (allowNotFound && result.exitCode === ZYPPER_EXIT.INF_CAP_NOT_FOUND);
  if (!ok) {
    const said = lastMeaningfulLine(result.stderr) || lastMeaningfulLine(result.stdout);
    throw new ExternalCommandError(describeArgv(argv), `${describeExit(result.exitCode)}: ${said}`);
  }
  return result.stdout;
}

/** Runs a command that must exit 0 (rpm, zstdcat): its stdout, or its last stderr line as the error. */
export async function output(ctx: AdapterContext, argv: Argv): Promise<string> {
  const result = await run(ctx, argv);
  if (result.exitCode !== 0) throw new ExternalCommandError(describeArgv(argv), `exited ${result.exitCode}: ${lastMeaningfulLine(result.stderr)}`);
  return result.stdout;
}

/** The root's rpm database, through rpm-common (shared with dnf: same HOME/rpmdb rules). */
export async function readRpmDatabase(ctx: AdapterContext, root: string): Promise<InstalledRpm[]> {
  const argv = rpmQueryArgv(root, ctx.env);
  return parseRpmQuery(await output(ctx, argv), describeArgv(argv));
}

/** apply's read-back after the installer: the rpm database alone, once the lock is free. */
export async function readInstalledNow(tools: ZypperTools, ctx: AdapterContext): Promise<InstalledNow[]> {
  const root = normalizeRoot(ctx.root);
  await waitForRpm(tools, ctx, root);
  return newestInstalled(await readRpmDatabase(ctx, root));
}

/** The installed packages as the inventory and the downgrade check compare them (epoch:version-release). */
export async function readInstalled(ctx: AdapterContext, root: string): Promise<InstalledPackage[]> {
  return (await readRpmDatabase(ctx, root)).map((p) => ({name: p.name, arch: p.arch, version: p.evr}));
}
