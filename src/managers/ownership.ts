import path from 'node:path';

import {InputError} from '../errors.js';
import type {CommandRunner} from '../system/runner.js';
import type {NodeFiles} from '../system/node-files.js';
import {rpmEnv} from './rpm-common/rpm-query.js';
import type {ManagerId} from '../core/ids.js';

/**
 * Which package database a root's packages are in, so that `--manager dnf` (or a stray
 * PATCHPLAN_MANAGER=dnf) on a Debian node is refused instead of reading an empty rpm database
 * and reporting the node COMPLIANT.
 *
 *   dpkg  ROOT/var/lib/dpkg/status: its installed stanzas
 *   rpm   ROOT + rpm's %_dbpath, evaluated with the caller's HOME as every rpm-family command
 *         runs (rpmEnv: Debian's rpm keeps it in $HOME/.rpmdb unless ~/.rpmmacros says
 *         `%_dbpath /var/lib/rpm`, as the labs' does): `rpm --root ROOT -qa`, without gpg-pubkey
 */

export type DatabaseFamily = 'dpkg' | 'rpm';

export interface PackageDatabase {
  readonly family: DatabaseFamily;
  /** The database as the message names it (under the root). */
  readonly location: string;
  /** Installed packages; null when there is no database there (or no tool to read it). */
  readonly packages: number | null;
}

export interface OwnershipProbe {
  readonly root: string;
  readonly files: Pick<NodeFiles, 'readText' | 'exists'>;
  readonly runner: CommandRunner;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The database family a manager reads; null for managers without one to check (macOS, Windows). */
export function databaseFamilyOf(manager: ManagerId): DatabaseFamily | null {
  if (manager === 'apt') return 'dpkg';
  if (manager === 'dnf' || manager === 'yum' || manager === 'zypper') return 'rpm';
  return null;
}

/** Installed stanzas of a dpkg status file: `Status: install ok installed`, half-installed, unpacked, … (not config-files or not-installed). */
export function countDpkgInstalled(status: string): number {
  let count = 0;
  for (const match of status.matchAll(/^Status:[ \t]*\S+[ \t]+\S+[ \t]+(\S+)[ \t]*$/gm)) {
    if (match[1] !== 'not-installed' && match[1] !== 'config-files') count++;
  }
  return count;
}

export async function probeDpkg(probe: OwnershipProbe): Promise<PackageDatabase> {
  const file = path.join(probe.root, 'var/lib/dpkg/status');
  const text = await probe.files.readText(file);
  return {family: 'dpkg', location: file, packages: text === null ? null : countDpkgInstalled(text)};
}

const RPM = '/usr/bin/rpm';
const RPMDB_FILES = ['rpmdb.sqlite', 'Packages', 'Packages.db'];

export async function probeRpm(probe: OwnershipProbe): Promise<PackageDatabase> {
  const env = rpmEnv(probe.env);
  const dbpath = await runQuietly(probe.runner, {file: RPM, args: ['--eval', '%{_dbpath}'], env});
  const dir = path.join(probe.root, dbpath?.trim() || '/var/lib/rpm');
  if (dbpath === null) return {family: 'rpm', location: dir, packages: null};
  let present = false;
  for (const name of RPMDB_FILES) present ||= await probe.files.exists(path.join(dir, name));
  if (!present) return {family: 'rpm', location: dir, packages: null};
  const names = await runQuietly(probe.runner, {file: RPM, args: ['--root', probe.root, '-qa', '--qf', '%{NAME}\n'], env});
  const packages = names === null ? null : names.split('\n').filter((n) => n !== '' && n !== 'gpg-pubkey').length;
  return {family: 'rpm', location: dir, packages};
}

/** stdout of a command that exited 0, else null (not installed, or it failed). */
async function runQuietly(runner: CommandRunner, argv: Parameters<CommandRunner['run']>[0]): Promise<string | null> {
  try {
    const result = await runner.run(argv);
    return result.exitCode === 0 ? result.stdout : null;
  } catch {
    return null;
  }
}

function describeDatabase(db: PackageDatabase): string {
  if (db.packages === null) return `${db.location} has no database`;
  if (db.packages === 0) return `${db.location} has no packages`;
  return `${db.location} has ${db.packages} package${db.packages === 1 ? '' : 's'}`;
}

/**
 * Refuses (InputError naming the flag, exit 1) a `--manager` whose database under the root is
 * missing or empty, saying what is there instead:
 *
 *   --manager: dnf: this node's packages are managed by apt (/var/lib/dpkg/status has 752 packages; /var/lib/rpm has no database)
 */
export async function checkManagerOwnsRoot(manager: ManagerId, detected: ManagerId, probe: OwnershipProbe): Promise<void> {
  const family = databaseFamilyOf(manager);
  if (family === null) return;
  const databases = [await probeDpkg(probe), await probeRpm(probe)];
  const own = databases.find((db) => db.family === family);
  if (own !== undefined && own.packages !== null && own.packages > 0) return;
  const owner = databases.find((db) => db.packages !== null && db.packages > 0);
  const found = databases.map(describeDatabase).join('; ');
  const ownerName = owner === undefined ? null : owner.family === 'dpkg' ? 'apt' : databaseFamilyOf(detected) === 'rpm' ? detected : 'rpm';
  throw new InputError(
    '--manager',
    ownerName === null
      ? `${manager}: no package database under ${probe.root} has packages (${found})`
      : `${manager}: this node's packages are managed by ${ownerName} (${found})`,
  );
}
