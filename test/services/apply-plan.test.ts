import {memoryNodeFiles} from '../helpers/node-files.js';
import {readFileSync} from 'node:fs';

import {describe, expect, it} from 'vitest';

import type {ApplyStep} from '../../src/apply/progress.js';
import {ApplyResultSchema} from '../../src/apply/result-schema.js';
import {memoryStreams} from '../../src/cli/streams.js';
import {CancelledError, ExternalCommandError, InputError, InterruptedError, ManagerUnavailableError, PlanRefusedError} from '../../src/errors.js';
import type {Interrupts} from '../../src/system/interrupts.js';
import {InventorySchema, type Inventory} from '../../src/inventory/schema.js';
import {excludeFromPlan} from '../../src/plan/exclude.js';
import {serializePlan} from '../../src/plan/file.js';
import type {Plan} from '../../src/plan/schema.js';
import {applyPlan, type ApplyPlanDeps, type ApplyPlanOptions, type ApplyPlanRuntime} from '../../src/services/apply-plan.js';
import type {FileSystem} from '../../src/system/fs.js';
import {createApplyView} from '../../src/views/apply/index.js';
import {renderJsonResult} from '../../src/views/apply/json.js';
import {FakeNode, RecordingRunner, type FakeNodeOptions} from '../apply/fake-node.js';
import {aDecision, aPlan, anEvaluation, anInventory, CREATED_AT} from '../helpers/plan-builders.js';
import {earlierInstallLine, memoryJournals} from '../helpers/memory-journals.js';

/** The journal of an earlier run of the plan that installed every planned package (a NoReboot run, say). */
async function recordEarlierRun(t: {plan: Plan; runtime: ApplyPlanRuntime}): Promise<void> {
  const packages = t.plan.decisions.flatMap((d) => (d.action === 'install' && d.targetVersion !== null ? [{name: d.name, arch: d.arch, from: d.installedVersion, to: d.targetVersion}] : []));
  await t.runtime.journals.append(t.plan.node.root, t.plan.digest, earlierInstallLine('earlier-run', packages));
}

/**
 * The apply service in process: a fake node (package database + adapter) instead of apt, an
 * in-memory plan file, a fixed clock and a recording runner, so nothing here can install or
 * reboot anything. Integration against real apt under --root lives in test/integration.
 */

const OLD = '3.0.15-1~deb12u1';
const NEW = '3.0.17-1~deb12u2';
const PLAN_FILE = 'plan.json';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Setup {
  readonly plan?: Plan;
  readonly inventory?: Inventory;
  readonly node?: FakeNodeOptions;
  readonly now?: Date;
  /** Files that exist on the node (the reboot command lookup). */
  readonly nodeFiles?: readonly string[];
}

function setup(s: Setup = {}) {
  const plan = s.plan ?? aPlan();
  const node = new FakeNode(s.inventory ?? anInventory(), s.node);
  const runner = new RecordingRunner();
  const files = new Map([[PLAN_FILE, serializePlan(plan)]]);
  const nodeFiles = memoryNodeFiles(Object.fromEntries((s.nodeFiles ?? ['/usr/bin/systemctl']).map((f) => [f, ''])));
  const fs: FileSystem = {
    readText: async (file) => {
      const text = files.get(file);
      if (text === undefined) throw new InputError(file, 'cannot read: no such file');
      return text;
    },
    writeAtomic: async () => {
      throw new Error('apply never writes files');
    },
    exists: async (file) => files.has(file),
    writeNew: async () => {
      throw new Error('apply never writes files');
    },
    kind: async (file) => (files.has(file) ? 'file' : 'missing'),
    list: async () => [],
    // The plan file as apply leaves it (0600, this user's); every other path a root-owned 0755 directory.
    status: async (file) =>
      files.has(file) ? {kind: 'file', size: 0, mode: 0o600, uid: process.getuid?.() ?? 0} : {kind: 'directory', size: 0, mode: 0o755, uid: 0},
    realPath: async (file) => file,
  };
  const runtime: ApplyPlanRuntime = {
    clock: {now: () => s.now ?? new Date(CREATED_AT.getTime() + HOUR)},
    fs,
    runner,
    nodeFiles,
    hostname: () => 'web-01',
    userId: () => process.getuid?.() ?? 0,
    journals: memoryJournals(),
    env: {},
    cwd: '/work',
    arch: 'x64',
    platform: 'linux',
    pid: 4242,
  };
  const steps: ApplyStep[] = [];
  const lines: string[] = [];
  const deps: ApplyPlanDeps = {
    collect: node.collect,
    progress: {step: (e) => steps.push(e), progress: (m) => lines.push(m), debug: () => {}},
  };
  return {plan, node, runner, runtime, deps, steps, lines};
}

const fromFile: ApplyPlanOptions = {planFile: PLAN_FILE, maxAgeMs: 7 * DAY, lockTimeoutMs: 60_000, toolVersion: '9.9.9'};

