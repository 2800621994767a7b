import path from 'node:path';

import {executePlan} from '../apply/execute.js';
import {silentProgress, type ApplyProgress} from '../apply/progress.js';
import {createRebooter, decideReboot, resolveRebootArgv, type Rebooter} from '../apply/reboot.js';
import {applyExitCode, type ApplyResult, type RebootReason, type RebootReport} from '../apply/results.js';
import {checkApprovalFlags, loadApprovalPolicy} from '../approval/trusted-keys.js';
import {requireApprovals, type ApprovalPolicy} from '../approval/verify.js';
import type {Runtime} from '../cli/runtime.js';
import type {RebootOption} from '../engine/types.js';
import {CancelledError, InputError, PlanRefusedError} from '../errors.js';
import type {AdapterContext, Logger, PackageManagerAdapter} from '../inventory/adapters/adapter.js';
import type {Inventory, ManagerId} from '../inventory/schema.js';
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
}

export type ApplyPlanRuntime = Pick<Runtime, 'clock' | 'fs' | 'runner' | 'nodeFiles' | 'hostname' | 'env' | 'cwd' | 'userId'> & {
  readonly httpGetText?: HttpGetText | undefined;
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
  /** 4 when a planned package is not at its planned version afterwards. */
  readonly exitCode: 0 | 4;
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
  const log: Logger = {progress: (m) => progress.progress(m), debug: (m) => progress.debug(m), installProgress: (e) => progress.installProgress?.(e)};
  const collect = deps.collect ?? ((o: CollectInventoryOptions) => collectInventory(o, runtime));
  const collectAt = (root: string | undefined, manager: ManagerId | undefined, refresh: boolean): Promise<CollectedInventory> =>
    collect({root, manager, refresh, lockTimeoutMs: options.lockTimeoutMs, log});

  checkApprovalRequirement(options);
  const policy = await loadApprovalPolicy(options, runtime.fs);
  const {plan, source} = await obtainPlan(options, runtime, deps, progress, collectAt, policy);

  const startedAt = runtime.clock.now();
  progress.step({step: 'collecting'});
  // Read-only: the plan was made against the package lists as they were, and refreshing them
  // now could drop the very versions the reviewer approved (a security archive keeps only
  // its newest version), refusing the plan for a reason that has nothing to do with the node.
  const collected = await collectAt(plan.node.root, plan.node.manager, false);
  const before = collected.inventory;
  // An interrupted dpkg run can leave every target unpacked (so it reads as installed) but
  // unconfigured: refuse with the repair command before anything compares versions.
  await collected.adapter.checkConsistent?.(collected.ctx);
  const refusals = checkStaleness(plan, {
    machineId: before.node.machineId,
    inventory: before,
    now: runtime.clock.now(),
    maxAgeMs: options.maxAgeMs,
  });
  if (refusals.length > 0) throw refusalError(source, refusals);

  const ctx: AdapterContext = {...collected.ctx, lockTimeoutMs: options.lockTimeoutMs, log};
  const execution = await executePlan({
    plan,
    before,
    adapter: collected.adapter,
    ctx,
    recollect: async () => (await collectAt(plan.node.root, plan.node.manager, false)).inventory,
    progress,
  });

  const {report, rebooter} = await planReboot(plan, before, execution.installedAny, collected.adapter, ctx, runtime);
  progress.step({step: 'finished'});
  const result: ApplyResult = {
    plan: plan.digest,
    startedAt: startedAt.toISOString(),
    finishedAt: runtime.clock.now().toISOString(),
    results: execution.results,
    reboot: report,
  };
  return {plan, result, exitCode: applyExitCode(execution.results), rebooter};
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
  const argv = await resolveRebootArgv(plan.node.manager, (file) => runtime.fs.exists(file), runtime.env);
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
