import {randomUUID} from 'node:crypto';
import path from 'node:path';

import {executePlan, type Execution} from '../apply/execute.js';
import {earlierAttempt, journalLine, parseJournal, type EarlierAttempt, type JournalEntry} from '../apply/journal.js';
import {silentProgress, type ApplyProgress} from '../apply/progress.js';
import {createRebooter, decideReboot, resolveRebootArgv, type Rebooter} from '../apply/reboot.js';
import {applyExitCode, type ApplyResult, type RebootReason, type RebootReport} from '../apply/results.js';
import {checkApprovalFlags, loadApprovalPolicy} from '../approval/trusted-keys.js';
import {requireApprovals, type ApprovalPolicy} from '../approval/verify.js';
import type {Runtime} from '../cli/runtime.js';
import type {RebootOption} from '../engine/engine-io.js';
import {CancelledError, InputError, InterruptedError, PlanRefusedError} from '../errors.js';
import type {AdapterContext, PackageManagerAdapter} from '../managers/adapter.js';
import type {PlannedInstall} from '../core/install.js';
import type {Logger} from '../core/logger.js';
import {realLockClock, runWhileLocked} from '../managers/lock-retry.js';
import {INTERRUPTED_EXIT_CODE, neverInterrupted, type Interrupts} from '../system/interrupts.js';
import {describeArgv} from '../system/runner.js';
import type {Inventory} from '../inventory/schema.js';
import type {ManagerId} from '../core/ids.js';
import {readPlanFile} from '../plan/file.js';
import type {Plan} from '../plan/schema.js';
import {checkPlanFileTrust} from '../plan/file-trust.js';
import {checkPlanTime, checkStaleness, refusalError} from '../plan/staleness.js';
import {collectInventory, type CollectedInventory, type CollectInventoryOptions} from './collect-inventory.js';
import {makePlan, type HttpGetText, type MakePlanResult} from './make-plan.js';

/** How `apply` plans when it is given no PLAN file (the `plan` flags it accepts). */
export interface NewPlanOptions {
  readonly baselineRef?: string | undefined;
  readonly installOverrideListRef?: string | undefined;
  readonly rebootOption: RebootOption;
  /** Update the package lists before collecting (`--refresh`). */
  readonly refresh?: boolean | undefined;
}

export interface ApplyPlanOptions {
  /**
   * PLAN: apply this saved plan; it was approved when it was reviewed, so there is no prompt.
   * Exactly one of `planFile` and `newPlan` is given.
   */
  readonly planFile?: string | undefined;
  /** No PLAN: plan now with these options, then ask `deps.approve`. */
  readonly newPlan?: NewPlanOptions | undefined;
  /**
   * `plan --interactive`, `a`: the plan just made and reviewed in this process, confirmed at the
   * prompt by the caller. Checked against the node exactly like a plan file.
   */
  readonly reviewedPlan?: Plan | undefined;
  /** `--max-age` (default 7 days). */
  readonly maxAgeMs: number;
  /** `--lock-timeout` (default 60 s): how long to wait for another process's package-manager lock. */
  readonly lockTimeoutMs: number;
  /** `--root` / `--manager`. With a PLAN they must agree with the plan, which already names both. */
  readonly root?: string | undefined;
  readonly manager?: ManagerId | undefined;
  /** Recorded in a new plan's `tool.version`. */
  readonly toolVersion: string;
  /**
   * `--trusted-keys FILE|DIR` (or PATCHPLAN_TRUSTED_KEYS): the plan file must carry
   * `minApprovals` valid signatures from distinct keys among these, else exit 3.
   */
  readonly trustedKeys?: string | undefined;
  /** `--min-approvals` (default 1 when trusted keys are given; an error without them). */
  readonly minApprovals?: number | undefined;
  /** `--insecure-plan-permissions`: apply a plan file that others could have written (plan/file-trust.ts). */
  readonly insecurePlanPermissions?: boolean | undefined;
  /** False under `--no-repair`: refuse, with the repair command, what an interrupted run left. */
  readonly repair?: boolean | undefined;
}

export type ApplyPlanRuntime = Pick<Runtime, 'clock' | 'fs' | 'runner' | 'nodeFiles' | 'hostname' | 'env' | 'cwd' | 'userId' | 'journals' | 'arch' | 'platform' | 'pid'> & {
  readonly httpGetText?: HttpGetText | undefined;
  /** Ctrl+C and SIGTERM while applying (the command watches the process); none when left out. */
  readonly interrupts?: Interrupts | undefined;
};