async function refusal(promise: Promise<unknown>): Promise<PlanRefusedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlanRefusedError);
  return error as PlanRefusedError;
}

function withPackages(inventory: Inventory, change: (p: Inventory['packages'][number]) => Inventory['packages'][number]): Inventory {
  return {...inventory, packages: inventory.packages.map(change)};
}

describe('applyPlan with a PLAN file', () => {
  it('installs exactly the planned versions in one batch, reads them back, and reports every decision', async () => {
    const t = setup();
    const outcome = await applyPlan(fromFile, t.runtime, t.deps);
    expect(t.node.installs).toEqual([
      [
        {name: 'libssl3', arch: 'amd64', version: NEW},
        {name: 'openssl', arch: 'amd64', version: NEW},
      ],
    ]);
    expect(outcome.exitCode).toBe(0);
    expect(outcome.result.results.map((r) => [r.name, r.from, r.to, r.status])).toEqual([
      ['libssl3', OLD, NEW, 'installed'],
      ['openssl', OLD, NEW, 'installed'],
      ['tzdata', '2024a-0+deb12u1', null, 'skipped'],
    ]);
    expect(outcome.result.plan).toBe(t.plan.digest);
    // Collected once, read-only, at the plan's root and manager, to check the plan; after the
    // install only the installed versions are read back (not the offered ones, which verify ignores).
    expect(t.node.collects.map((c) => [c.root, c.manager, c.refresh])).toEqual([['/', 'apt', false]]);
    expect(t.node.readBacks).toBe(1);
    expect(t.steps.map((s) => s.step)).toEqual(['collecting', 'installing', 'verifying', 'finished']);
  });

  it('passes --lock-timeout to the install and the installer lines to the progress display', async () => {
    const t = setup();
    await applyPlan({...fromFile, lockTimeoutMs: 5_000}, t.runtime, t.deps);
    expect(t.node.contexts.map((c) => c.lockTimeoutMs)).toEqual([5_000]);
    expect(t.lines).toEqual(['Setting up libssl3 openssl']);
  });

  it('RebootIfNeeded: decides to reboot after installing, but runs nothing until the caller has printed the result', async () => {
    const t = setup();
    const outcome = await applyPlan(fromFile, t.runtime, t.deps);
    expect(outcome.result.reboot).toEqual({option: 'RebootIfNeeded', required: false, performed: true, reason: 'installed-this-run'});
    expect(t.runner.calls).toEqual([]);
    await outcome.rebooter?.reboot();
    expect(t.runner.calls.map((c) => c.argv)).toEqual([{file: '/usr/bin/systemctl', args: ['reboot']}]);
  });

  describe('refusals: exit 3, and the installer never runs', () => {
    it('a planned package whose installed version changed', async () => {
      const t = setup();
      t.node.setInstalled('openssl', 'amd64', '3.0.16-1~deb12u1');
      const error = await refusal(applyPlan(fromFile, t.runtime, t.deps));
      expect(error.exitCode).toBe(3);
      expect(error.line()).toBe('plan.json: openssl (amd64): installed version is now 3.0.16-1~deb12u1, the plan was made for 3.0.15-1~deb12u1');
      expect(t.node.installs).toEqual([]);
    });

    it('lists every changed package in the one line: a changed version and a target no longer offered', async () => {
      const base = anInventory();
      const t = setup({inventory: withPackages(base, (p) => (p.name === 'libssl3' ? {...p, versions: p.versions.filter((v) => v.version !== NEW)} : p))});
      t.node.setInstalled('openssl', 'amd64', null);
      const error = await refusal(applyPlan(fromFile, t.runtime, t.deps));
      expect(error.refusals).toEqual([
        'libssl3 (amd64): planned version 3.0.17-1~deb12u2 is no longer offered by the repositories',
        'openssl (amd64): no longer installed (the plan was made for 3.0.15-1~deb12u1)',
      ]);
      expect(t.node.installs).toEqual([]);
    });

    it('a skipped package that changed does not refuse the plan', async () => {
      const t = setup();
      t.node.setInstalled('tzdata', 'all', '2025b-0+deb12u1');
      const outcome = await applyPlan(fromFile, t.runtime, t.deps);
      expect(outcome.exitCode).toBe(0);
    });

    it('another machine', async () => {
      const base = anInventory();
      const t = setup({inventory: {...base, node: {...base.node, machineId: '0b5e7d9f1a3c4e6f8a0b2c4d6e8f0a1b'}}});
      const error = await refusal(applyPlan(fromFile, t.runtime, t.deps));
      expect(error.line()).toMatch(/^plan\.json: the plan was made for machine 5f0c3b1e9a2d4c6f8e7b1a0d2c4e6f80 \(web-01\), this node is 0b5e7d9f1a3c4e6f8a0b2c4d6e8f0a1b$/);
      expect(t.node.installs).toEqual([]);
    });

    it('older than --max-age (default 7 days); a larger --max-age lets it through', async () => {
      const t = setup({now: new Date(CREATED_AT.getTime() + 8 * DAY)});
      const error = await refusal(applyPlan(fromFile, t.runtime, t.deps));
      expect(error.line()).toMatch(/the plan was created 8d ago .* more than the maximum age of 7d \(--max-age\)$/);
      expect(t.node.installs).toEqual([]);
      const outcome = await applyPlan({...fromFile, maxAgeMs: 10 * DAY}, t.runtime, t.deps);
      expect(outcome.exitCode).toBe(0);
    });

    it('a modified plan file is refused before the node is even read', async () => {
      const t = setup();
      const tampered = serializePlan({...t.plan, decisions: t.plan.decisions.map((d) => ({...d, targetVersion: d.targetVersion === null ? null : '9.9'}))});
      const runtime = {...t.runtime, fs: {...t.runtime.fs, readText: async () => tampered}};
      const error = await refusal(applyPlan(fromFile, runtime, t.deps));
      expect(error.line()).toBe('plan.json: digest mismatch: the plan was modified after it was written');
      expect(t.node.collects).toEqual([]);
    });
  });

  it('rerun after an interruption: packages already at target are already-installed, only the rest go to the installer', async () => {
    const t = setup();
    t.node.setInstalled('libssl3', 'amd64', NEW);
    await recordEarlierRun(t);
    const outcome = await applyPlan(fromFile, t.runtime, t.deps);
    expect(outcome.result.results[0]?.message).toBe('installed by an earlier run of this plan (run earlier-run, 2026-11-24T01:00:00.000Z); not passed to the installer again');
    expect(t.node.installs).toEqual([[{name: 'openssl', arch: 'amd64', version: NEW}]]);
    expect(outcome.result.results.map((r) => [r.name, r.status])).toEqual([
      ['libssl3', 'already-installed'],
      ['openssl', 'installed'],
      ['tzdata', 'skipped'],
    ]);
    expect(outcome.exitCode).toBe(0);
  });

  it('a rerun with everything already installed runs no installer, reads the node once, and does not reboot', async () => {
    const t = setup();
    t.node.setInstalled('libssl3', 'amd64', NEW);
    t.node.setInstalled('openssl', 'amd64', NEW);
    await recordEarlierRun(t);
    const outcome = await applyPlan(fromFile, t.runtime, t.deps);
    expect(t.node.installs).toEqual([]);
    expect(t.node.collects).toHaveLength(1);
    expect(t.node.readBacks).toBe(0);
    expect(outcome.result.results.map((r) => r.status)).toEqual(['already-installed', 'already-installed', 'skipped']);
    expect(outcome.result.reboot).toEqual({option: 'RebootIfNeeded', required: false, performed: false, reason: 'nothing-installed'});
    expect(outcome.rebooter).toBeNull();
  });

  it('a package at its target that no run of this plan installed was changed by someone else since planning: exit 3, nothing installed', async () => {
    const t = setup();
    t.node.setInstalled('libssl3', 'amd64', NEW);
    const error = await refusal(applyPlan(fromFile, t.runtime, t.deps));
    expect(error.line()).toBe(
      `plan.json: libssl3 (amd64): installed version is now ${NEW}, the plan was made for ${OLD}, and no run of this plan installed it (changed by someone else since planning)`,
    );
    expect(t.node.installs).toEqual([]);
  });

  it('journals the run: the packages given to the installer before it starts, then the results; a second run reads them', async () => {
    const t = setup();
    await applyPlan(fromFile, t.runtime, t.deps);
    const lines = (await t.runtime.journals.read(t.plan.node.root, t.plan.digest)).trim().split('\n').map((l) => JSON.parse(l) as {event: string});
    expect(lines.map((l) => l.event)).toEqual(['run-started', 'installing', 'run-finished']);
    expect(lines[1]).toMatchObject({packages: [{name: 'libssl3', arch: 'amd64', from: OLD, to: NEW}, {name: 'openssl', arch: 'amd64', from: OLD, to: NEW}]});
    expect(lines[2]).toMatchObject({outcome: 'completed', results: [{name: 'libssl3', status: 'installed'}, {name: 'openssl', status: 'installed'}]});
    const again = await applyPlan(fromFile, t.runtime, t.deps);
    expect(again.result.results.map((r) => r.status)).toEqual(['already-installed', 'already-installed', 'skipped']);
  });

  it('a plan refused before anything is installed leaves no journal line', async () => {
    const t = setup();
    t.node.setInstalled('libssl3', 'amd64', NEW);
    await refusal(applyPlan(fromFile, t.runtime, t.deps));
    expect(await t.runtime.journals.read(t.plan.node.root, t.plan.digest)).toBe('');
  });

  it('a second apply of a plan being applied waits for the first, then exit 5 naming it', async () => {
    const t = setup();
    const journals = memoryJournals();
    journals.holdLock(t.plan.node.root, t.plan.digest, {pid: 4242, run: 'first-run', at: '2026-11-24T01:04:00.000Z'});
    const error = await applyPlan({...fromFile, lockTimeoutMs: 600}, {...t.runtime, journals}, t.deps).catch((e: unknown) => e);
    expect(error instanceof ManagerUnavailableError && error.line()).toMatch(
      /this plan is being applied by process 4242 \(run first-run, started 2026-11-24T01:04:00.000Z\); gave up after waiting \d+ s \(lock timeout 1 s\)$/,
    );
    expect(t.lines).toContain('this plan is being applied by process 4242 (run first-run, started 2026-11-24T01:04:00.000Z): waiting for it to finish');
    expect(t.node.installs).toEqual([]);
  });

  it('exit 4 when the installer exits 0 but the package database still shows the old version', async () => {
    const t = setup({node: {install: () => ({result: {exitCode: 0, stdout: '', stderr: ''}, applies: (item) => (item.name === 'openssl' ? undefined : item.version)})}});
    const outcome = await applyPlan(fromFile, t.runtime, t.deps);
    expect(outcome.exitCode).toBe(4);
    expect(outcome.result.results[0]).toMatchObject({name: 'libssl3', status: 'installed'});
    expect(outcome.result.results[1]).toEqual({
      name: 'openssl',
      arch: 'amd64',
      from: OLD,
      to: NEW,
      status: 'failed',
      message: `still at ${OLD} after the install; apt-get exited 0, but the package database disagrees`,
    });
    // Like AWS, a partial install still reboots under RebootIfNeeded: libssl3 did change.
    expect(outcome.result.reboot.performed).toBe(true);
  });

  it('exit 4 with the installer\'s error line when nothing was installed, and no reboot', async () => {
    const stderr = `E: Version '${NEW}' for 'openssl' was not found\n`;
    const t = setup({node: {install: () => ({result: {exitCode: 100, stdout: '', stderr}, applies: () => undefined})}});
    const outcome = await applyPlan(fromFile, t.runtime, t.deps);
    expect(outcome.exitCode).toBe(4);
    expect(outcome.result.results[1]?.message).toBe(`still at ${OLD} after the install; apt-get exited 100: E: Version '${NEW}' for 'openssl' was not found`);
    expect(outcome.result.reboot).toMatchObject({performed: false, reason: 'nothing-installed'});
  });

  it('an interrupted package database is refused even when every target already reads as installed (unpacked, not configured)', async () => {
    const repair = new ExternalCommandError('/var/lib/dpkg', 'dpkg was interrupted (…); finish it with `dpkg --configure -a`, then run patchplan again');
    const t = setup({node: {inconsistent: repair}});
    t.node.setInstalled('libssl3', 'amd64', NEW);
    t.node.setInstalled('openssl', 'amd64', NEW);
    const error = await applyPlan(fromFile, t.runtime, t.deps).catch((e: unknown) => e);
    expect(error).toBe(repair);
    expect(t.node.installs).toEqual([]);
  });

  it('a locked package manager passes through as ManagerUnavailableError (exit 5)', async () => {
    const t = setup({node: {installError: new ManagerUnavailableError('apt', 'the dpkg lock is held by another process (waited 60s)')}});
    const error = await applyPlan(fromFile, t.runtime, t.deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManagerUnavailableError);
    expect((error as ManagerUnavailableError).exitCode).toBe(5);
  });

  describe('reboot policy', () => {
    const withOption = (rebootOption: 'NoReboot' | 'RebootIfNeeded' | 'RebootIfRequired', inventory = anInventory()) =>
      aPlan({inventory, options: {rebootOption, installOverrideList: null, now: CREATED_AT, lenient: false, showNotApplicable: false}});

    it('NoReboot never reboots, and still reports that the OS requires one', async () => {
      const t = setup({plan: withOption('NoReboot'), node: {rebootRequired: true}});
      const outcome = await applyPlan(fromFile, t.runtime, t.deps);
      expect(outcome.result.reboot).toEqual({option: 'NoReboot', required: true, performed: false, reason: 'no-reboot-option'});
      expect(outcome.rebooter).toBeNull();
    });

    it('RebootIfRequired follows the OS', async () => {
      const yes = setup({plan: withOption('RebootIfRequired'), node: {rebootRequired: true}});
      expect((await applyPlan(fromFile, yes.runtime, yes.deps)).result.reboot).toEqual({
        option: 'RebootIfRequired',
        required: true,
        performed: true,
        reason: 'required-by-os',
      });
      const no = setup({plan: withOption('RebootIfRequired'), node: {rebootRequired: false}});
      const outcome = await applyPlan(fromFile, no.runtime, no.deps);
      expect(outcome.result.reboot).toMatchObject({performed: false, reason: 'not-required-by-os'});
      expect(outcome.rebooter).toBeNull();
    });

    it('RebootIfRequired does not reboot when asking the OS fails', async () => {
      const t = setup({plan: withOption('RebootIfRequired'), node: {rebootRequired: () => Promise.reject(new Error('EACCES'))}});
      const outcome = await applyPlan(fromFile, t.runtime, t.deps);
      expect(outcome.result.reboot).toEqual({option: 'RebootIfRequired', required: false, performed: false, reason: 'reboot-check-failed'});
      expect(outcome.exitCode).toBe(0);
    });

    it('RebootIfNeeded reboots for packages still pending from an earlier NoReboot install, with nothing to install now', async () => {
      const inventory = withPackages(anInventory(), (p) => (p.name === 'bash' ? {...p, pendingReboot: true} : p));
      const t = setup({plan: withOption('RebootIfNeeded', inventory), inventory});
      t.node.setInstalled('libssl3', 'amd64', NEW);
      t.node.setInstalled('openssl', 'amd64', NEW);
      await recordEarlierRun(t);
      const outcome = await applyPlan(fromFile, t.runtime, t.deps);
      expect(t.node.installs).toEqual([]);
      expect(outcome.result.reboot).toEqual({option: 'RebootIfNeeded', required: false, performed: true, reason: 'pending-from-earlier-install'});
    });

    it("RebootIfNeeded also reboots for the OS's reboot-required flag from an earlier install (apt: /var/run/reboot-required)", async () => {
      const base = anInventory();
      const inventory = {...base, node: {...base.node, rebootPending: true}};
      const t = setup({plan: withOption('RebootIfNeeded', inventory), inventory});
      t.node.setInstalled('libssl3', 'amd64', NEW);
      t.node.setInstalled('openssl', 'amd64', NEW);
      await recordEarlierRun(t);
      const outcome = await applyPlan(fromFile, t.runtime, t.deps);
      expect(t.node.installs).toEqual([]);
      expect(outcome.result.reboot).toMatchObject({performed: true, reason: 'pending-from-earlier-install'});
    });

    it('never reboots under --root: it would restart the host, not the image', async () => {
      const base = anInventory();
      const inventory = {...base, node: {...base.node, root: '/srv/image'}};
      const t = setup({plan: withOption('RebootIfNeeded', inventory), inventory});
      const outcome = await applyPlan({...fromFile, root: '/srv/image'}, t.runtime, t.deps);
      expect(t.node.collects[0]).toMatchObject({root: '/srv/image', manager: 'apt'});
      expect(outcome.result.results.map((r) => r.status)).toEqual(['installed', 'installed', 'skipped']);
      expect(outcome.result.reboot).toEqual({option: 'RebootIfNeeded', required: false, performed: false, reason: 'alternate-root'});
      expect(outcome.rebooter).toBeNull();
    });

    it('reports no-reboot-command when the node has neither systemctl nor shutdown', async () => {
      const t = setup({nodeFiles: []});
      const outcome = await applyPlan(fromFile, t.runtime, t.deps);
      expect(outcome.result.reboot).toMatchObject({performed: false, reason: 'no-reboot-command'});
      expect(outcome.rebooter).toBeNull();
    });

    it('falls back to shutdown -r now without systemd', async () => {
      const t = setup({nodeFiles: ['/sbin/shutdown']});
      const outcome = await applyPlan(fromFile, t.runtime, t.deps);
      await outcome.rebooter?.reboot();
      expect(t.runner.calls.map((c) => c.argv)).toEqual([{file: '/sbin/shutdown', args: ['-r', 'now']}]);
    });
  });

  it('--root or --manager that contradict the plan are refused as bad input before the node is read', async () => {
    const t = setup();
    const line = (e: unknown): string => (e instanceof InputError ? e.line() : String(e));
    expect(line(await applyPlan({...fromFile, root: '/srv/other'}, t.runtime, t.deps).catch((e: unknown) => e))).toBe(
      '--root: /srv/other does not match the plan, which was made for root /',
    );
    expect(line(await applyPlan({...fromFile, manager: 'dnf'}, t.runtime, t.deps).catch((e: unknown) => e))).toBe(
      '--manager: dnf does not match the plan, which was made for apt',
    );
    expect(t.node.collects).toEqual([]);
    // A relative --root is resolved against the working directory (/work) before comparing: `..` is `/`.
    expect((await applyPlan({...fromFile, root: '..'}, t.runtime, t.deps)).exitCode).toBe(0);
  });

  it('applies the CLI-written v1-valid plan to the inventory it was made from (dependency, kernel, python3-apt)', async () => {
    const plan = JSON.parse(readFileSync('fixtures/plans/v1-valid.json', 'utf8')) as Plan;
    const inventory = InventorySchema.parse(JSON.parse(readFileSync('fixtures/inventories/debian-12.json', 'utf8')));
    const t = setup({plan, inventory, now: new Date(Date.parse(plan.createdAt) + HOUR)});
    const outcome = await applyPlan(fromFile, t.runtime, t.deps);
    const installs = plan.decisions.filter((d) => d.action === 'install');
    expect(t.node.installs).toEqual([installs.map((d) => ({name: d.name, arch: d.arch, version: d.targetVersion}))]);
    expect(t.node.installs[0]?.map((i) => i.name)).toEqual(expect.arrayContaining(['python3-apt', 'linux-image-6.1.0-41-amd64']));
    expect(outcome.result.results.filter((r) => r.status === 'installed')).toHaveLength(installs.length);
    expect(outcome.exitCode).toBe(0);
  });
});

