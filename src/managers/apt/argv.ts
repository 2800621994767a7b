import {InputError} from '../../errors.js';
import {STATUS_FD, type Argv} from '../../system/runner.js';
import type {PlannedInstall} from '../../core/install.js';
import type {AptRootConfig} from './root-config.js';

/**
 * Every command the apt adapter runs, as data (style.md §6.4). Each builder returns a new
 * array; absolute paths, so a PATH entry cannot substitute a binary.
 */

export const APT_GET = '/usr/bin/apt-get';
export const APT_CACHE = '/usr/bin/apt-cache';
export const APT_CONFIG_BIN = '/usr/bin/apt-config';
export const DPKG_QUERY = '/usr/bin/dpkg-query';
/** `apt-helper cat-file` decompresses lists with apt's own code (lz4, zst, xz, gz, bz2). */
export const APT_HELPER = '/usr/lib/apt/apt-helper';

/** Where apt runs: the root, and for a root other than `/` the generated configuration. */
export interface AptTarget {
  readonly root: string;
  readonly config: AptRootConfig | null;
}

/**
 * Field format for `dpkg-query -W -f` (parse-dpkg-query.ts). dpkg-query itself turns `\t` and
 * `\n` into tab and newline; the values never contain either.
 */
export const DPKG_QUERY_FORMAT = '${Package}\\t${Architecture}\\t${Version}\\t${Status}\\t${Priority}\\t${Section}\\t${Multi-Arch}\\t${Provides}\\n';

/**
 * apt and dpkg translate their messages, and the parsers read the English ones
 * ("Candidate:", "Could not get lock"); C is the one locale every system has.
 */
function baseEnv(target: AptTarget): Record<string, string> {
  return {LC_ALL: 'C', LANG: 'C', ...(target.config ? {APT_CONFIG: target.config.path} : {})};
}

/** `-c FILE` re-reads the generated file after the root's own configuration (root-config.ts). */
function configArgs(target: AptTarget): string[] {
  return target.config ? ['-c', target.config.path] : [];
}

export function adminDir(root: string): string {
  return root === '/' ? '/var/lib/dpkg' : `${root}/var/lib/dpkg`;
}

export function dpkgQueryArgv(target: AptTarget): Argv {
  return {
    file: DPKG_QUERY,
    args: [...(target.root === '/' ? [] : [`--admindir=${adminDir(target.root)}`]), '-W', '-f', DPKG_QUERY_FORMAT],
    env: {LC_ALL: 'C', LANG: 'C'},
  };
}

export function aptConfigDumpArgv(target: AptTarget): Argv {
  return {file: APT_CONFIG_BIN, args: [...configArgs(target), 'dump'], env: baseEnv(target)};
}

/** Only Packages indexes: Sources, Translations and Contents lists offer no binary versions. */
export function indexTargetsArgv(target: AptTarget): Argv {
  return {file: APT_GET, args: [...configArgs(target), 'indextargets', 'Created-By: Packages'], env: baseEnv(target)};
}

export function catFileArgv(file: string): Argv {
  return {file: APT_HELPER, args: ['cat-file', file], env: {LC_ALL: 'C', LANG: 'C'}};
}

/** One call for every name; `--` so no name can be read as an option (checked on apt 2.6). */
export function policyArgv(target: AptTarget, keys: readonly string[]): Argv {
  return {file: APT_CACHE, args: [...configArgs(target), 'policy', '--', ...keys], env: baseEnv(target)};
}

export function updateArgv(target: AptTarget): Argv {
  return {file: APT_GET, args: [...configArgs(target), '-q', 'update'], env: baseEnv(target)};
}

// ---------------------------------------------------------------- install

/** Debian Policy §5.6.1: lower case letters, digits, `+ - .`; at least two, alphanumeric first. */
const PACKAGE_NAME = /^[a-z0-9][a-z0-9+.-]+$/;
/** dpkg architecture names (`amd64`, `arm64`, `i386`, `armhf`, `all`, `musl-linux-amd64`). */
const ARCH_NAME = /^[a-z0-9][a-z0-9-]*$/;
const EPOCH = /^[0-9]+$/;
const UPSTREAM = /^[0-9A-Za-z][0-9A-Za-z.+~-]*$/;
const UPSTREAM_WITH_COLONS = /^[0-9A-Za-z][0-9A-Za-z.+~:-]*$/;
const REVISION = /^[0-9A-Za-z.+~]+$/;

/**
 * Policy §5.6.12 `[epoch:]upstream_version[-debian_revision]`: a numeric epoch; an upstream
 * part starting with an alphanumeric (Policy says digit, dpkg only warns) of `. + ~ -` and, only
 * after an epoch, `:`; a non-empty revision after the last `-`, of alphanumerics and `. + ~`.
 */
export function isValidDebianVersion(version: string): boolean {
  const colon = version.indexOf(':');
  let rest = version;
  if (colon >= 0) {
    if (!EPOCH.test(version.slice(0, colon))) return false;
    rest = version.slice(colon + 1);
  }
  const dash = rest.lastIndexOf('-');
  const upstream = dash >= 0 ? rest.slice(0, dash) : rest;
  if (dash >= 0 && !REVISION.test(rest.slice(dash + 1))) return false;
  return (colon >= 0 ? UPSTREAM_WITH_COLONS : UPSTREAM).test(upstream);
}