export interface ApplyPlanDeps {
  /** Live collection; collectInventory with the runtime unless a test gives its own. */
  readonly collect?: (options: CollectInventoryOptions) => Promise<CollectedInventory>;
  /**
   * Shows a new plan and asks whether to apply it (the prompt, the review on a terminal, or
   * `--auto-approve`). Only called without a PLAN file. Resolves true to apply the plan as
   * made, a Plan to apply that reviewed plan instead (the same plan with the reviewer's
   * exclusions, re-digested; checked against the node like any plan), false to cancel before
   * anything is installed.
   */
  readonly approve?: (plan: Plan, review: PlanReview) => Promise<boolean | Plan>;
  readonly progress?: ApplyProgress;
}

/** What the interactive review of a new plan needs besides the plan: the engine's decisions (undo) and the dependencies (refusals). */
export type PlanReview = Pick<MakePlanResult, 'enginePlan' | 'requiresOf'>;

export interface ApplyPlanOutcome {
  /** The plan that was applied (a new one when there was no PLAN file). */
  readonly plan: Plan;
  /** What `apply --json` prints. */
  readonly result: ApplyResult;
  /** 4 when a planned package is not at its planned version afterwards; 130/143 when a signal stopped the run. */
  readonly exitCode: 0 | 4 | 130 | 143;
  /**
   * Set when the reboot policy reboots. The caller prints the result first and then calls
   * `reboot()`: once the reboot starts, nothing printed later is sure to reach anyone.
   */
  readonly rebooter: Rebooter | null;
}

/**
 * `patchplan apply`: plan (read and verified, or made now and approved) → live inventory →
 * refusal checks → one install batch → read back → verify → reboot decision. Never prints and
 * never exits: a refused plan throws PlanRefusedError (exit 3) before anything is installed;
 * a locked or missing package manager throws ManagerUnavailableError (exit 5) from the adapter;
 * a package that missed its target is a result, with exit code 4.
 */
export async function applyPlan(options: ApplyPlanOptions, runtime: ApplyPlanRuntime, deps: ApplyPlanDeps = {}): Promise<ApplyPlanOutcome> {
  const progress = deps.progress ?? silentProgress;
  const interrupts = runtime.interrupts ?? neverInterrupted;
  const log: Logger = {progress: (m) => progress.progress(m), debug: (m) => progress.debug(m), installProgress: (e) => progress.installProgress?.(e)};
  const collect = deps.collect ?? ((o: CollectInventoryOptions) => collectInventory(o, runtime));
  const collectAt = (root: string | undefined, manager: ManagerId | undefined, refresh: boolean): Promise<CollectedInventory> =>
    collect({root, manager, refresh, lockTimeoutMs: options.lockTimeoutMs, log});

  checkApprovalRequirement(options);
  const policy = await loadApprovalPolicy(options, runtime.fs);
  const {plan, source} = await obtainPlan(options, runtime, deps, progress, collectAt, policy);
  stopIfInterrupted(interrupts, 'before anything was installed');

  const startedAt = runtime.clock.now();
  const journal = await openJournal(plan, runtime, options.lockTimeoutMs, interrupts, progress);
  try {
    return await applyUnderRunLock({plan, source, options, runtime, progress, interrupts, log, collectAt, journal, startedAt});
  } finally {
    await journal.release();
  }
}

interface RunContext {
  readonly plan: Plan;
  readonly source: string;
  readonly options: ApplyPlanOptions;
  readonly runtime: ApplyPlanRuntime;
  readonly progress: ApplyProgress;
  readonly interrupts: Interrupts;
  readonly log: Logger;
  readonly collectAt: CollectAt;
  readonly journal: OpenJournal;
  readonly startedAt: Date;
}

