import {createHash} from 'node:crypto';
import path from 'node:path';

import {InputError} from '../../errors.js';
import type {NodeFiles} from '../../system/node-files.js';
import {writePrivateFileByRename} from '../../system/private-file.js';

/**
 * How apt is pointed at a `--root` other than `/` (labs.md §1.3).
 *
 * apt has no `--root`. `APT_CONFIG=FILE` is read before anything else, and `Dir "ROOT/"` in it
 * moves every later lookup into ROOT: `etc/apt/apt.conf.d`, sources, preferences, lists,
 * caches. That is why the file lives outside ROOT (inside it, as `Dir::Etc::main`, it was
 * read twice) and why `-o Dir=…` on the command line is no substitute: by the time options
 * are parsed, the host's /etc/apt/apt.conf.d has been read.
 *
 * apt never passes `--root`/`--admindir` to dpkg by itself: without `DPkg::Options` an install
 * goes into the HOST. The options are therefore part of the one generated file that every
 * apt command for a root uses, and `install` checks `apt-config dump` for them before it runs.
 *
 * The same file is also given with `-c`, which apt reads after ROOT's own configuration. Its
 * `#clear` lines then drop what ROOT's apt.conf.d may have added that would act on the host:
 * `DPkg::Pre-Invoke`/`Post-Invoke`/`Pre-Install-Pkgs` and `APT::Update::*-Invoke` hooks run
 * through the host's /bin/sh without any chroot (a debootstrap image ships
 * `70debconf: DPkg::Pre-Install-Pkgs {"/usr/sbin/dpkg-preconfigure --apt || true";}`, which
 * would write the host's debconf database), a `Dir::Bin::dpkg` elsewhere, extra
 * `DPkg::Options`, a `DPkg::Chroot-Directory`. The sandbox showed it: with the file read only
 * as APT_CONFIG, a root's `DPkg::Post-Invoke {"touch /tmp/…"}` ran on the host; with `-c` too,
 * it did not, and `apt-config dump` listed only these DPkg::Options.
 *
 * Maintainer scripts: dpkg `--root` chroots into ROOT to run them. An empty sandbox root has
 * no /bin/sh there, and dpkg failed with `unable to execute installed post-pp package
 * post-installation script … No such file or directory` (labs.md §1.3), so for a root without
 * a shell the scripts run on the host with `--force-script-chrootless` and `DPKG_ROOT=ROOT`
 * (packages for such roots must honour $DPKG_ROOT). A full root (a debootstrap image) has a
 * shell and gets plain `--root`, where dpkg chroots for the scripts: scripts written for a
 * real system then cannot touch the host. `--force-not-root` only when not running as root
 * (dpkg refuses otherwise; a user may manage a root it owns).
 */

export interface RootFacts {
  /** ROOT/bin/sh or ROOT/usr/bin/sh exists (as a file or a symlink inside ROOT). */
  readonly hasShell: boolean;
  readonly runningAsRoot: boolean;
}

export interface AptRootConfig {
  /** Where the generated file is (outside the root); the same path goes to APT_CONFIG and `-c`. */
  readonly path: string;
  readonly content: string;
  /** The DPkg::Options it sets, in order (checked against `apt-config dump`). */
  readonly dpkgOptions: readonly string[];
}

/**
 * A root path apt's configuration syntax can carry inside `"…"` without quoting rules: no
 * quotes, backslashes, braces, semicolons, `#` or white space.
 */
const SAFE_ROOT = /^\/[A-Za-z0-9._/+@:~,=-]*$/;

/** Absolute, normalised, without a trailing slash (`/` stays `/`). */
export function normalizeRoot(root: string): string {
  if (!path.isAbsolute(root)) throw new InputError(root, '--root must be an absolute path');
  const normalized = path.resolve(root);
  if (!SAFE_ROOT.test(normalized)) {
    throw new InputError(root, '--root may only contain letters, digits and . _ / + @ : ~ , = - (it is written into apt configuration)');
  }
  return normalized;
}

export function dpkgRootOptions(root: string, facts: RootFacts): string[] {
  return [
    `--root=${root}`,
    `--admindir=${root}/var/lib/dpkg`,
    `--log=${root}/var/log/dpkg.log`,
    ...(facts.hasShell ? [] : ['--force-script-chrootless']),
    ...(facts.runningAsRoot ? [] : ['--force-not-root']),
  ];
}

/** Keys whose values are commands apt runs through the host's shell, or that move dpkg. */
export const HOST_ACTING_KEYS = [
  'DPkg::Pre-Invoke',
  'DPkg::Post-Invoke',
  'DPkg::Pre-Install-Pkgs',
  'DPkg::Post-Invoke-Success',
  'APT::Update::Pre-Invoke',
  'APT::Update::Post-Invoke',
  'APT::Update::Post-Invoke-Success',
  'DPkg::Chroot-Directory',
] as const;