/**
 * `name=version`, or `name:arch=version` for an architecture-specific package. apt files an
 * `Architecture: all` version under the native architecture and accepts the plain name for it;
 * an explicit architecture keeps a foreign-architecture copy (`libfoo-pp:i386`) apart from the
 * native one. Both spellings were checked with `apt-get -s install` on apt 2.6.
 */
export function installSpec(item: PlannedInstall): string {
  if (!PACKAGE_NAME.test(item.name)) {
    throw new InputError(item.name, 'is not a Debian package name (lower-case letters, digits, + - . ; at least two characters)');
  }
  if (item.arch !== '' && !ARCH_NAME.test(item.arch)) {
    throw new InputError(item.name, `architecture ${JSON.stringify(item.arch)} is not a dpkg architecture name`);
  }
  if (!isValidDebianVersion(item.version)) {
    throw new InputError(item.name, `version ${JSON.stringify(item.version)} is not a Debian version ([epoch:]upstream[-revision])`);
  }
  return item.arch === '' || item.arch === 'all' ? `${item.name}=${item.version}` : `${item.name}:${item.arch}=${item.version}`;
}

/**
 * The one install command for a batch. Why each argument:
 * - `-y -q`: no prompt (stdin is closed anyway), progress lines without the bar.
 * - `--no-install-recommends`: the plan lists what it installs; Recommends would add packages
 *   nobody reviewed.
 * - `--no-remove`: a plan never removes; apt aborts rather than remove a package to make room.
 * - `Dpkg::Options::=--force-confdef --force-confold`: keep changed configuration files
 *   without asking, as unattended-upgrades does.
 * - `APT::Status-Fd=3`: apt's machine-readable progress on fd 3 (parse-status-fd.ts), which the
 *   runner opens as a pipe for this command (`onStatusLine`); the progress display reads it
 *   instead of scraping the translated, layout-dependent stdout.
 * - no `--only-upgrade`: a dependency the plan installs for the first time (a `dependency`
 *   decision, e.g. a new kernel image) and python3-apt on a node without it must install.
 * - never `--allow-downgrades`, `--allow-remove-essential`, `--allow-change-held-packages`:
 *   apt then refuses a downgrade ("Packages were downgraded and -y was used without
 *   --allow-downgrades"), an essential removal or a held package instead of doing it.
 * - `--` before the packages: apt-get's parser stops option parsing there (a name like
 *   `-foo` became "Unable to locate package -foo"), and every name and version is validated
 *   above anyway, so no plan entry can become an option.
 * - DEBIAN_FRONTEND=noninteractive: debconf questions take their defaults;
 *   APT_LISTCHANGES_FRONTEND=none: apt-listchanges would otherwise page or mail news.
 */
export function buildInstallArgv(items: readonly PlannedInstall[], target: AptTarget, mode: 'install' | 'reinstall' = 'install'): Argv {
  const specs = items.map(installSpec);
  return {
    file: APT_GET,
    args: [
      ...configArgs(target),
      '-y',
      '-q',
      '--no-install-recommends',
      '--no-remove',
      '-o',
      'Dpkg::Options::=--force-confdef',
      '-o',
      'Dpkg::Options::=--force-confold',
      '-o',
      `APT::Status-Fd=${STATUS_FD}`,
      ...(mode === 'reinstall' ? ['--reinstall'] : []),
      'install',
      '--',
      ...specs,
    ],
    env: {...baseEnv(target), DEBIAN_FRONTEND: 'noninteractive', APT_LISTCHANGES_FRONTEND: 'none'},
  };
}

export const DPKG = '/usr/bin/dpkg';

/**
 * `dpkg --configure -a`: finishes what an interrupted dpkg run left (its journal in `updates/`,
 * unpacked and half-configured packages), with the root options apt gives dpkg and the same
 * configuration-file answers as an install.
 */
export function configurePendingArgv(target: AptTarget): Argv {
  const options = target.config ? target.config.dpkgOptions : [];
  return {
    file: DPKG,
    args: [...options, '--force-confdef', '--force-confold', '--configure', '-a'],
    env: {LC_ALL: 'C', LANG: 'C', DEBIAN_FRONTEND: 'noninteractive'},
  };
}

/** The repair command for an interrupted dpkg as a person types it (the log option left out). */
export function configurePendingCommand(target: AptTarget): string {
  const options = target.config ? target.config.dpkgOptions.filter((o) => !o.startsWith('--log=')) : [];
  return ['dpkg', ...options, '--configure', '-a'].join(' ');
}

/** `apt-get install --reinstall NAME=VERSION…` as a person types it (APT_CONFIG for a root). */
export function reinstallCommand(items: readonly PlannedInstall[], target: AptTarget): string {
  const env = target.config ? `APT_CONFIG=${target.config.path} ` : '';
  return `${env}apt-get ${configArgs(target).join(' ')}${target.config ? ' ' : ''}install --reinstall -- ${items.map(installSpec).join(' ')}`;
}
