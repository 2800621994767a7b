/**
 * patchplan end to end on zypper: the BUILT CLI (`node bin/run.js`, argv arrays, no shell) plans and
 * applies against the real zypper 1.14 and rpm in a SLES 15 SP6 sandbox root (`--root`), and every
 * installed version is read back with `rpm --root ROOT -qa`.
 *
 * Needs `npm run build` first and zypper, rpm, rpmbuild, createrepo_c, modifyrepo_c
 * (scripts/install-test-deps.sh). The lab (test/integration/lab/zypper/build-lab.sh: two file://
 * rpm-md repos with SUSE patches of every category and severity, and a template root with the
 * old versions) is built once; each test applies to its own `cp -a` copy. HOME is the lab's home
 * (`.rpmmacros`: `%_dbpath /var/lib/rpm`) for every command, so Debian's rpm never writes
 * ~/.rpmdb; the last test checks that, and the host's rpm database, against the state before.
 */
import {spawn} from 'node:child_process';
import {cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {PlanSchema, type Plan} from '../../src/plan/schema.js';
import {REPO, runCli, type CliResult} from '../helpers/cli.js';
import {ApplyResultSchema, hostRpmFingerprint, writeBaseline as writeLabBaseline, type ApplyResult} from './lab/e2e.js';
import {run} from './lab/run.js';

// The host's rpm databases, taken when the file is loaded, before the lab exists.
const hostBefore = hostRpmFingerprint();

/** What the template has installed (build-lab.sh). */
const TEMPLATE: Record<string, string> = {
  'epoch-pp': '1.5-150600.1.1',
  'feat-pp': '1.0-150600.1.1',
  'kernel-pp': '6.4.0-150600.1.1',
  'new-crit-pp': '1.0-150600.1.1',
  'noadv-pp': '1.0-150600.1.1',
  'rec-pp': '1.0-150600.1.1',
  'sec-crit-pp': '1.0-150600.1.1',
  'sec-imp-pp': '1.0-150600.1.1',
  'sec-low-pp': '1.0-150600.1.1',
  'sec-mod-pp': '1.0-150600.1.1',
  'tool-pp': '2.0-150600.1.1',
};

/** One instant all plans are evaluated at (new-crit-pp's patch is 3.6 days old then). */
const NOW = '2026-11-24T00:00:00Z';


let lab = '';
let home = '';
let template = '';

beforeAll(async () => {
  lab = mkdtempSync(path.join(os.tmpdir(), 'pp-zypper-e2e-'));
  home = path.join(lab, 'home');
  const built = await run('/bin/sh', [path.join(REPO, 'test/integration/lab/zypper/build-lab.sh'), lab]);
  if (built.code !== 0) throw new Error(`zypper build-lab.sh failed (${built.code}): ${built.stderr}`);
  template = path.join(lab, 'template');
});

afterAll(() => {
  if (lab !== '') rmSync(lab, {recursive: true, force: true});
});

function copyRoot(name: string): string {
  const root = path.join(lab, 'roots', name);
  cpSync(template, root, {recursive: true, verbatimSymlinks: true});
  return root;
}

function patchplan(args: readonly string[]): Promise<CliResult> {
  return runCli(args, {env: {HOME: home, TMPDIR: lab}});
}

/** `rpm --root ROOT -qa`: name → `[E:]V-R` (epoch omitted when 0, as patchplan writes it). */
async function installed(root: string): Promise<Record<string, string>> {
  const query = await rpm(['--root', root, '-qa', '--qf', '%{NAME} %{EPOCHNUM} %{VERSION}-%{RELEASE}\n']);
  const result: Record<string, string> = {};
  for (const line of query.trim().split('\n')) {
    const [name, epoch, vr] = line.split(' ');
    if (name && epoch && vr) result[name] = epoch === '0' ? vr : `${epoch}:${vr}`;
  }
  return result;
}

/** rpm with the lab's HOME (its .rpmmacros keeps every database inside the root); fails loudly. */
async function rpm(args: readonly string[]): Promise<string> {
  const result = await run('/usr/bin/rpm', args, {...process.env, HOME: home});
  if (result.code !== 0) throw new Error(`rpm ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}

function writeBaseline(root: string, name: string, document: Record<string, unknown>): string {
  return writeLabBaseline(path.join(root, '..'), name, 'SUSE', document);
}

async function makePlan(root: string, file: string, extra: readonly string[]): Promise<Plan> {
  const result = await patchplan(['plan', '--root', root, '--out', file, '--json', ...extra]);
  expect({exit: result.exitCode, stderr: result.stderr.split('\n').filter((l) => l.startsWith('error:'))}).toEqual({exit: 0, stderr: []});
  const plan = PlanSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  expect(plan.node).toMatchObject({root, manager: 'zypper', product: 'Suse15.6', operatingSystem: 'SUSE', hostname: 'sles-lab'});
  return plan;
}

function planned(plan: Plan): Record<string, string> {
  return Object.fromEntries(plan.decisions.filter((d) => d.action === 'install').map((d) => [d.name, d.targetVersion ?? '']));
}

async function apply(root: string, file: string): Promise<ApplyResult> {
  const result = await patchplan(['apply', file, '--root', root, '--json']);
  expect({exit: result.exitCode, errors: result.stderr.split('\n').filter((l) => l.startsWith('error:'))}).toEqual({exit: 0, errors: []});
  return ApplyResultSchema.parse(JSON.parse(result.stdout));
}

describe('zypper: plan and apply with AWS-SuseDefaultPatchBaseline (Security + Critical/Important, 7 days)', () => {
  it('installs exactly the approved versions and nothing else', async () => {
    const root = copyRoot('default');
    const file = path.join(lab, 'roots', 'default.plan.json');
    const plan = await makePlan(root, file, ['--now', NOW]);
    expect(plan.baseline.source).toBe('AWS-SuseDefaultPatchBaseline');
    // security/critical + security/important older than 7 days; epoch-pp gains an epoch; new-crit-pp is too new;
    // moderate/low security, recommended, optional, feature and notice-less versions are not approved.
    const expected = {
      'epoch-pp': '1:2.0-150600.1.1',
      'kernel-pp': '6.4.0-150600.2.1',
      'sec-crit-pp': '1.0-150600.3.1',
      'sec-imp-pp': '1.1-150600.1.1',
    };
    expect(planned(plan)).toEqual(expected);
    const result = await apply(root, file);
    expect(await installed(root)).toEqual({...TEMPLATE, ...expected});
    expect(result.results.filter((r) => r.status === 'installed').map((r) => r.name).sort()).toEqual(Object.keys(expected).sort());
    // kernel-pp is named in ROOT/etc/zypp/needreboot: `zypper needs-rebooting` says 102, but never a reboot on a --root.
    expect(result.reboot).toMatchObject({required: true, performed: false, reason: 'alternate-root'});
  });

  it('approves a patch strictly after issue date + ApproveAfterDays (new-crit-pp, issued 2026-11-20T10:00:00Z)', async () => {
    const root = copyRoot('boundary');
    const at = await makePlan(root, path.join(lab, 'roots', 'at.plan.json'), ['--now', '2026-11-27T10:00:00Z']);
    expect(planned(at)['new-crit-pp']).toBeUndefined();
    const file = path.join(lab, 'roots', 'after.plan.json');
    const after = await makePlan(root, file, ['--now', '2026-11-27T10:00:01Z']);
    expect(planned(after)['new-crit-pp']).toBe('1.0-150600.2.1');
    await apply(root, file);
    expect((await installed(root))['new-crit-pp']).toBe('1.0-150600.2.1');
  });
});

describe('zypper: a custom baseline', () => {
  it('installs the highest approved version per package, honours RejectedPatches, and leaves the rest', async () => {
    const root = copyRoot('custom');
    const baseline = writeBaseline(root, 'custom', {
      ApprovalRules: {
        PatchRules: [
          {PatchFilterGroup: {PatchFilters: [{Key: 'CLASSIFICATION', Values: ['Recommended', 'Optional']}]}, ApproveAfterDays: 0},
          {PatchFilterGroup: {PatchFilters: [{Key: 'CLASSIFICATION', Values: ['Security']}, {Key: 'SEVERITY', Values: ['Moderate', 'Low']}]}, ApproveAfterDays: 30},
        ],
      },
      RejectedPatches: ['sec-low-pp'],
    });
    const file = path.join(lab, 'roots', 'custom.plan.json');
    const plan = await makePlan(root, file, ['--now', NOW, '--baseline', baseline]);
    // tool-pp: 2.1 (recommended) and 2.2 (optional) are both approved, the highest is installed.
    const expected = {'rec-pp': '1.0-150600.2.1', 'sec-mod-pp': '1.0-150600.2.1', 'tool-pp': '2.2-150600.1.1'};
    expect(planned(plan)).toEqual(expected);
    await apply(root, file);
    expect(await installed(root)).toEqual({...TEMPLATE, ...expected});
  });
});

describe('zypper: what a killed rpm transaction leaves', () => {
  it('an old version left in the rpm database beside the new one: --no-repair names the command, the next apply erases it', async () => {
    const root = copyRoot('duplicate');
    const file = path.join(lab, 'roots', 'duplicate.plan.json');
    const plan = await makePlan(root, file, ['--now', NOW]);
    await apply(root, file);
    // rpm writes the new header before erasing the old: a kill between leaves both.
    const old = path.join(lab, 'rpm', 'repo-base', 'sec-crit-pp-1.0-150600.1.1.noarch.rpm');
    await rpm(['--root', root, '-i', '--justdb', '--nodeps', '--force', old]);
    const erase = `/usr/bin/rpm --root ${root} -e --nodeps --noscripts -- sec-crit-pp-1.0-150600.1.1.noarch`;

    const refused = await patchplan(['apply', file, '--root', root, '--no-repair']);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr.trim().split('\n').at(-1)).toBe(
      `error: ${root}: an interrupted rpm transaction left older versions installed beside the new ones (sec-crit-pp-1.0-150600.1.1.noarch); remove them with \`${erase}\` or run \`patchplan apply\` without --no-repair`,
    );
    const result = await apply(root, file);
    expect(result.results.filter((r) => r.status !== 'skipped').map((r) => r.status)).toEqual(Object.keys(planned(plan)).map(() => 'already-installed'));
    expect(JSON.parse((await patchplan(['apply', file, '--root', root, '--json'])).stdout)).toMatchObject({repaired: []});
    expect(await installed(root)).toMatchObject(planned(plan));
    const names = (await rpm(['--root', root, '-qa', '--qf', '%{NAME}\n'])).trim().split('\n');
    expect(names.filter((n) => n === 'sec-crit-pp')).toHaveLength(1);
  });
});

