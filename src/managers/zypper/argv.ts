import {InputError} from '../../errors.js';
import type {Argv} from '../../system/runner.js';
import type {PlannedInstall} from '../../core/install.js';

/**
 * Every command the zypper adapter runs, as data (style.md §6.4). Absolute paths, so a PATH
 * entry cannot substitute a binary; argv arrays only. Checked against zypper 1.14.42 / rpm 4.18.
 */

export const ZYPPER = '/usr/bin/zypper';

/**
 * LC_ALL=C: the lock and "not found" texts are read in English. HOME is passed through because
 * Debian's rpm (which zypper drives) keeps its database under $HOME/.rpmdb unless HOME's
 * .rpmmacros says `%_dbpath /var/lib/rpm` (labs.md §5); dropping HOME would send it to the
 * invoking user's home instead of the root.
 */
export function zypperEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const home = env.HOME;
  return {LC_ALL: 'C', LANG: 'C', ...(home !== undefined && home !== '' ? {HOME: home} : {})};
}

/** `--root ROOT` confines zypper (repos, caches, rpmdb, lock) to the root; `/` needs nothing. */
function rootArgs(root: string): string[] {
  return root === '/' ? [] : ['--root', root];
}

/** `--non-interactive`: stdin is closed anyway, and a prompt must fail rather than hang. */
function zypper(root: string, env: Readonly<Record<string, string | undefined>>, args: readonly string[]): Argv {
  return {file: ZYPPER, args: [...rootArgs(root), '--non-interactive', ...args], env: zypperEnv(env)};
}

type Env = Readonly<Record<string, string | undefined>>;

export function refreshArgv(root: string, env: Env): Argv {
  return zypper(root, env, ['refresh']);
}

/** Newest edition per name only (labs §3); search gives the others. */
export function listUpdatesArgv(root: string, env: Env): Argv {
  return zypper(root, env, ['--xmlout', 'list-updates']);
}

/**
 * `--all`: applied (satisfied) patches too, so an installed version keeps its patch data (the
 * zypper INSTALLED state needs the installed version's patch, spec §6.4). No `--category` or
 * `--severity`: the XML output ignores both in 1.14.42 (labs §3); the engine filters.
 */
export function listPatchesArgv(root: string, env: Env): Argv {
  return zypper(root, env, ['--xmlout', 'list-patches', '--all']);
}

/**
 * Every edition of every package, with its repository alias: one call, no names. Naming the
 * packages (`search -s --match-exact -- NAMES…`) makes zypper match each name against the whole
 * pool in turn: 200 names took 1.9 s and 2,000 names 80 s on a 4,000-solvable root, where this
 * listing takes 57 ms (bench/zypper.mjs --scale). The adapter keeps the names it needs.
 */
export function searchVersionsArgv(root: string, env: Env): Argv {
  return zypper(root, env, ['--xmlout', 'search', '-s', '-t', 'package']);
}

/** Exit 102 = reboot needed, 0 = none (labs §4). */
export function needsRebootingArgv(root: string, env: Env): Argv {
  return zypper(root, env, ['needs-rebooting']);
}

export const ZSTD = '/usr/bin/zstd';

/** Decompresses a cached `*.xml.zst` repodata file to stdout (`--` so no path is an option). */
export function zstdCatArgv(file: string): Argv {
  return {file: ZSTD, args: ['-dc', '--', file], env: {LC_ALL: 'C'}};
}

// ---------------------------------------------------------------- install

/** rpm package names: letters, digits and `. _ + -`, alphanumeric (or `_`) first. */
const RPM_NAME = /^[A-Za-z0-9_][A-Za-z0-9._+-]*$/;
const RPM_ARCH = /^[A-Za-z0-9_]+$/;
/** `[epoch:]version-release`: no `-` inside version or release, rpm's allowed characters. */
const RPM_EVR = /^(?:[0-9]+:)?[A-Za-z0-9._+~^]+-[A-Za-z0-9._+~^]+$/;

function checkName(name: string): void {
  if (!RPM_NAME.test(name)) throw new InputError(name, 'is not an rpm package name (letters, digits, . _ + -)');
}

export function isValidRpmEvr(version: string): boolean {
  return RPM_EVR.test(version);
}

/**
 * `name=version-release` (epoch `name=E:V-R` when non-zero), or `name.arch=…` when the node
 * has the name under more than one architecture (`multiArch`). Both forms were checked with
 * zypper 1.14.42 (fixtures/zypper/lab/install-ok.stdout, labs §3). `noarch` and the empty arch
 * keep the plain name: zypper then picks the edition whatever its arch.
 */
export function installSpec(item: PlannedInstall, multiArch: boolean): string {
  checkName(item.name);
  if (item.arch !== '' && !RPM_ARCH.test(item.arch)) {
    throw new InputError(item.name, `architecture ${JSON.stringify(item.arch)} is not an rpm architecture name`);
  }
  if (!isValidRpmEvr(item.version)) {
    throw new InputError(item.name, `version ${JSON.stringify(item.version)} is not an rpm [epoch:]version-release`);
  }
  const qualified = multiArch && item.arch !== '' && item.arch !== 'noarch';
  return `${qualified ? `${item.name}.${item.arch}` : item.name}=${item.version}`;
}

/**
 * The one install transaction. Why each argument:
 * - `install`, not `update`: `update name=ver` ignores the edition when a newer one exists in
 *   some zypper versions; `install name=ver` is the documented exact form (labs §3).
 * - `--no-recommends`: the plan lists what it installs; recommends would add unreviewed packages.
 * - never `--oldpackage`: zypper then refuses a downgrade ("has lower version than the installed
 *   one") instead of doing it; never `--no-gpg-checks`, `--force`, `--allow-vendor-change`
 *   style escapes: the node's own policy stands (lab repos turn gpgcheck off in their config).
 * - `--` before the specs: every spec is validated above anyway, so none can become an option.
 * - no `addlock`: spec §6.1 step 7 has AWS lock rejected packages; patchplan does not mutate the
 *   node's lock list, the plan already excludes rejected versions (docs in index.ts).
 */
export function buildInstallArgv(items: readonly PlannedInstall[], root: string, env: Env): Argv {
  const arches = new Map<string, Set<string>>();
  for (const item of items) arches.set(item.name, (arches.get(item.name) ?? new Set()).add(item.arch));
  const specs = items.map((item) => installSpec(item, (arches.get(item.name)?.size ?? 0) > 1));
  return zypper(root, env, ['install', '--no-recommends', '--', ...specs]);
}
