import {ManagerUnavailableError} from '../../errors.js';
import type {Argv, CommandRunner} from '../../system/runner.js';
import type {KernelLivePatching} from '../../inventory/schema.js';
import {rpmEnv} from '../rpm-common/index.js';

/**
 * Kernel live patching status of a running Amazon Linux 2 node (spec §6.7), asked the way AWS's
 * payload asks it (`patch_common/livepatch_utils.py`):
 *   - plugin: `yum list installed kernel-livepatch-*` succeeds, i.e. some installed package's name
 *     starts with `kernel-livepatch-` — taken from the rpm database already read, no command;
 *   - `systemctl is-enabled kpatch.service` exits 0;
 *   - running kernel: `uname -r` without the arch; build time: the date at the end of `uname -v`
 *     (`#1 SMP Sun Feb 9 00:21:30 UTC 2020`; the payload reads year, month and day from its last
 *     five words).
 * Only for the running system (root `/`): a mounted root has no running kernel.
 */

export function kpatchEnabledArgv(env: Readonly<Record<string, string | undefined>>): Argv {
  return {file: '/usr/bin/systemctl', args: ['is-enabled', 'kpatch.service'], env: rpmEnv(env)};
}

export function unameArgv(env: Readonly<Record<string, string | undefined>>): Argv {
  return {file: '/usr/bin/uname', args: ['-r', '-v'], env: rpmEnv(env)};
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `uname -r -v` output → running kernel (arch removed) and build time (UTC ISO), or null. */
export function parseUname(stdout: string): {runningKernel: string; buildTime: string | null} | null {
  const line = stdout.trim().split('\n')[0]?.trim() ?? '';
  const [release, ...rest] = line.split(/\s+/);
  if (release === undefined || release === '') return null;
  const runningKernel = release.replace(/\.(x86_64|aarch64|i686|noarch)$/, '');
  const m = /(\w{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+\S+\s+(\d{4})$/.exec(rest.join(' '));
  if (m === null) return {runningKernel, buildTime: null};
  const month = MONTHS.indexOf(m[1] ?? '');
  if (month < 0) return {runningKernel, buildTime: null};
  const time = Date.UTC(Number(m[6]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
  return {runningKernel, buildTime: new Date(time).toISOString()};
}

/** null when the status cannot be read (no systemctl/uname): the inventory then omits it. */
export async function readKernelLivePatching(
  runner: CommandRunner,
  installedNames: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  signal?: AbortSignal,
): Promise<KernelLivePatching | null> {
  const options = signal ? {signal} : {};
  try {
    const uname = await runner.run(unameArgv(env), options);
    const parsed = uname.exitCode === 0 ? parseUname(uname.stdout) : null;
    if (parsed === null) return null;
    const service = await runner.run(kpatchEnabledArgv(env), options);
    return {
      pluginInstalled: installedNames.some((n) => n.startsWith('kernel-livepatch-')),
      serviceEnabled: service.exitCode === 0,
      runningKernel: parsed.runningKernel,
      ...(parsed.buildTime === null ? {} : {runningKernelBuildTime: parsed.buildTime}),
    };
  } catch (error) {
    if (error instanceof ManagerUnavailableError) return null;
    throw error;
  }
}
