import path from 'node:path';

import {ExternalCommandError, InputError, ManagerUnavailableError} from '../../errors.js';
import {describeArgv, type Argv, type RunResult} from '../../system/runner.js';
import {compareEvr} from '../../versions/rpm.js';
import {parseOsRelease} from '../../inventory/detect.js';
import type {NodeInfo} from '../../inventory/schema.js';
import {runInstaller} from '../installer-run.js';
import {realLockClock, runWhileLocked, waitUntilFree, type LockClock} from '../lock-retry.js';
import {findLockHolder, type LockHolderFound} from '../../system/held-locks.js';
import {repairDuplicates, rpmLockFiles} from '../rpm-common/interrupted.js';
import type {AdapterContext, InstallRun, PackageManagerAdapter} from '../adapter.js';
import type {PlannedInstall} from '../../core/install.js';
import {parseRpmQuery, parseUpdateinfo, rpmQueryArgv, type InstalledRpm, type UpdateNotice} from '../rpm-common/index.js';
import {followRpmInstall} from '../rpm-common/progress.js';
import {
  buildInstallArgv,
  decompressArgv,
  listAvailableArgv,
  makecacheArgv,
  makeTarget,
  needsRestartingArgv,
  repoqueryArgv,
  updateinfoListArgv,
  yumUtilsNeedsRestartingArgv,
  type DnfDialect,
  type DnfTarget,
} from './argv.js';
import {assembleInventory, type OfferedRpm, type RepoNotice} from './build-inventory.js';
import {describeDnfLock, firstDnfError, parseDnfLock, type DnfLockHolder} from './lock.js';
import {parseDnfProgressLine} from './parse-dnf-progress.js';
import {parseRepoquery} from './parse-repoquery.js';
import {parseUpdateinfoList, parseYumList} from './parse-yum-list.js';
import {readKernelLivePatching} from './livepatch.js';
import {coreInstalledSinceBoot, parseBootTime, parseNeedsRestarting} from './reboot.js';
import {cacheDirName, parseRepoFile, type RepoUrls} from './repo-cache.js';

/**
 * The dnf adapter and its yum dialect (Amazon Linux 2, RHEL/CentOS/Oracle 7): style.md §2.
 * Collection, read-only unless `refresh`:
 *   [dnf makecache --refresh]             only with refresh
 *   rpm --root R -qa --qf …               installed packages (rpm-common)
 *   dnf repoquery --qf …                  every offered version + its requires, ONE call
 *     (yum: yum list available --showduplicates; yum 3 has no repoquery subcommand)
 *   ROOT/var/cache/{dnf,yum}/…/repodata/*-updateinfo.xml(.gz)   advisories, parsed directly
 *     (yum, when no cached file exists: yum updateinfo list all, which has no dates)
 *
 * Why the cached updateinfo.xml and not `dnf updateinfo`: measured on the lab (bench/rpm.mjs and by
 * hand; dnf 4.14, 2 vCPU, medians, quiet machine): small lab (12 notices) `dnf updateinfo list --all`
 * 105-121 ms and `updateinfo info --all` 109-119 ms, against `gzip -dc` 1-4 ms + parseUpdateinfo
 * 7-10 ms. With 2,000 more packages and 1,012 notices (912 kB XML): `updateinfo info --all` 130 ms,
 * against `gzip -dc` 8 ms + parseUpdateinfo ~150-180 ms in a fresh CLI process (62 ms warm:
 * validation 14, parse 44, zod 4) — a wash at scale. The content decides: dnf prints only
 * `Updated:` (never `<issued>`, the only date dnf's Patch Manager uses, spec §4.1), prints
 * `Unknown/Sec.` for a `Medium` severity, drops the severity of a non-security notice
 * (`ALEA-2026-012 enhancement` though it says `<severity>Low`), and shows no self references or
 * bugzilla ids. The file is what dnf itself read; the repoquery that runs first makes dnf fetch it
 * when the cache lacks it.
 *
 * Installs are one `dnf -y --best install NEVRA…` transaction after refusing anything not newer
 * than installed (dnf would downgrade silently, labs.md §2.5). apply reads the database back.
 */

