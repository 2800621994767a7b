import {InputError} from '../../errors.js';
import type {PlannedInstall} from '../../core/install.js';
import type {Argv} from '../../system/runner.js';
import {compareEvr} from '../../versions/rpm.js';
import type {AdapterContext, CommandRun, InstallContext, InstallRun, Recovery, RecoveryRequest} from '../adapter.js';
import {repairDuplicates} from '../rpm-common/interrupted.js';
import {followRpmInstall} from '../rpm-common/progress.js';
import {buildInstallArgv} from './argv.js';
import {readInstalled, readRpmDatabase, runLocked, waitForRpm, type ZypperTools} from './commands.js';
import {describeExit} from './exit-codes.js';
import {parseZypperProgressLine} from './parse-zypper-progress.js';
import {normalizeRoot} from './paths.js';

/**
 * Install is one `zypper install --no-recommends name=E:V-R …` transaction (argv.ts). Spec §6.1
 * step 7 has AWS `zypper addlock` rejected packages before it; patchplan does not change the
 * node's lock list behind the operator's back: the plan never lists a rejected version, and the
 * exact `name=version` specs keep zypper from choosing another one.
 */

/** The argv depends on the root and the environment only: nothing else of the node is read. */
export async function zypperInstallArgv(items: readonly PlannedInstall[], ctx: InstallContext): Promise<Argv[]> {
  if (items.length === 0) return [];
  return [buildInstallArgv(items, normalizeRoot(ctx.root), ctx.env)];
}

export async function installZypper(tools: ZypperTools, items: readonly PlannedInstall[], ctx: AdapterContext): Promise<InstallRun> {
  if (items.length === 0) return {commands: []};
  const root = normalizeRoot(ctx.root);
  // Validates every name and version before anything runs.
  const argv = buildInstallArgv(items, root, ctx.env);
  // A plan only upgrades: an item at or below the installed version would be a downgrade or a
  // no-op, which zypper would silently skip ("Nothing to do"); refuse before running anything.
  const current = await readInstalled(ctx, root);
  for (const item of items) {
    const same = current.filter((p) => p.name === item.name && (item.arch === '' || p.arch === item.arch || p.arch === 'noarch' || item.arch === 'noarch'));
    const notNewer = same.find((p) => compareEvr(item.version, p.version) <= 0);
    if (notNewer !== undefined) {
      throw new InputError(`${item.name}=${item.version}`, `is not newer than the installed ${notNewer.version}; patchplan never downgrades (no --oldpackage)`);
    }
  }
  const commands: CommandRun[] = [];
  if (ctx.interrupts?.stop.aborted) return {commands};
  const onStdoutLine = followRpmInstall(items, ctx.log, parseZypperProgressLine);
  const result = await runLocked(tools, ctx, argv, {onStdoutLine, commands, installer: true});
  ctx.log.debug(`zypper install: ${describeExit(result.exitCode)}`);
  // Any other outcome is data: apply reads the rpm database back and reports each package.
  return {commands};
}

/** A killed rpm transaction's duplicate versions (rpm-common), once no zypper or rpm holds the root. */
export async function recoverZypper(tools: ZypperTools, ctx: AdapterContext, request: RecoveryRequest): Promise<Recovery> {
  const root = normalizeRoot(ctx.root);
  await waitForRpm(tools, ctx, root);
  return repairDuplicates(ctx, root, request, () => readRpmDatabase(ctx, root), compareEvr);
}