describe('applyPlan without a PLAN file', () => {
  const debian = (): Inventory => InventorySchema.parse(JSON.parse(readFileSync('fixtures/inventories/debian-12.json', 'utf8')));
  const newPlan: ApplyPlanOptions = {newPlan: {rebootOption: 'NoReboot'}, maxAgeMs: 7 * DAY, lockTimeoutMs: 60_000, toolVersion: '9.9.9'};

  it('plans from the live node, asks for approval, then installs that plan', async () => {
    const t = setup({inventory: debian()});
    const asked: Plan[] = [];
    const outcome = await applyPlan(newPlan, t.runtime, {...t.deps, approve: async (plan) => (asked.push(plan), true)});
    expect(asked).toHaveLength(1);
    expect(asked[0]?.options.rebootOption).toBe('NoReboot');
    expect(outcome.plan).toBe(asked[0]);
    expect(t.node.installs).toHaveLength(1);
    expect(t.node.installs[0]).toEqual(
      asked[0]?.decisions.filter((d) => d.action === 'install').map((d) => ({name: d.name, arch: d.arch, version: d.targetVersion})),
    );
    expect(t.steps[0]).toEqual({step: 'planning'});
    expect(outcome.result.reboot).toMatchObject({option: 'NoReboot', performed: false});
  });

  it('a declined approval cancels with nothing installed', async () => {
    const t = setup({inventory: debian()});
    const error = await applyPlan(newPlan, t.runtime, {...t.deps, approve: async () => false}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as CancelledError).line()).toBe('apply: cancelled; nothing was installed');
    expect(t.node.installs).toEqual([]);
  });

  it('applies the reviewed plan the approval returns (an exclusion left out), checked against the node like any plan', async () => {
    const t = setup({inventory: debian()});
    const outcome = await applyPlan(newPlan, t.runtime, {
      ...t.deps,
      approve: async (plan, review) => {
        expect(review.enginePlan.digest).toBe(plan.digest);
        const reviewed = excludeFromPlan(plan, [{spec: 'openssh-server', note: 'maintenance window', reviewer: 'alice'}], review.requiresOf);
        if (!reviewed.ok) throw new Error(reviewed.problem);
        return reviewed.plan;
      },
    });
    expect(outcome.plan.decisions.find((d) => d.name === 'openssh-server')).toMatchObject({reason: {code: 'excluded-by-reviewer'}, reviewer: 'alice'});
    expect(outcome.result.plan).toBe(outcome.plan.digest);
    expect(t.node.installs).toHaveLength(1);
    expect(t.node.installs[0]?.map((i) => i.name)).not.toContain('openssh-server');
    expect(t.node.installs[0]).toHaveLength(outcome.plan.summary.byAction.install);
  });

  it('refuses to run a new plan when nobody can approve it', async () => {
    const t = setup({inventory: debian()});
    await expect(applyPlan(newPlan, t.runtime, t.deps)).rejects.toThrow(InputError);
    expect(t.node.installs).toEqual([]);
  });

  it('refuses the plan it just made when the node changed while the prompt was open', async () => {
    const t = setup({inventory: debian()});
    const outcome = applyPlan(newPlan, t.runtime, {
      ...t.deps,
      approve: async () => {
        t.node.setInstalled('openssl', 'amd64', '3.0.17-1~deb12u3');
        return true;
      },
    });
    const error = await refusal(outcome);
    expect(error.line()).toBe('apply: openssl (amd64): installed version is now 3.0.17-1~deb12u3, the plan was made for 3.0.17-1~deb12u2');
    expect(t.node.installs).toEqual([]);
  });
});

