import os from 'node:os';
import path from 'node:path';

import {ExternalCommandError, ManagerUnavailableError} from '../../errors.js';
import {describeArgv, type Argv, type RunOptions, type RunResult} from '../../system/runner.js';
import type {NodeInfo} from '../../inventory/schema.js';
import type {AdapterContext, CommandRun, InstallRun, PackageManagerAdapter, Recovery, RecoveryRequest} from '../adapter.js';
import type {PlannedInstall} from '../../core/install.js';
import {
  adminDir,
  aptConfigDumpArgv,
  buildInstallArgv,
  catFileArgv,
  configurePendingArgv,
  configurePendingCommand,
  dpkgQueryArgv,
  reinstallCommand,
  indexTargetsArgv,
  policyArgv,
  updateArgv,
  type AptTarget,
} from './argv.js';
import {createInstallTracker} from '../install-progress.js';
import {assemblePackages} from './build-inventory.js';
import {
  describeLockHolder,
  firstErrorLine,
  isDpkgInterrupted,
  parseLockFailure,
  parseLockPermissionDenied,
  parseScriptFailures,
} from './exit-codes.js';
import {parseAptPolicy, type PolicyEntry} from './parse-apt-policy.js';
import {runInstaller} from '../installer-run.js';
import {realLockClock, runWhileLocked, waitUntilFree, type LockClock} from '../lock-retry.js';
import {findLockHolder, type LockHolderFound} from '../../system/held-locks.js';
import {INTERRUPTED_STATES, parseDpkgQuery, type InstalledPackage} from './parse-dpkg-query.js';
import {parseIndexTargets} from './parse-index-targets.js';
import {parseStatusFdLine} from './parse-status-fd.js';
import {PackagesIndex} from './parse-packages.js';
import {rebootRequiredFile} from './reboot.js';
import {
  aptRootConfig,
  checkAptConfigDump,
  normalizeRoot,
  probeRootFacts,
  writeAptRootConfig,
  type AptRootConfig,
  type RootFacts,
} from './root-config.js';

/**
 * The apt adapter: Debian, Ubuntu, Raspberry Pi OS (style.md §2). Collection runs, all
 * read-only unless `refresh`:
 *   apt-config dump                          native architecture; for a root, proof of confinement
 *   [apt-get -q update]                      only with refresh
 *   dpkg-query -W -f …                       installed packages
 *   apt-get indextargets 'Created-By: Packages'   lists + Release fields + trust
 *   (read each list; apt-helper cat-file for compressed ones)
 *   apt-cache policy -- NAMES…               candidates, once, for what has updates
 * An install is one `apt-get install` (argv.ts), after a dpkg-state check, retried while
 * another process holds the dpkg lock.
 */

export interface AptAdapterOptions {
  /** Waits between lock retries (tests pass a fake that advances `monotonicMs`). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Milliseconds from a monotonic clock, for the lock deadline. */
  readonly monotonicMs?: () => number;
  /** Directory for generated apt configuration files (default: os.tmpdir()). */
  readonly tmpdir?: string;
  /** Host facts about a root (default: lstat ROOT/bin/sh, process.getuid()). */
  readonly probeRoot?: (root: string) => RootFacts;
  /** Writes a generated configuration (default: rename into place, root-config.ts). */
  readonly writeConfig?: (config: AptRootConfig) => Promise<void>;
  /** Who holds one of these lock files now (default: the kernel's /proc/locks, system/held-locks.ts). */
  readonly lockHolder?: (lockFiles: readonly string[]) => Promise<LockHolderFound | null>;
}

/** First wait after a lock failure, doubled up to LOCK_MAX_BACKOFF_MS. */
const COMPRESSED_LIST = /\.(lz4|gz|xz|zst|bz2|lzma)$/;

function lastLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines[lines.length - 1] ?? '';
}