describe('zypper: the zypp lock', () => {
  it('waits for the lock held by another process, then exits 5 naming its pid, and installs nothing', async () => {
    const root = copyRoot('locked');
    const file = path.join(lab, 'roots', 'locked.plan.json');
    await makePlan(root, file, ['--now', NOW]);
    // libzypp's lock: ROOT/run/zypp.pid naming a live process (labs capture install-locked.stderr).
    const holder = spawn('/bin/sleep', ['60'], {stdio: 'ignore'});
    try {
      writeFileSync(path.join(root, 'run', 'zypp.pid'), `${holder.pid}\n`);
      const started = Date.now();
      const result = await patchplan(['apply', file, '--root', root, '--json', '--lock-timeout', '2s']);
      expect(result.exitCode).toBe(5);
      expect(result.stdout).toBe('');
      const errors = result.stderr.split('\n').filter((l) => l.startsWith('error:'));
      // Found before zypper runs (locks first: /proc names the live pid in zypp.pid by its command).
      expect(errors).toEqual([expect.stringContaining(`locked by process ${holder.pid} (sleep)`)]);
      expect(errors[0]).toContain(`${root}/run/zypp.pid`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
      expect(await installed(root)).toEqual(TEMPLATE);
    } finally {
      holder.kill();
    }
  });
});

describe('zypper: the host is never touched', () => {
  it('leaves the host rpm database and ~/.rpmdb as they were', () => {
    expect(hostRpmFingerprint()).toEqual(hostBefore);
    // The lab's own home got no .rpmdb either: rpm followed .rpmmacros into each root.
    expect(existsSync(path.join(home, '.rpmdb'))).toBe(false);
  });
});
