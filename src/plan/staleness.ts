import {PlanRefusedError} from '../errors.js';
import type {Inventory} from '../inventory/schema.js';
import {digestOf} from '../json/canonical-json.js';
import {DIGEST_MISMATCH} from './file.js';
import {indexOffered, packageKey} from './fingerprint.js';
import {PLAN_FORMAT_VERSION, type Plan} from './schema.js';

/** Why `apply` must not run a plan (cli-contract.md: refused, exit 3, nothing installed). */
export type RefusalCode =
  | 'digest-mismatch'
  | 'unknown-format-version'
  | 'other-machine'
  | 'too-old'
  | 'created-in-the-future'
  | 'installed-version-changed'
  | 'target-unavailable';

export interface Refusal {
  readonly code: RefusalCode;
  /** One sentence, naming the package when there is one. */
  readonly message: string;
  readonly package?: {readonly name: string; readonly arch: string};
}

export interface CurrentNode {
  /** This node's machine id (inventory `node.machineId` when collected live). */
  readonly machineId: string;
  /** The node as it is now. */
  readonly inventory: Inventory;
  readonly now: Date;
  /** `apply --max-age` (default 7 days). */
  readonly maxAgeMs: number;
  /**
   * The apply journal: whether an earlier run of this plan gave this package, at its target, to
   * the installer. Without it (a caller with no journal), a package at its target passes.
   */
  readonly installedEarlier?: (d: {readonly name: string; readonly arch: string; readonly targetVersion: string | null}) => boolean;
}

/**
 * Every reason the plan must not be applied to this node now; empty when it may be. Pure:
 * apply collects the inventory, then calls this, and refuses with all refusals at once so the
 * operator sees every package that changed, not only the first.
 *
 * Only packages the plan installs are compared. A skipped package that changed does not make
 * the plan unsafe: apply does not touch it. A planned package that is already at its target
 * passes when an earlier run of this plan installed it (the journal), so a rerun after an
 * interruption can finish and report it as already installed; at its target with no such run on
 * record, someone else changed it since planning, and the plan no longer describes the node.
 */
export function checkStaleness(plan: Plan, current: CurrentNode): Refusal[] {
  const refusals: Refusal[] = [];
  const formatVersion: number = plan.formatVersion;
  if (formatVersion !== PLAN_FORMAT_VERSION) {
    refusals.push({
      code: 'unknown-format-version',
      message: `unsupported plan format version ${formatVersion} (this patchplan reads version ${PLAN_FORMAT_VERSION})`,
    });
  }
  if (digestOf(plan) !== plan.digest) refusals.push({code: 'digest-mismatch', message: DIGEST_MISMATCH});
  if (plan.node.machineId !== current.machineId) {
    refusals.push({
      code: 'other-machine',
      message: `the plan was made for machine ${plan.node.machineId} (${plan.node.hostname}), this node is ${current.machineId}`,
    });
  }
  refusals.push(...checkPlanTime(plan, current.now, current.maxAgeMs));

  const offered = indexOffered(current.inventory);
  const recorded = new Map(plan.inventory.packages.map((p) => [packageKey(p.name, p.arch), p]));
  for (const decision of plan.decisions) {
    if (decision.action !== 'install' || decision.targetVersion === null) continue;
    const key = packageKey(decision.name, decision.arch);
    const label = `${decision.name} (${decision.arch || 'no arch'})`;
    const nowInstalled = offered.package(decision.name, decision.arch)?.installedVersion ?? null;
    const planned = recorded.get(key)?.installedVersion ?? decision.installedVersion;
    const who = {name: decision.name, arch: decision.arch};
    if (nowInstalled === decision.targetVersion) {
      if (current.installedEarlier === undefined || current.installedEarlier(decision) || nowInstalled === planned) continue;
      refusals.push({
        code: 'installed-version-changed',
        package: who,
        message: `${label}: installed version is now ${nowInstalled}, the plan was made for ${planned ?? 'a not-installed package'}, and no run of this plan installed it (changed by someone else since planning)`,
      });
      continue;
    }
    if (nowInstalled !== planned) {
      refusals.push({
        code: 'installed-version-changed',
        package: who,
        message:
          nowInstalled === null
            ? `${label}: no longer installed (the plan was made for ${planned ?? 'a not-installed package'})`
            : `${label}: installed version is now ${nowInstalled}, the plan was made for ${planned ?? 'a not-installed package'}`,
      });
      continue;
    }
    if (!offered.versions(decision.name, decision.arch).includes(decision.targetVersion)) {
      refusals.push({
        code: 'target-unavailable',
        package: who,
        message: `${label}: planned version ${decision.targetVersion} is no longer offered by the repositories`,
      });
    }
  }
  return refusals;
}

/** How far ahead of this node's clock a plan's `createdAt` may be: clocks drift, a day does not. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * The plan's age against `--max-age`, and a `createdAt` in the future: a plan dated a year
 * ahead would pass every `--max-age` for a year, so a clock that far off (or an edited date)
 * is refused rather than trusted. Needs no node, so apply checks it before collecting.
 */
export function checkPlanTime(plan: Pick<Plan, 'createdAt'>, now: Date, maxAgeMs: number): Refusal[] {
  const ageMs = now.getTime() - Date.parse(plan.createdAt);
  if (ageMs < -FUTURE_TOLERANCE_MS) {
    return [
      {
        code: 'created-in-the-future',
        message: `the plan is dated ${plan.createdAt}, ${formatDuration(ageMs)} after this node's clock (${now.toISOString()}); more than ${formatDuration(FUTURE_TOLERANCE_MS)} ahead is refused, since --max-age could not bound its age`,
      },
    ];
  }
  if (ageMs > maxAgeMs) {
    return [
      {
        code: 'too-old',
        message: `the plan was created ${formatDuration(ageMs)} ago (${plan.createdAt}), more than the maximum age of ${formatDuration(maxAgeMs)} (--max-age)`,
      },
    ];
  }
  return [];
}

/** The refusal `apply` throws: exit 3, every refusal in the one line. */
export function refusalError(source: string, refusals: readonly Refusal[]): PlanRefusedError {
  return new PlanRefusedError(source, refusals.map((r) => r.message));
}

/** `90061000` → `1d 1h 1m`: coarse, because plan ages are read by people, not compared. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts = [d ? `${d}d` : '', h ? `${h}h` : '', m ? `${m}m` : ''].filter(Boolean);
  return parts.length ? parts.join(' ') : `${Math.floor(Math.abs(ms) / 1000)}s`;
}