/** Collection, repair, the staleness check, the install and the reboot decision, holding this plan's run lock. */
async function applyUnderRunLock(run: RunContext): Promise<ApplyPlanOutcome> {
  const {plan, source, options, runtime, progress, interrupts, journal, log} = run;
  progress.step({step: 'collecting'});
  // Read-only: the plan was made against the package lists as they were, and refreshing them
  // now could drop the very versions the reviewer approved (a security archive keeps only
  // its newest version), refusing the plan for a reason that has nothing to do with the node.
  let collected = await run.collectAt(plan.node.root, plan.node.manager, false);
  // What an interrupted run left (dpkg unpacked the targets but did not configure them, a
  // package half-installed) is repaired first, or refused with the repair command.
  const recovery = (await collected.adapter.recover?.(collected.ctx, {planned: plannedInstalls(plan), repair: options.repair !== false})) ?? {commands: []};
  const repaired = recovery.commands.map((c) => describeArgv(c.argv));
  if (repaired.length > 0) {
    await journal.write({event: 'repaired', run: journal.run, at: runtime.clock.now().toISOString(), commands: repaired});
    collected = await run.collectAt(plan.node.root, plan.node.manager, false);
  }
  const before = collected.inventory;
  stopIfInterrupted(interrupts, 'before anything was installed');
  const refusals = checkStaleness(plan, {
    machineId: before.node.machineId,
    inventory: before,
    now: runtime.clock.now(),
    maxAgeMs: options.maxAgeMs,
    installedEarlier: (d) => journal.earlier(d) !== null,
  });
  if (refusals.length > 0) throw refusalError(source, refusals);

  const ctx: AdapterContext = {...collected.ctx, lockTimeoutMs: options.lockTimeoutMs, log, signal: interrupts.stop};
  const execution = await executePlan({
    plan,
    before,
    adapter: collected.adapter,
    ctx,
    progress,
    beforeInstall: (pending) =>
      journal.write({
        event: 'installing',
        run: journal.run,
        at: runtime.clock.now().toISOString(),
        packages: pending.map((p) => ({name: p.name, arch: p.arch, from: installedOf(before, p), to: p.version})),
      }),
    earlier: (d) => journal.earlier(d),
    interrupts,
  });
  const signal = interrupts.received();
  if (execution.aborted) {
    await journal.write({event: 'run-finished', run: journal.run, at: runtime.clock.now().toISOString(), outcome: 'interrupted', results: []});
    throw new InterruptedError(signal ?? 'SIGINT', 'apply', `aborted: the installer was killed mid-transaction, so packages may be left half-installed; apply the same plan again to repair and finish it${plan.node.manager === 'apt' ? ' (it runs `dpkg --configure -a` first)' : ''}`);
  }
  const {report, rebooter} = signal !== null
    ? {report: noRebootAfterInterrupt(plan.options.rebootOption), rebooter: null}
    : await planReboot(plan, before, execution.installedAny, collected.adapter, ctx, runtime);
  progress.step({step: 'finished'});
  const result: ApplyResult = {
    plan: plan.digest,
    manager: plan.node.manager,
    startedAt: run.startedAt.toISOString(),
    finishedAt: runtime.clock.now().toISOString(),
    results: execution.results,
    reboot: report,
    repaired,
    interrupted: signal === null ? null : {signal, aborted: false},
    recovery: recoveryHint(execution, plan, signal),
  };
  const exitCode = signal !== null ? INTERRUPTED_EXIT_CODE[signal] : applyExitCode(execution.results);
  const outcome = signal !== null ? 'interrupted' : exitCode === 0 ? 'completed' : 'failed';
  await journal.write({
    event: 'run-finished',
    run: journal.run,
    at: result.finishedAt,
    outcome,
    results: execution.results.filter((r) => r.status !== 'skipped').map((r) => ({name: r.name, arch: r.arch, status: r.status})),
  });
  return {plan, result, exitCode, rebooter};
}

function plannedInstalls(plan: Plan): PlannedInstall[] {
  return plan.decisions.flatMap((d) => (d.action === 'install' && d.targetVersion !== null ? [{name: d.name, arch: d.arch, version: d.targetVersion}] : []));
}

function installedOf(inventory: Inventory, item: PlannedInstall): string | null {
  return inventory.packages.find((p) => p.name === item.name && p.arch === item.arch)?.installedVersion ?? null;
}

function stopIfInterrupted(interrupts: Interrupts, when: string): void {
  const signal = interrupts.received();
  if (signal !== null) throw new InterruptedError(signal, 'apply', `interrupted (${signal}) ${when}; nothing was installed`);
}

function noRebootAfterInterrupt(option: RebootOption): RebootReport {
  return {option, required: false, performed: false, reason: 'interrupted'};
}

/**
 * What to run when this run left something to finish: after a stop or a failure, applying the
 * same plan again installs what is missing (and repairs first); a package whose maintainer
 * script failed needs its cause fixed before that can succeed.
 */
function recoveryHint(execution: Execution, plan: Plan, signal: 'SIGINT' | 'SIGTERM' | null): string | null {
  const scripts = execution.install?.scriptFailures ?? [];
  const unfinished = execution.results.filter((r) => r.status === 'failed' || r.status === 'interrupted');
  if (unfinished.length === 0) return null;
  const again = 'apply the same plan again: it repairs what was left unfinished, then installs only what is missing';
  const failing = scripts.filter((f) => unfinished.some((r) => r.name === f.name));
  if (failing.length > 0) {
    const named = failing.map((f) => `${f.name} (${f.line})`).join(', ');
    const configure = plan.node.manager === 'apt' ? '`dpkg --configure -a`' : 'the install';
    return `the maintainer script of ${named} failed: fix its cause, then ${again} (it runs ${configure} first)`;
  }
  return signal !== null ? `stopped by ${signal}: ${again}` : again;
}