export interface DnfAdapterOptions {
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly monotonicMs?: () => number;
  /**
   * An unpacked dnf-plugins-core for `needs-restarting` where the host has none (it Breaks
   * zypper on Debian, labs.md §0). Default: $PATCHPLAN_DNF_PLUGINS_CORE (the test lab sets
   * it to where scripts/install-test-deps.sh unpacks the plugin); nothing otherwise.
   */
  readonly pluginDir?: string | null;
  /** Who holds one of these lock files now (default: the kernel's /proc/locks, system/held-locks.ts). */
  readonly lockHolder?: (lockFiles: readonly string[]) => Promise<LockHolderFound | null>;
}

const UPDATEINFO_FILE = /-updateinfo\.xml(\.gz|\.xz|\.bz2|\.zst)?$/;
/** dnf names a repo's cache directory `<repoid>-<16 hex digits>`. */
const DNF_CACHE_DIR = /^(.+)-[0-9a-f]{16}$/;

/** dnf's $basearch for Node's process.arch. */
function nodeArch(arch: string): string {
  return arch === 'x64' ? 'x86_64' : arch === 'arm64' ? 'aarch64' : arch;
}

function normalizeRoot(root: string): string {
  const resolved = path.resolve(root);
  return resolved;
}

/** `cachedir=` of the root's dnf.conf [main] (relative to the root), default /var/cache/dnf. */
export function dnfCacheDir(dnfConf: string | null): string {
  if (dnfConf === null) return '/var/cache/dnf';
  let inMain = false;
  for (const raw of dnfConf.split('\n')) {
    const line = raw.trim();
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      inMain = section[1] === 'main';
      continue;
    }
    const m = /^cachedir\s*=\s*(\S.*)$/.exec(line);
    if (inMain && m) return m[1]?.trim() ?? '/var/cache/dnf';
  }
  return '/var/cache/dnf';
}

