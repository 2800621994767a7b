/**
 * The end-to-end apt lab: one repository and one template root per test run, a `cp -a` copy
 * per test (labs.md §1, §8). Built by build-lab.sh (beside this file), which never touches the
 * host's dpkg database and whose maintainer scripts write only under $DPKG_ROOT.
 *
 *   | package   | bookworm (installed) | bookworm-updates | bookworm-security | what it is for |
 *   |-----------|----------------------|------------------|-------------------|----------------|
 *   | hello-pp  | 1.0-1                | 1.0-1+deb12u2    | 1.0-1+deb12u1     | security below -updates (E20); apt's candidate is +deb12u2 |
 *   | tzdata-pp | 2024a-1              | 2025a-1          |                   | -updates only: not-security-repo |
 *   | libssl-pp | 3.0.1-1              |                  | 3.0.1-1+deb12u1   | plain security update (Priority important) |
 *   | libfoo-pp | 1.0-1                |                  | 1.1-1+deb12u1     | the library app-pp's update needs |
 *   | newlib-pp | (not installed)      |                  | 1.0-1             | a new library app-pp's update needs |
 *   | app-pp    | 1.0-1                |                  | 1.0-1+deb12u1     | Depends libfoo-pp (>= 1.1), newlib-pp |
 *   | kernel-pp | 6.1.0-1              |                  | 6.1.0-2           | postinst writes $DPKG_ROOT/var/run/reboot-required |
 *   | slow-pp   | 1.0-1                |                  | 1.0-1+deb12u1     | postinst writes var/lib/slow-pp.configuring, then waits while etc/slow-pp.sleep exists |
 *   | late-pp   | 1.0-1                |                  | 1.0-1+deb12u1     | Pre-Depends slow-pp (>= 1.0-1+deb12u1): unpacked only after slow-pp is configured |
 *
 * Every root looks like a Debian 12 node: etc/os-release (bookworm), etc/machine-id (distinct per
 * copy), etc/hostname, and `[trusted=yes]` sources for the three suites. Only `LAB/repo` paths
 * are absolute inside a root (sources, list file names), and they stay valid in a copy.
 */
import {createHash} from 'node:crypto';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {run, type Exit} from './run.js';

export {run, type Exit};

export const LAB_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'build-lab.sh');

/** The template's machine id; every copy gets its own (copyRoot). */
export const TEMPLATE_MACHINE_ID = '0123456789abcdef0123456789abcdef';

/** What the template has installed (build-lab.sh). */
export const TEMPLATE_VERSIONS: Readonly<Record<string, string>> = {
  'app-pp': '1.0-1',
  'hello-pp': '1.0-1',
  'kernel-pp': '6.1.0-1',
  'late-pp': '1.0-1',
  'libfoo-pp': '1.0-1',
  'libssl-pp': '3.0.1-1',
  'slow-pp': '1.0-1',
  'tzdata-pp': '2024a-1',
};

/** The template after the security updates of AWS-DebianDefaultPatchBaseline. */
export const SECURITY_ONLY_VERSIONS: Readonly<Record<string, string>> = {
  ...TEMPLATE_VERSIONS,
  'app-pp': '1.0-1+deb12u1',
  'hello-pp': '1.0-1+deb12u1',
  'kernel-pp': '6.1.0-2',
  'late-pp': '1.0-1+deb12u1',
  'libfoo-pp': '1.1-1+deb12u1',
  'libssl-pp': '3.0.1-1+deb12u1',
  'newlib-pp': '1.0-1',
  'slow-pp': '1.0-1+deb12u1',
};

/** Tools the lab and the tests run; scripts/install-test-deps.sh installs them. */
const TOOLS = ['/usr/bin/apt-get', '/usr/bin/apt-cache', '/usr/bin/apt-ftparchive', '/usr/bin/dpkg', '/usr/bin/dpkg-deb', '/usr/bin/dpkg-query'];

export interface LabRoot {
  /** The root, for `--root`. */
  readonly root: string;
  /** A directory beside the root for this test's plans, baselines and outputs. */
  readonly work: string;
  /** APT_CONFIG for running apt-get on this root by hand (outside the root, labs.md §1.3). */
  readonly aptConfig: string;
  readonly machineId: string;
  readonly hostname: string;
}

