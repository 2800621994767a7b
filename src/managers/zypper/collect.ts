import {ExternalCommandError} from '../../errors.js';
import type {NodeInfo} from '../../inventory/schema.js';
import {describeArgv} from '../../system/runner.js';
import type {AdapterContext, CollectedNode, CollectOptions} from '../adapter.js';
import {listPatchesArgv, listUpdatesArgv, needsRebootingArgv, refreshArgv, searchVersionsArgv} from './argv.js';
import {assemble, namesToSearch} from './build-inventory.js';
import {query, readInstalled, runLocked, waitForRpm, type ZypperTools} from './commands.js';
import {describeExit, lastMeaningfulLine, ZYPPER_EXIT} from './exit-codes.js';
import {parseSearch} from './parse-search.js';
import {parseListPatches, parseListUpdates} from './parse-update-status.js';
import {cachedPatchPackages} from './patches.js';
import {normalizeRoot} from './paths.js';

/**
 * Collection, read-only unless `refresh`:
 *   [zypper refresh]                                    only with refresh
 *   rpm --root ROOT -qa --qf …                          installed packages
 *   zypper --xmlout list-updates                        newest edition per name
 *   zypper --xmlout list-patches --all                  patches: category, severity, issue date
 *   ROOT/var/cache/zypp/raw/<alias>/repodata/*updateinfo.xml*   patch → exact versions (patches.ts)
 *   zypper --xmlout search -s -t package                every edition of every package, once
 *   zypper needs-rebooting                              whether a reboot is pending
 */
export async function collectZypper(tools: ZypperTools, ctx: AdapterContext, node: NodeInfo, options: CollectOptions): Promise<CollectedNode> {
  const root = normalizeRoot(ctx.root);
  await waitForRpm(tools, ctx, root);
  if (options.refresh) {
    ctx.log.progress('zypper refresh');
    const argv = refreshArgv(root, ctx.env);
    const result = await runLocked(tools, ctx, argv, {
      onStdoutLine: (line) => {
        if (line.trim() !== '') ctx.log.progress(line);
      },
    });
    if (result.exitCode !== 0) throw new ExternalCommandError(describeArgv(argv), `${describeExit(result.exitCode)}: ${lastMeaningfulLine(result.stderr)}`);
  }
  ctx.log.progress('reading the rpm database');
  const installed = await readInstalled(ctx, root);
  ctx.log.progress('zypper list-updates, list-patches');
  const updatesArgv = listUpdatesArgv(root, ctx.env);
  const updates = parseListUpdates(await query(tools, ctx, updatesArgv), describeArgv(updatesArgv));
  const patchesArgv = listPatchesArgv(root, ctx.env);
  const patches = parseListPatches(await query(tools, ctx, patchesArgv), describeArgv(patchesArgv));
  const patchPackages = await cachedPatchPackages(ctx, root);
  const names = namesToSearch(installed, updates, patchPackages);
  let solvables: ReturnType<typeof parseSearch> = [];
  if (names.length > 0) {
    ctx.log.progress(`zypper search: all versions of ${names.length} package${names.length === 1 ? '' : 's'}`);
    const searchArgv = searchVersionsArgv(root, ctx.env);
    const wanted = new Set(names);
    solvables = parseSearch(await query(tools, ctx, searchArgv, true), describeArgv(searchArgv)).filter((s) => wanted.has(s.name));
  }
  const assembled = assemble({installed, updates, solvables, patches, patchPackages});
  // Visible, not debug: such a patch's versions get no classification, so no rule can approve them.
  if (assembled.unmapped.length > 0) {
    const shown = assembled.unmapped.slice(0, 3).join(', ');
    const more = assembled.unmapped.length > 3 ? ` and ${assembled.unmapped.length - 3} more` : '';
    ctx.log.progress(`warning: no cached updateinfo lists the packages of zypper patch ${shown}${more} (run \`zypper refresh -f\`); their versions are planned as in no patch`);
  }
  const rebootPending = await rebootRequired(tools, ctx);
  return {
    schemaVersion: 1,
    node: {...node, manager: 'zypper', root, rebootPending},
    packages: assembled.packages,
    advisories: assembled.advisories,
  };
}

/** `zypper needs-rebooting`: 102 = reboot needed, 0 = none (labs §4); anything else is no answer. */
export async function rebootRequired(tools: ZypperTools, ctx: AdapterContext): Promise<boolean> {
  const argv = needsRebootingArgv(normalizeRoot(ctx.root), ctx.env);
  const result = await runLocked(tools, ctx, argv);
  if (result.exitCode === ZYPPER_EXIT.INF_REBOOT_NEEDED) return true;
  if (result.exitCode === 0) return false;
  throw new ExternalCommandError(describeArgv(argv), `${describeExit(result.exitCode)}: ${lastMeaningfulLine(result.stderr) || lastMeaningfulLine(result.stdout)}`);
}