export function createDnfAdapter(dialect: DnfDialect, options: DnfAdapterOptions = {}): PackageManagerAdapter {
  const lockClock: LockClock = {sleep: options.sleep ?? realLockClock.sleep, monotonicMs: options.monotonicMs ?? realLockClock.monotonicMs};
  const lockHolder = options.lockHolder ?? ((files: readonly string[]) => findLockHolder(files, []));
  /** releasever per root, read once from os-release (installArgv is pure and cannot read it). */
  const releasevers = new Map<string, string | null>();
  const yumConfs = new Map<string, boolean>();

  async function targetOf(ctx: Pick<AdapterContext, 'root' | 'env' | 'files'>, node?: NodeInfo): Promise<DnfTarget> {
    const root = normalizeRoot(ctx.root);
    if (!releasevers.has(root)) {
      let releasever: string | null = node?.os.versionId ?? null;
      if (releasever === null) {
        const file = path.join(root, 'etc/os-release');
        const text = await ctx.files.readText(file);
        releasever = text === null ? null : parseOsRelease(text, file).versionId || null;
      }
      // On `/` dnf knows its own release (system-release package); only a root needs telling.
      releasevers.set(root, root === '/' ? null : releasever);
      yumConfs.set(
        root,
        dialect === 'yum' && root !== '/' && (await ctx.files.exists(path.join(root, 'etc/yum.conf'))) && !(await ctx.files.exists(path.join(root, 'etc/dnf/dnf.conf'))),
      );
    }
    return makeTarget(dialect, root, releasevers.get(root) ?? null, ctx.env, yumConfs.get(root) ?? false);
  }

  function targetSync(ctx: Pick<AdapterContext, 'root' | 'env'>): DnfTarget {
    const root = normalizeRoot(ctx.root);
    return makeTarget(dialect, root, releasevers.get(root) ?? null, ctx.env, yumConfs.get(root) ?? false);
  }

  async function run(ctx: AdapterContext, argv: Argv, onStdoutLine?: (line: string) => void): Promise<RunResult> {
    ctx.log.debug(`running ${describeArgv(argv)}`);
    return ctx.runner.run(argv, {...(ctx.signal ? {signal: ctx.signal} : {}), ...(onStdoutLine ? {onStdoutLine} : {})});
  }

  /** Locks first: wait while an rpm transaction runs in the root, before reading the database it rewrites. */
  async function waitForRpm(ctx: AdapterContext, root: string): Promise<void> {
    const files = [...rpmLockFiles(root), path.join(root, 'var/lib/dnf/rpmdb_lock.pid')];
    await waitUntilFree(ctx, lockClock, () => lockHolder(files));
  }

  /**
   * Runs a dnf/yum command, retrying with backoff while another process holds a dnf lock (exit
   * 200 with exit_on_lock, lock.ts), until lockTimeoutMs; then exit 5 naming the holder's pid.
   */
  async function runLocked(
    ctx: AdapterContext,
    argv: Argv,
    commands: {argv: Argv; result: RunResult}[],
    onStdoutLine?: (line: string) => void,
    installer = false,
  ): Promise<RunResult> {
    const attempt = async (): Promise<RunResult> => {
      const result = installer ? await runInstaller(ctx, argv, onStdoutLine ? {onStdoutLine} : {}) : await run(ctx, argv, onStdoutLine);
      commands.push({argv, result});
      return result;
    };
    return runWhileLocked(ctx, lockClock, attempt, (result) => {
      const holder: DnfLockHolder | null = result.exitCode === 0 ? null : parseDnfLock(result.exitCode, result.stderr, result.stdout);
      if (holder === null) return null;
      const who = describeDnfLock(holder);
      return {where: `${dialect} lock`, holder: who, waiting: `waiting for the ${dialect} lock: ${who}`};
    });
  }


  /** A read-only query; exit codes other than `okCodes` mean the tool could not answer. */
  async function query(ctx: AdapterContext, argv: Argv, okCodes: readonly number[] = [0]): Promise<string> {
    const result = await runLocked(ctx, argv, []);
    if (!okCodes.includes(result.exitCode)) {
      throw new ExternalCommandError(describeArgv(argv), `exited ${result.exitCode}: ${firstDnfError(result.stderr, result.stdout)}`);
    }
    return result.stdout;
  }

  async function readInstalled(ctx: AdapterContext, target: DnfTarget): Promise<InstalledRpm[]> {
    const argv = rpmQueryArgv(target.root, ctx.env);
    const result = await run(ctx, argv);
    if (result.exitCode !== 0) throw new ExternalCommandError(describeArgv(argv), `exited ${result.exitCode}: ${firstDnfError(result.stderr)}`);
    return parseRpmQuery(result.stdout, describeArgv(argv));
  }

  /** Every cached updateinfo file, with the repository id its directory names. */
  async function findUpdateinfoFiles(ctx: AdapterContext, target: DnfTarget, repoIds: ReadonlySet<string>): Promise<{file: string; repository: string}[]> {
    const found: {file: string; repository: string}[] = [];
    const inRoot = (p: string): string => path.join(target.root, p);
    const dnfConf = await ctx.files.readText(inRoot('etc/dnf/dnf.conf'));
    const dnfCache = inRoot(dnfCacheDir(dnfConf));
    const byRepo = new Map<string, string[]>();
    for (const dir of (await ctx.files.list(dnfCache)).sort()) {
      const repository = DNF_CACHE_DIR.exec(dir)?.[1];
      if (repository === undefined || !repoIds.has(repository)) continue;
      byRepo.set(repository, [...(byRepo.get(repository) ?? []), dir]);
    }
    const urls = [...byRepo.values()].some((dirs) => dirs.length > 1) ? await readRepoUrls(ctx, target) : new Map<string, RepoUrls>();
    for (const [repository, dirs] of byRepo) {
      // Several directories: an old URL's cache is still there; only the live one counts.
      const live = cacheDirName(repository, urls.get(repository));
      const chosen = dirs.length > 1 && dirs.includes(live) ? [live] : dirs;
      if (dirs.length > 1) ctx.log.debug(`${repository}: cache directories ${dirs.join(', ')}; reading ${chosen.join(', ')}`);
      for (const dir of chosen) {
        for (const file of (await ctx.files.list(path.join(dnfCache, dir, 'repodata'))).sort()) {
          if (UPDATEINFO_FILE.test(file)) found.push({file: path.join(dnfCache, dir, 'repodata', file), repository});
        }
      }
    }
    // yum 3: /var/cache/yum/<basearch>/<releasever>/<repoid>/<checksum>-updateinfo.xml.gz
    const yumCache = inRoot('var/cache/yum');
    for (const arch of (await ctx.files.list(yumCache)).sort()) {
      for (const release of (await ctx.files.list(path.join(yumCache, arch))).sort()) {
        for (const repository of (await ctx.files.list(path.join(yumCache, arch, release))).sort()) {
          if (!repoIds.has(repository)) continue;
          const dir = path.join(yumCache, arch, release, repository);
          const files = (await ctx.files.list(dir)).filter((f) => UPDATEINFO_FILE.test(f)).sort();
          // yum 3 keeps the .gz and may keep an unpacked copy beside it: one is enough.
          const plain = files.find((f) => f.endsWith('.xml'));
          const chosen = plain ?? files[0];
          if (chosen !== undefined) found.push({file: path.join(dir, chosen), repository});
        }
      }
    }
    return found;
  }

  /** Repo id → URLs from the root's repo files, with $releasever/$basearch and ROOT/etc/dnf/vars substituted. */
  async function readRepoUrls(ctx: AdapterContext, target: DnfTarget): Promise<Map<string, RepoUrls>> {
    const vars: Record<string, string> = {basearch: nodeArch(process.arch), arch: nodeArch(process.arch)};
    if (target.releasever !== null) vars.releasever = target.releasever;
    const varsDir = path.join(target.root, 'etc/dnf/vars');
    for (const name of await ctx.files.list(varsDir)) {
      const value = (await ctx.files.readText(path.join(varsDir, name)))?.trim();
      if (value !== undefined) vars[name] = value;
    }
    const reposDir = path.join(target.root, 'etc/yum.repos.d');
    const out = new Map<string, RepoUrls>();
    for (const name of (await ctx.files.list(reposDir)).filter((f) => f.endsWith('.repo')).sort()) {
      for (const [id, urls] of parseRepoFile((await ctx.files.readText(path.join(reposDir, name))) ?? '', vars)) out.set(id, urls);
    }
    return out;
  }

  async function readNotices(ctx: AdapterContext, files: readonly {file: string; repository: string}[]): Promise<RepoNotice[]> {
    const out: RepoNotice[] = [];
    for (const {file, repository} of files) {
      const unpack = decompressArgv(file);
      const xml = unpack === null ? await ctx.files.readText(file) : await query(ctx, unpack);
      if (xml === null) continue;
      for (const notice of parseUpdateinfo(xml, file)) out.push({notice, repository});
    }
    return out;
  }

  /** yum without a cached updateinfo.xml: the table, grouped back into notices (no dates). */
  function noticesFromList(stdout: string): RepoNotice[] {
    const byId = new Map<string, UpdateNotice & {packages: UpdateNotice['packages']}>();
    for (const row of parseUpdateinfoList(stdout)) {
      let notice = byId.get(row.id);
      if (notice === undefined) {
        notice = {id: row.id, type: row.type, ...(row.severity !== undefined ? {severity: row.severity} : {}), cves: [], bugzillas: [], selfReferences: [], rebootSuggested: false, packages: []};
        byId.set(row.id, notice);
      }
      notice.packages.push({name: row.name, epoch: '', version: '', release: '', arch: row.arch, evr: row.evr, rebootSuggested: false});
    }
    return [...byId.values()].map((notice) => ({notice, repository: ''}));
  }

  async function rebootRequired(ctx: AdapterContext): Promise<boolean> {
    const target = await targetOf(ctx);
    const pluginDir = options.pluginDir === undefined ? (ctx.env.PATCHPLAN_DNF_PLUGINS_CORE ?? null) : options.pluginDir;
    // yum 3 (AL2) ships needs-restarting as its own program, which reads only the running
    // system; elsewhere the dnf plugin serves both dialects.
    const useYumUtils = dialect === 'yum' && target.root === '/' && (await ctx.files.exists('/usr/bin/needs-restarting'));
    const argv = useYumUtils ? yumUtilsNeedsRestartingArgv(ctx.env) : needsRestartingArgv({...target, dialect: 'dnf'}, pluginDir);
    try {
      const result = await run(ctx, argv);
      const answer = parseNeedsRestarting(result.exitCode, result.stdout);
      if (answer !== null) return answer;
      ctx.log.debug(`needs-restarting gave no answer (exit ${result.exitCode}: ${firstDnfError(result.stderr, result.stdout)})`);
    } catch (error) {
      if (!(error instanceof ManagerUnavailableError)) throw error;
      ctx.log.debug(`needs-restarting could not run: ${error.message}`);
    }
    if (target.root !== '/') {
      // The host's boot time says nothing about a root that was never booted.
      ctx.log.debug(`no needs-restarting for ${target.root}: reporting no reboot required`);
      return false;
    }
    const boot = parseBootTime((await ctx.files.readText('/proc/stat')) ?? '');
    if (boot === null) return false;
    const names = coreInstalledSinceBoot(await readInstalled(ctx, target), boot);
    if (names.length > 0) ctx.log.debug(`installed since boot: ${names.join(', ')}`);
    return names.length > 0;
  }

  return {
    id: dialect,
    versionScheme: 'rpm',

    async available(ctx) {
      for (const argv of [
        {file: dialect === 'dnf' ? '/usr/bin/dnf' : 'yum', args: ['--version'], env: makeTarget(dialect, '/', null, ctx.env).env},
        {file: '/usr/bin/rpm', args: ['--version'], env: makeTarget(dialect, '/', null, ctx.env).env},
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

    async collect(ctx, node, collectOptions) {
      const target = await targetOf(ctx, node);
      if (collectOptions.refresh) {
        ctx.log.progress(`${dialect}: refreshing repository metadata`);
        await query(ctx, makecacheArgv(target));
      }
      await waitForRpm(ctx, target.root);
      ctx.log.progress(`${dialect}: reading the rpm database`);
      const installed = await readInstalled(ctx, target);
      ctx.log.progress(`${dialect}: listing available versions`);
      let offered: OfferedRpm[];
      if (dialect === 'dnf') {
        const argv = repoqueryArgv(target);
        offered = parseRepoquery(await query(ctx, argv), describeArgv(argv));
      } else {
        offered = parseYumList(await query(ctx, listAvailableArgv(target)));
      }
      ctx.log.progress(`${dialect}: reading update notices`);
      const files = await findUpdateinfoFiles(ctx, target, new Set(offered.map((o) => o.repository)));
      let notices: RepoNotice[];
      if (files.length === 0 && dialect === 'yum') {
        ctx.log.debug('no cached updateinfo.xml: falling back to `yum updateinfo list all` (no dates)');
        notices = noticesFromList(await query(ctx, updateinfoListArgv(target)));
      } else {
        if (files.length === 0) ctx.log.debug('no cached updateinfo.xml in any enabled repository: no advisories');
        notices = await readNotices(ctx, files);
      }
      const assembled = assembleInventory({installed, offered, notices});
      for (const line of assembled.unresolved) ctx.log.debug(`${dialect} requirement not resolved: ${line}`);
      const rebootPending = await rebootRequired(ctx);
      // Kernel live patching (spec §6.7): AL2's running system only (livepatch.ts).
      const kernelLivePatching =
        dialect === 'yum' && target.root === '/' && node.operatingSystem === 'AMAZON_LINUX_2'
          ? await readKernelLivePatching(ctx.runner, installed.map((p) => p.name), ctx.env, ctx.signal)
          : null;
      return {
        schemaVersion: 1,
        // Services overwrite this with their Clock (collect-inventory.ts); it is only a default.
        collectedAt: new Date().toISOString(),
        node: {...node, manager: dialect, root: target.root, rebootPending, ...(kernelLivePatching === null ? {} : {kernelLivePatching})},
        packages: assembled.packages,
        advisories: assembled.advisories,
      };
    },

    installArgv(items: readonly PlannedInstall[], ctx) {
      if (items.length === 0) return [];
      return [buildInstallArgv(items, targetSync(ctx))];
    },

    async install(items, ctx): Promise<InstallRun> {
      if (items.length === 0) return {commands: []};
      const target = await targetOf(ctx);
      // Validates every name and version before anything runs.
      const argv = buildInstallArgv(items, target);
      // dnf installs an older NEVRA as a silent downgrade (labs.md §2.5): refuse before running.
      const installed = await readInstalled(ctx, target);
      for (const item of items) {
        const same = installed.filter((p) => p.name === item.name && (item.arch === '' || p.arch === item.arch));
        const newest = same.map((p) => p.evr).sort((a, b) => compareEvr(b, a))[0];
        if (newest !== undefined && compareEvr(item.version, newest) <= 0) {
          throw new InputError(
            `install ${item.name}${item.arch === '' ? '' : `.${item.arch}`}`,
            `${item.version} is not newer than the installed ${newest}; patchplan never downgrades or reinstalls (nothing was installed)`,
          );
        }
      }
      const commands: {argv: Argv; result: RunResult}[] = [];
      if (ctx.interrupts?.stop.aborted) return {commands};
      await runLocked(ctx, argv, commands, followRpmInstall(items, ctx.log, parseDnfProgressLine), true);
      // A non-zero exit is data: apply/execute.ts reads the installed versions back and quotes dnf.
      return {commands};
    },

    async recover(ctx, request) {
      const target = await targetOf(ctx);
      await waitForRpm(ctx, target.root);
      return repairDuplicates(ctx, target.root, request, () => readInstalled(ctx, target), compareEvr);
    },

    rebootRequired,
  };
}
