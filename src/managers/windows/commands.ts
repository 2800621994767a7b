import type {z} from 'zod';

import type {Argv, RunResult} from '../../system/runner.js';
import type {AdapterContext, InstalledNow} from '../adapter.js';
import {runInstaller} from '../installer-run.js';
import {scriptArgv, scriptInput, windowsArch, type ScriptRequest} from './argv.js';
import {groupByKb, installedVersionOf} from './build-inventory.js';
import {parseScriptResult, RebootSchema, ScanSchema, type ScanOutput} from './parse-output.js';

/**
 * Running the script (script.ts) in one mode: the fixed argv, the mode's JSON on stdin, and the
 * document it prints parsed with the mode's schema. Errors name the command with its mode
 * (`powershell.exe … (mode scan)`): the encoded script itself is not worth printing.
 */

export function describeRun(argv: Argv, request: ScriptRequest): string {
  return `${argv.file} (patchplan script, mode ${request.mode})`;
}

export interface ScriptRun<T> {
  readonly argv: Argv;
  readonly input: string;
  readonly result: RunResult;
  readonly output: T;
}

/** A read-only mode: cancelled by `ctx.signal` like any query. */
export async function runScript<T>(ctx: AdapterContext, request: ScriptRequest, schema: z.ZodType<T>): Promise<ScriptRun<T>> {
  const argv = scriptArgv(ctx.env);
  const input = scriptInput(request);
  ctx.log.debug(`running ${describeRun(argv, request)} with stdin ${input}`);
  const result = await ctx.runner.run(argv, {input, ...(ctx.signal ? {signal: ctx.signal} : {})});
  return {argv, input, result, output: parseScriptResult(schema, result, describeRun(argv, request))};
}

/** The install mode: run as the installer (own process group, stop/abort), result kept raw for the caller. */
export async function runInstallScript(ctx: AdapterContext, request: ScriptRequest & {mode: 'install'}): Promise<{argv: Argv; input: string; result: RunResult}> {
  const argv = scriptArgv(ctx.env);
  const input = scriptInput(request);
  ctx.log.debug(`running ${describeRun(argv, request)} with stdin ${input}`);
  // runInstaller gives no stdin; the install's own input is added here, the rest is the same.
  const result = await runInstaller({...ctx, runner: withInput(ctx, input)}, argv);
  return {argv, input, result};
}

function withInput(ctx: AdapterContext, input: string): AdapterContext['runner'] {
  return {run: (cmd, options) => ctx.runner.run(cmd, {...options, input})};
}

export async function scan(ctx: AdapterContext): Promise<ScanOutput> {
  return (await runScript(ctx, {mode: 'scan'}, ScanSchema)).output;
}

/** apply's read-back: the installed KBs from a scan, with the same rule as collect (build-inventory.ts). */
export async function readInstalledNow(ctx: AdapterContext): Promise<InstalledNow[]> {
  const arch = windowsArch(ctx.env);
  const {byKb} = groupByKb((await scan(ctx)).updates);
  const installed: InstalledNow[] = [];
  for (const [name, records] of byKb) {
    const version = installedVersionOf(records);
    if (version !== null) installed.push({name, arch, installedVersion: version});
  }
  return installed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export async function rebootRequired(ctx: AdapterContext): Promise<boolean> {
  return (await runScript(ctx, {mode: 'rebootRequired'}, RebootSchema)).output.rebootRequired;
}

