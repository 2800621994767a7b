import {ExternalCommandError} from '../../errors.js';
import type {NodeInfo} from '../../inventory/schema.js';
import {describeArgv} from '../../system/runner.js';
import type {AdapterContext, CollectedNode, CollectOptions} from '../adapter.js';
import {dpkgQueryArgv, indexTargetsArgv, policyArgv, updateArgv} from './argv.js';
import {assemblePackages} from './build-inventory.js';
import {aptTarget, prepare, query, readList, runLocked, waitForDpkg, type AptTools, type LineHandlers} from './commands.js';
import {firstErrorLine} from './exit-codes.js';
import {parseAptPolicy, type PolicyEntry} from './parse-apt-policy.js';
import {parseDpkgQuery, type InstalledPackage} from './parse-dpkg-query.js';
import {parseIndexTargets, type IndexTarget} from './parse-index-targets.js';
import {PackagesIndex, type PackagesListReader} from './parse-packages.js';
import {rebootRequiredFile} from './reboot.js';

/**
 * Collection, read-only unless `refresh`:
 *   apt-config dump                          native architecture; for a root, proof of confinement
 *   [apt-get -q update]                      only with refresh
 *   dpkg-query -W -f …                       installed packages
 *   apt-get indextargets 'Created-By: Packages'   lists + Release fields + trust
 *   (read each list; apt-helper cat-file for compressed ones)
 *   apt-cache policy -- NAMES…               candidates, once, for what has updates
 */
export async function collectApt(tools: AptTools, ctx: AdapterContext, node: NodeInfo, options: CollectOptions): Promise<CollectedNode> {
  const target = await aptTarget(tools, ctx);
  const nativeArch = await prepare(tools, ctx, target);
  await waitForDpkg(tools, ctx, target);
  if (options.refresh) {
    const argv = updateArgv(target);
    const result = await runLocked(tools, ctx, argv, [], progressLines(ctx));
    if (result.exitCode !== 0) {
      throw new ExternalCommandError(describeArgv(argv), `exited ${result.exitCode}: ${firstErrorLine(result.stderr)}`);
    }
  }
  // The reads are independent: dpkg's database while apt lists its indexes and the lists are
  // read, each list streamed from its own apt-helper when compressed (most of a live plan is
  // waiting for these tools). A list is parsed as it arrives and only its stanzas' few fields are
  // kept; they join the index in apt's order of lists.
  const index = new PackagesIndex();
  const readLists = async (): Promise<{indexTargets: IndexTarget[]; lists: (PackagesListReader | null)[]}> => {
    const indexTargets = parseIndexTargets(await query(ctx, indexTargetsArgv(target)));
    const lists = await Promise.all(
      indexTargets.map(async (indexTarget) => {
        const reader = index.reader(indexTarget);
        return (await readList(ctx, indexTarget.filename, (chunk) => reader.push(chunk))) ? reader.end() : null;
      }),
    );
    return {indexTargets, lists};
  };
  const [installedText, {indexTargets, lists}] = await Promise.all([query(ctx, dpkgQueryArgv(target)), readLists()]);
  const installed: InstalledPackage[] = parseDpkgQuery(installedText);
  for (const [i, indexTarget] of indexTargets.entries()) {
    const list = lists[i] ?? null;
    if (list === null) {
      ctx.log.debug(`no local copy of ${indexTarget.description} (apt-get update has not fetched it)`);
      continue;
    }
    index.add(list);
  }
  // First pass without candidates: which names the result depends on; then one policy run.
  const keys = assemblePackages({nativeArch, installed, index, policy: []}).policyKeys;
  const policy: PolicyEntry[] = keys.length > 0 ? parseAptPolicy(await query(ctx, policyArgv(target, keys))) : [];
  const assembled = assemblePackages({nativeArch, installed, index, policy});
  for (const line of assembled.unresolved) ctx.log.debug(`apt dependency not resolved: ${line}`);
  const rebootPending = await rebootRequiredFile(target.root, ctx.files);
  return {
    schemaVersion: 1,
    node: {...node, manager: 'apt', root: target.root, rebootPending},
    packages: assembled.packages,
    advisories: [],
  };
}

/** `apt-get update` shows its lines as progress (they name the lists it fetches). */
function progressLines(ctx: AdapterContext): LineHandlers {
  return {
    onStdoutLine: (line) => {
      if (line.trim() !== '') ctx.log.progress(line);
    },
  };
}
