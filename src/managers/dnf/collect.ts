import type {NodeInfo} from '../../inventory/schema.js';
import {describeArgv} from '../../system/runner.js';
import type {AdapterContext, CollectedNode, CollectOptions, InstalledNow} from '../adapter.js';
import {newestInstalled} from '../rpm-common/index.js';
import {listAvailableArgv, makecacheArgv, repoqueryArgv, updateinfoListArgv, type DnfTarget} from './argv.js';
import {assembleInventory, type OfferedRpm, type RepoNotice} from './build-inventory.js';
import {query, readInstalled, waitForRpm, type DnfTools} from './commands.js';
import {readKernelLivePatching} from './livepatch.js';
import {parseRepoquery} from './parse-repoquery.js';
import {parseYumList} from './parse-yum-list.js';
import {rebootRequired} from './reboot-required.js';
import {readDnfTarget} from './target.js';
import {findUpdateinfoFiles, noticesFromList, readNotices} from './updateinfo-files.js';

/**
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
 */
export async function collectDnf(tools: DnfTools, ctx: AdapterContext, node: NodeInfo, options: CollectOptions): Promise<CollectedNode> {
  const {dialect} = tools;
  const target = await readDnfTarget(dialect, ctx, node.os.versionId);
  if (options.refresh) {
    ctx.log.progress(`${dialect}: refreshing repository metadata`);
    await query(tools, ctx, makecacheArgv(target));
  }
  await waitForRpm(tools, ctx, target.root);
  ctx.log.progress(`${dialect}: reading the rpm database and the available versions`);
  // Independent reads at once: each dnf run is mostly Python's start-up (docs/performance.md,
  // row 2). yum 3 holds yum.pid for every command, so there needs-restarting runs after.
  const [installed, offered, dnfReboot] = await Promise.all([
    readInstalled(ctx, target),
    readOffered(tools, ctx, target),
    dialect === 'dnf' ? rebootRequired(tools, ctx, target) : null,
  ]);
  ctx.log.progress(`${dialect}: reading update notices`);
  const files = await findUpdateinfoFiles(ctx, target, new Set(offered.map((o) => o.repository)), node.arch);
  let notices: RepoNotice[];
  if (files.length === 0 && dialect === 'yum') {
    ctx.log.debug('no cached updateinfo.xml: falling back to `yum updateinfo list all` (no dates)');
    notices = noticesFromList(await query(tools, ctx, updateinfoListArgv(target)));
  } else {
    if (files.length === 0) ctx.log.debug('no cached updateinfo.xml in any enabled repository: no advisories');
    notices = await readNotices(tools, ctx, files);
  }
  const assembled = assembleInventory({installed, offered, notices});
  for (const line of assembled.unresolved) ctx.log.debug(`${dialect} requirement not resolved: ${line}`);
  const rebootPending = dnfReboot ?? (await rebootRequired(tools, ctx, target));
  // Kernel live patching (spec §6.7): AL2's running system only (livepatch.ts).
  const kernelLivePatching =
    dialect === 'yum' && target.root === '/' && node.operatingSystem === 'AMAZON_LINUX_2'
      ? await readKernelLivePatching(ctx.runner, installed.map((p) => p.name), ctx.env, ctx.signal)
      : null;
  return {
    schemaVersion: 1,
    node: {...node, manager: dialect, root: target.root, rebootPending, ...(kernelLivePatching === null ? {} : {kernelLivePatching})},
    packages: assembled.packages,
    advisories: assembled.advisories,
  };
}

/** Every offered version: dnf's one repoquery (with requires), yum 3's `list available`. */
async function readOffered(tools: DnfTools, ctx: AdapterContext, target: DnfTarget): Promise<OfferedRpm[]> {
  if (tools.dialect === 'yum') return parseYumList(await query(tools, ctx, listAvailableArgv(target)));
  const argv = repoqueryArgv(target);
  return parseRepoquery(await query(tools, ctx, argv), describeArgv(argv));
}

/** apply's read-back after the installer: the rpm database alone, once the lock is free. */
export async function readInstalledNow(tools: DnfTools, ctx: AdapterContext): Promise<InstalledNow[]> {
  const target = await readDnfTarget(tools.dialect, ctx);
  await waitForRpm(tools, ctx, target.root);
  return newestInstalled(await readInstalled(ctx, target));
}
