/**
 * patchplan end to end on apt: the BUILT CLI (`node bin/run.js`, argv arrays, no shell) plans and
 * applies against the real apt-get and dpkg in sandbox roots (`--root`), and every installed
 * version is read back with `dpkg-query --admindir=ROOT/var/lib/dpkg -W`.
 *
 * Needs `npm run build` first and the tools of scripts/install-test-deps.sh. The lab (repository +
 * Debian 12 template root, test/integration/lab/) is built once in beforeAll; each test works on
 * its own `cp -a` copy with its own machine id. The host is never patched or rebooted: every
 * command carries `--root`, and the last test checks the host's dpkg status checksum and
 * /var/run/reboot-required against what they were before the first.
 */
import {spawn} from 'node:child_process';
import {existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {InventorySchema} from '../../src/inventory/schema.js';
import {PlanSchema, type Plan} from '../../src/plan/schema.js';
import {REPO, runCli, type CliResult} from '../helpers/cli.js';
import {killTree} from '../helpers/processes.js';
import {ApplyResultSchema, decisionsOf, errorLines, statusesOf, targetsOf, theErrorLine, writeBaseline as writeLabBaseline, type ApplyResult} from './lab/e2e.js';
import {aptLab, aptOn, installedVersions, md5File, run, SECURITY_ONLY_VERSIONS, TEMPLATE_MACHINE_ID, TEMPLATE_VERSIONS, type AptLab, type LabRoot} from './lab/apt-lab.js';

const HOST_STATUS = '/var/lib/dpkg/status';
const HOST_REBOOT_FILES = ['/var/run/reboot-required', '/var/run/reboot-required.pkgs', '/run/reboot-required', '/run/reboot-required.pkgs'];
const readOrNull = (file: string): string | null => (existsSync(file) ? readFileSync(file, 'utf8') : null);
// Taken when the file is loaded, before the lab exists.
const hostStatusBefore = md5File(HOST_STATUS);
const hostRebootFilesBefore = HOST_REBOOT_FILES.map(readOrNull);

const TEMPLATE = TEMPLATE_VERSIONS;
const SECURITY_ONLY = SECURITY_ONLY_VERSIONS;

/** AWS-DebianDefaultPatchBaseline's one rule, for baselines that add lists to it. */
const DEFAULT_RULES = {
  PatchRules: [
    {
      PatchFilterGroup: {PatchFilters: [{Key: 'PRIORITY', Values: ['Required', 'Important', 'Standard', 'Optional', 'Extra']}]},
      ApproveAfterDays: 0,
    },
  ],
};


let lab: AptLab;

beforeAll(async () => {
  if (!existsSync(path.join(REPO, 'dist', 'commands', 'apply.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  lab = await aptLab();
});

afterAll(() => {
  lab?.remove();
});

/** The built CLI; TMPDIR keeps the apt configuration it generates per root inside the lab. */
function patchplan(args: readonly string[]): Promise<CliResult> {
  return runCli(args, {env: {TMPDIR: lab.tmpdir}});
}

function writeBaseline(r: LabRoot, name: string, document: Record<string, unknown>): string {
  return writeLabBaseline(r.work, name, 'DEBIAN', document);
}

/** `plan --root ROOT --out PLAN --json`: the printed plan must be the saved one. */
async function makePlan(r: LabRoot, extra: readonly string[] = [], name = 'plan'): Promise<{plan: Plan; file: string}> {
  const file = path.join(r.work, `${name}.json`);
  const result = await patchplan(['plan', '--root', r.root, '--out', file, '--json', ...extra]);
  expect({exit: result.exitCode, errors: errorLines(result)}).toEqual({exit: 0, errors: []});
  const plan = PlanSchema.parse(JSON.parse(result.stdout));
  expect(PlanSchema.parse(JSON.parse(readFileSync(file, 'utf8')))).toEqual(plan);
  expect(plan.node).toMatchObject({root: r.root, machineId: r.machineId, hostname: r.hostname, manager: 'apt', os: {id: 'debian', versionId: '12'}});
  return {plan, file};
}

/** `apply PLAN --root ROOT --json`; the result is parsed only when the exit code says there is one. */
async function applyPlan(r: LabRoot, file: string, extra: readonly string[] = []): Promise<{cli: CliResult; result: ApplyResult | null}> {
  const cli = await patchplan(['apply', file, '--root', r.root, '--json', ...extra]);
  if (cli.exitCode !== 0 && cli.exitCode !== 4) {
    expect(cli.stdout).toBe('');
    return {cli, result: null};
  }
  return {cli, result: ApplyResultSchema.parse(JSON.parse(cli.stdout))};
}

/** Applies `file` and checks that the root now holds exactly `before` with the plan's targets, nothing else. */
async function applyExactly(r: LabRoot, plan: Plan, file: string): Promise<ApplyResult> {
  const before = await installedVersions(r.root);
  const {cli, result} = await applyPlan(r, file);
  expect({exit: cli.exitCode, errors: errorLines(cli)}).toEqual({exit: 0, errors: []});
  expect(result?.plan).toBe(plan.digest);
  expect(result?.results.map((x) => x.name)).toEqual(plan.decisions.map((d) => d.name));
  for (const res of result?.results ?? []) {
    const decision = plan.decisions.find((d) => d.name === res.name);
    expect(res).toMatchObject(
      decision?.action === 'install'
        ? {to: decision.targetVersion, from: decision.installedVersion, status: 'installed', message: null}
        : {to: null, status: 'skipped'},
    );
  }
  expect(await installedVersions(r.root)).toEqual({...before, ...targetsOf(plan)});
  return result as ApplyResult;
}

describe('plan and apply with the security-only default baseline', () => {
  it('installs only the -security versions; -updates-only is skipped not-security-repo; security below -updates gets the security version (E20)', async () => {
    const r = await lab.copyRoot('security-only');
    const {plan, file} = await makePlan(r);
    expect(plan.baseline.source).toBe('AWS-DebianDefaultPatchBaseline');
    expect(decisionsOf(plan)).toEqual({
      'app-pp': 'install 1.0-1+deb12u1 (approval-rule)',
      'hello-pp': 'install 1.0-1+deb12u1 (approval-rule)',
      'kernel-pp': 'install 6.1.0-2 (approval-rule)',
      'late-pp': 'install 1.0-1+deb12u1 (approval-rule)',
      'libfoo-pp': 'install 1.1-1+deb12u1 (approval-rule)',
      'libssl-pp': 'install 3.0.1-1+deb12u1 (approval-rule)',
      'newlib-pp': 'install 1.0-1 (dependency)',
      'slow-pp': 'install 1.0-1+deb12u1 (approval-rule)',
      'tzdata-pp': 'skip (not-security-repo)',
    });
    expect(plan.decisions.find((d) => d.name === 'tzdata-pp')?.reason.detail).toContain('stable-updates');

    const result = await applyExactly(r, plan, file);
    expect(await installedVersions(r.root)).toEqual(SECURITY_ONLY);
    expect(result.results.find((x) => x.name === 'tzdata-pp')?.message).toContain('not-security-repo');
    // Reboot: RebootIfNeeded (the default) would reboot, but never a --root.
    expect(result.reboot).toEqual({option: 'RebootIfNeeded', required: true, performed: false, reason: 'alternate-root'});
  });

  it("installs exactly the planned version when it is not apt's candidate", async () => {
    const r = await lab.copyRoot('exact-version');
    const policy = async (): Promise<string> => (await aptOn(r, 'apt-cache', ['policy', 'hello-pp'])).stdout;
    expect(await policy()).toMatch(/Candidate: 1\.0-1\+deb12u2\n/);
    const {plan, file} = await makePlan(r);
    expect(targetsOf(plan)['hello-pp']).toBe('1.0-1+deb12u1');
    await applyExactly(r, plan, file);
    expect((await installedVersions(r.root))['hello-pp']).toBe('1.0-1+deb12u1');
    // apt still prefers the -updates version: the plan's target was passed as name=version.
    expect(await policy()).toMatch(/Installed: 1\.0-1\+deb12u1\n\s+Candidate: 1\.0-1\+deb12u2\n/);
  });
});

describe('ApprovedPatches and RejectedPatches', () => {
  it('BLOCK: approved non-security versions install, rejected ones and what needs them stay', async () => {
    const r = await lab.copyRoot('lists-block');
    const baseline = writeBaseline(r, 'block', {
      ApprovalRules: DEFAULT_RULES,
      ApprovedPatches: ['hello-pp', 'tzdata-pp'],
      ApprovedPatchesEnableNonSecurity: true,
      RejectedPatches: ['kernel-pp', 'libfoo-pp'],
      RejectedPatchesAction: 'BLOCK',
    });
    const {plan, file} = await makePlan(r, ['--baseline', baseline]);
    expect(decisionsOf(plan)).toEqual({
      'app-pp': 'skip (blocked-dependency)',
      'hello-pp': 'install 1.0-1+deb12u2 (approved-patches)',
      'kernel-pp': 'skip (rejected-patches)',
      'late-pp': 'install 1.0-1+deb12u1 (approval-rule)',
      'libfoo-pp': 'skip (rejected-patches)',
      'libssl-pp': 'install 3.0.1-1+deb12u1 (approval-rule)',
      'slow-pp': 'install 1.0-1+deb12u1 (approval-rule)',
      'tzdata-pp': 'install 2025a-1 (approved-patches)',
    });
    expect(plan.decisions.find((d) => d.name === 'app-pp')?.reason.detail).toContain('libfoo-pp');
    await applyExactly(r, plan, file);
    expect(await installedVersions(r.root)).toEqual({
      ...TEMPLATE,
      'hello-pp': '1.0-1+deb12u2',
      'late-pp': '1.0-1+deb12u1',
      'libssl-pp': '3.0.1-1+deb12u1',
      'slow-pp': '1.0-1+deb12u1',
      'tzdata-pp': '2025a-1',
    });
  });

  it('ALLOW_AS_DEPENDENCY: a rejected library still comes in as the dependency of an approved update', async () => {
    const r = await lab.copyRoot('lists-allow');
    const baseline = writeBaseline(r, 'allow', {
      ApprovalRules: DEFAULT_RULES,
      ApprovedPatches: ['hello-pp'],
      ApprovedPatchesEnableNonSecurity: true,
      RejectedPatches: ['kernel-pp', 'libfoo-pp'],
      RejectedPatchesAction: 'ALLOW_AS_DEPENDENCY',
    });
    const {plan, file} = await makePlan(r, ['--baseline', baseline]);
    expect(decisionsOf(plan)).toEqual({
      'app-pp': 'install 1.0-1+deb12u1 (approval-rule)',
      'hello-pp': 'install 1.0-1+deb12u2 (approved-patches)',
      'kernel-pp': 'skip (rejected-patches)',
      'late-pp': 'install 1.0-1+deb12u1 (approval-rule)',
      'libfoo-pp': 'install 1.1-1+deb12u1 (dependency)',
      'libssl-pp': 'install 3.0.1-1+deb12u1 (approval-rule)',
      'newlib-pp': 'install 1.0-1 (dependency)',
      'slow-pp': 'install 1.0-1+deb12u1 (approval-rule)',
      'tzdata-pp': 'skip (not-security-repo)',
    });
    await applyExactly(r, plan, file);
    expect(await installedVersions(r.root)).toEqual({...SECURITY_ONLY, 'hello-pp': '1.0-1+deb12u2', 'kernel-pp': '6.1.0-1'});
  });
});

describe('refused plans: exit 3, nothing installed, one error line', () => {
  it('stale: a planned package was upgraded by hand after planning', async () => {
    const r = await lab.copyRoot('stale');
    const {file} = await makePlan(r);
    const manual = await aptOn(r, 'apt-get', ['-q', '-y', 'install', 'hello-pp=1.0-1+deb12u2']);
    expect(manual.code).toBe(0);
    const before = await installedVersions(r.root);
    expect(before['hello-pp']).toBe('1.0-1+deb12u2');
    const status = md5File(`${r.root}/var/lib/dpkg/status`);

    const {cli} = await applyPlan(r, file);
    expect(cli.exitCode).toBe(3);
    expect(theErrorLine(cli)).toBe(`error: ${file}: hello-pp (all): installed version is now 1.0-1+deb12u2, the plan was made for 1.0-1`);
    expect(await installedVersions(r.root)).toEqual(before);
    expect(md5File(`${r.root}/var/lib/dpkg/status`)).toBe(status);
  });

  it('tampered: a targetVersion edited in the plan file', async () => {
    const r = await lab.copyRoot('tampered');
    const {file} = await makePlan(r);
    const text = readFileSync(file, 'utf8');
    const edited = text.replace('"targetVersion": "3.0.1-1+deb12u1"', '"targetVersion": "3.0.1-1+deb12u2"');
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    const {cli} = await applyPlan(r, file);
    expect(cli.exitCode).toBe(3);
    expect(theErrorLine(cli)).toBe(`error: ${file}: digest mismatch: the plan was modified after it was written`);
    expect(await installedVersions(r.root)).toEqual(TEMPLATE);
  });

  it('another machine: the root\'s machine-id changed after planning', async () => {
    const r = await lab.copyRoot('other-machine');
    const {file} = await makePlan(r);
    writeFileSync(path.join(r.root, 'etc/machine-id'), `${TEMPLATE_MACHINE_ID}\n`);
    const {cli} = await applyPlan(r, file);
    expect(cli.exitCode).toBe(3);
    expect(theErrorLine(cli)).toBe(`error: ${file}: the plan was made for machine ${r.machineId} (${r.hostname}), this node is ${TEMPLATE_MACHINE_ID}`);
    expect(await installedVersions(r.root)).toEqual(TEMPLATE);
  });
});

describe('reruns', () => {
  it('a second apply installs nothing: exit 0, every install already-installed, dpkg status byte-identical', async () => {
    const r = await lab.copyRoot('twice');
    const {plan, file} = await makePlan(r);
    await applyExactly(r, plan, file);
    const status = readFileSync(`${r.root}/var/lib/dpkg/status`);

    const {cli, result} = await applyPlan(r, file);
    expect({exit: cli.exitCode, errors: errorLines(cli)}).toEqual({exit: 0, errors: []});
    expect(statusesOf(result)).toEqual(Object.fromEntries(plan.decisions.map((d) => [d.name, d.action === 'install' ? 'already-installed' : 'skipped'])));
    expect(readFileSync(`${r.root}/var/lib/dpkg/status`).equals(status)).toBe(true);
    expect(await installedVersions(r.root)).toEqual(SECURITY_ONLY);
    // The kernel-pp install of the first run is still waiting for its reboot, but never on a --root.
    expect(result?.reboot).toEqual({option: 'RebootIfNeeded', required: true, performed: false, reason: 'alternate-root'});
  });
});

describe('an apply killed while dpkg runs', () => {
  /**
   * Starts apply in its own process group with slow-pp's postinst set to wait, waits for the
   * postinst's marker (so dpkg is certainly running), SIGKILLs the whole group and lets the
   * postinst loop go. Returns the dpkg state the kill left.
   */
  async function killDuringPostinst(r: LabRoot, file: string): Promise<Record<string, string>> {
    const wait = path.join(r.root, 'etc/slow-pp.sleep');
    const marker = path.join(r.root, 'var/lib/slow-pp.configuring');
    writeFileSync(wait, '');
    const child = spawn(process.execPath, [path.join(REPO, 'bin/run.js'), 'apply', file, '--root', r.root, '--json'], {
      cwd: REPO,
      env: {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? REPO, TMPDIR: lab.tmpdir},
      detached: true,
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    try {
      const deadline = Date.now() + 20_000;
      while (!existsSync(marker)) {
        if (Date.now() > deadline) throw new Error(`slow-pp's postinst never started (no ${marker})`);
        if (child.exitCode !== null) throw new Error(`apply exited ${child.exitCode} before slow-pp's postinst started`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      // patchplan, apt-get (in its own process group) and everything below it, as a power cut would.
      killTree(child.pid ?? 0);
      expect(await exited).toBe('SIGKILL');
      // The postinst was below it: it must be gone too.
      const postinst = Number(readFileSync(marker, 'utf8').trim());
      // Gone, or a zombie nobody has reaped yet (/proc/PID/stat state Z).
      const alive = (): boolean => {
        const stat = readOrNull(`/proc/${postinst}/stat`);
        return stat !== null && !/^\d+ \(.*\) Z /.test(stat);
      };
      for (let i = 0; i < 40 && alive(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(alive()).toBe(false);
    } finally {
      if (child.exitCode === null && child.signalCode === null) killTree(child.pid ?? 0);
      rmSync(wait, {force: true});
    }
    return installedVersions(r.root);
  }

  /** The refusal's repair command, run as argv (the paths hold no spaces: lab roots are mkdtemp names). */
  async function runRepair(line: string, r: LabRoot): Promise<void> {
    const repair = /`([^`]+)`/.exec(line)?.[1] ?? '';
    expect(repair).toBe(`dpkg --root=${r.root} --admindir=${r.root}/var/lib/dpkg --force-script-chrootless --configure -a`);
    const [, ...args] = repair.split(' ');
    const fixed = await run('/usr/bin/dpkg', args);
    expect({code: fixed.code, stderr: fixed.stderr}).toEqual({code: 0, stderr: ''});
  }

  it('the rerun repairs what dpkg left (dpkg --configure -a), says so, and completes the rest', async () => {
    const r = await lab.copyRoot('killed');
    const {plan, file} = await makePlan(r);
    const killed = await killDuringPostinst(r, file);
    // late-pp pre-depends on slow-pp's new version, so apt had not reached it.
    expect(killed).toMatchObject({'slow-pp': '1.0-1+deb12u1 (iF)', 'late-pp': '1.0-1'});

    const {cli, result} = await applyPlan(r, file);
    expect({exit: cli.exitCode, errors: errorLines(cli)}).toEqual({exit: 0, errors: []});
    expect(result?.repaired).toEqual([expect.stringMatching(/^\/usr\/bin\/dpkg --root=\S+ .*--configure -a$/)]);
    const targets = targetsOf(plan);
    expect(statusesOf(result)).toEqual(
      // What the kill left at its target (unpacked, half-configured) the repair finished: the
      // earlier run of this plan installed it, so it is already-installed now.
      Object.fromEntries(
        plan.decisions.map((d) => [d.name, d.action === 'skip' ? 'skipped' : killed[d.name]?.split(' ')[0] === targets[d.name] ? 'already-installed' : 'installed']),
      ),
    );
    expect(statusesOf(result)).toMatchObject({'slow-pp': 'already-installed', 'late-pp': 'installed'});
    expect(await installedVersions(r.root)).toEqual(SECURITY_ONLY);
  });

  it('--no-repair refuses with one repair command; run as printed, the next apply completes', async () => {
    const r = await lab.copyRoot('killed-no-repair');
    const {file} = await makePlan(r);
    const killed = await killDuringPostinst(r, file);
    const refused = await applyPlan(r, file, ['--no-repair']);
    expect(refused.cli.exitCode).toBe(1);
    const line = theErrorLine(refused.cli);
    expect(line).toContain(`error: ${r.root}/var/lib/dpkg: dpkg was interrupted (`);
    expect(line).toContain('slow-pp:all is half-configured); repair it with `dpkg --root=');
    expect(line).toContain('(apply without --no-repair repairs it by itself)');
    expect(await installedVersions(r.root)).toEqual(killed);

    await runRepair(line, r);
    expect((await installedVersions(r.root))['slow-pp']).toBe('1.0-1+deb12u1');
    const {cli} = await applyPlan(r, file);
    expect({exit: cli.exitCode, errors: errorLines(cli)}).toEqual({exit: 0, errors: []});
    expect(await installedVersions(r.root)).toEqual(SECURITY_ONLY);
  });

  it('every planned package already unpacked (nothing left for apt): the rerun still configures them all', async () => {
    const r = await lab.copyRoot('killed-unpacked');
    // Without late-pp (which pre-depends on slow-pp), apt unpacks everything before configuring.
    const baseline = writeBaseline(r, 'no-late', {ApprovalRules: DEFAULT_RULES, RejectedPatches: ['late-pp']});
    const {plan, file} = await makePlan(r, ['--baseline', baseline]);
    const killed = await killDuringPostinst(r, file);
    expect(killed['slow-pp']).toBe('1.0-1+deb12u1 (iF)');
    const unconfigured = Object.entries(killed).filter(([, v]) => v.endsWith('(iU)')).map(([name]) => name);
    expect(unconfigured.length).toBeGreaterThan(0);

    const {cli, result} = await applyPlan(r, file);
    expect({exit: cli.exitCode, errors: errorLines(cli)}).toEqual({exit: 0, errors: []});
    expect(result?.repaired).toHaveLength(1);
    expect(await installedVersions(r.root)).toEqual({...TEMPLATE, ...targetsOf(plan)});
    expect(result?.reboot.required).toBe(true);
  });
});

describe('reboot policy under --root', () => {
  const cases = [
    {option: 'RebootIfRequired', kernel: true, reboot: {required: true, performed: false, reason: 'alternate-root'}},
    {option: 'RebootIfRequired', kernel: false, reboot: {required: false, performed: false, reason: 'not-required-by-os'}},
    {option: 'NoReboot', kernel: true, reboot: {required: true, performed: false, reason: 'no-reboot-option'}},
    {option: 'NoReboot', kernel: false, reboot: {required: false, performed: false, reason: 'no-reboot-option'}},
    {option: 'RebootIfNeeded', kernel: true, reboot: {required: true, performed: false, reason: 'alternate-root'}},
  ] as const;

  it.each(cases)('$option, kernel-pp in the plan: $kernel → $reboot.reason', async ({option, kernel, reboot}) => {
    const r = await lab.copyRoot(`reboot-${option.toLowerCase()}-${kernel ? 'kernel' : 'no-kernel'}`);
    const baseline = kernel ? [] : ['--baseline', writeBaseline(r, 'no-kernel', {ApprovalRules: DEFAULT_RULES, RejectedPatches: ['kernel-pp']})];
    const {plan, file} = await makePlan(r, ['--reboot-option', option, ...baseline]);
    expect(plan.options.rebootOption).toBe(option);
    expect(targetsOf(plan)['kernel-pp']).toBe(kernel ? '6.1.0-2' : undefined);
    const result = await applyExactly(r, plan, file);
    expect(result.reboot).toEqual({option, ...reboot});
    expect(existsSync(path.join(r.root, 'var/run/reboot-required'))).toBe(kernel);
  });
});

describe('inventory and plan --detailed-exitcode', () => {
  it('inventory --json is a valid inventory with origins and candidates; plan exits 2 with work to do, 0 without', async () => {
    const r = await lab.copyRoot('inventory');
    const inv = await patchplan(['inventory', '--root', r.root, '--json']);
    expect({exit: inv.exitCode, errors: errorLines(inv)}).toEqual({exit: 0, errors: []});
    const inventory = InventorySchema.parse(JSON.parse(inv.stdout));
    expect(inventory.node).toMatchObject({root: r.root, machineId: r.machineId, hostname: r.hostname, manager: 'apt', rebootPending: false, operatingSystem: 'DEBIAN'});
    expect(inventory.packages.map((p) => p.name).sort()).toEqual(Object.keys(TEMPLATE));
    const hello = inventory.packages.find((p) => p.name === 'hello-pp');
    const suite = (version: string) => hello?.versions?.find((v) => v.version === version);
    expect(hello?.installedVersion).toBe('1.0-1');
    expect(suite('1.0-1+deb12u2')).toMatchObject({candidate: true, origins: [{archive: 'stable-updates', codename: 'bookworm-updates', label: 'Debian', trusted: true}]});
    expect(suite('1.0-1+deb12u1')?.candidate).toBeUndefined();
    expect(suite('1.0-1+deb12u1')?.origins).toEqual([expect.objectContaining({archive: 'stable-security', label: 'Debian-Security', trusted: true})]);
    const app = inventory.packages.find((p) => p.name === 'app-pp')?.versions?.find((v) => v.version === '1.0-1+deb12u1');
    expect(app?.requires).toEqual([
      {name: 'libfoo-pp', arch: 'all', version: '1.1-1+deb12u1'},
      {name: 'newlib-pp', arch: 'all', version: '1.0-1'},
    ]);

    const todo = await patchplan(['plan', '--root', r.root, '--json', '--detailed-exitcode']);
    expect({exit: todo.exitCode, errors: errorLines(todo)}).toEqual({exit: 2, errors: []});
    const {plan, file} = await makePlan(r);
    await applyExactly(r, plan, file);
    const done = await patchplan(['plan', '--root', r.root, '--json', '--detailed-exitcode']);
    expect({exit: done.exitCode, errors: errorLines(done)}).toEqual({exit: 0, errors: []});
    expect(PlanSchema.parse(JSON.parse(done.stdout)).summary.byAction.install).toBe(0);
  });
});

describe('host safety', () => {
  it("left the host's dpkg database and reboot flag untouched", () => {
    expect(md5File(HOST_STATUS)).toBe(hostStatusBefore);
    expect(HOST_REBOOT_FILES.map(readOrNull)).toEqual(hostRebootFilesBefore);
  });
});