export interface AptLab {
  readonly dir: string;
  readonly repo: string;
  readonly template: string;
  /** TMPDIR for patchplan: the apt configuration it generates per root goes here, not in /tmp. */
  readonly tmpdir: string;
  /** A fresh copy of the template with its own machine id and host name. */
  copyRoot(name: string): Promise<LabRoot>;
  /**
   * Publishes one more package version in a suite and indexes that suite again (build-lab.sh
   * --publish): the repository moves; a root sees it after an apt-get update (`plan --refresh`).
   * The lab is this test file's own (one per process), so other files never see the change.
   */
  publish(suite: 'main' | 'updates' | 'security', name: string, version: string, controlLine?: string): Promise<void>;
  /** Removes everything the lab made. */
  remove(): void;
}

let building: Promise<AptLab> | null = null;

/** Builds the lab once per process (a vitest file), whoever asks first. */
export function aptLab(): Promise<AptLab> {
  building ??= buildLab();
  return building;
}

async function buildLab(): Promise<AptLab> {
  for (const tool of TOOLS) {
    if (!existsSync(tool)) throw new Error(`${tool} is missing: run scripts/install-test-deps.sh (apt-utils, dpkg-dev)`);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pp-e2e-'));
  const built = await run('/bin/sh', [LAB_SCRIPT, dir]);
  if (built.code !== 0) throw new Error(`build-lab.sh failed (exit ${built.code}): ${built.stderr}`);
  const tmpdir = path.join(dir, 'tmp');
  mkdirSync(tmpdir);
  const template = path.join(dir, 'template');
  const confTemplate = readFileSync(path.join(dir, 'apt.conf.in'), 'utf8');
  const names = new Set<string>();
  return {
    dir,
    repo: path.join(dir, 'repo'),
    template,
    tmpdir,
    async copyRoot(name) {
      if (!/^[a-z0-9-]+$/.test(name) || names.has(name)) throw new Error(`copyRoot: ${JSON.stringify(name)} is not a new lower-case name`);
      names.add(name);
      const work = path.join(dir, 'tests', name);
      mkdirSync(work, {recursive: true});
      const root = path.join(work, 'root');
      const copied = await run('/bin/cp', ['-a', template, root]);
      if (copied.code !== 0) throw new Error(`cp -a ${template} ${root}: ${copied.stderr}`);
      const machineId = createHash('md5').update(`patchplan-e2e/${name}`).digest('hex');
      const hostname = `e2e-${name}`;
      writeFileSync(path.join(root, 'etc/machine-id'), `${machineId}\n`);
      writeFileSync(path.join(root, 'etc/hostname'), `${hostname}\n`);
      const aptConfig = path.join(work, 'apt.conf');
      writeFileSync(aptConfig, confTemplate.replaceAll('@ROOT@', root));
      return {root, work, aptConfig, machineId, hostname};
    },
    async publish(suite, name, version, controlLine = '') {
      const published = await run('/bin/sh', [LAB_SCRIPT, '--publish', dir, suite, name, version, controlLine]);
      if (published.code !== 0) throw new Error(`build-lab.sh --publish ${suite} ${name} ${version} failed (exit ${published.code}): ${published.stderr}`);
    },
    remove() {
      rmSync(dir, {recursive: true, force: true});
    },
  };
}

/** `dpkg-query -W` on a root: name → version, with the status appended when it is not `ii`. */
export async function installedVersions(root: string): Promise<Record<string, string>> {
  const out = await run('/usr/bin/dpkg-query', [`--admindir=${root}/var/lib/dpkg`, '-W', '-f', '${Package}\\t${Version}\\t${db:Status-Abbrev}\\n']);
  if (out.code !== 0) throw new Error(`dpkg-query on ${root} exited ${out.code}: ${out.stderr}`);
  const versions: Record<string, string> = {};
  for (const line of out.stdout.split('\n').filter(Boolean)) {
    const [name = '', version = '', abbrev = ''] = line.split('\t');
    versions[name] = abbrev.trim() === 'ii' ? version : `${version} (${abbrev.trim()})`;
  }
  return versions;
}

/** apt-get (or apt-cache) on a root with its own APT_CONFIG, as an administrator would run it. */
export function aptOn(lab: LabRoot, tool: 'apt-get' | 'apt-cache', args: readonly string[]): Promise<Exit> {
  return run(`/usr/bin/${tool}`, args, {...process.env, APT_CONFIG: lab.aptConfig, LC_ALL: 'C', DEBIAN_FRONTEND: 'noninteractive'});
}

export function md5File(file: string): string {
  return createHash('md5').update(readFileSync(file)).digest('hex');
}
