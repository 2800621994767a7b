import {ManagerUnavailableError} from '../../errors.js';
import type {AdapterContext} from '../adapter.js';
import {needsRestartingArgv, yumUtilsNeedsRestartingArgv, type DnfTarget} from './argv.js';
import {readInstalled, run, type DnfTools} from './commands.js';
import {firstDnfError} from './lock.js';
import {coreInstalledSinceBoot, parseBootTime, parseNeedsRestarting} from './reboot.js';

/**
 * Whether the node needs a reboot now: `needs-restarting -r` (yum 3 on AL2 ships it as its own
 * program, which reads only the running system; elsewhere the dnf plugin serves both dialects),
 * else, on `/` only, core packages installed since boot.
 */
export async function rebootRequired(tools: DnfTools, ctx: AdapterContext, target: DnfTarget): Promise<boolean> {
  const pluginDir = tools.pluginDir === undefined ? (ctx.env.PATCHPLAN_DNF_PLUGINS_CORE ?? null) : tools.pluginDir;
  const useYumUtils = tools.dialect === 'yum' && target.root === '/' && (await ctx.files.exists('/usr/bin/needs-restarting'));
  const argv = useYumUtils ? yumUtilsNeedsRestartingArgv(ctx.env) : needsRestartingArgv({...target, dialect: 'dnf'}, pluginDir);
  try {
    const result = await run(ctx, argv);
    const answer = parseNeedsRestarting(result.exitCode, result.stdout);
    if (answer !== null) return answer;
    ctx.log.debug(`needs-restarting gave no answer (exit ${result.exitCode}: ${firstDnfError(result.stderr, result.stdout)})`);
  } catch (error) {
    if (!(error instanceof ManagerUnavailableError)) throw error;
    ctx.log.debug(`needs-restarting could not run: ${error.message}`);
  }
  if (target.root !== '/') {
    // The host's boot time says nothing about a root that was never booted.
    ctx.log.debug(`no needs-restarting for ${target.root}: reporting no reboot required`);
    return false;
  }
  const boot = parseBootTime((await ctx.files.readText('/proc/stat')) ?? '');
  if (boot === null) return false;
  const names = coreInstalledSinceBoot(await readInstalled(ctx, target), boot);
  if (names.length > 0) ctx.log.debug(`installed since boot: ${names.join(', ')}`);
  return names.length > 0;
}
