import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {gunzipSync} from 'node:zlib';

import {ExternalCommandError, InputError, ManagerUnavailableError} from '../../errors.js';
import {compareEvr} from '../../versions/rpm.js';
import {describeArgv, type Argv, type RunResult} from '../../system/runner.js';
import type {NodeInfo} from '../../inventory/schema.js';
import {runInstaller} from '../installer-run.js';
import {realLockClock, runWhileLocked, waitUntilFree, type LockClock} from '../lock-retry.js';
import {findLockHolder, type LockHolderFound} from '../../system/held-locks.js';
import {repairDuplicates, rpmLockFiles} from '../rpm-common/interrupted.js';
import type {AdapterContext, InstallRun, PackageManagerAdapter} from '../adapter.js';
import type {PlannedInstall} from '../../core/install.js';
import {
  buildInstallArgv,
  listPatchesArgv,
  listUpdatesArgv,
  needsRebootingArgv,
  refreshArgv,
  searchVersionsArgv,
  ZYPPER,
  zstdCatArgv,
} from './argv.js';
import {assemble, namesToSearch} from './build-inventory.js';
import {describeExit, describeZyppLockHolder, lastMeaningfulLine, parseZyppLock, ZYPPER_EXIT, type ZyppLockHolder} from './exit-codes.js';
import {parseSearch} from './parse-search.js';
import {parseZypperProgressLine} from './parse-zypper-progress.js';
import {followRpmInstall} from '../rpm-common/progress.js';
import {parseListPatches, parseListUpdates} from './parse-update-status.js';
import {parseUpdateinfo, parseRpmQuery, rpmQueryArgv} from '../rpm-common/index.js';
import type {InstalledPackage, PatchPackage} from './build-inventory.js';

/**
 * The zypper adapter: SLES (style.md §2). Collection, read-only unless `refresh`:
 *   [zypper refresh]                                    only with refresh
 *   rpm --root ROOT -qa --qf …                          installed packages
 *   zypper --xmlout list-updates                        newest edition per name
 *   zypper --xmlout list-patches --all                  patches: category, severity, issue date
 *   ROOT/var/cache/zypp/raw/<alias>/repodata/*updateinfo.xml*   patch → exact versions
 *   zypper --xmlout search -s -t package                every edition of every package, once
 * The patch → versions mapping comes from the cached updateinfo because zypper prints it nowhere
 * in structured form (`info -t patch` is one text `<message>`, `search -t patch` has no package
 * list; labs §3); reading the files costs nothing next to a zypper run (~25-40 ms each, bench).
 *
 * Install is one `zypper install --no-recommends name=E:V-R …` transaction (argv.ts). Spec §6.1
 * step 7 has AWS `zypper addlock` rejected packages before it; patchplan does not change the
 * node's lock list behind the operator's back: the plan never lists a rejected version, and the
 * exact `name=version` specs keep zypper from choosing another one.
 */

export interface ZypperAdapterOptions {
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly monotonicMs?: () => number;
  /** Reads a cached metadata file as bytes (tests pass an in-memory one). */
  readonly readBytes?: (file: string) => Promise<Buffer>;
  /** Who holds one of these lock files (fcntl) or pid files now (default: /proc, system/held-locks.ts). */
  readonly lockHolder?: (lockFiles: readonly string[], pidFiles: readonly string[]) => Promise<LockHolderFound | null>;
}

const UPDATEINFO_FILE = /updateinfo\.xml(\.gz|\.zst)?$/;

/** `/` stays `/`; anything else absolute, without a trailing slash (zypper --root wants a directory). */
export function normalizeRoot(root: string): string {
  const resolved = path.resolve(root);
  return resolved === '/' ? '/' : resolved.replace(/\/+$/, '');
}

function under(root: string, file: string): string {
  return root === '/' ? file : path.join(root, file);
}

/** zypp.pid lives in /run on SLES 15 and in /var/run on older systems (labs §4). */
export function lockFiles(root: string): string[] {
  return [under(root, '/run/zypp.pid'), under(root, '/var/run/zypp.pid')];
}

