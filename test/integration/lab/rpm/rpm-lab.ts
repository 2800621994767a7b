/**
 * The rpm lab for dnf/yum (and zypper) integration tests: build-rpm-lab.sh (beside this file) runs once
 * per test process; each test gets a `cp -a` copy of a template root (labs.md §2.3: nothing in a dnf
 * root refers to its own path).
 *
 * API (kept small on purpose, the zypper tests reuse it):
 *   const lab = await rpmLab();                  // built once per process, removed by lab.remove()
 *   const r = await lab.copyRoot('al2023', 'name') // {root, work, machineId, hostname}
 *   lab.env                                        // {HOME: lab home (.rpmmacros %_dbpath /var/lib/rpm), PATH: lab/bin first (yum → dnf-3)}
 *   await rpmVersions(lab, r.root)                 // name → [epoch:]version-release from `rpm --root -qa`
 *   lab.dir, lab.repoBase, lab.repoUpdates         // file: repositories (repo ids amzn-core, amzn-updates)
 *
 * What is in the repositories (advisory dates are `issued` / `updated`):
 *   | package   | installed      | amzn-updates                     | notice                                             |
 *   |-----------|----------------|----------------------------------|----------------------------------------------------|
 *   | app-pp    | 1.0-1.amzn2    | 1.0-2.amzn2 (Requires libfoo-pp >= 1.1) | ALAS-2026-001 security Critical 01-15          |
 *   | libfoo-pp | 1.0-1.amzn2    | 1.1-1.amzn2                      | ALAS-2026-002 security Important 02-01 / 02-05, bz 1463241 |
 *   | kernel-pp | 4.14.0-1.amzn2 | 4.14.0-2.amzn2                   | ALAS-2026-003 security Moderate 03-01, reboot_suggested |
 *   | low-pp    | 1.0-1.amzn2    | 1.0-2.amzn2                      | ALAS-2026-004 security Low 04-01                   |
 *   | hello-pp  | 1.0-1.amzn2    | 1.0-2.amzn2                      | ALAS-2026-007 security Important 05-01 / 05-20     |
 *   | med-pp    | 1.0-1.amzn2    | 1.0-2.amzn2                      | ALAS-2026-010 security Medium 03-10                |
 *   | tool-pp   | 2.0-1.el8      | 2.1-1.el8, 2.2-1.el8             | ALBA-2026-005 bugfix (no severity) 02-10; ALEA-2026-006 enhancement (no severity) 06-10 |
 *   | epoch-pp  | 1.5-1.el8      | 1:2.0-1.el8                      | ALBA-2026-008 bugfix Moderate 03-15                |
 *   | multi-pp  | 1.0-1.amzn2    | 1.1, 1.2, 1.3 (-1.amzn2)         | ALAS-2026-011 security Important 01-20 (1.1, 1.2); ALEA-2026-012 enhancement Low 01-25 (1.3) |
 *   | noadv-pp  | 1.0-1.amzn2    | 1.1-1.amzn2                      | none                                               |
 *   | kernel    | (not installed)| 4.14.1-1.amzn2                   | ALAS-2026-009 security Important 07-01, reboot_suggested |
 * All dates are 2026 at 10:00:00 UTC. Templates: `al2` (os-release Amazon Linux 2, VERSION_ID 2) and
 * `al2023` (VERSION_ID 2023), each with etc/machine-id, etc/hostname, dnf.conf and lab.repo.
 */
import {randomBytes} from 'node:crypto';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {run, type Exit} from '../run.js';

export {run, type Exit};

export const RPM_LAB_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'build-rpm-lab.sh');

export type RpmTemplate = 'al2' | 'al2023';

export interface RpmLabRoot {
  readonly root: string;
  /** Beside the root: plans, baselines, outputs of this test. */
  readonly work: string;
  readonly machineId: string;
  readonly hostname: string;
}

export interface RpmLab {
  readonly dir: string;
  readonly home: string;
  readonly repoBase: string;
  readonly repoUpdates: string;
  /** HOME (rpmdb location, labs.md §5) and PATH with the lab's `yum` first. */
  readonly env: Readonly<Record<string, string>>;
  copyRoot(template: RpmTemplate, name: string): Promise<RpmLabRoot>;
  remove(): void;
}

let building: Promise<RpmLab> | null = null;

/** Builds the lab once per process (~3 s); later calls get the same one. */
export function rpmLab(): Promise<RpmLab> {
  building ??= buildLab();
  return building;
}

async function buildLab(): Promise<RpmLab> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pp-rpm-lab-'));
  const built = await run('/bin/sh', [RPM_LAB_SCRIPT, dir]);
  if (built.code !== 0) throw new Error(`build-rpm-lab.sh failed (${built.code}): ${built.stderr}`);
  const env = {
    HOME: path.join(dir, 'home'),
    PATH: `${path.join(dir, 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    // needs-restarting from the dnf-plugins-core that scripts/install-test-deps.sh unpacks.
    PATCHPLAN_DNF_PLUGINS_CORE: DNF_PLUGINS_CORE,
  };
  let copies = 0;
  return {
    dir,
    home: env.HOME,
    repoBase: path.join(dir, 'repo-base'),
    repoUpdates: path.join(dir, 'repo-updates'),
    env,
    async copyRoot(template, name) {
      copies += 1;
      const work = path.join(dir, 'roots', `${copies}-${name}`);
      mkdirSync(work, {recursive: true});
      const root = path.join(work, 'root');
      const copied = await run('/bin/cp', ['-a', path.join(dir, `template-${template}`), root]);
      if (copied.code !== 0) throw new Error(`cp -a failed: ${copied.stderr}`);
      const machineId = randomBytes(16).toString('hex');
      const hostname = `lab-${template}-${copies}`;
      writeFileSync(path.join(root, 'etc/machine-id'), `${machineId}\n`);
      writeFileSync(path.join(root, 'etc/hostname'), `${hostname}\n`);
      return {root, work, machineId, hostname};
    },
    remove() {
      rmSync(dir, {recursive: true, force: true});
      building = null;
    },
  };
}

/** Where scripts/install-test-deps.sh unpacks dnf-plugins-core (it Breaks zypper if installed). */
export const DNF_PLUGINS_CORE = '/opt/patchplan-test/dnf-plugins-core';

/** name → `[epoch:]version-release` as rpm has it installed in the root (HOME from the lab). */
export async function rpmVersions(lab: RpmLab, root: string): Promise<Record<string, string>> {
  const q = await run('/usr/bin/rpm', ['--root', root, '-qa', '--qf', '%{NAME} %{EPOCHNUM} %{VERSION}-%{RELEASE}\n'], {...process.env, ...lab.env});
  if (q.code !== 0) throw new Error(`rpm -qa failed: ${q.stderr}`);
  const out: Record<string, string> = {};
  for (const line of q.stdout.trim().split('\n').sort()) {
    const [name = '', epoch = '0', vr = ''] = line.split(' ');
    out[name] = epoch === '0' ? vr : `${epoch}:${vr}`;
  }
  return out;
}
