import {findLockHolder, type LockHolderFound} from '../../system/held-locks.js';
import type {PackageManagerAdapter} from '../adapter.js';
import {realLockClock} from '../lock-retry.js';
import {ZYPPER} from './argv.js';
import {collectZypper, rebootRequired} from './collect.js';
import {readInstalledNow, type ZypperTools} from './commands.js';
import {installZypper, recoverZypper, zypperInstallArgv} from './install.js';

/**
 * The zypper adapter: SLES (style.md §2). One file per concern:
 *   collect.ts      what the node has and is offered (read-only unless `refresh`), needs-rebooting
 *   patches.ts      patch → exact versions, from the cached updateinfo
 *   install.ts      one `zypper install` of the exact versions, and recovery
 *   commands.ts     running zypper and rpm in a root, with lock waits
 *   paths.ts        the root and the files zypper keeps in it
 *   argv.ts         every argv, pure
 */

export {lockFiles, normalizeRoot} from './paths.js';

export interface ZypperAdapterOptions {
  /** Waits between lock retries (tests pass a fake that advances `monotonicMs`). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Milliseconds from a monotonic clock, for the lock deadline. */
  readonly monotonicMs?: () => number;
  /** Who holds one of these lock files (fcntl) or pid files now (default: /proc, system/held-locks.ts). */
  readonly lockHolder?: (lockFiles: readonly string[], pidFiles: readonly string[]) => Promise<LockHolderFound | null>;
}

export function createZypperAdapter(options: ZypperAdapterOptions = {}): PackageManagerAdapter {
  const tools: ZypperTools = {
    lockClock: {sleep: options.sleep ?? realLockClock.sleep, monotonicMs: options.monotonicMs ?? realLockClock.monotonicMs},
    lockHolder: options.lockHolder ?? ((files: readonly string[], pids: readonly string[]) => findLockHolder(files, pids)),
  };
  return {
    id: 'zypper',
    // Present, without starting zypper (0.16 s of a 3 s plan on the 2,000-package lab,
    // docs/performance.md row 3); one that is present but broken fails the first query in its
    // own words (exit 5).
    available: async (ctx) => (await ctx.files.exists(ZYPPER)) && ctx.files.exists('/usr/bin/rpm'),
    collect: (ctx, node, collectOptions) => collectZypper(tools, ctx, node, collectOptions),
    installArgv: zypperInstallArgv,
    readInstalled: (ctx) => readInstalledNow(tools, ctx),
    install: (items, ctx) => installZypper(tools, items, ctx),
    recover: (ctx, request) => recoverZypper(tools, ctx, request),
    rebootRequired: (ctx) => rebootRequired(tools, ctx),
  };
}
