import {InputError} from '../../errors.js';
import type {PlannedInstall} from '../../core/install.js';
import type {Argv} from '../../system/runner.js';
import {compareEvr} from '../../versions/rpm.js';
import type {AdapterContext, CommandRun, InstallContext, InstallRun, Recovery, RecoveryRequest} from '../adapter.js';
import {repairDuplicates} from '../rpm-common/interrupted.js';
import {followRpmInstall} from '../rpm-common/progress.js';
import {buildInstallArgv} from './argv.js';
import {readInstalled, runLocked, waitForRpm, type DnfTools} from './commands.js';
import {parseDnfProgressLine} from './parse-dnf-progress.js';
import {readDnfTarget} from './target.js';

/**
 * Installs are one `dnf -y --best install NEVRA…` transaction after refusing anything not newer
 * than installed (dnf would downgrade silently, labs.md §2.5). apply reads the database back.
 */

export async function dnfInstallArgv(tools: DnfTools, items: readonly PlannedInstall[], ctx: InstallContext): Promise<Argv[]> {
  if (items.length === 0) return [];
  return [buildInstallArgv(items, await readDnfTarget(tools.dialect, ctx))];
}

export async function installDnf(tools: DnfTools, items: readonly PlannedInstall[], ctx: AdapterContext): Promise<InstallRun> {
  if (items.length === 0) return {commands: []};
  const target = await readDnfTarget(tools.dialect, ctx);
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
  const commands: CommandRun[] = [];
  if (ctx.interrupts?.stop.aborted) return {commands};
  await runLocked(tools, ctx, argv, commands, {onStdoutLine: followRpmInstall(items, ctx.log, parseDnfProgressLine), installer: true});
  // A non-zero exit is data: apply/execute.ts reads the installed versions back and quotes dnf.
  return {commands};
}

export async function recoverDnf(tools: DnfTools, ctx: AdapterContext, request: RecoveryRequest): Promise<Recovery> {
  const target = await readDnfTarget(tools.dialect, ctx);
  await waitForRpm(tools, ctx, target.root);
  return repairDuplicates(ctx, target.root, request, () => readInstalled(ctx, target), compareEvr);
}
