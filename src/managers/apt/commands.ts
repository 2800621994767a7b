import path from 'node:path';

import {ExternalCommandError, InputError, ManagerUnavailableError} from '../../errors.js';
import {oversizeMessage} from '../../json/limits.js';
import type {LockHolderFound} from '../../system/held-locks.js';
import {describeArgv, type Argv, type RunOptions, type RunResult} from '../../system/runner.js';
import type {AdapterContext, CommandRun, InstallContext} from '../adapter.js';
import {runInstaller} from '../installer-run.js';
import {runWhileLocked, waitUntilFree, type LockClock} from '../lock-retry.js';
import {adminDir, aptConfigDumpArgv, catFileArgv, type AptTarget} from './argv.js';
import {describeLockHolder, firstErrorLine, parseLockFailure, parseLockPermissionDenied} from './exit-codes.js';
import {aptRootConfig, checkAptConfigDump, normalizeRoot, type AptRootConfig, type RootFacts} from './root-config.js';

/**
 * How the apt adapter runs its tools: the pieces collect, install and recovery share. What they
 * depend on is passed in (AptTools), never kept between calls.
 */

export interface AptTools {
  readonly lockClock: LockClock;
  /** Who holds one of these lock files now (the kernel's /proc/locks by default). */
  readonly lockHolder: (lockFiles: readonly string[]) => Promise<LockHolderFound | null>;
  /** Directory for generated apt configuration files. */
  readonly tmpdir: string;
  readonly probeRoot: (root: string, node: InstallContext) => RootFacts | Promise<RootFacts>;
  readonly writeConfig: (config: AptRootConfig) => Promise<void>;
}

/** Output handlers for a command whose lines (or stdout's bytes) are followed while it runs. */
export type LineHandlers = Pick<RunOptions, 'onStdoutLine' | 'onStatusLine' | 'onStdoutChunk'>;

const COMPRESSED_LIST = /\.(lz4|gz|xz|zst|bz2|lzma)$/;

/** Where apt runs and with which generated configuration, from the root's facts read now. */
export async function aptTarget(tools: AptTools, ctx: InstallContext): Promise<AptTarget> {
  const root = normalizeRoot(ctx.root);
  if (root === '/') return {root, config: null};
  return {root, config: aptRootConfig(root, await tools.probeRoot(root, ctx), tools.tmpdir)};
}

export async function run(ctx: AdapterContext, argv: Argv, handlers: LineHandlers = {}): Promise<RunResult> {
  ctx.log.debug(`running ${describeArgv(argv)}`);
  return ctx.runner.run(argv, {...(ctx.signal ? {signal: ctx.signal} : {}), ...handlers});
}

function lastLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines[lines.length - 1] ?? '';
}

/** Runs a read-only query; a non-zero exit means apt could not answer, which collect cannot paper over. */
export async function query(ctx: AdapterContext, argv: Argv): Promise<string> {
  const result = await run(ctx, argv);
  if (result.exitCode !== 0) {
    throw new ExternalCommandError(describeArgv(argv), `exited ${result.exitCode}: ${firstErrorLine(result.stderr) || lastLine(result.stdout)}`);
  }
  return result.stdout;
}

/** Locks first: wait while apt-get or dpkg runs in the root, before reading what it is rewriting. */
export async function waitForDpkg(tools: AptTools, ctx: AdapterContext, target: AptTarget): Promise<void> {
  const files = ['lock-frontend', 'lock'].map((f) => path.join(adminDir(target.root), f));
  await waitUntilFree(ctx, tools.lockClock, () => tools.lockHolder(files));
}

/**
 * Writes the root's configuration and asks apt what it will really use. Refuses before any
 * apt command that could write when the dump shows apt would not be confined to the root.
 * Returns apt's native architecture either way.
 */
export async function prepare(tools: AptTools, ctx: AdapterContext, target: AptTarget): Promise<string> {
  if (target.config) await tools.writeConfig(target.config);
  const argv = aptConfigDumpArgv(target);
  const dump = await query(ctx, argv);
  if (target.config) {
    const problems = checkAptConfigDump(dump, target.root, target.config);
    if (problems.length > 0) {
      throw new ExternalCommandError(target.root, `apt would not be confined to this root (${problems.join('; ')}); nothing was run`);
    }
  }
  const arch = /^APT::Architecture "([^"]+)";$/m.exec(dump)?.[1];
  if (!arch) throw new ExternalCommandError(describeArgv(argv), 'printed no APT::Architecture');
  return arch;
}

/**
 * Runs an apt-get command that takes the dpkg or lists lock, retrying with backoff while
 * another process holds it, until `lockTimeoutMs`; then exit 5 naming the holder. A lock this
 * user may not open at all is exit 5 at once: no wait would change it.
 */
export async function runLocked(tools: AptTools, ctx: AdapterContext, argv: Argv, commands: CommandRun[], handlers: LineHandlers): Promise<RunResult> {
  const attempt = async (): Promise<RunResult> => {
    const result = await runInstaller(ctx, argv, handlers);
    commands.push({argv, result});
    return result;
  };
  return runWhileLocked(ctx, tools.lockClock, attempt, (result) => {
    if (result.exitCode === 0) return null;
    const denied = parseLockPermissionDenied(result.stderr);
    if (denied !== null) {
      throw new ManagerUnavailableError(denied, 'permission denied: installing needs root (or the owner of --root, which patchplan then runs dpkg for with --force-not-root)');
    }
    const holder = parseLockFailure(result.stderr);
    if (holder === null) return null;
    const who = describeLockHolder(holder);
    return {where: holder.lockFile, holder: `locked by ${who}`, waiting: `waiting for ${holder.lockFile}, held by ${who}`};
  });
}

/**
 * A list as apt fetched it, handed to `onChunk` piece by piece (a Debian main list unpacks to
 * ~50 MB, never held whole); compressed ones through apt-helper cat-file, what they unpack to
 * under the same limit as a file read. False when the list was not fetched yet.
 */
export async function readList(ctx: AdapterContext, file: string, onChunk: (chunk: Uint8Array) => void): Promise<boolean> {
  if (!(await ctx.files.exists(file))) return false;
  if (!COMPRESSED_LIST.test(file)) return ctx.files.readChunks(file, onChunk);
  const argv = catFileArgv(file);
  const limit = ctx.files.maxBytes;
  let unpacked = 0;
  const result = await run(ctx, argv, {
    onStdoutChunk: (chunk) => {
      unpacked += chunk.byteLength;
      if (unpacked > limit) throw new InputError(file, `unpacked, ${oversizeMessage(null, limit, 'node file')}`);
      onChunk(chunk);
    },
  });
  if (result.exitCode !== 0) throw new ExternalCommandError(describeArgv(argv), `exited ${result.exitCode}: ${firstErrorLine(result.stderr)}`);
  return true;
}