describe('apply --json through the view', () => {
  it('prints exactly {plan, startedAt, finishedAt, results, reboot} and the extensions (manager, repaired, interrupted, recovery), nothing else on stdout', async () => {
    const t = setup({plan: aPlan({evaluation: anEvaluation([aDecision(), aDecision({name: 'openssl'})])})});
    const outcome = await applyPlan(fromFile, t.runtime, t.deps);
    const streams = memoryStreams();
    createApplyView('json', streams).result(outcome.result);
    const printed: unknown = JSON.parse(streams.out());
    expect(streams.err()).toBe('');
    expect(printed).toEqual({
      plan: t.plan.digest,
      manager: 'apt',
      startedAt: '2026-11-24T01:05:00.000Z',
      finishedAt: '2026-11-24T01:05:00.000Z',
      results: [
        {name: 'libssl3', arch: 'amd64', from: OLD, to: NEW, status: 'installed', message: null},
        {name: 'openssl', arch: 'amd64', from: OLD, to: NEW, status: 'installed', message: null},
      ],
      reboot: {option: 'RebootIfNeeded', required: false, performed: true, reason: 'installed-this-run'},
      repaired: [],
      interrupted: null,
      recovery: null,
    });
    expect(Object.keys(printed as object)).toEqual(['plan', 'manager', 'startedAt', 'finishedAt', 'results', 'reboot', 'repaired', 'interrupted', 'recovery']);
  });
});

