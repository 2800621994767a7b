/**
 * patchplan end to end on dnf and its yum dialect: the BUILT CLI (`node bin/run.js`, argv arrays)
 * plans and applies against the real dnf 4 / rpm in sandbox roots (`--root`), and every installed
 * version is read back with `rpm --root ROOT -qa` (HOME = the lab home, labs.md §5).
 *
 * The lab (test/integration/lab/rpm/) is built once in beforeAll: two file: repositories with the
 * advisories listed in rpm-lab.ts, and Amazon Linux 2 (yum) and Amazon Linux 2023 (dnf) template
 * roots. The yum dialect runs through `yum` → dnf-3 first on PATH (labs.md §2.6). Each test works
 * on its own `cp -a` copy. The CLI runs with HOME=<lab home>: Debian's rpm would otherwise use
 * ~/.rpmdb. The last test checks the host's /var/lib/rpm and ~/.rpmdb are as before the first.
 */
import {spawn} from 'node:child_process';
import {existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {silentLogger} from '../../src/core/logger.js';
import {createDnfAdapter} from '../../src/managers/dnf/index.js';
import {PlanSchema, type Plan} from '../../src/plan/schema.js';
import {nodeFiles} from '../../src/system/node-files.js';
import {execaRunner} from '../../src/system/runner.js';
import {installedOf} from '../helpers/installed.js';
import {REPO, runCli, type CliResult} from '../helpers/cli.js';
import {ApplyResultSchema, decisionsOf, errorLines, hostRpmFingerprint, targetsOf, writeBaseline as writeLabBaseline, type ApplyResult} from './lab/e2e.js';
import {rpmLab, rpmVersions, run, type RpmLab, type RpmLabRoot, type RpmTemplate} from './lab/rpm/rpm-lab.js';

/** The host's rpm databases, taken when the file is loaded, before the lab exists. */
const hostBefore = hostRpmFingerprint();

const TEMPLATE: Record<string, string> = {
  'app-pp': '1.0-1.amzn2',
  'epoch-pp': '1.5-1.el8',
  'hello-pp': '1.0-1.amzn2',
  'kernel-pp': '4.14.0-1.amzn2',
  'libfoo-pp': '1.0-1.amzn2',
  'low-pp': '1.0-1.amzn2',
  'med-pp': '1.0-1.amzn2',
  'multi-pp': '1.0-1.amzn2',
  'noadv-pp': '1.0-1.amzn2',
  'tool-pp': '2.0-1.el8',
};
const NOW = '2026-11-24T00:00:00Z';


let lab: RpmLab;

beforeAll(async () => {
  if (!existsSync(path.join(REPO, 'dist', 'commands', 'apply.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  lab = await rpmLab();
});

afterAll(() => {
  lab?.remove();
});

function patchplan(args: readonly string[]): Promise<CliResult> {
  return runCli(args, {env: {...lab.env}});
}

function writeBaseline(r: RpmLabRoot, name: string, os: string, document: Record<string, unknown>): string {
  return writeLabBaseline(r.work, name, os, document);
}

/**
 * Serves `xml` as the updateinfo of a private copy of the updates repository and points the root at
 * it (dnf re-fetches a cached file whose checksum repomd.xml does not list, so the cache itself
 * cannot be edited); the next command needs --refresh.
 */
async function serveUpdateinfo(r: RpmLabRoot, xml: string): Promise<void> {
  const repo = path.join(r.work, 'repo-updates');
  expect((await run('/bin/cp', ['-a', lab.repoUpdates, repo])).code).toBe(0);
  const file = path.join(r.work, 'updateinfo.xml');
  writeFileSync(file, xml);
  const added = await run('/usr/bin/modifyrepo_c', ['--mdtype=updateinfo', file, path.join(repo, 'repodata')], {...process.env, ...lab.env});
  expect(added.code).toBe(0);
  const repoFile = path.join(r.root, 'etc/yum.repos.d/lab.repo');
  writeFileSync(repoFile, readFileSync(repoFile, 'utf8').replace(`file://${lab.repoUpdates}`, `file://${repo}`));
}

async function makePlan(r: RpmLabRoot, manager: 'dnf' | 'yum', extra: readonly string[] = [], name = 'plan', now = NOW): Promise<{plan: Plan; file: string}> {
  const file = path.join(r.work, `${name}.json`);
  const result = await patchplan(['plan', '--root', r.root, '--out', file, '--json', '--now', now, ...extra]);
  expect({exit: result.exitCode, errors: errorLines(result)}).toEqual({exit: 0, errors: []});
  const plan = PlanSchema.parse(JSON.parse(result.stdout));
  expect(plan.node).toMatchObject({root: r.root, machineId: r.machineId, hostname: r.hostname, manager});
  return {plan, file};
}

/** apply PLAN --root ROOT --json, then the root must hold exactly before + the plan's targets (+ `extra`). */
async function applyExactly(r: RpmLabRoot, plan: Plan, file: string, extra: Record<string, string> = {}): Promise<ApplyResult> {
  const before = await rpmVersions(lab, r.root);
  const cli = await patchplan(['apply', file, '--root', r.root, '--json']);
  expect({exit: cli.exitCode, errors: errorLines(cli), stderr: cli.exitCode === 0 ? '' : cli.stderr}).toEqual({exit: 0, errors: [], stderr: ''});
  const result = ApplyResultSchema.parse(JSON.parse(cli.stdout));
  expect(result.plan).toBe(plan.digest);
  for (const d of plan.decisions.filter((x) => x.action === 'install')) {
    expect(result.results.find((x) => x.name === d.name)).toMatchObject({status: 'installed', to: d.targetVersion});
  }
  expect(await rpmVersions(lab, r.root)).toEqual({...before, ...targetsOf(plan), ...extra});
  return result;
}

describe.each<[RpmTemplate, 'dnf' | 'yum', string]>([
  ['al2023', 'dnf', 'AWS-AmazonLinux2023DefaultPatchBaseline'],
  ['al2', 'yum', 'AWS-AmazonLinux2DefaultPatchBaseline'],
])('default baseline on %s (%s; the lab\'s yum is dnf-3 behind a symlink)', (template, manager, baselineId) => {
  it('plans Critical/Important security and severity-bearing bugfix updates, latest approved version, and applies exactly them', async () => {
    const r = await lab.copyRoot(template, 'default');
    expect(await rpmVersions(lab, r.root)).toEqual(TEMPLATE);
    const {plan, file} = await makePlan(r, manager);
    expect(plan.baseline.source).toBe(baselineId);
    const common = {
      'app-pp': 'install 1.0-2.amzn2 (approval-rule)', // Critical
      'epoch-pp': 'install 1:2.0-1.el8 (approval-rule)', // bugfix with <severity>, epoch bump
      'hello-pp': 'install 1.0-2.amzn2 (approval-rule)', // Important
      'libfoo-pp': 'install 1.1-1.amzn2 (approval-rule)', // Important
      'multi-pp': 'install 1.2-1.amzn2 (approval-rule)', // 1.1 and 1.2 approved → latest; 1.3 is an enhancement
      'kernel-pp': 'skip (not-approved)', // Moderate
      'low-pp': 'skip (not-approved)', // Low
      'med-pp': 'skip (not-approved)', // Medium is not Moderate (DECISION-9)
      'noadv-pp': 'skip (not-security-repo)', // no notice
    };
    expect(decisionsOf(plan)).toEqual({
      ...common,
      // A bugfix notice without <severity>: security on yum (any notice), not on dnf (spec §4.4).
      'tool-pp': manager === 'yum' ? 'install 2.1-1.el8 (approval-rule)' : 'skip (not-security-repo)',
    });
    const result = await applyExactly(r, plan, file);
    expect(result.reboot).toMatchObject({option: 'RebootIfNeeded', performed: false});
  });
});

describe('ApproveAfterDays is measured from the family\'s date, strictly after the boundary', () => {
  // hello-pp: ALAS-2026-007 issued 2026-05-01T10:00Z, updated 2026-05-20T10:00Z; the default rules wait 7 days.
  it.each<[RpmTemplate, 'dnf' | 'yum', string, string]>([
    ['al2023', 'dnf', '2026-05-08T10:00:00Z', 'skip (approval-pending)'],
    ['al2023', 'dnf', '2026-05-08T10:00:01Z', 'install 1.0-2.amzn2 (approval-rule)'],
    ['al2', 'yum', '2026-05-08T10:00:01Z', 'skip (approval-pending)'],
    ['al2', 'yum', '2026-05-27T10:00:00Z', 'skip (approval-pending)'],
    ['al2', 'yum', '2026-05-27T10:00:01Z', 'install 1.0-2.amzn2 (approval-rule)'],
  ])('%s (%s) at %s: hello-pp %s', async (template, manager, now, expected) => {
    const r = await lab.copyRoot(template, 'after-days');
    const {plan} = await makePlan(r, manager, [], 'plan', now);
    expect(decisionsOf(plan)['hello-pp']).toBe(expected);
  });

  it('dnf at the issued boundary + 1 s installs hello-pp for real', async () => {
    const r = await lab.copyRoot('al2023', 'after-days-apply');
    const {plan, file} = await makePlan(r, 'dnf', [], 'plan', '2026-05-08T10:00:01Z');
    expect(targetsOf(plan)['hello-pp']).toBe('1.0-2.amzn2');
    await applyExactly(r, plan, file);
    expect((await rpmVersions(lab, r.root))['hello-pp']).toBe('1.0-2.amzn2');
  });
});

describe('ApprovedPatches with epochs and wildcards', () => {
  it('installs the listed NEVRAs: an exact epoch spec, a version wildcard below the newest, a bare name of a notice-less package', async () => {
    const r = await lab.copyRoot('al2023', 'approved');
    const baseline = writeBaseline(r, 'approved', 'AMAZON_LINUX_2023', {
      ApprovalRules: {PatchRules: []},
      ApprovedPatches: ['epoch-pp-1:2.0-1.el8.noarch', 'tool-pp-2.1*', 'noadv-pp'],
      ApprovedPatchesEnableNonSecurity: true,
    });
    const {plan, file} = await makePlan(r, 'dnf', ['--baseline', baseline]);
    expect(targetsOf(plan)).toEqual({'epoch-pp': '1:2.0-1.el8', 'tool-pp': '2.1-1.el8', 'noadv-pp': '1.1-1.amzn2'});
    await applyExactly(r, plan, file);
    const after = await rpmVersions(lab, r.root);
    expect([after['epoch-pp'], after['tool-pp'], after['noadv-pp']]).toEqual(['1:2.0-1.el8', '2.1-1.el8', '1.1-1.amzn2']);
  });

  it('an epoch that does not match approves nothing', async () => {
    const r = await lab.copyRoot('al2023', 'approved-wrong-epoch');
    const baseline = writeBaseline(r, 'wrong-epoch', 'AMAZON_LINUX_2023', {
      ApprovalRules: {PatchRules: []},
      ApprovedPatches: ['epoch-pp-0:2.0-1.el8.noarch'],
      ApprovedPatchesEnableNonSecurity: true,
    });
    const {plan} = await makePlan(r, 'dnf', ['--baseline', baseline]);
    expect(targetsOf(plan)).toEqual({});
  });
});

describe('RejectedPatches where an approved update requires the rejected package (dnf)', () => {
  const lists = {
    ApprovalRules: {PatchRules: []},
    ApprovedPatches: ['app-pp'],
    RejectedPatches: ['libfoo-pp-*1.1*'],
  };

  it('BLOCK: app-pp 1.0-2 needs libfoo-pp 1.1, which is rejected: nothing is installed', async () => {
    const r = await lab.copyRoot('al2023', 'rejected-block');
    const baseline = writeBaseline(r, 'block', 'AMAZON_LINUX_2023', {...lists, RejectedPatchesAction: 'BLOCK'});
    const {plan} = await makePlan(r, 'dnf', ['--baseline', baseline]);
    expect(targetsOf(plan)).toEqual({});
    expect(decisionsOf(plan)['libfoo-pp']).toMatch(/^skip/);
    expect(await rpmVersions(lab, r.root)).toEqual(TEMPLATE);
  });

  it('ALLOW_AS_DEPENDENCY: app-pp 1.0-2 is installed and pulls libfoo-pp 1.1 in', async () => {
    const r = await lab.copyRoot('al2023', 'rejected-allow');
    const baseline = writeBaseline(r, 'allow', 'AMAZON_LINUX_2023', {...lists, RejectedPatchesAction: 'ALLOW_AS_DEPENDENCY'});
    const {plan, file} = await makePlan(r, 'dnf', ['--baseline', baseline]);
    expect(targetsOf(plan)['app-pp']).toBe('1.0-2.amzn2');
    // Planned as what app-pp pulls in, not as an approved update of its own.
    expect(decisionsOf(plan)['libfoo-pp']).toMatch(/^install 1\.1-1\.amzn2 \((?!approval-rule|approved-patch)/);
    await applyExactly(r, plan, file);
  });
});

describe('bad input and locks', () => {
  it('a malformed updateinfo.xml from a repository: one line naming the cached file and the XML line; nothing planned or installed', async () => {
    const r = await lab.copyRoot('al2023', 'malformed');
    await serveUpdateinfo(r, '<?xml version="1.0"?>\n<updates>\n<update type="security"><id>X-1</id>\n<pkglist>\n</updates>\n');
    const out = path.join(r.work, 'plan.json');
    const result = await patchplan(['plan', '--root', r.root, '--refresh', '--out', out, '--json', '--now', NOW]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    const errors = errorLines(result);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^error: \/.*\/var\/cache\/dnf\/amzn-updates-[0-9a-f]{16}\/repodata\/[0-9a-f]+-updateinfo\.xml\.gz: line 5: not well-formed XML: /);
    expect(existsSync(out)).toBe(false);
    expect(await rpmVersions(lab, r.root)).toEqual(TEMPLATE);
  });

  it('an advisory id with shell metacharacters is data: planned and applied through argv, no shell ever runs it', async () => {
    const r = await lab.copyRoot('al2023', 'metachar-id');
    const marker = path.join(r.work, 'pwned');
    await serveUpdateinfo(
      r,
      `<?xml version="1.0"?><updates><update type="security"><id>ALAS-X;touch ${marker};$(touch ${marker})</id><issued date="2026-01-01 00:00:00"/><severity>Critical</severity><pkglist><collection><package name="low-pp" epoch="0" version="1.0" release="2.amzn2" arch="noarch"/></collection></pkglist></update></updates>\n`,
    );
    const {plan, file} = await makePlan(r, 'dnf', ['--refresh']);
    expect(targetsOf(plan)).toEqual({'low-pp': '1.0-2.amzn2'});
    expect(readFileSync(file, 'utf8')).toContain('ALAS-X;touch');
    await applyExactly(r, plan, file);
    expect(existsSync(marker)).toBe(false);
  });

  it('the rpmdb lock held by another process: apply waits up to --lock-timeout, then exit 5 naming the pid; nothing installed', async () => {
    const r = await lab.copyRoot('al2023', 'lock');
    const {file} = await makePlan(r, 'dnf');
    const holder = spawn('/bin/sleep', ['60'], {stdio: 'ignore'});
    try {
      writeFileSync(path.join(r.root, 'var/lib/dnf/rpmdb_lock.pid'), String(holder.pid));
      const started = Date.now();
      const cli = await patchplan(['apply', file, '--root', r.root, '--json', '--lock-timeout', '2s']);
      expect(cli.exitCode).toBe(5);
      expect(cli.stdout).toBe('');
      const errors = errorLines(cli);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(`held by process ${holder.pid}`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
      expect(await rpmVersions(lab, r.root)).toEqual(TEMPLATE);
    } finally {
      holder.kill();
    }
  });
});

describe('apply reads the database back', () => {
  it('a planned version the repositories no longer offer: apply refuses the plan (exit 3), nothing installed', async () => {
    const r = await lab.copyRoot('al2023', 'vanished');
    const {file} = await makePlan(r, 'dnf');
    const repoFile = path.join(r.root, 'etc/yum.repos.d/lab.repo');
    writeFileSync(repoFile, readFileSync(repoFile, 'utf8').replace(`file://${lab.repoUpdates}`, `file://${lab.repoBase}`));
    const cli = await patchplan(['apply', file, '--root', r.root, '--json']);
    expect(cli.exitCode).toBe(3);
    expect(cli.stdout).toBe('');
    expect(errorLines(cli)).toEqual([expect.stringContaining('app-pp (noarch): planned version 1.0-2.amzn2 is no longer offered by the repositories')]);
    expect(await rpmVersions(lab, r.root)).toEqual(TEMPLATE);
  });

  it("dnf fails inside the transaction (a package file vanished after planning): failed with dnf's own text, exit 4, nothing installed", async () => {
    const r = await lab.copyRoot('al2023', 'download-fails');
    const repo = path.join(r.work, 'repo-updates');
    expect((await run('/bin/cp', ['-a', lab.repoUpdates, repo])).code).toBe(0);
    const repoFile = path.join(r.root, 'etc/yum.repos.d/lab.repo');
    writeFileSync(repoFile, readFileSync(repoFile, 'utf8').replace(`file://${lab.repoUpdates}`, `file://${repo}`));
    const {file} = await makePlan(r, 'dnf');
    rmSync(path.join(repo, 'app-pp-1.0-2.amzn2.noarch.rpm'));
    const cli = await patchplan(['apply', file, '--root', r.root, '--json']);
    expect(errorLines(cli)).toEqual([]);
    expect(cli.exitCode).toBe(4);
    const result = ApplyResultSchema.parse(JSON.parse(cli.stdout));
    const app = result.results.find((x) => x.name === 'app-pp');
    expect(app?.status).toBe('failed');
    // apply/execute.ts picks the line of dnf's output that names the package; dnf's exit code comes with it.
    expect(app?.message).toMatch(/^still at 1\.0-1\.amzn2 after the install; dnf exited 1: .*app-pp/);
    // One transaction: nothing else went in either.
    expect(await rpmVersions(lab, r.root)).toEqual(TEMPLATE);
  });

  it('needs-restarting: a root with a newly installed kernel reports a pending reboot in its inventory', async () => {
    const r = await lab.copyRoot('al2023', 'reboot');
    const before = await patchplan(['inventory', '--root', r.root, '--json']);
    expect(before.exitCode).toBe(0);
    expect(JSON.parse(before.stdout).node.rebootPending).toBe(false);
    const dnf = await run(
      '/usr/bin/dnf',
      ['-c', `${r.root}/etc/dnf/dnf.conf`, `--installroot=${r.root}`, `--setopt=reposdir=${r.root}/etc/yum.repos.d`, '--releasever=2023', '-y', '-q', 'install', 'kernel-4.14.1-1.amzn2.noarch'],
      {...process.env, ...lab.env},
    );
    expect(dnf.code).toBe(0);
    const after = await patchplan(['inventory', '--root', r.root, '--json']);
    expect(JSON.parse(after.stdout).node.rebootPending).toBe(existsSync('/opt/patchplan-test/dnf-plugins-core'));
    // apply's read-back (rpm -qa alone) agrees with the collection: two kernels installed, the newest counts.
    const ctx = {runner: execaRunner, root: r.root, files: nodeFiles, log: silentLogger, lockTimeoutMs: 10_000, env: {...process.env, ...lab.env}, userId: process.getuid?.() ?? 0};
    const readBack = installedOf(await createDnfAdapter('dnf').readInstalled(ctx));
    expect(readBack).toEqual(installedOf(JSON.parse(after.stdout).packages));
    expect(readBack.filter((p) => p.name === 'kernel').map((p) => p.installedVersion)).toEqual(['4.14.1-1.amzn2']);
  });
});

describe('the host', () => {
  it("rpm database and ~/.rpmdb are as before the suite", () => {
    expect(hostRpmFingerprint()).toEqual(hostBefore);
  });
});
