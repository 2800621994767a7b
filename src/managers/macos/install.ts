import {PlanRefusedError} from '../../errors.js';
import type {PlannedInstall} from '../../core/install.js';
import type {Argv} from '../../system/runner.js';
import type {AdapterContext, CommandRun, InstallRun} from '../adapter.js';
import {runInstaller} from '../installer-run.js';
import {installUpdatesArgv, upgradeCasksArgv, upgradeFormulaeArgv} from './argv.js';
import {brewInstalled, brewOutdated, listUpdates, locateBrew, type Facts} from './commands.js';
import {readSystemVersion} from './installed.js';
import {caskPackageName, updatePackageName} from './names.js';
import {versionOf} from './parse-softwareupdate.js';

/**
 * Install: what each planned item is (a softwareupdate label, a formula, a cask) is read from
 * the node again, as installArgv reads it, and every item is checked before anything runs:
 * softwareupdate and `brew upgrade` install only the version they offer now, so a plan whose
 * version is no longer the offered one is refused (exit 3) rather than installing another.
 * Then, in this order: brew upgrade --formula, brew upgrade --cask, softwareupdate --install
 * (the one that may need a restart last).
 */
export async function macosInstallArgv(items: readonly PlannedInstall[], ctx: Facts): Promise<Argv[]> {
  if (items.length === 0) return [];
  const brew = await locateBrew(ctx);
  const system = await readSystemVersion(ctx);
  const updates = await listUpdates(ctx);
  const outdated = brew === null ? {formulae: [], casks: []} : await brewOutdated(ctx, brew);
  // Only to name casks as collect did (`token (cask)` beside a formula of the same name).
  const formulaNames = brew === null || outdated.casks.length === 0 ? new Set<string>() : new Set((await brewInstalled(ctx, brew)).formulae.map((f) => f.name));

  const labels: string[] = [];
  const formulae: string[] = [];
  const casks: string[] = [];
  const refusals: string[] = [];
  for (const item of items) {
    const offered = updates.flatMap((u) => {
      const version = versionOf(u);
      return version !== null && updatePackageName(u, version, system) === item.name ? [{label: u.label, version}] : [];
    });
    const formula = outdated.formulae.find((o) => o.name === item.name);
    const cask = outdated.casks.find((o) => caskPackageName(o.name, formulaNames) === item.name);
    const exact = offered.find((o) => o.version === item.version);
    if (exact !== undefined) labels.push(exact.label);
    else if (formula !== undefined && formula.currentVersion === item.version && !formula.pinned) formulae.push(formula.name);
    else if (cask !== undefined && cask.currentVersion === item.version) casks.push(cask.name);
    else refusals.push(refusal(item, offered.map((o) => o.version), formula ?? cask));
  }
  if (refusals.length > 0) throw new PlanRefusedError('apply', refusals);
  // In the order the tools listed them, whatever the plan's order: the same node, the same argv.
  inListOrder(labels, updates.map((u) => u.label));
  inListOrder(formulae, outdated.formulae.map((o) => o.name));
  inListOrder(casks, outdated.casks.map((o) => o.name));
  const argvs: Argv[] = [];
  if (brew !== null && formulae.length > 0) argvs.push(upgradeFormulaeArgv(brew, formulae));
  if (brew !== null && casks.length > 0) argvs.push(upgradeCasksArgv(brew, casks));
  if (labels.length > 0) argvs.push(installUpdatesArgv(labels));
  return argvs;
}

function inListOrder(names: string[], listed: readonly string[]): void {
  names.sort((a, b) => listed.indexOf(a) - listed.indexOf(b));
}

function refusal(item: PlannedInstall, updateVersions: readonly string[], brew: {currentVersion: string; pinned: boolean} | undefined): string {
  const planned = `${item.name} ${item.version}`;
  if (brew?.pinned === true) return `${planned}: the formula is pinned in Homebrew (brew pin), so brew upgrade would not install it`;
  if (brew !== undefined) return `${planned}: brew upgrade installs only Homebrew's current version, now ${brew.currentVersion}; make a new plan`;
  if (updateVersions.length > 0) return `${planned}: softwareupdate now offers ${updateVersions.join(', ')} instead; make a new plan`;
  return `${planned}: neither softwareupdate nor Homebrew offers it now; make a new plan`;
}

/** Runs the commands in order, each as an installer (its own process group); their outcome is read back by apply. */
export async function installMacos(items: readonly PlannedInstall[], ctx: AdapterContext): Promise<InstallRun> {
  const argvs = await macosInstallArgv(items, ctx);
  const commands: CommandRun[] = [];
  for (const argv of argvs) {
    if (ctx.interrupts?.stop.aborted) break;
    const result = await runInstaller(ctx, argv, {onStdoutLine: (line) => ctx.log.debug(line)});
    commands.push({argv, result});
    if (result.exitCode !== 0) ctx.log.debug(`${argv.file} exited ${result.exitCode}`);
  }
  return {commands};
}