export interface OpenJournal {
  readonly run: string;
  earlier(d: {readonly name: string; readonly arch: string; readonly targetVersion: string | null}): EarlierAttempt | null;
  write(entry: JournalEntry): Promise<void>;
  release(): Promise<void>;
}

/**
 * Takes the plan's run lock (a second apply of the same plan waits for the first, then exit 5
 * naming it) and reads what earlier runs of the plan did.
 */
async function openJournal(plan: Plan, runtime: ApplyPlanRuntime, lockTimeoutMs: number, interrupts: Interrupts, progress: ApplyProgress): Promise<OpenJournal> {
  const store = runtime.journals;
  const root = plan.node.root;
  const run = randomUUID();
  const holder = {pid: runtime.pid, run, at: runtime.clock.now().toISOString()};
  // The same wait as for a package manager's lock (lock-retry.ts): backoff, progress, exit 5.
  const waitCtx = {lockTimeoutMs, signal: interrupts.stop, log: {progress: (m: string) => progress.progress(m), debug: () => {}}};
  const attempt = await runWhileLocked(waitCtx, realLockClock, () => store.tryLock(root, plan.digest, holder), (tried) => {
    if (tried.acquired) return null;
    const who = `process ${tried.holder.pid} (run ${tried.holder.run}, started ${tried.holder.at})`;
    return {where: store.location(root, plan.digest), holder: `this plan is being applied by ${who}`, waiting: `this plan is being applied by ${who}: waiting for it to finish`};
  }).catch((error: unknown) => {
    stopIfInterrupted(interrupts, 'while waiting for another apply of this plan');
    throw error;
  });
  if (!attempt.acquired) throw new Error('unreachable: runWhileLocked returns only an acquired lock');
  const entries = parseJournal(await store.read(root, plan.digest));
  // The journal records runs that changed (or may have changed) the node: a run refused before it
  // installs or repairs anything leaves no line.
  let started = false;
  return {
    run,
    earlier: (d) => (d.targetVersion === null ? null : earlierAttempt(entries, {name: d.name, arch: d.arch, to: d.targetVersion})),
    write: async (entry) => {
      if (!started) await store.append(root, plan.digest, journalLine({event: 'run-started', run, at: holder.at, pid: holder.pid}));
      started = true;
      await store.append(root, plan.digest, journalLine(entry));
    },
    release: attempt.release,
  };
}

/**
 * The approval flags alone, before anything is read (the command calls it before it checks for
 * a terminal, so a pipeline learns the real reason first): `--min-approvals` needs trusted
 * keys, and with trusted keys only a plan FILE can be applied, because only a file can carry
 * approvals; a plan made now (or reviewed in memory) has none.
 */
export function checkApprovalRequirement(options: Pick<ApplyPlanOptions, 'planFile' | 'trustedKeys' | 'minApprovals'>): void {
  checkApprovalFlags(options);
  if (options.trustedKeys !== undefined && options.planFile === undefined) {
    throw new PlanRefusedError('apply', [
      'trusted keys are configured (--trusted-keys or PATCHPLAN_TRUSTED_KEYS), so only an approved plan file can be applied, and a new plan has no approvals: save it with `patchplan plan --out PLAN`, approve it with `patchplan approve PLAN --key KEY`, then run `patchplan apply PLAN`',
    ]);
  }
}

type CollectAt = (root: string | undefined, manager: ManagerId | undefined, refresh: boolean) => Promise<CollectedInventory>;

