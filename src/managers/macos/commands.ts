import {ExternalCommandError, ManagerUnavailableError} from '../../errors.js';
import {describeArgv, type Argv, type RunResult} from '../../system/runner.js';
import type {AdapterContext} from '../adapter.js';
import {brewInfoInstalledArgv, brewOutdatedArgv, listUpdatesArgv, ownerArgv, type BrewRunAs} from './argv.js';
import {parseBrewInfo, parseBrewOutdated, type BrewInstalled, type BrewLists, type BrewOutdated} from './parse-brew.js';
import {parseSoftwareUpdateList, type UpdateItem} from './parse-softwareupdate.js';
import {BREW_PREFIXES, brewBinary, under} from './paths.js';

/**
 * What the macOS adapter reads from commands, for collect, install and the read-back alike.
 * `Facts` is what they need of the context (an InstallContext is one): every command runs
 * through its runner.
 */
export type Facts = Pick<AdapterContext, 'runner' | 'files' | 'root' | 'userId'> & Partial<Pick<AdapterContext, 'log' | 'signal'>>;

export async function run(ctx: Facts, argv: Argv): Promise<RunResult> {
  ctx.log?.debug(`running ${describeArgv(argv)}`);
  return ctx.runner.run(argv, ctx.signal ? {signal: ctx.signal} : {});
}

/** The last line worth showing of a tool's output. */
export function lastLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines[lines.length - 1] ?? '';
}

/** Runs a query that must exit 0: its stdout, or one line naming the command and what it said. */
export async function output(ctx: Facts, argv: Argv): Promise<string> {
  const result = await run(ctx, argv);
  if (result.exitCode !== 0) {
    const said = lastLine(result.stderr) || lastLine(result.stdout);
    throw new ExternalCommandError(describeArgv(argv), `exited ${result.exitCode}${said === '' ? '' : `: ${said}`}`);
  }
  return result.stdout;
}

export async function listUpdates(ctx: Facts): Promise<UpdateItem[]> {
  const argv = listUpdatesArgv();
  return parseSoftwareUpdateList(await output(ctx, argv), describeArgv(argv));
}

/**
 * Where Homebrew is and who runs it: none installed → null (no brew packages, not an error).
 * Homebrew refuses to run as root, so as root it runs as the owner of its prefix (stat(1)).
 */
export async function locateBrew(ctx: Facts): Promise<BrewRunAs | null> {
  let prefix: string | undefined;
  for (const candidate of BREW_PREFIXES) {
    if (await ctx.files.exists(under(ctx.root, brewBinary(candidate)))) {
      prefix = candidate;
      break;
    }
  }
  if (prefix === undefined) return null;
  if (ctx.userId !== 0) return {prefix, user: null};
  const owner = (await output(ctx, ownerArgv(prefix))).trim();
  if (owner === '' || owner === 'root') {
    throw new ManagerUnavailableError(prefix, `is owned by ${owner === '' ? 'nobody stat(1) could name' : 'root'}, and brew refuses to run as root: give the prefix to the user who installed Homebrew`);
  }
  return {prefix, user: owner};
}

export async function brewInstalled(ctx: Facts, runAs: BrewRunAs): Promise<BrewLists<BrewInstalled>> {
  const argv = brewInfoInstalledArgv(runAs);
  return parseBrewInfo(await output(ctx, argv), describeArgv(argv));
}

export async function brewOutdated(ctx: Facts, runAs: BrewRunAs): Promise<BrewLists<BrewOutdated>> {
  const argv = brewOutdatedArgv(runAs);
  return parseBrewOutdated(await output(ctx, argv), describeArgv(argv));
}
