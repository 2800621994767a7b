import os from 'node:os';

import {findLockHolder, type LockHolderFound} from '../../system/held-locks.js';
import type {PackageManagerAdapter} from '../adapter.js';
import {realLockClock} from '../lock-retry.js';
import {collectApt} from './collect.js';
import type {AptTools} from './commands.js';
import {aptInstallArgv, installApt, recoverApt} from './install.js';
import {readInstalledApt} from './read-installed.js';
import {rebootRequiredFile} from './reboot.js';
import {normalizeRoot, probeRootFacts, writeAptRootConfig, type AptRootConfig} from './root-config.js';

/**
 * The apt adapter: Debian, Ubuntu, Raspberry Pi OS (style.md §2). One file per concern:
 *   collect.ts      what the node has and is offered (read-only unless `refresh`)
 *   read-installed.ts  what is installed now, alone (apply's read-back)
 *   install.ts      one `apt-get install` of the exact versions, and recovery
 *   dpkg-state.ts   what an interrupted dpkg run left and how it is repaired
 *   commands.ts     running apt confined to a root, with lock waits
 *   root-config.ts  the generated configuration that confines apt to `--root`
 *   argv.ts         every argv, pure
 */


export interface AptAdapterOptions {
  /** Waits between lock retries (tests pass a fake that advances `monotonicMs`). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Milliseconds from a monotonic clock, for the lock deadline. */
  readonly monotonicMs?: () => number;
  /** Directory for generated apt configuration files (default: os.tmpdir()). */
  readonly tmpdir?: string;
  /** Facts about a root (default: lstat ROOT/bin/sh, and the context's uid). */
  readonly probeRoot?: AptTools['probeRoot'];
  /** Writes a generated configuration (default: rename into place, root-config.ts). */
  readonly writeConfig?: (config: AptRootConfig) => Promise<void>;
  /** Who holds one of these lock files now (default: the kernel's /proc/locks, system/held-locks.ts). */
  readonly lockHolder?: (lockFiles: readonly string[]) => Promise<LockHolderFound | null>;
}

/** First wait after a lock failure, doubled up to LOCK_MAX_BACKOFF_MS. */

export function createAptAdapter(options: AptAdapterOptions = {}): PackageManagerAdapter {
  const tools: AptTools = {
    lockClock: {sleep: options.sleep ?? realLockClock.sleep, monotonicMs: options.monotonicMs ?? realLockClock.monotonicMs},
    lockHolder: options.lockHolder ?? ((files: readonly string[]) => findLockHolder(files, [])),
    tmpdir: options.tmpdir ?? os.tmpdir(),
    probeRoot: options.probeRoot ?? probeRootFacts,
    writeConfig: options.writeConfig ?? writeAptRootConfig,
  };
  return {
    id: 'apt',
    // Present, without starting apt-get (0.14 s of a 2 s plan on a Debian host, docs/performance.md
    // row 1); one that is present but broken fails the first query in its own words (exit 5).
    available: async (ctx) => (await ctx.files.exists('/usr/bin/apt-get')) && ctx.files.exists('/usr/bin/dpkg-query'),
    collect: (ctx, node, collectOptions) => collectApt(tools, ctx, node, collectOptions),
    installArgv: (items, ctx) => aptInstallArgv(tools, items, ctx),
    readInstalled: (ctx) => readInstalledApt(tools, ctx),
    install: (items, ctx) => installApt(tools, items, ctx),
    recover: (ctx, request) => recoverApt(tools, ctx, request),
    rebootRequired: (ctx) => rebootRequiredFile(normalizeRoot(ctx.root), ctx.files),
  };
}
