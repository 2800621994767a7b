import type {NodeInfo, UpdateSource} from '../../inventory/schema.js';
import type {AdapterContext, CollectedNode, CollectOptions, NodeIdentity} from '../adapter.js';
import {windowsArch} from './argv.js';
import {buildPackages} from './build-inventory.js';
import {runScript, scan} from './commands.js';
import {toIdentity} from './identify.js';
import {IdentifySchema} from './parse-output.js';

/**
 * Identification and collection, both read-only:
 *   script mode identify   Win32_OperatingSystem, MachineGuid          → NodeIdentity
 *   script mode scan       IUpdateSearcher.Search('IsInstalled=0 and IsHidden=0 or IsInstalled=1'),
 *                          Microsoft.Update.SystemInfo.RebootRequired, the WSUS policy values
 * WUA searches its update service every time, so `refresh` changes nothing here.
 */

export async function identifyWindows(ctx: AdapterContext): Promise<NodeIdentity> {
  return toIdentity((await runScript(ctx, {mode: 'identify'}, IdentifySchema)).output);
}

export async function collectWindows(ctx: AdapterContext, node: NodeInfo, options: CollectOptions): Promise<CollectedNode> {
  if (options.refresh) ctx.log.debug('--refresh: Windows Update searches its update service on every scan; nothing else to refresh');
  ctx.log.progress('Windows Update: searching for needed and installed updates');
  const scanned = await scan(ctx);
  const {server, useWUServer} = scanned.wsus;
  // The Windows Update Agent follows Group Policy: with a WSUS server, this node is offered only
  // what that server approved, and the plan says so in its node info.
  const updateSource: UpdateSource = useWUServer && server !== null && server !== '' ? {kind: 'wsus', server} : {kind: 'microsoft-update'};
  if (updateSource.kind === 'wsus') {
    ctx.log.progress(`Windows Update uses the WSUS server ${server} (Group Policy UseWUServer=1): only updates it approved are offered`);
  }
  const {packages, withoutKb} = buildPackages(scanned.updates, windowsArch(ctx.env));
  for (const u of withoutKb) {
    ctx.log.debug(`left out: update ${u.updateId} revision ${u.revision} has no KB number (${u.title}); baselines name updates by KB`);
  }
  return {
    schemaVersion: 1,
    node: {...node, manager: 'windows', rebootPending: scanned.rebootRequired, updateSource},
    packages,
    advisories: [],
  };
}
