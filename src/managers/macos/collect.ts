import type {NodeInfo} from '../../inventory/schema.js';
import type {AdapterContext, CollectedNode, CollectOptions} from '../adapter.js';
import {brewUpdateArgv} from './argv.js';
import {buildPackages} from './build-inventory.js';
import {brewOutdated, listUpdates, locateBrew, output} from './commands.js';
import {readInstallHistory, readNodeState, readSystemVersion, stagedOsUpdate, type NodeState} from './installed.js';

/**
 * Collection, read-only but for `brew update` under refresh, in this order:
 *   [stat -f %Su PREFIX]                                   as root: who runs brew (when PREFIX/bin/brew exists)
 *   SystemVersion.plist, InstallHistory.plist, pkgutil --pkgs [--pkg-info]   installed products
 *   brew info --json=v2 --installed                        installed formulae and casks
 *   [brew update]                                          only with refresh
 *   softwareupdate --list --include-config-data            offered updates (always a catalog scan)
 *   brew outdated --json=v2                                what `brew upgrade` would install
 */
export async function collectMacos(ctx: AdapterContext, node: NodeInfo, options: CollectOptions): Promise<CollectedNode> {
  const brew = await locateBrew(ctx);
  ctx.log.progress('reading SystemVersion.plist, InstallHistory.plist, pkgutil receipts');
  const state = await readNodeState(ctx, brew);
  if (options.refresh && brew !== null) {
    ctx.log.progress('brew update');
    await output(ctx, brewUpdateArgv(brew));
  }
  ctx.log.progress('softwareupdate --list');
  const updates = await listUpdates(ctx);
  const outdated = brew === null ? {formulae: [], casks: []} : await brewOutdated(ctx, brew);
  return {
    schemaVersion: 1,
    node: {...node, manager: 'macos', root: ctx.root, rebootPending: rebootPendingOf(state)},
    packages: buildPackages(state, updates, outdated, ctx.log),
    advisories: [],
  };
}

export function rebootPendingOf(state: Pick<NodeState, 'system' | 'history'>): boolean {
  return stagedOsUpdate(state.system, state.history) !== null;
}

/** apply's question after installing: the two files the rule reads, nothing else. */
export async function rebootRequired(ctx: AdapterContext): Promise<boolean> {
  return rebootPendingOf({system: await readSystemVersion(ctx), history: await readInstallHistory(ctx)});
}