describe('applyPlan under Ctrl+C and SIGTERM', () => {
  /** Interrupts a test fires by hand: `signal(…)` once stops, twice aborts. */
  function controlledInterrupts(): Interrupts & {signal(name: 'SIGINT' | 'SIGTERM'): void} {
    const stop = new AbortController();
    const abort = new AbortController();
    let first: 'SIGINT' | 'SIGTERM' | null = null;
    return {
      stop: stop.signal,
      abort: abort.signal,
      received: () => first,
      signal(name) {
        if (first === null) {
          first = name;
          stop.abort(name);
        } else abort.abort(name);
      },
    };
  }

  it('a stop before the installer starts: exit 130, nothing installed, nothing journaled', async () => {
    const interrupts = controlledInterrupts();
    interrupts.signal('SIGINT');
    const t = setup();
    const error = await applyPlan(fromFile, {...t.runtime, interrupts}, t.deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InterruptedError);
    expect((error as InterruptedError).exitCode).toBe(130);
    expect((error as InterruptedError).line()).toBe('apply: interrupted (SIGINT) before anything was installed; nothing was installed');
    expect(t.node.installs).toEqual([]);
    expect(await t.runtime.journals.read(t.plan.node.root, t.plan.digest)).toBe('');
  });

  it('a stop while installing: the installer finishes its package, the results are read back, exit 130 with what is done and not, no reboot', async () => {
    const interrupts = controlledInterrupts();
    const t = setup({
      node: {
        install: () => {
          interrupts.signal('SIGINT');
          return {result: {exitCode: 0, stdout: '', stderr: 'W: Operation was interrupted before it could finish'}, applies: (i) => (i.name === 'libssl3' ? i.version : undefined)};
        },
      },
    });
    const outcome = await applyPlan(fromFile, {...t.runtime, interrupts}, t.deps);
    expect(t.node.contexts[0]?.interrupts?.stop).toBe(interrupts.stop);
    expect(outcome.exitCode).toBe(130);
    expect(outcome.result.results.map((r) => [r.name, r.status, r.message])).toEqual([
      ['libssl3', 'installed', null],
      ['openssl', 'interrupted', null],
      ['tzdata', 'skipped', expect.any(String)],
    ]);
    expect(outcome.result.interrupted).toEqual({signal: 'SIGINT', aborted: false});
    expect(outcome.result.reboot).toEqual({option: 'RebootIfNeeded', required: false, performed: false, reason: 'interrupted'});
    expect(outcome.rebooter).toBeNull();
    expect(outcome.result.recovery).toBe('stopped by SIGINT: apply the same plan again: it repairs what was left unfinished, then installs only what is missing');
    const last = (await t.runtime.journals.read(t.plan.node.root, t.plan.digest)).trim().split('\n').at(-1) ?? '';
    expect(JSON.parse(last)).toMatchObject({event: 'run-finished', outcome: 'interrupted'});
  });

  it('SIGTERM is exit 143', async () => {
    const interrupts = controlledInterrupts();
    const t = setup({node: {install: () => (interrupts.signal('SIGTERM'), {result: {exitCode: 0, stdout: '', stderr: ''}, applies: () => undefined})}});
    const outcome = await applyPlan(fromFile, {...t.runtime, interrupts}, t.deps);
    expect(outcome.exitCode).toBe(143);
    expect(outcome.result.results.filter((r) => r.status === 'interrupted')).toHaveLength(2);
  });

  it('a second signal aborts at once: no read-back, exit 130 saying what state it leaves', async () => {
    const interrupts = controlledInterrupts();
    const t = setup({
      node: {
        install: () => {
          interrupts.signal('SIGINT');
          interrupts.signal('SIGINT');
          return {result: {exitCode: -1, stdout: '', stderr: ''}, applies: () => undefined};
        },
      },
    });
    const error = await applyPlan(fromFile, {...t.runtime, interrupts}, t.deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InterruptedError);
    expect((error as InterruptedError).exitCode).toBe(130);
    expect((error as InterruptedError).line()).toBe(
      'apply: aborted: the installer was killed mid-transaction, so packages may be left half-installed; apply the same plan again to repair and finish it (it runs `dpkg --configure -a` first)',
    );
    expect(t.node.collects).toHaveLength(1);
  });
});

