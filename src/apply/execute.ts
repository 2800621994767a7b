import type {AdapterContext, InstallRun, PackageManagerAdapter} from '../inventory/adapters/adapter.js';
import type {Inventory} from '../inventory/schema.js';
import type {Plan} from '../plan/schema.js';
import type {ApplyProgress} from './progress.js';
import type {PackageResult} from './results.js';
import {changedAnyPackage, pendingInstalls, verifyResults} from './verify.js';

export interface ExecuteInput {
  /** A plan that passed every check (integrity, host, age, staleness) against `before`. */
  readonly plan: Plan;
  /** The node as collected just now, before installing. */
  readonly before: Inventory;
  readonly adapter: PackageManagerAdapter;
  readonly ctx: AdapterContext;
  /** Reads the node again after the install (read-only collection). */
  readonly recollect: () => Promise<Inventory>;
  readonly progress: ApplyProgress;
}

export interface Execution {
  readonly results: PackageResult[];
  /** The node after the install (`before` when nothing was installed). */
  readonly after: Inventory;
  /** This run changed at least one planned package (read back from the package database). */
  readonly installedAny: boolean;
  readonly install: InstallRun | null;
}

/**
 * plan → one install batch → read back → verify. Packages already at their target are not
 * passed to the installer, so a rerun after an interruption installs only the rest, and
 * reports the others `already-installed`. When nothing is left, the installer does not run
 * at all: no lock is taken and nothing is re-read.
 *
 * One batch, not one command per package: the planned versions were chosen together (a
 * library and the packages built against it), and a package manager resolves and orders
 * them best as one transaction; that is also how AWS installs on apt and zypper.
 */
export async function executePlan(input: ExecuteInput): Promise<Execution> {
  const {plan, before, adapter, ctx, progress} = input;
  const pending = pendingInstalls(plan.decisions, before);
  if (pending.length === 0) {
    return {results: verifyResults({decisions: plan.decisions, before, after: before, install: null}), after: before, installedAny: false, install: null};
  }
  progress.step({step: 'installing', manager: adapter.id, packages: pending});
  const install = await adapter.install(pending, ctx);
  progress.step({step: 'verifying'});
  const after = await input.recollect();
  return {
    results: verifyResults({decisions: plan.decisions, before, after, install}),
    after,
    installedAny: changedAnyPackage(plan.decisions, before, after),
    install,
  };
}
