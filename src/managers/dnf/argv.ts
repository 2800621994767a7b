import path from 'node:path';

import type {Argv} from '../../system/runner.js';
import type {PlannedInstall} from '../../core/install.js';
import {formatNevra, rpmEnv, validateRpmItem} from '../rpm-common/index.js';

/**
 * Pure argv builders for dnf and the yum dialect (style.md §6.4): every call returns new arrays,
 * names and versions are validated before they reach an argv, and there is never a shell.
 *
 * A root other than `/` gets labs.md §2.3's confinement: the root's own dnf.conf (`-c`), its
 * repo files (`reposdir`), `--installroot` (cachedir, persistdir, logdir and the rpmdb are then
 * taken inside the root) and `--releasever` from the root's os-release VERSION_ID, because dnf
 * cannot guess it from a root without a system-release package. HOME travels with every
 * command: Debian's librpm finds its database through $HOME/.rpmmacros (labs.md §5).
 */

export type DnfDialect = 'dnf' | 'yum';

export interface DnfTarget {
  readonly dialect: DnfDialect;
  /** `/` or an absolute directory. */
  readonly root: string;
  /** os-release VERSION_ID of the root (`2`, `2023`, `8.9`); null when unknown. */
  readonly releasever: string | null;
  /** The root has etc/yum.conf (a real yum 3 root) rather than etc/dnf/dnf.conf. */
  readonly yumConf?: boolean;
  readonly env: Readonly<Record<string, string>>;
}

/**
 * dnf is the absolute /usr/bin/dnf. yum is looked up on PATH: Amazon Linux 2 has /usr/bin/yum,
 * and a host without yum can put a `yum` → dnf-3 symlink first on PATH (labs.md §2.6), which is
 * how the integration tests drive the yum dialect.
 */
export function binaryFor(dialect: DnfDialect): string {
  return dialect === 'dnf' ? '/usr/bin/dnf' : 'yum';
}

export function makeTarget(
  dialect: DnfDialect,
  root: string,
  releasever: string | null,
  env: Readonly<Record<string, string | undefined>>,
  yumConf = false,
): DnfTarget {
  return {dialect, root, releasever, yumConf, env: rpmEnv(env)};
}

/** The options that confine a command to the root (none for `/`). */
export function rootArgs(target: DnfTarget): string[] {
  const args: string[] = [];
  if (target.root !== '/') {
    const conf = target.yumConf ? path.join(target.root, 'etc/yum.conf') : path.join(target.root, 'etc/dnf/dnf.conf');
    args.push('-c', conf, `--installroot=${target.root}`, `--setopt=reposdir=${path.join(target.root, 'etc/yum.repos.d')}`);
  }
  if (target.releasever !== null && target.releasever !== '') args.push(`--releasever=${target.releasever}`);
  return args;
}

function command(target: DnfTarget, args: readonly string[]): Argv {
  return {file: binaryFor(target.dialect), args: [...rootArgs(target), ...args], env: {...target.env}};
}

/**
 * Every available version with what it requires, one record per version, in one call (dnf only;
 * yum 3's repoquery is a separate yum-utils program). `%{requires}` expands to one capability per
 * line, so each record starts with an `@@|` line. `%{buildtime}` is printed `YYYY-MM-DD HH:MM` in
 * the process's zone, hence TZ=UTC in rpmEnv.
 */
export const REPOQUERY_FORMAT = '@@|%{name}|%{epoch}|%{version}|%{release}|%{arch}|%{repoid}|%{buildtime}\n%{requires}';

export function repoqueryArgv(target: DnfTarget): Argv {
  return command(target, ['-q', '--setopt=exit_on_lock=True', 'repoquery', '--qf', REPOQUERY_FORMAT]);
}

/** yum dialect: every available version (`name.arch  [e:]v-r  repoid`, parse-yum-list.ts). */
export function listAvailableArgv(target: DnfTarget): Argv {
  return command(target, ['-q', '--setopt=exit_on_lock=True', 'list', 'available', '--showduplicates']);
}

/** yum dialect fallback when no cached updateinfo.xml is found (no dates: parse-yum-list.ts). */
export function updateinfoListArgv(target: DnfTarget): Argv {
  return command(target, ['-q', '--setopt=exit_on_lock=True', 'updateinfo', 'list', 'all']);
}

/** `--refresh`: fetch fresh metadata (the only write collection does). */
export function makecacheArgv(target: DnfTarget): Argv {
  return command(target, ['-q', '--setopt=exit_on_lock=True', ...(target.dialect === 'dnf' ? ['--refresh'] : []), 'makecache']);
}

/**
 * One transaction for every exact version: `install name-[epoch:]version-release.arch …`.
 * `--best` makes dnf fail instead of silently skipping a package whose dependencies it cannot
 * meet (labs.md §2.5; dnf 4.14 defaults to best=False). yum 3 has no `--best` and refuses
 * unknown options, so the yum dialect goes without it; apply reads the database back either way.
 * `exit_on_lock` turns dnf's endless "waiting for process" into exit 200, so patchplan bounds
 * the wait itself (lock.ts). Throws an InputError before building anything invalid.
 */
export function buildInstallArgv(items: readonly PlannedInstall[], target: DnfTarget): Argv {
  for (const [index, item] of items.entries()) validateRpmItem(`install item ${index + 1}`, item);
  const nevras = items.map((item) => formatNevra(item.name, item.version, item.arch));
  return command(target, ['-y', ...(target.dialect === 'dnf' ? ['--best'] : []), '--setopt=exit_on_lock=True', 'install', ...nevras]);
}

/**
 * `needs-restarting -r` (dnf-plugins-core): exit 1 and "Reboot is required" when a core package
 * was installed after boot. `pluginDir` is an unpacked dnf-plugins-core (labs.md §4) used when
 * the host has no plugin installed: PYTHONPATH for its module, pluginpath for dnf.
 */
export function needsRestartingArgv(target: DnfTarget, pluginDir: string | null): Argv {
  const base = command(target, [
    ...(pluginDir === null ? [] : ['--setopt=plugins=1', `--setopt=pluginpath=${path.join(pluginDir, 'usr/lib/python3/dist-packages/dnf-plugins')}`, '--disableplugin=changelog']),
    'needs-restarting',
    '-r',
  ]);
  return pluginDir === null ? base : {...base, env: {...base.env, PYTHONPATH: path.join(pluginDir, 'usr/lib/python3/dist-packages')}};
}

/** yum 3 hosts (Amazon Linux 2) have yum-utils' needs-restarting as a program of its own. */
export function yumUtilsNeedsRestartingArgv(env: Readonly<Record<string, string | undefined>>): Argv {
  return {file: '/usr/bin/needs-restarting', args: ['-r'], env: rpmEnv(env)};
}

/** Cached metadata is compressed by the repository's choice; each format has its own tool. */
export function decompressArgv(file: string): Argv | null {
  if (file.endsWith('.gz')) return {file: '/usr/bin/gzip', args: ['-dc', '--', file]};
  if (file.endsWith('.xz')) return {file: '/usr/bin/xz', args: ['-dc', '--', file]};
  if (file.endsWith('.bz2')) return {file: '/usr/bin/bzip2', args: ['-dc', '--', file]};
  if (file.endsWith('.zst')) return {file: '/usr/bin/zstd', args: ['-dcq', '--', file]};
  return null;
}