describe('applyPlan after an interrupted run', () => {
  it('repairs first, reads the node again, reports the repair, and journals it', async () => {
    const repairArgv = {file: '/usr/bin/dpkg', args: ['--configure', '-a']};
    const t = setup({
      node: {
        recover: (request, node) => {
          expect(request).toEqual({planned: [{name: 'libssl3', arch: 'amd64', version: NEW}, {name: 'openssl', arch: 'amd64', version: NEW}], repair: true});
          node.setInstalled('libssl3', 'amd64', NEW);
          return {commands: [{argv: repairArgv, result: {exitCode: 0, stdout: '', stderr: ''}}]};
        },
      },
    });
    await recordEarlierRun(t);
    const outcome = await applyPlan(fromFile, t.runtime, t.deps);
    expect(t.node.collects).toHaveLength(2);
    expect(t.node.readBacks).toBe(1);
    expect(outcome.result.repaired).toEqual(['/usr/bin/dpkg --configure -a']);
    expect(outcome.result.results.map((r) => r.status)).toEqual(['already-installed', 'installed', 'skipped']);
    expect(await t.runtime.journals.read(t.plan.node.root, t.plan.digest)).toContain('"event":"repaired"');
  });

  it('--no-repair asks the adapter to refuse instead of repairing', async () => {
    const t = setup({node: {inconsistent: new ExternalCommandError('/var/lib/dpkg', 'dpkg was interrupted (…); finish it with `dpkg --configure -a`')}});
    const error = await applyPlan({...fromFile, repair: false}, t.runtime, t.deps).catch((e: unknown) => e);
    expect(t.node.recoveries).toEqual([{planned: expect.any(Array), repair: false}]);
    expect(error).toBeInstanceOf(ExternalCommandError);
    expect(t.node.installs).toEqual([]);
  });
});

