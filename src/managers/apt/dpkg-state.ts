import path from 'node:path';

import {ExternalCommandError} from '../../errors.js';
import type {PlannedInstall} from '../../core/install.js';
import type {AdapterContext, CommandRun, Recovery, RecoveryRequest} from '../adapter.js';
import {runInstaller} from '../installer-run.js';
import {adminDir, buildInstallArgv, configurePendingArgv, configurePendingCommand, dpkgQueryArgv, reinstallCommand, type AptTarget} from './argv.js';
import {query, runLocked, type AptTools} from './commands.js';
import {parseScriptFailures} from './exit-codes.js';
import {INTERRUPTED_STATES, parseDpkgQuery, type InstalledPackage} from './parse-dpkg-query.js';

/**
 * What an interrupted dpkg run leaves (its journal, packages not in a final state), how it is
 * described to a person, and the repair apply runs before anything decides (`recover`).
 */

export interface DpkgState {
  readonly journal: number;
  readonly broken: readonly InstalledPackage[];
}

/** What an interrupted dpkg run left: its journal entries and the packages not in a final state. */
export async function readDpkgState(ctx: AdapterContext, target: AptTarget): Promise<DpkgState> {
  const journal = await journalEntries(ctx, target);
  const broken = parseDpkgQuery(await query(ctx, dpkgQueryArgv(target))).filter((p) => INTERRUPTED_STATES.has(p.state) || p.eflag === 'reinstreq');
  return {journal, broken};
}

export async function journalEntries(ctx: AdapterContext, target: AptTarget): Promise<number> {
  return (await ctx.files.list(path.join(adminDir(target.root), 'updates'))).filter((f) => /^\d+$/.test(f)).length;
}

export function describeState(state: DpkgState, adminPath: string): string {
  const parts: string[] = [];
  if (state.journal > 0) parts.push(`${state.journal} unapplied entr${state.journal === 1 ? 'y' : 'ies'} in ${adminPath}/updates`);
  const named = state.broken.slice(0, 3).map((p) => `${p.name}:${p.arch} is ${needsReinstall(p) ? 'half-installed (reinstall required)' : p.state}`);
  if (named.length > 0) parts.push(`${named.join(', ')}${state.broken.length > 3 ? ` and ${state.broken.length - 3} more` : ''}`);
  return parts.join('; ');
}

/** dpkg cannot configure these: their files are not all there; only unpacking a version again helps. */
function needsReinstall(p: InstalledPackage): boolean {
  return p.eflag === 'reinstreq' || p.state === 'half-installed';
}

/** The exact version to unpack again: the planned one when the plan installs it, else the one dpkg knows. */
export function reinstallItems(broken: readonly InstalledPackage[], planned: readonly PlannedInstall[]): PlannedInstall[] {
  return broken.filter(needsReinstall).map((p) => {
    const plannedOne = planned.find((i) => i.name === p.name && (i.arch === p.arch || i.arch === '' || p.arch === 'all'));
    return {name: p.name, arch: p.arch, version: plannedOne?.version ?? p.version};
  });
}

/** The one line a person runs to repair by hand. */
export function repairCommand(target: AptTarget, reinstall: readonly PlannedInstall[]): string {
  const configure = configurePendingCommand(target);
  return reinstall.length === 0 ? configure : `${reinstallCommand(reinstall, target)} && ${configure}`;
}

export function interruptedError(target: AptTarget, detail: string, command: string): ExternalCommandError {
  return new ExternalCommandError(adminDir(target.root), `dpkg was interrupted (${detail}); finish it with \`${command}\`, then run patchplan again`);
}

/**
 * dpkg --configure -a, then a reinstall of what dpkg cannot configure, then read again. A
 * package whose maintainer script fails in the repair is named as the cause.
 */
export async function repairDpkg(tools: AptTools, ctx: AdapterContext, target: AptTarget, request: RecoveryRequest): Promise<Recovery> {
  const commands: CommandRun[] = [];
  let state = await readDpkgState(ctx, target);
  if (state.journal === 0 && state.broken.length === 0) return {commands};
  const reinstall = reinstallItems(state.broken, request.planned);
  if (!request.repair) {
    throw new ExternalCommandError(
      adminDir(target.root),
      `dpkg was interrupted (${describeState(state, adminDir(target.root))}); repair it with \`${repairCommand(target, reinstall)}\`, then run patchplan again (apply without --no-repair repairs it by itself)`,
    );
  }
  ctx.log.progress(`repairing an interrupted dpkg run: ${describeState(state, adminDir(target.root))}`);
  const configure = configurePendingArgv(target);
  commands.push({argv: configure, result: await runInstaller(ctx, configure)});
  state = await readDpkgState(ctx, target);
  const again = reinstallItems(state.broken, request.planned);
  if (again.length > 0) {
    const argv = buildInstallArgv(again, target, 'reinstall');
    await runLocked(tools, ctx, argv, commands, {onStdoutLine: (line) => ctx.log.debug(line)});
    state = await readDpkgState(ctx, target);
  }
  if (state.journal === 0 && state.broken.length === 0) return {commands};
  const failing = commands.flatMap((c) => parseScriptFailures(`${c.result.stdout}\n${c.result.stderr}`));
  const cause = failing.find((f) => state.broken.some((p) => p.name === f.name));
  if (cause) {
    throw new ExternalCommandError(
      adminDir(target.root),
      `${cause.name} cannot be configured: its maintainer script fails (${cause.line}); fix the script's cause, then run \`${configurePendingCommand(target)}\` and patchplan again`,
    );
  }
  throw interruptedError(target, describeState(state, adminDir(target.root)), repairCommand(target, reinstallItems(state.broken, request.planned)));
}
