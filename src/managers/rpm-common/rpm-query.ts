import {ExternalCommandError} from '../../errors.js';
import type {Argv} from '../../system/runner.js';
import {compareEvr} from '../../versions/rpm.js';
import type {InstalledNow} from '../adapter.js';
import {formatRpmVersion} from './version.js';

/**
 * Installed packages straight from the rpm database of a root. Debian's rpm keeps its database
 * in $HOME/.rpmdb unless a macro says otherwise (labs.md §5), so the command always carries the
 * caller's HOME (whose .rpmmacros must say `%_dbpath /var/lib/rpm` on such hosts) and LC_ALL=C.
 * Fields are separated by `|`, which rpm names, versions and arches cannot contain.
 */
export const RPM_QUERY_FORMAT = '%{NAME}|%{EPOCHNUM}|%{VERSION}|%{RELEASE}|%{ARCH}|%{INSTALLTIME}|%{BUILDTIME}\\n';

/** Environment for every rpm-family command: the caller's HOME (rpmdb location) and the C locale. */
export function rpmEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const home = env.HOME;
  return {LC_ALL: 'C', TZ: 'UTC', ...(home !== undefined && home !== '' ? {HOME: home} : {})};
}

export function rpmQueryArgv(root: string, env: Readonly<Record<string, string | undefined>>): Argv {
  return {file: '/usr/bin/rpm', args: ['--root', root, '-qa', '--qf', RPM_QUERY_FORMAT.replace('\\n', '\n')], env: rpmEnv(env)};
}

export interface InstalledRpm {
  readonly name: string;
  readonly epoch: number;
  readonly version: string;
  readonly release: string;
  readonly arch: string;
  /** `[epoch:]version-release`, epoch omitted when 0 (formatRpmVersion). */
  readonly evr: string;
  /** Seconds since the epoch. */
  readonly installTime: number;
  readonly buildTime: number;
}

/**
 * Parses the output of rpmQueryArgv. Real output (rpm 4.18, lab root):
 *
 *   tool-pp|0|2.0|1.el8|noarch|1795509960|1795509900
 *   epoch-pp|1|2.0|1.el8|noarch|1795509961|1795509900
 *   gpg-pubkey|0|fd431d51|4ae0493b|(none)|1795509000|1795509000
 *
 * gpg-pubkey entries are imported keys, not packages, and are left out. A line that does not
 * have seven fields means the format or the database is not what we asked for: an error.
 */
export function parseRpmQuery(stdout: string, source = 'rpm -qa'): InstalledRpm[] {
  const out: InstalledRpm[] = [];
  const lines = stdout.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const f = line.split('|');
    if (f.length !== 7) throw new ExternalCommandError(`${source}: line ${index + 1}`, `expected 7 |-separated fields, got ${JSON.stringify(line)}`);
    const [name = '', epoch = '', version = '', release = '', arch = '', installTime = '', buildTime = ''] = f;
    if (name === 'gpg-pubkey' && arch === '(none)') continue;
    const e = Number.parseInt(epoch, 10);
    out.push({
      name,
      epoch: Number.isFinite(e) ? e : 0,
      version,
      release,
      arch: arch === '(none)' ? '' : arch,
      evr: formatRpmVersion(e, version, release),
      installTime: Number.parseInt(installTime, 10) || 0,
      buildTime: Number.parseInt(buildTime, 10) || 0,
    });
  }
  return out;
}

/**
 * What apply reads back after an install: one entry per name.arch, at the newest of its installed
 * versions (several are install-only packages such as the kernel, and the newest is the one a
 * plan targets), as dnf's collection counts them.
 */
export function newestInstalled(installed: readonly InstalledRpm[]): InstalledNow[] {
  const newest = new Map<string, InstalledNow>();
  for (const rpm of installed) {
    const key = `${rpm.name}\u0000${rpm.arch}`;
    const seen = newest.get(key);
    if (seen === undefined || compareEvr(rpm.evr, seen.installedVersion) > 0) newest.set(key, {name: rpm.name, arch: rpm.arch, installedVersion: rpm.evr});
  }
  return [...newest.values()];
}