export function createAptAdapter(options: AptAdapterOptions = {}): PackageManagerAdapter {
  const lockClock: LockClock = {sleep: options.sleep ?? realLockClock.sleep, monotonicMs: options.monotonicMs ?? realLockClock.monotonicMs};
  const tmpdir = options.tmpdir ?? os.tmpdir();
  const probeRoot = options.probeRoot ?? probeRootFacts;
  const writeConfig = options.writeConfig ?? writeAptRootConfig;
  const lockHolder = options.lockHolder ?? ((files: readonly string[]) => findLockHolder(files, []));

  /** Pure given the root's facts: where apt runs and with which generated configuration. */
  function targetFor(rootInput: string): AptTarget {
    const root = normalizeRoot(rootInput);
    if (root === '/') return {root, config: null};
    return {root, config: aptRootConfig(root, probeRoot(root), tmpdir)};
  }

  /** Output handlers for a command whose lines are followed while it runs. */
  type LineHandlers = Pick<RunOptions, 'onStdoutLine' | 'onStatusLine'>;

  async function run(ctx: AdapterContext, argv: Argv, handlers: LineHandlers = {}): Promise<RunResult> {
    ctx.log.debug(`running ${describeArgv(argv)}`);
    return ctx.runner.run(argv, {...(ctx.signal ? {signal: ctx.signal} : {}), ...handlers});
  }

  /** Locks first: wait while apt-get or dpkg runs in the root, before reading what it is rewriting. */
  async function waitForDpkg(ctx: AdapterContext, target: AptTarget): Promise<void> {
    const files = ['lock-frontend', 'lock'].map((f) => path.join(adminDir(target.root), f));
    await waitUntilFree(ctx, lockClock, () => lockHolder(files));
  }

  /** `apt-get update` shows its lines as progress (they name the lists it fetches). */
  function progressLines(ctx: AdapterContext): LineHandlers {
    return {
      onStdoutLine: (line) => {
        if (line.trim() !== '') ctx.log.progress(line);
      },
    };
  }

  /**
   * An install reports structured progress from apt's status fd; its stdout (which says the
   * same in words, and is kept whole in the install result) goes to the debug log.
   */
  function installLines(ctx: AdapterContext, items: readonly PlannedInstall[]): LineHandlers {
    const tracker = createInstallTracker(items, (event) => ctx.log.installProgress?.(event));
    return {
      onStdoutLine: (line) => {
        if (line.trim() !== '') ctx.log.debug(line);
      },
      onStatusLine: (line) => {
        const parsed = parseStatusFdLine(line);
        if (parsed?.kind === 'download') tracker.download(parsed.file, parsed.files, parsed.percent);
        else if (parsed?.kind === 'package') tracker.package(parsed.observation);
      },
    };
  }

  /** Runs a read-only query; a non-zero exit means apt could not answer, which collect cannot paper over. */
  async function query(ctx: AdapterContext, argv: Argv): Promise<string> {
    const result = await run(ctx, argv);
    if (result.exitCode !== 0) {
      throw new ExternalCommandError(describeArgv(argv), `exited ${result.exitCode}: ${firstErrorLine(result.stderr) || lastLine(result.stdout)}`);
    }
    return result.stdout;
  }

  /**
   * Writes the root's configuration and asks apt what it will really use. Refuses before any
   * apt command that could write when the dump shows apt would not be confined to the root.
   * Returns apt's native architecture either way.
   */
  async function prepare(ctx: AdapterContext, target: AptTarget): Promise<string> {
    if (target.config) await writeConfig(target.config);
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
  async function runLocked(ctx: AdapterContext, argv: Argv, commands: {argv: Argv; result: RunResult}[], handlers: LineHandlers): Promise<RunResult> {
    const attempt = async (): Promise<RunResult> => {
      const result = await runInstaller(ctx, argv, handlers);
      commands.push({argv, result});
      return result;
    };
    return runWhileLocked(ctx, lockClock, attempt, (result) => {
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


  async function readList(ctx: AdapterContext, file: string): Promise<string | null> {
    if (!(await ctx.files.exists(file))) return null;
    if (COMPRESSED_LIST.test(file)) return query(ctx, catFileArgv(file));
    return ctx.files.readText(file);
  }

  /** What an interrupted dpkg run left: its journal entries and the packages not in a final state. */
  async function readDpkgState(ctx: AdapterContext, target: AptTarget): Promise<{journal: number; broken: InstalledPackage[]}> {
    const journal = await journalEntries(ctx, target);
    const broken = parseDpkgQuery(await query(ctx, dpkgQueryArgv(target))).filter((p) => INTERRUPTED_STATES.has(p.state) || p.eflag === 'reinstreq');
    return {journal, broken};
  }

  async function journalEntries(ctx: AdapterContext, target: AptTarget): Promise<number> {
    return (await ctx.files.list(path.join(adminDir(target.root), 'updates'))).filter((f) => /^\d+$/.test(f)).length;
  }

  function describeState(state: {journal: number; broken: readonly InstalledPackage[]}, adminPath: string): string {
    const parts: string[] = [];
    if (state.journal > 0) parts.push(`${state.journal} unapplied entr${state.journal === 1 ? 'y' : 'ies'} in ${adminPath}/updates`);
    const named = state.broken.slice(0, 3).map((p) => `${p.name}:${p.arch} is ${needsReinstall(p) ? 'half-installed (reinstall required)' : p.state}`);
    if (named.length > 0) parts.push(`${named.join(', ')}${state.broken.length > 3 ? ` and ${state.broken.length - 3} more` : ''}`);
    return parts.join('; ');
  }

  /** dpkg cannot configure these: their files are not all there; only unpacking a version again helps. */
  function needsReinstall(p: InstalledPackage): boolean {
    return p.eflag === 'reinstreq' || p.state === 'half-installed';
  }

  /** The exact version to unpack again: the planned one when the plan installs it, else the one dpkg knows. */
  function reinstallItems(broken: readonly InstalledPackage[], planned: readonly PlannedInstall[]): PlannedInstall[] {
    return broken.filter(needsReinstall).map((p) => {
      const plannedOne = planned.find((i) => i.name === p.name && (i.arch === p.arch || i.arch === '' || p.arch === 'all'));
      return {name: p.name, arch: p.arch, version: plannedOne?.version ?? p.version};
    });
  }

  /** The one line a person runs to repair by hand. */
  function repairCommand(target: AptTarget, reinstall: readonly PlannedInstall[]): string {
    const configure = configurePendingCommand(target);
    return reinstall.length === 0 ? configure : `${reinstallCommand(reinstall, target)} && ${configure}`;
  }

  function interruptedError(target: AptTarget, detail: string, command: string): ExternalCommandError {
    return new ExternalCommandError(adminDir(target.root), `dpkg was interrupted (${detail}); finish it with \`${command}\`, then run patchplan again`);
  }

  /**
   * dpkg --configure -a, then a reinstall of what dpkg cannot configure, then read again. A
   * package whose maintainer script fails in the repair is named as the cause.
   */
  async function repairDpkg(ctx: AdapterContext, target: AptTarget, request: RecoveryRequest): Promise<Recovery> {
    const commands: CommandRun[] = [];
    let state = await readDpkgState(ctx, target);
    if (state.journal === 0 && state.broken.length === 0) return {commands};
    const reinstall = reinstallItems(state.broken, request.planned);
    if (!request.repair) {
      throw new ExternalCommandError(
        adminDir(target.root),
        `dpkg was interrupted (${describeState(state, adminDir(target.root))}); repair it with \`${repairCommand(target, reinstall)}\`, then run patchplan again (apply without --no-repair repairs it by itself)`,
      );
    }
    ctx.log.progress(`repairing an interrupted dpkg run: ${describeState(state, adminDir(target.root))}`);
    const configure = configurePendingArgv(target);
    commands.push({argv: configure, result: await runInstaller(ctx, configure)});
    state = await readDpkgState(ctx, target);
    const again = reinstallItems(state.broken, request.planned);
    if (again.length > 0) {
      const argv = buildInstallArgv(again, target, 'reinstall');
      await runLocked(ctx, argv, commands, {onStdoutLine: (line) => ctx.log.debug(line)});
      state = await readDpkgState(ctx, target);
    }
    if (state.journal === 0 && state.broken.length === 0) return {commands};
    const failing = commands.flatMap((c) => parseScriptFailures(`${c.result.stdout}\n${c.result.stderr}`));
    const cause = failing.find((f) => state.broken.some((p) => p.name === f.name));
    if (cause) {
      throw new ExternalCommandError(
        adminDir(target.root),
        `${cause.name} cannot be configured: its maintainer script fails (${cause.line}); fix the script's cause, then run \`${configurePendingCommand(target)}\` and patchplan again`,
      );
    }
    throw interruptedError(target, describeState(state, adminDir(target.root)), repairCommand(target, reinstallItems(state.broken, request.planned)));
  }

  return {
    id: 'apt',
    versionScheme: 'dpkg',

    async available(ctx) {
      for (const argv of [
        {file: '/usr/bin/apt-get', args: ['--version'], env: {LC_ALL: 'C'}},
        {file: '/usr/bin/dpkg-query', args: ['--version'], env: {LC_ALL: 'C'}},
      ]) {
        try {
          if ((await run(ctx, argv)).exitCode !== 0) return false;
        } catch (error) {
          if (error instanceof ManagerUnavailableError) return false;
          throw error;
        }
      }
      return true;
    },

    async collect(ctx, node: NodeInfo, collectOptions) {
      const target = targetFor(ctx.root);
      const nativeArch = await prepare(ctx, target);
      await waitForDpkg(ctx, target);
      if (collectOptions.refresh) {
        const argv = updateArgv(target);
        const result = await runLocked(ctx, argv, [], progressLines(ctx));
        if (result.exitCode !== 0) {
          throw new ExternalCommandError(describeArgv(argv), `exited ${result.exitCode}: ${firstErrorLine(result.stderr)}`);
        }
      }
      const installed: InstalledPackage[] = parseDpkgQuery(await query(ctx, dpkgQueryArgv(target)));
      const index = new PackagesIndex();
      for (const indexTarget of parseIndexTargets(await query(ctx, indexTargetsArgv(target)))) {
        const text = await readList(ctx, indexTarget.filename);
        if (text === null) {
          ctx.log.debug(`no local copy of ${indexTarget.description} (apt-get update has not fetched it)`);
          continue;
        }
        index.addList(text, indexTarget);
      }
      // First pass without candidates: which names the result depends on; then one policy run.
      const keys = assemblePackages({nativeArch, installed, index, policy: []}).policyKeys;
      const policy: PolicyEntry[] = keys.length > 0 ? parseAptPolicy(await query(ctx, policyArgv(target, keys))) : [];
      const assembled = assemblePackages({nativeArch, installed, index, policy});
      for (const line of assembled.unresolved) ctx.log.debug(`apt dependency not resolved: ${line}`);
      const rebootPending = await rebootRequiredFile(target.root, ctx.files);
      return {
        schemaVersion: 1,
        // Services overwrite this with their Clock (collect-inventory.ts); it is only a default.
        collectedAt: new Date().toISOString(),
        node: {...node, manager: 'apt', root: target.root, rebootPending},
        packages: assembled.packages,
        advisories: [],
      };
    },

    installArgv(items: readonly PlannedInstall[], ctx) {
      if (items.length === 0) return [];
      return [buildInstallArgv(items, targetFor(ctx.root))];
    },

    async install(items, ctx): Promise<InstallRun> {
      if (items.length === 0) return {commands: []};
      const target = targetFor(ctx.root);
      // Validates every name and version before anything runs.
      const argv = buildInstallArgv(items, target);
      // Only apt-get's runs go into the result: apply quotes their output when a package
      // misses its target, and the read-only checks before them would only add noise.
      const commands: CommandRun[] = [];
      await prepare(ctx, target);
      await waitForDpkg(ctx, target);
      // apply repairs first (recover); this is the last guard, and dpkg's journal needs no query.
      const journal = await journalEntries(ctx, target);
      const state = journal > 0 ? {journal, broken: []} : await readDpkgState(ctx, target);
      if (state.journal > 0 || state.broken.length > 0) {
        throw interruptedError(target, describeState(state, adminDir(target.root)), repairCommand(target, reinstallItems(state.broken, items)));
      }
      if (ctx.interrupts?.stop.aborted) return {commands};
      const result = await runLocked(ctx, argv, commands, installLines(ctx, items));
      if (result.exitCode !== 0 && isDpkgInterrupted(result.stderr)) {
        throw interruptedError(target, 'apt-get found an unfinished dpkg run', configurePendingCommand(target));
      }
      // Any other failure is data: apply/execute.ts reads the installed versions back.
      return {commands, scriptFailures: parseScriptFailures(`${result.stdout}\n${result.stderr}`)};
    },

    async recover(ctx, request) {
      const target = targetFor(ctx.root);
      await prepare(ctx, target);
      await waitForDpkg(ctx, target);
      return repairDpkg(ctx, target, request);
    },

    async rebootRequired(ctx) {
      return rebootRequiredFile(normalizeRoot(ctx.root), ctx.files);
    },
  };
}