/** Pure: the file for `root`, named by its content so that two runs never disagree about it. */
export function aptRootConfig(root: string, facts: RootFacts, tmpdir: string): AptRootConfig {
  const dpkgOptions = dpkgRootOptions(root, facts);
  const lines = [
    `// Written by patchplan for --root ${root}. Read as APT_CONFIG (before ${root}/etc/apt) and`,
    `// again with -c (after it), so these values win; see src/managers/apt/root-config.ts.`,
    '#clear DPkg::Options;',
    ...HOST_ACTING_KEYS.map((k) => `#clear ${k};`),
    `Dir "${root}/";`,
    `Dir::State::status "${root}/var/lib/dpkg/status";`,
    `Dir::Log "${root}/var/log/apt";`,
    'Dir::Bin::dpkg "/usr/bin/dpkg";',
    `DPkg::Options { ${dpkgOptions.map((o) => `"${o}";`).join(' ')} };`,
    // dpkg's output then reaches our pipe line by line (progress) instead of through a pty.
    'DPkg::Use-Pty "false";',
    '',
  ];
  const content = lines.join('\n');
  const digest = createHash('sha256').update(content).digest('hex').slice(0, 20);
  return {path: path.join(tmpdir, `patchplan-apt-${digest}.conf`), content, dpkgOptions};
}

/** The facts `aptRootConfig` depends on; entryExists (lstat), so an absolute symlink is not followed out of ROOT. */
export async function probeRootFacts(root: string, node: {readonly files: Pick<NodeFiles, 'entryExists'>; readonly userId: number}): Promise<RootFacts> {
  const hasShell = (await node.files.entryExists(path.join(root, 'bin/sh'))) || (await node.files.entryExists(path.join(root, 'usr/bin/sh')));
  return {hasShell, runningAsRoot: node.userId === 0};
}

/** Written by rename from a private directory: the name is predictable (system/private-file.ts). */
export async function writeAptRootConfig(config: AptRootConfig): Promise<void> {
  await writePrivateFileByRename(config.path, config.content);
}

/**
 * `apt-config dump` (with the same APT_CONFIG and `-c`): what apt will really use. Real lines
 * for a root whose apt.conf.d adds hooks, `--force-confnew` and `Dir::Bin::dpkg "/bin/false"`
 * (fixtures/apt/debian-12/root-hooks/apt-config-dump.stdout, apt 2.6.2): all of it is gone.
 *
 *     Dir "/tmp/pp-apt-capture/root-hooks/";
 *     Dir::Bin::dpkg "/usr/bin/dpkg";
 *     DPkg::Options "";
 *     DPkg::Options:: "--root=/tmp/pp-apt-capture/root-hooks";
 *     DPkg::Options:: "--admindir=/tmp/pp-apt-capture/root-hooks/var/lib/dpkg";
 *     DPkg::Options:: "--log=/tmp/pp-apt-capture/root-hooks/var/log/dpkg.log";
 *     DPkg::Options:: "--force-script-chrootless";
 *     DPkg::Pre-Install-Pkgs "";
 *     DPkg::Post-Invoke "";
 *
 * Without `-c` the same root gave `Dir::Bin::dpkg "/bin/false"`, a fifth `DPkg::Options::
 * "--force-confnew"` and `DPkg::Post-Invoke:: "touch /tmp/pp-apt-capture/HOST-HOOK-RAN"`
 * (apt-config-dump-without-c.stdout beside it).
 *
 * Returns what is wrong (empty = apt is confined to the root as intended).
 */
export function checkAptConfigDump(dump: string, root: string, config: AptRootConfig): string[] {
  const values = new Map<string, string[]>();
  for (const line of dump.split('\n')) {
    const match = /^(\S+) "(.*)";$/.exec(line);
    if (!match?.[1]) continue;
    const keyName = match[1].toLowerCase();
    values.set(keyName, [...(values.get(keyName) ?? []), match[2] ?? '']);
  }
  const one = (k: string): string | undefined => values.get(k.toLowerCase())?.[0];
  const problems: string[] = [];
  if (one('Dir') !== `${root}/`) problems.push(`Dir is ${JSON.stringify(one('Dir') ?? '')}, not "${root}/"`);
  if (one('Dir::State::status') !== `${root}/var/lib/dpkg/status`) problems.push('Dir::State::status is not the root\'s dpkg status');
  if (one('Dir::Bin::dpkg') !== '/usr/bin/dpkg') problems.push(`Dir::Bin::dpkg is ${JSON.stringify(one('Dir::Bin::dpkg') ?? '')}`);
  const options = values.get('dpkg::options::') ?? [];
  if (JSON.stringify(options) !== JSON.stringify(config.dpkgOptions)) {
    problems.push(`DPkg::Options are ${JSON.stringify(options)}, expected ${JSON.stringify(config.dpkgOptions)}`);
  }
  for (const k of HOST_ACTING_KEYS) {
    const children = values.get(`${k.toLowerCase()}::`) ?? [];
    const scalar = one(k);
    if (children.length > 0 || (scalar !== undefined && scalar !== '')) problems.push(`${k} is set`);
  }
  return problems;
}
