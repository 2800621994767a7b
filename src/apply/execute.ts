import type {AdapterContext, InstallRun, PackageManagerAdapter} from '../managers/adapter.js';
import type {PlannedInstall} from '../core/install.js';
import type {Inventory} from '../inventory/schema.js';
import type {Plan, PlanDecision} from '../plan/schema.js';
import type {Interrupts} from '../system/interrupts.js';
import type {EarlierAttempt} from './journal.js';
import type {ApplyProgress} from './progress.js';
import type {PackageResult} from './results.js';
import {changedAnyPackage, pendingInstalls, verifyResults, type InstalledPackages} from './verify.js';

export interface ExecuteInput {
  /** A plan that passed every check (integrity, host, age, staleness) against `before`. */
  readonly plan: Plan;
  /** The node as collected just now, before installing. */
  readonly before: Inventory;
  readonly adapter: PackageManagerAdapter;
  readonly ctx: AdapterContext;
  readonly progress: ApplyProgress;
  /** Recorded (the apply journal) before the installer starts: a kill after it leaves them on record. */
  readonly beforeInstall: (pending: readonly PlannedInstall[]) => Promise<void>;
  readonly earlier: (d: PlanDecision) => EarlierAttempt | null;
  readonly interrupts: Pick<Interrupts, 'stop' | 'abort'>;
}

export interface Execution {
  readonly results: PackageResult[];
  /** The package database after the install (`before` when nothing was installed). */
  readonly after: InstalledPackages;
  /** This run changed at least one planned package (read back from the package database). */
  readonly installedAny: boolean;
  readonly install: InstallRun | null;
  /** A second signal killed the installer: `results` were not read back (empty). */
  readonly aborted: boolean;
}

/**
 * plan → one install batch → read back (the package database alone) → verify. Packages already at their target are not
 * passed to the installer, so a rerun after an interruption installs only the rest, and
 * reports the others `already-installed`. When nothing is left, the installer does not run
 * at all: no lock is taken and nothing is re-read.
 *
 * One batch, not one command per package: the planned versions were chosen together (a
 * library and the packages built against it), and a package manager resolves and orders
 * them best as one transaction; that is also how AWS installs on apt and zypper.
 */
export async function executePlan(input: ExecuteInput): Promise<Execution> {
  const {plan, before, adapter, ctx, progress, earlier, interrupts} = input;
  const pending = pendingInstalls(plan.decisions, before);
  if (pending.length === 0) {
    const results = verifyResults({decisions: plan.decisions, before, after: before, install: null, earlier});
    return {results, after: before, installedAny: false, install: null, aborted: false};
  }
  await input.beforeInstall(pending);
  progress.step({step: 'installing', manager: adapter.id, packages: pending});
  let install: InstallRun;
  try {
    install = await adapter.install(pending, {...ctx, interrupts});
  } catch (error) {
    // Stopped while waiting for the lock, or the installer's stop surfaced as an error: the
    // database is read back all the same, and says what was done.
    if (!interrupts.stop.aborted) throw error;
    install = {commands: []};
  }
  if (interrupts.abort.aborted) return {results: [], after: before, installedAny: true, install, aborted: true};
  progress.step({step: 'verifying'});
  // Without the stop signal: after a Ctrl+C the read-back is what says which packages were done.
  const {signal: _stopped, ...readBackCtx} = ctx;
  const after = {packages: await adapter.readInstalled(readBackCtx)};
  return {
    results: verifyResults({decisions: plan.decisions, before, after, install, earlier, interrupted: interrupts.stop.aborted}),
    after,
    installedAny: changedAnyPackage(plan.decisions, before, after),
    install,
    aborted: false,
  };
}