describe('apply --json output validates against the published result schema (docs/apply-result.schema.json)', () => {
  const interruptingNode = (): {interrupts: Interrupts; node: FakeNodeOptions} => {
    const stop = new AbortController();
    let first: 'SIGINT' | null = null;
    const interrupts: Interrupts = {stop: stop.signal, abort: new AbortController().signal, received: () => first};
    const install = () => {
      first = 'SIGINT';
      stop.abort('SIGINT');
      return {result: {exitCode: 0, stdout: '', stderr: ''}, applies: (i: {name: string; version: string}) => (i.name === 'libssl3' ? i.version : undefined)};
    };
    return {interrupts, node: {install}};
  };

  it.each([
    ['installed and skipped', () => setup()],
    ['failed (exit 4)', () => setup({node: {install: () => ({result: {exitCode: 100, stdout: '', stderr: "E: Version '3.0.17-1~deb12u2' for 'openssl' was not found"}, applies: () => undefined})}})],
    [
      'NoReboot with an OS that requires a reboot',
      () =>
        setup({
          plan: aPlan({options: {rebootOption: 'NoReboot', installOverrideList: null, now: CREATED_AT, lenient: false, showNotApplicable: false}}),
          node: {rebootRequired: true},
        }),
    ],
  ] as const)('%s', async (_name, make) => {
    const t = make();
    const outcome = await applyPlan(fromFile, t.runtime, t.deps);
    const printed: unknown = JSON.parse(renderJsonResult(outcome.result));
    expect(ApplyResultSchema.safeParse(printed).error?.issues).toBeUndefined();
  });

  it('interrupted, and a rerun that repairs first', async () => {
    const {interrupts, node} = interruptingNode();
    const stopped = setup({node});
    const interrupted = await applyPlan(fromFile, {...stopped.runtime, interrupts}, stopped.deps);
    expect(interrupted.result.interrupted).not.toBeNull();
    const repairing = setup({node: {recover: () => ({commands: [{argv: {file: '/usr/bin/dpkg', args: ['--configure', '-a']}, result: {exitCode: 0, stdout: '', stderr: ''}}]})}});
    await recordEarlierRun(repairing);
    const repaired = await applyPlan(fromFile, repairing.runtime, repairing.deps);
    expect(repaired.result.repaired).not.toEqual([]);
    for (const outcome of [interrupted, repaired]) {
      expect(ApplyResultSchema.safeParse(JSON.parse(renderJsonResult(outcome.result))).error?.issues).toBeUndefined();
    }
  });

  it('refuses what apply never prints: an unknown field or status', () => {
    const t = JSON.parse(renderJsonResult({
      plan: `sha256:${'0'.repeat(64)}`,
      manager: 'apt',
      startedAt: '2026-11-24T01:05:00.000Z',
      finishedAt: '2026-11-24T01:05:00.000Z',
      results: [{name: 'a', arch: 'amd64', from: '1', to: '2', status: 'installed', message: null}],
      reboot: {option: 'NoReboot', required: false, performed: false, reason: 'no-reboot-option'},
      repaired: [],
      interrupted: null,
      recovery: null,
    })) as {results: {status: string}[]};
    expect(ApplyResultSchema.safeParse(t).success).toBe(true);
    expect(ApplyResultSchema.safeParse({...t, extra: 1}).success).toBe(false);
    expect(ApplyResultSchema.safeParse({...t, results: [{...t.results[0], status: 'done'}]}).success).toBe(false);
  });
});
