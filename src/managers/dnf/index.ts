import path from 'node:path';

import {findLockHolder, type LockHolderFound} from '../../system/held-locks.js';
import type {PackageManagerAdapter} from '../adapter.js';
import {realLockClock} from '../lock-retry.js';
import {binaryFor, type DnfDialect} from './argv.js';
import {collectDnf, readInstalledNow} from './collect.js';
import type {DnfTools} from './commands.js';
import {dnfInstallArgv, installDnf, recoverDnf} from './install.js';
import {rebootRequired} from './reboot-required.js';
import {readDnfTarget} from './target.js';

export {dnfCacheDir} from './updateinfo-files.js';

/**
 * The dnf adapter and its yum dialect (Amazon Linux 2, RHEL/CentOS/Oracle 7): style.md §2.
 *   collect.ts            what the node has and is offered (read-only unless `refresh`)
 *   updateinfo-files.ts   advisories from the updateinfo.xml dnf/yum cached
 *   install.ts            one `dnf install NEVRA…` transaction, and recovery
 *   reboot-required.ts    needs-restarting, or core packages installed since boot
 *   target.ts             what every argv depends on (root, releasever, yum.conf), read each time
 *   commands.ts           running dnf/yum/rpm with lock waits
 *   argv.ts               every argv, pure
 */

export interface DnfAdapterOptions {
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly monotonicMs?: () => number;
  /**
   * An unpacked dnf-plugins-core for `needs-restarting` where the host has none (it Breaks
   * zypper on Debian, labs.md §0). Default: $PATCHPLAN_DNF_PLUGINS_CORE (the test lab sets
   * it to where scripts/install-test-deps.sh unpacks the plugin); nothing otherwise.
   */
  readonly pluginDir?: string | null;
  /** Who holds one of these lock files now (default: the kernel's /proc/locks, system/held-locks.ts). */
  readonly lockHolder?: (lockFiles: readonly string[]) => Promise<LockHolderFound | null>;
}

export function createDnfAdapter(dialect: DnfDialect, options: DnfAdapterOptions = {}): PackageManagerAdapter {
  const tools: DnfTools = {
    dialect,
    lockClock: {sleep: options.sleep ?? realLockClock.sleep, monotonicMs: options.monotonicMs ?? realLockClock.monotonicMs},
    lockHolder: options.lockHolder ?? ((files: readonly string[]) => findLockHolder(files, [])),
    pluginDir: options.pluginDir,
  };
  return {
    id: dialect,
    /**
     * Present, without starting them: dnf and yum are Python, and a start-up costs 0.2 s, a tenth
     * of a plan (docs/performance.md, row 2). One that is present but broken fails the first
     * query in its own words (exit 5).
     */
    async available(ctx) {
      const managers = dialect === 'dnf' ? [binaryFor('dnf')] : onPath(ctx.env.PATH, binaryFor('yum'));
      for (const file of managers) if (await ctx.files.exists(file)) return ctx.files.exists('/usr/bin/rpm');
      return false;
    },
    collect: (ctx, node, collectOptions) => collectDnf(tools, ctx, node, collectOptions),
    installArgv: (items, ctx) => dnfInstallArgv(tools, items, ctx),
    readInstalled: (ctx) => readInstalledNow(tools, ctx),
    install: (items, ctx) => installDnf(tools, items, ctx),
    recover: (ctx, request) => recoverDnf(tools, ctx, request),
    rebootRequired: async (ctx) => rebootRequired(tools, ctx, await readDnfTarget(dialect, ctx)),
  };
}

/** Where the runner would find a bare command name: each directory of PATH, in order. */
function onPath(pathVariable: string | undefined, name: string): string[] {
  return (pathVariable ?? '/usr/local/bin:/usr/bin:/bin').split(':').filter((dir) => dir !== '').map((dir) => path.join(dir, name));
}