async function obtainPlan(
  options: ApplyPlanOptions,
  runtime: ApplyPlanRuntime,
  deps: ApplyPlanDeps,
  progress: ApplyProgress,
  collectAt: CollectAt,
  policy: ApprovalPolicy | null,
): Promise<{plan: Plan; source: string}> {
  if (options.planFile !== undefined) {
    if (options.newPlan !== undefined) throw new InputError('apply', 'give a PLAN file or planning options, not both');
    // Integrity and format version first (exit 3), before anything reads the node.
    // Who could have written the file, before trusting anything in it (exit 3).
    if (options.insecurePlanPermissions !== true) await checkPlanFileTrust(options.planFile, runtime.fs, runtime.userId());
    const plan = await readPlanFile(options.planFile, runtime.fs);
    // Its date needs no node: a plan from the future (or too old) is refused before collection.
    const early = checkPlanTime(plan, runtime.clock.now(), options.maxAgeMs);
    if (early.length > 0) throw refusalError(options.planFile, early);
    // Then the approvals (exit 3): an unapproved plan is refused before the node is collected.
    if (policy !== null) requireApprovals(plan, options.planFile, policy);
    checkSelection(plan, options, runtime.cwd);
    return {plan, source: options.planFile};
  }
  if (options.reviewedPlan !== undefined) {
    checkSelection(options.reviewedPlan, options, runtime.cwd);
    return {plan: options.reviewedPlan, source: 'the reviewed plan'};
  }
  if (options.newPlan === undefined) throw new InputError('apply', 'needs a PLAN file or planning options');
  if (deps.approve === undefined) throw new InputError('apply', 'a new plan needs approval, and there is no way to ask for it here');
  progress.step({step: 'planning'});
  const made = await makePlan(
    {
      baselineRef: options.newPlan.baselineRef,
      installOverrideListRef: options.newPlan.installOverrideListRef,
      rebootOption: options.newPlan.rebootOption,
      refresh: options.newPlan.refresh ?? false,
      root: options.root,
      manager: options.manager,
      toolVersion: options.toolVersion,
    },
    {
      clock: runtime.clock,
      fs: runtime.fs,
      ...(runtime.httpGetText ? {httpGetText: runtime.httpGetText} : {}),
      collectLive: async (request) => (await collectAt(options.root, options.manager, request.refresh)).inventory,
    },
  );
  const answer = await deps.approve(made.plan, {enginePlan: made.enginePlan, requiresOf: made.requiresOf});
  if (answer === false) throw new CancelledError('apply', 'cancelled; nothing was installed');
  return {plan: answer === true ? made.plan : answer, source: 'apply'};
}

/** A PLAN names the root and manager it was made for; flags that say otherwise are a mistake, not an override. */
function checkSelection(plan: Plan, options: ApplyPlanOptions, cwd: string): void {
  if (options.root !== undefined && path.resolve(cwd, options.root) !== path.resolve(plan.node.root)) {
    throw new InputError('--root', `${options.root} does not match the plan, which was made for root ${plan.node.root}`);
  }
  if (options.manager !== undefined && options.manager !== plan.node.manager) {
    throw new InputError('--manager', `${options.manager} does not match the plan, which was made for ${plan.node.manager}`);
  }
}

async function planReboot(
  plan: Plan,
  before: Inventory,
  installedAny: boolean,
  adapter: PackageManagerAdapter,
  ctx: AdapterContext,
  runtime: ApplyPlanRuntime,
): Promise<{report: RebootReport; rebooter: Rebooter | null}> {
  const option = plan.options.rebootOption;
  let required = false;
  let checkFailed = false;
  try {
    required = await adapter.rebootRequired(ctx);
  } catch (error) {
    // The packages are installed by now; a failed question must not turn into a lost result.
    checkFailed = true;
    ctx.log.debug(`reboot check failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const report = (performed: boolean, reason: RebootReason): RebootReport => ({option, required, performed, reason});
  if (checkFailed && option === 'RebootIfRequired') return {report: report(false, 'reboot-check-failed'), rebooter: null};

  const decision = decideReboot({
    option,
    root: plan.node.root,
    installedAny,
    pendingFromEarlier: pendingFromEarlierInstall(before),
    required,
  });
  if (!decision.reboot) return {report: report(false, decision.reason), rebooter: null};
  // The node's reboot command, looked up among the node's files (a replayed node's are the scenario's).
  const argv = await resolveRebootArgv(plan.node.manager, (file) => runtime.nodeFiles.exists(file), runtime.env);
  if (argv === null) return {report: report(false, 'no-reboot-command'), rebooter: null};
  return {report: report(true, decision.reason), rebooter: createRebooter(argv, runtime.runner)};
}

/**
 * AWS reboots under RebootIfNeeded when packages an earlier NoReboot install changed are still
 * waiting for a reboot (spec §6.1 step 9 (a)). Two facts say so: packages the adapter marks
 * `pendingReboot`, and the OS's own flag (`node.rebootPending`: apt's /var/run/reboot-required,
 * written by the postinst of a kernel or libc installed since the last boot). patchplan keeps
 * no record of which tool made those installs, so it cannot tell its own NoReboot run from
 * unattended-upgrades; it counts both, because the alternative (packages only) leaves a node
 * patched earlier with NoReboot on its old kernel forever, where AWS would have rebooted it.
 */
function pendingFromEarlierInstall(before: Inventory): boolean {
  return before.node.rebootPending || before.packages.some((p) => p.pendingReboot === true);
}