export function createZypperAdapter(options: ZypperAdapterOptions = {}): PackageManagerAdapter {
  const lockClock: LockClock = {sleep: options.sleep ?? realLockClock.sleep, monotonicMs: options.monotonicMs ?? realLockClock.monotonicMs};
  const readBytes = options.readBytes ?? ((file: string): Promise<Buffer> => readFile(file));
  const lockHolder = options.lockHolder ?? ((files: readonly string[], pids: readonly string[]) => findLockHolder(files, pids));

  async function run(ctx: AdapterContext, argv: Argv, onStdoutLine?: (line: string) => void): Promise<RunResult> {
    ctx.log.debug(`running ${describeArgv(argv)}`);
    return ctx.runner.run(argv, {...(ctx.signal ? {signal: ctx.signal} : {}), ...(onStdoutLine ? {onStdoutLine} : {})});
  }

  /** Locks first: wait while zypper or an rpm transaction runs in the root, before reading the rpm database. */
  async function waitForRpm(ctx: AdapterContext, root: string): Promise<void> {
    await waitUntilFree(ctx, lockClock, () => lockHolder(rpmLockFiles(root), lockFiles(root)));
  }

  /**
   * Runs a zypper command, retrying with backoff while another process holds the zypp lock (exit 7)
   * until `lockTimeoutMs`; then exit 5 naming the holder. Queries take the lock too (labs capture
   * list-updates-locked.xml), so every zypper run goes through here.
   */
  async function runLocked(
    ctx: AdapterContext,
    argv: Argv,
    onStdoutLine?: (line: string) => void,
    commands?: {argv: Argv; result: RunResult}[],
    installer = false,
  ): Promise<RunResult> {
    const attempt = async (): Promise<RunResult> => {
      const result = installer ? await runInstaller(ctx, argv, onStdoutLine ? {onStdoutLine} : {}) : await run(ctx, argv, onStdoutLine);
      commands?.push({argv, result});
      return result;
    };
    return runWhileLocked(ctx, lockClock, attempt, async (result) => {
      if (result.exitCode !== ZYPPER_EXIT.LOCKED) return null;
      const holder: ZyppLockHolder | null = parseZyppLock(`${result.stdout}\n${result.stderr}`);
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
  async function query(ctx: AdapterContext, argv: Argv, allowNotFound = false): Promise<string> {
    const result = await runLocked(ctx, argv);
    const ok = result.exitCode === 0 || (allowNotFound && result.exitCode === ZYPPER_EXIT.INF_CAP_NOT_FOUND);
    if (!ok) {
      const said = lastMeaningfulLine(result.stderr) || lastMeaningfulLine(result.stdout);
      throw new ExternalCommandError(describeArgv(argv), `${describeExit(result.exitCode)}: ${said}`);
    }
    return result.stdout;
  }

  /** The root's rpm database, through rpm-common (shared with dnf: same HOME/rpmdb rules). */
  async function installed(ctx: AdapterContext, root: string): Promise<InstalledPackage[]> {
    const argv = rpmQueryArgv(root, ctx.env);
    const result = await run(ctx, argv);
    if (result.exitCode !== 0) throw new ExternalCommandError(describeArgv(argv), `exited ${result.exitCode}: ${lastMeaningfulLine(result.stderr)}`);
    return parseRpmQuery(result.stdout, describeArgv(argv)).map((p) => ({name: p.name, arch: p.arch, version: p.evr}));
  }

  /** Patch id → exact versions, from every repository's cached updateinfo (see the header). */
  async function cachedPatchPackages(ctx: AdapterContext, root: string): Promise<Map<string, PatchPackage[]>> {
    const result = new Map<string, PatchPackage[]>();
    const raw = under(root, '/var/cache/zypp/raw');
    for (const alias of (await ctx.files.list(raw)).sort()) {
      const repodata = path.join(raw, alias, 'repodata');
      for (const name of (await ctx.files.list(repodata)).filter((f) => UPDATEINFO_FILE.test(f)).sort()) {
        const file = path.join(repodata, name);
        let xml: string;
        if (name.endsWith('.zst')) {
          // Node 20's zlib has no zstd; newer SUSE repositories compress repodata with it.
          const argv = zstdCatArgv(file);
          const result = await run(ctx, argv);
          if (result.exitCode !== 0) throw new ExternalCommandError(describeArgv(argv), `exited ${result.exitCode}: ${lastMeaningfulLine(result.stderr)}`);
          xml = result.stdout;
        } else {
          const bytes = await readBytes(file);
          try {
            xml = (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
          } catch (error) {
            throw new ExternalCommandError(file, `could not be decompressed: ${(error as Error).message}; run \`zypper refresh -f\``);
          }
        }
        // rpm-common's parser (shared with dnf) reads both the rpm-md and the legacy SUSE shapes.
        for (const notice of parseUpdateinfo(xml, file)) {
          const packages = notice.packages.map((p) => ({name: p.name, arch: p.arch, version: p.evr, rebootSuggested: p.rebootSuggested}));
          result.set(notice.id, [...(result.get(notice.id) ?? []), ...packages]);
        }
      }
    }
    return result;
  }

  /** `zypper needs-rebooting`: 102 = reboot needed, 0 = none (labs §4); anything else is no answer. */
  async function rebootRequired(ctx: AdapterContext): Promise<boolean> {
    const argv = needsRebootingArgv(normalizeRoot(ctx.root), ctx.env);
    const result = await runLocked(ctx, argv);
    if (result.exitCode === ZYPPER_EXIT.INF_REBOOT_NEEDED) return true;
    if (result.exitCode === 0) return false;
    throw new ExternalCommandError(describeArgv(argv), `${describeExit(result.exitCode)}: ${lastMeaningfulLine(result.stderr) || lastMeaningfulLine(result.stdout)}`);
  }

  return {
    id: 'zypper',
    versionScheme: 'rpm',

    async available(ctx) {
      try {
        return (await run(ctx, {file: ZYPPER, args: ['--version'], env: {LC_ALL: 'C'}})).exitCode === 0;
      } catch (error) {
        if (error instanceof ManagerUnavailableError) return false;
        throw error;
      }
    },

    async collect(ctx, node: NodeInfo, collectOptions) {
      const root = normalizeRoot(ctx.root);
      await waitForRpm(ctx, root);
      if (collectOptions.refresh) {
        ctx.log.progress('zypper refresh');
        const argv = refreshArgv(root, ctx.env);
        const result = await runLocked(ctx, argv, (line) => {
          if (line.trim() !== '') ctx.log.progress(line);
        });
        if (result.exitCode !== 0) throw new ExternalCommandError(describeArgv(argv), `${describeExit(result.exitCode)}: ${lastMeaningfulLine(result.stderr)}`);
      }
      ctx.log.progress('reading the rpm database');
      const installedPackages = await installed(ctx, root);
      ctx.log.progress('zypper list-updates, list-patches');
      const updatesArgv = listUpdatesArgv(root, ctx.env);
      const updates = parseListUpdates(await query(ctx, updatesArgv), describeArgv(updatesArgv));
      const patchesArgv = listPatchesArgv(root, ctx.env);
      const patches = parseListPatches(await query(ctx, patchesArgv), describeArgv(patchesArgv));
      const patchPackages = await cachedPatchPackages(ctx, root);
      const names = namesToSearch(installedPackages, updates, patchPackages);
      let solvables: ReturnType<typeof parseSearch> = [];
      if (names.length > 0) {
        ctx.log.progress(`zypper search: all versions of ${names.length} package${names.length === 1 ? '' : 's'}`);
        const searchArgv = searchVersionsArgv(root, ctx.env);
        const wanted = new Set(names);
        solvables = parseSearch(await query(ctx, searchArgv, true), describeArgv(searchArgv)).filter((s) => wanted.has(s.name));
      }
      const assembled = assemble({installed: installedPackages, updates, solvables, patches, patchPackages});
      // Visible, not debug: such a patch's versions get no classification, so no rule can approve them.
      if (assembled.unmapped.length > 0) {
        const shown = assembled.unmapped.slice(0, 3).join(', ');
        const more = assembled.unmapped.length > 3 ? ` and ${assembled.unmapped.length - 3} more` : '';
        ctx.log.progress(`warning: no cached updateinfo lists the packages of zypper patch ${shown}${more} (run \`zypper refresh -f\`); their versions are planned as in no patch`);
      }
      const rebootPending = await rebootRequired(ctx);
      return {
        schemaVersion: 1,
        // Services overwrite this with their Clock (collect-inventory.ts); it is only a default.
        collectedAt: new Date().toISOString(),
        node: {...node, manager: 'zypper', root, rebootPending},
        packages: assembled.packages,
        advisories: assembled.advisories,
      };
    },

    installArgv(items: readonly PlannedInstall[], ctx) {
      if (items.length === 0) return [];
      return [buildInstallArgv(items, normalizeRoot(ctx.root), ctx.env)];
    },

    async install(items, ctx): Promise<InstallRun> {
      if (items.length === 0) return {commands: []};
      const root = normalizeRoot(ctx.root);
      // Validates every name and version before anything runs.
      const argv = buildInstallArgv(items, root, ctx.env);
      // A plan only upgrades: an item at or below the installed version would be a downgrade or a
      // no-op, which zypper would silently skip ("Nothing to do"); refuse before running anything.
      const current = await installed(ctx, root);
      for (const item of items) {
        const same = current.filter((p) => p.name === item.name && (item.arch === '' || p.arch === item.arch || p.arch === 'noarch' || item.arch === 'noarch'));
        const notNewer = same.find((p) => compareEvr(item.version, p.version) <= 0);
        if (notNewer !== undefined) {
          throw new InputError(`${item.name}=${item.version}`, `is not newer than the installed ${notNewer.version}; patchplan never downgrades (no --oldpackage)`);
        }
      }
      const commands: {argv: Argv; result: RunResult}[] = [];
      if (ctx.interrupts?.stop.aborted) return {commands};
      const result = await runLocked(ctx, argv, followRpmInstall(items, ctx.log, parseZypperProgressLine), commands, true);
      ctx.log.debug(`zypper install: ${describeExit(result.exitCode)}`);
      // Any other outcome is data: apply reads the rpm database back and reports each package.
      return {commands};
    },

    async recover(ctx, request) {
      const root = normalizeRoot(ctx.root);
      await waitForRpm(ctx, root);
      return repairDuplicates(ctx, root, request, async () => {
        const argv = rpmQueryArgv(root, ctx.env);
        const result = await run(ctx, argv);
        if (result.exitCode !== 0) throw new ExternalCommandError(describeArgv(argv), `exited ${result.exitCode}: ${lastMeaningfulLine(result.stderr)}`);
        return parseRpmQuery(result.stdout, describeArgv(argv));
      }, compareEvr);
    },

    rebootRequired,
  };
}
