import path from 'node:path';

import {ExternalCommandError} from '../../errors.js';
import {describeArgv, type Argv} from '../../system/runner.js';
import type {AdapterContext, Recovery, RecoveryRequest} from '../adapter.js';
import {runInstaller} from '../installer-run.js';
import {rpmEnv, type InstalledRpm} from './rpm-query.js';

/**
 * What a killed rpm transaction leaves: rpm writes each package's database entry as it goes, so
 * an upgrade killed between unpacking the new version and erasing the old one leaves both in the
 * database (a duplicate). dnf and zypper then see the package at both versions; `rpm -V` still
 * passes. Kernels are installed side by side on purpose (installonly) and are never duplicates.
 */

/** Packages installed side by side by design (dnf's installonlypkgs default, zypper's multiversion). */
const INSTALL_ONLY = /^(kernel|kernel-core|kernel-modules|kernel-modules-extra|kernel-devel|kernel-default|kernel-default-devel|installonlypkg)(-|$)/;

/** The older versions of each name.arch installed more than once, newest kept; kernels excepted. */
export function duplicateOlderVersions(installed: readonly InstalledRpm[], compare: (a: string, b: string) => number): InstalledRpm[] {
  const groups = new Map<string, InstalledRpm[]>();
  for (const p of installed) {
    if (INSTALL_ONLY.test(p.name)) continue;
    const key = `${p.name}.${p.arch}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const older: InstalledRpm[] = [];
  for (const same of groups.values()) {
    if (same.length < 2) continue;
    const sorted = [...same].sort((a, b) => compare(b.evr, a.evr));
    older.push(...sorted.slice(1));
  }
  return older;
}

/** `name-[epoch:]version-release.arch`, the NEVRA rpm -e takes. */
export function nevra(p: InstalledRpm): string {
  return `${p.name}-${p.epoch > 0 ? `${p.epoch}:` : ''}${p.version}-${p.release}${p.arch === '' ? '' : `.${p.arch}`}`;
}

/**
 * Erases the older entries of duplicates, as the interrupted upgrade would have: `--nodeps`
 * because the newer version provides the same; `--noscripts` because the upgrade's scriptlets
 * for the old version belong to a transaction that no longer exists. Files the newer version
 * also owns stay (rpm erases only files no other installed package owns).
 */
export function eraseOlderArgv(root: string, older: readonly InstalledRpm[], env: Readonly<Record<string, string | undefined>>): Argv {
  return {file: '/usr/bin/rpm', args: ['--root', root, '-e', '--nodeps', '--noscripts', '--', ...older.map(nevra)], env: rpmEnv(env)};
}

/** The rpm transaction lock (fcntl) under a root, in both database places (RHEL 9 keeps it in /usr/lib/sysimage). */
export function rpmLockFiles(root: string): string[] {
  return ['var/lib/rpm/.rpm.lock', 'usr/lib/sysimage/rpm/.rpm.lock'].map((f) => path.join(root, f));
}

/**
 * A killed rpm transaction's duplicates, erased (or, under `--no-repair`, refused with the
 * command that erases them); `read` is the adapter's read of the rpm database.
 */
export async function repairDuplicates(
  ctx: AdapterContext,
  root: string,
  request: RecoveryRequest,
  read: () => Promise<InstalledRpm[]>,
  compare: (a: string, b: string) => number,
): Promise<Recovery> {
  const older = duplicateOlderVersions(await read(), compare);
  if (older.length === 0) return {commands: []};
  const argv = eraseOlderArgv(root, older, ctx.env);
  const listed = older.map(nevra).join(', ');
  if (!request.repair) {
    throw new ExternalCommandError(
      root,
      `an interrupted rpm transaction left older versions installed beside the new ones (${listed}); remove them with \`${describeArgv(argv)}\` or run \`patchplan apply\` without --no-repair`,
    );
  }
  ctx.log.progress(`repairing an interrupted rpm transaction: erasing the older duplicates ${listed}`);
  const result = await runInstaller(ctx, argv);
  const left = duplicateOlderVersions(await read(), compare);
  if (left.length > 0) {
    const said = result.stderr.trim().split('\n').at(-1) ?? '';
    throw new ExternalCommandError(root, `an interrupted rpm transaction left duplicates that could not be erased (${left.map(nevra).join(', ')}): ${said}`);
  }
  return {commands: [{argv, result}]};
}
