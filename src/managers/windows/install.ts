import type {PlannedInstall} from '../../core/install.js';
import type {Argv, RunResult} from '../../system/runner.js';
import type {AdapterContext, InstallContext, InstallRun} from '../adapter.js';
import {parseRevisionVersion, revisionVersion, scriptArgv, type UpdateIdentity} from './argv.js';
import {describeRun, runInstallScript} from './commands.js';
import {hex, InstallSchema, parseScriptResult, type InstallOutput} from './parse-output.js';

/**
 * Install: one run of the script's install mode with exactly the plan's update revisions
 * (`{"mode":"install","updates":[{"updateId","revision"}]}` on stdin): WUA searches them by
 * UpdateID and RevisionNumber, downloads and installs them, and never reboots. The per-update
 * IUpdateInstallationResult (ResultCode, HResult) is rewritten as one line per KB in the run's
 * output, which apply shows for a package the read-back finds short of its target; the read-back
 * (readInstalled), not the result codes, decides.
 */

/** OperationResultCode (wuapi.h). */
const RESULT_CODES = ['NotStarted', 'InProgress', 'Succeeded', 'SucceededWithErrors', 'Failed', 'Aborted'];

function identities(items: readonly PlannedInstall[]): UpdateIdentity[] {
  const seen = new Set<string>();
  const out: UpdateIdentity[] = [];
  for (const item of items) {
    const identity = parseRevisionVersion(item.name, item.version);
    const key = revisionVersion(identity);
    if (!seen.has(key)) out.push(identity);
    seen.add(key);
  }
  return out;
}

/** The argv depends on the environment only (SystemRoot); the update ids travel on stdin. */
export async function windowsInstallArgv(items: readonly PlannedInstall[], ctx: InstallContext): Promise<Argv[]> {
  if (items.length === 0) return [];
  identities(items);
  return [scriptArgv(ctx.env)];
}

export async function installWindows(items: readonly PlannedInstall[], ctx: AdapterContext): Promise<InstallRun> {
  if (items.length === 0) return {commands: []};
  const updates = identities(items);
  if (ctx.interrupts?.stop.aborted) return {commands: []};
  ctx.log.progress(`Windows Update: downloading and installing ${updates.length} update${updates.length === 1 ? '' : 's'}`);
  const {argv, result} = await runInstallScript(ctx, {mode: 'install', updates});
  ctx.log.debug(`install output: ${result.stdout}`);
  return {commands: [{argv, result: describedResult(items, result, argv)}]};
}

/** The run as apply reads it: stdout one line per planned KB, stderr the script's error line. */
function describedResult(items: readonly PlannedInstall[], result: RunResult, argv: Argv): RunResult {
  let output: InstallOutput;
  try {
    output = parseScriptResult(InstallSchema, result, describeRun(argv, {mode: 'install', updates: []}));
  } catch (error) {
    // Never thrown after the installer ran: the read-back still decides each package.
    const line = error instanceof Error && 'line' in error && typeof error.line === 'function' ? String(error.line()) : String(error);
    return {...result, stdout: '', stderr: `Error: ${line}\n`};
  }
  const lines = items.map((item) => resultLine(item, output));
  if (output.rebootRequired) lines.push('Windows Update: a reboot is required to finish the installation');
  return {...result, stdout: `${lines.join('\n')}\n`};
}

function resultLine(item: PlannedInstall, output: InstallOutput): string {
  const {updateId, revision} = parseRevisionVersion(item.name, item.version);
  const r = output.results.find((x) => x.updateId.toLowerCase() === updateId && x.revision === revision);
  const what = `${item.name} (update ${updateId} revision ${revision})`;
  if (r === undefined) return `error: ${what}: not found by Windows Update (no longer offered, superseded or hidden)`;
  if (r.outcome === 'alreadyInstalled') return `${what}: already installed`;
  const code = r.resultCode ?? -1;
  const name = RESULT_CODES[code] ?? `ResultCode ${code}`;
  const hr = r.hResult === null || r.hResult === 0 ? '' : `, HRESULT ${hex(r.hResult)}`;
  return code === 2 || code === 3 ? `${what}: ${name}${hr}` : `error: ${what}: ${name}${hr}`;
}
