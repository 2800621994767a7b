import type {PlannedInstall} from '../../core/install.js';
import type {Argv} from '../../system/runner.js';
import type {AdapterContext, CommandRun, InstallContext, InstallRun, Recovery, RecoveryRequest} from '../adapter.js';
import {createInstallTracker} from '../install-progress.js';
import {adminDir, buildInstallArgv, configurePendingCommand} from './argv.js';
import {aptTarget, prepare, runLocked, waitForDpkg, type AptTools, type LineHandlers} from './commands.js';
import {describeState, interruptedError, journalEntries, readDpkgState, reinstallItems, repairCommand, repairDpkg} from './dpkg-state.js';
import {isDpkgInterrupted, parseScriptFailures} from './exit-codes.js';
import {parseStatusFdLine} from './parse-status-fd.js';

/**
 * An install is one `apt-get install` of the exact versions (argv.ts), after a dpkg-state
 * check, retried while another process holds the dpkg lock.
 */

export async function aptInstallArgv(tools: AptTools, items: readonly PlannedInstall[], ctx: InstallContext): Promise<Argv[]> {
  if (items.length === 0) return [];
  return [buildInstallArgv(items, await aptTarget(tools, ctx))];
}

export async function installApt(tools: AptTools, items: readonly PlannedInstall[], ctx: AdapterContext): Promise<InstallRun> {
  if (items.length === 0) return {commands: []};
  const target = await aptTarget(tools, ctx);
  // Validates every name and version before anything runs.
  const argv = buildInstallArgv(items, target);
  // Only apt-get's runs go into the result: apply quotes their output when a package
  // misses its target, and the read-only checks before them would only add noise.
  const commands: CommandRun[] = [];
  await prepare(tools, ctx, target);
  await waitForDpkg(tools, ctx, target);
  // apply repairs first (recover); this is the last guard, and dpkg's journal needs no query.
  const journal = await journalEntries(ctx, target);
  const state = journal > 0 ? {journal, broken: []} : await readDpkgState(ctx, target);
  if (state.journal > 0 || state.broken.length > 0) {
    throw interruptedError(target, describeState(state, adminDir(target.root)), repairCommand(target, reinstallItems(state.broken, items)));
  }
  if (ctx.interrupts?.stop.aborted) return {commands};
  const result = await runLocked(tools, ctx, argv, commands, installLines(ctx, items));
  if (result.exitCode !== 0 && isDpkgInterrupted(result.stderr)) {
    throw interruptedError(target, 'apt-get found an unfinished dpkg run', configurePendingCommand(target));
  }
  // Any other failure is data: apply/execute.ts reads the installed versions back.
  return {commands, scriptFailures: parseScriptFailures(`${result.stdout}\n${result.stderr}`)};
}

export async function recoverApt(tools: AptTools, ctx: AdapterContext, request: RecoveryRequest): Promise<Recovery> {
  const target = await aptTarget(tools, ctx);
  await prepare(tools, ctx, target);
  await waitForDpkg(tools, ctx, target);
  return repairDpkg(tools, ctx, target, request);
}

/**
 * An install reports structured progress from apt's status fd; its stdout (which says the
 * same in words, and is kept whole in the install result) goes to the debug log.
 */
function installLines(ctx: AdapterContext, items: readonly PlannedInstall[]): LineHandlers {
  const tracker = createInstallTracker(items, (event) => ctx.log.installProgress?.(event));
  return {
    onStdoutLine: (line) => {
      if (line.trim() !== '') ctx.log.debug(line);
    },
    onStatusLine: (line) => {
      const parsed = parseStatusFdLine(line);
      if (parsed?.kind === 'download') tracker.download(parsed.file, parsed.files, parsed.percent);
      else if (parsed?.kind === 'package') tracker.package(parsed.observation);
    },
  };
}
