import type {Baseline, PatchListEntry} from '../../baseline/model.js';
import type {Inventory} from '../../inventory/schema.js';
import {
  baselineRejectionTest,
  indexPackages,
  neededDependencies,
  type InstallChoice,
  type RejectionTest,
  type ResolvedDependency,
} from '../dependency-resolution.js';
import type {Decision, EvaluateOptions, Operation} from '../engine-io.js';
import type {InstallOverrideList} from '../../baseline/model.js';
import type {FamilyRules} from '../families/family.js';
import {entryMatchesAny} from '../glob.js';
import type {DependencyPolicy, EngineContext, OfferedVersion, PackageView, VersionVerdict} from '../linux-types.js';
import {livePatchSetup, type LivePatchSetup} from '../livepatch.js';
import {effectiveOverrideList, overrideEntryMatches, overrideEntryPath} from '../override-list.js';
import {approvedAtOrBelow, installedRejection, type ScanState} from '../states.js';
import {evaluateVersion} from '../verdict.js';

/**
 * The Linux engine's table and what every step reads. A run is built once per evaluation
 * (createRun); then the table — one row per inventoried package — goes through the steps
 * assess → live patching → decide → dependencies → not-applicable (src/engine/linux.ts), each
 * a function from rows to new rows. Nothing in a run changes while the steps run except two
 * memos of pure functions (verdicts, zypper's locks), which only save work.
 */

/** Everything steps 1–6 of spec §6.1 found for one installed package. */
export interface Assessment {
  /** The package as the baseline sees it: python3-apt after the pre-step (§4.4). */
  readonly view: PackageView;
  /** apt's python3-apt pre-step target (§6.1 step 0), or null. */
  readonly prerequisite: OfferedVersion | null;
  /** Versions newer than the (effective) installed one, highest first. */
  readonly newer: readonly VersionVerdict[];
  /** The choice under the family's dependency policy with the baseline (no override list). */
  readonly choice: InstallChoice;
  /** The version a Scan reports MISSING (null when not MISSING). */
  readonly scanTarget: VersionVerdict | null;
  readonly state: ScanState;
}

/**
 * An installed package (§6.4: one state per installed name and arch), or python3-apt that
 * apt's pre-step installs (§6.1 step 0).
 */
export interface InstalledRow {
  readonly kind: 'installed';
  /** The package as inventoried. */
  readonly pkg: PackageView;
  readonly assessment: Assessment;
  /** Whether its state is in the report (§6.7 drops livepatches for other kernels). */
  readonly reported: boolean;
  /** Whether it gets a decision (§6.7: not a livepatch for another kernel that yum does not see). */
  readonly decides: boolean;
  /** A clause the decision's detail ends with (§6.7 on the kernel), or null. */
  readonly note: string | null;
}

/** A package that is not installed: never installed, only counted NOT_APPLICABLE (§6.1 step 1). */
export interface NotInstalledRow {
  readonly kind: 'not-installed';
  readonly pkg: PackageView;
  /** Its approved versions, highest first; it is NOT_APPLICABLE when there is one. */
  readonly approved: readonly VersionVerdict[];
}

export type Row = InstalledRow | NotInstalledRow;

/** A version the plan installs as a target (python3-apt pre-step, baseline or override list). */
export interface PlannedInstall {
  readonly pkg: PackageView;
  readonly version: OfferedVersion;
}

/** An installed row after the decide step. */
export interface DecidedRow extends InstalledRow {
  readonly decision: Decision | null;
  readonly install: PlannedInstall | null;
  /** Warnings the decision raises for the whole plan (zypper's single transaction). */
  readonly warnings: readonly string[];
}

export type DecidedTable = readonly (DecidedRow | NotInstalledRow)[];

export interface LinuxRun {
  readonly rules: FamilyRules;
  readonly ctx: EngineContext;
  readonly operation: Operation;
  readonly showNotApplicable: boolean;
  /** The packages as the engine sees them, in inventory order. */
  readonly packages: readonly PackageView[];
  readonly overrideList: InstallOverrideList | undefined;
  /** §6.7 (AL2): the live-patching setup, or null when it does not apply. */
  readonly livePatching: LivePatchSetup | null;
  /** Steps 2–5 for one version (memoized: several steps ask again). */
  readonly verdictOf: (pkg: PackageView, version: OfferedVersion) => VersionVerdict;
  /** The verdicts asked for so far, per package in the order first asked. */
  readonly askedVerdicts: () => readonly (readonly [PackageView, readonly VersionVerdict[]])[];
  /** What installing a version pulls in (step 7). */
  readonly depsOf: (pkg: PackageView, version: OfferedVersion) => ResolvedDependency[];
  /** RejectedPatches as the family's dependency handling sees it. */
  readonly baselineRejected: RejectionTest;
  /** The same with the InstallOverrideList, where the family has its own test (apt under BLOCK). */
  readonly overrideRejected: RejectionTest | null;
  readonly basePolicy: DependencyPolicy;
  readonly overridePolicy: DependencyPolicy;
  /** `--pin`: the newest version this package may target on this node's manager, or null when unpinned. */
  readonly pinOf: (pkg: PackageView) => string | null;
}

export function createRun(input: {
  readonly inventory: Inventory;
  readonly baseline: Baseline;
  readonly options: EvaluateOptions;
  readonly rules: FamilyRules;
  readonly ctx: EngineContext;
  readonly packages: readonly PackageView[];
}): LinuxRun {
  const {inventory, baseline, options, rules, ctx, packages} = input;
  const index = indexPackages(packages);
  const overrideList = effectiveOverrideList(options);

  const cache = new Map<PackageView, Map<string, VersionVerdict>>();
  const verdictOf = (pkg: PackageView, version: OfferedVersion): VersionVerdict => {
    let perPackage = cache.get(pkg);
    if (perPackage === undefined) {
      perPackage = new Map();
      cache.set(pkg, perPackage);
    }
    let verdict = perPackage.get(version.version);
    if (verdict === undefined) {
      verdict = evaluateVersion(pkg, version, rules, ctx);
      perPackage.set(version.version, verdict);
    }
    return verdict;
  };

  // zypper locks every INSTALLED_REJECTED package before installing (§6.1 step 7).
  const lockCache = new Map<PackageView, PatchListEntry | null>();
  const lockedInstalled = (pkg: PackageView): PatchListEntry | null => {
    if (!lockCache.has(pkg)) {
      const newerApproved = newerVerdicts(pkg, verdictOf, ctx).some((v) => v.approved);
      const locked =
        newerApproved || approvedAtOrBelow(pkg, rules, ctx) !== null ? null : installedRejection(pkg, rules, ctx);
      lockCache.set(pkg, locked);
    }
    return lockCache.get(pkg) ?? null;
  };

  return {
    rules,
    ctx,
    operation: options.operation,
    showNotApplicable: options.showNotApplicable === true,
    packages,
    overrideList,
    livePatching: livePatchSetup({
      operatingSystem: baseline.operatingSystem,
      node: inventory.node,
      operation: options.operation,
      rebootOption: options.rebootOption ?? 'RebootIfNeeded',
      now: ctx.now,
      compare: ctx.compare,
    }),
    verdictOf,
    askedVerdicts: () => [...cache.entries()].map(([pkg, perPackage]) => [pkg, [...perPackage.values()]] as const),
    depsOf: (pkg, version) => neededDependencies(pkg, version, index, ctx),
    baselineRejected: baselineRejectionTest(rules, ctx, lockedInstalled),
    overrideRejected: overrideList === undefined ? null : overrideRejectionTest(overrideList, rules, baseline),
    basePolicy: rules.dependencyPolicy(baseline.rejectedPatchesAction, false),
    overridePolicy: rules.dependencyPolicy(baseline.rejectedPatchesAction, overrideList !== undefined),
    pinOf: pinLookup(options, inventory.node.manager),
  };
}

/** The pins for this node's manager, by name and arch (a pin for another manager or arch has no effect). */
function pinLookup(options: EvaluateOptions, manager: string): (pkg: PackageView) => string | null {
  const pins = new Map<string, string>();
  for (const pin of options.pins ?? []) if (pin.manager === manager) pins.set(`${pin.name}\u0000${pin.arch}`, pin.version);
  return (pkg) => pins.get(`${pkg.name}\u0000${pkg.arch}`) ?? null;
}

/** Verdicts of the versions newer than the installed one, highest first (§6.1 step 1). */
export function newerVerdicts(
  pkg: PackageView,
  verdictOf: (pkg: PackageView, v: OfferedVersion) => VersionVerdict,
  ctx: EngineContext,
): VersionVerdict[] {
  const installed = pkg.installedVersion;
  if (installed === null) return [];
  return pkg.versions.filter((v) => ctx.compare(v.version, installed) > 0).map((v) => verdictOf(pkg, v));
}

/**
 * apt under BLOCK with an InstallOverrideList: a dependency is rejected when an entry's `id`
 * names its package but the entry does not match the version to be installed (§6.1 step 7).
 */
function overrideRejectionTest(list: InstallOverrideList, rules: FamilyRules, baseline: Baseline): RejectionTest | null {
  if (!rules.overrideListRejectsDependencies || baseline.rejectedPatchesAction !== 'BLOCK') return null;
  return (dep) => {
    const pkg: PackageView = dep.pkg ?? {name: dep.name, arch: dep.arch, installedVersion: null, pendingReboot: false, versions: []};
    const known = [...(pkg.installedVersion === null ? [] : [pkg.installedVersion]), ...pkg.versions.map((v) => v.version)];
    for (const [index, entry] of list.patches.entries()) {
      // The entry names the package by name, name.arch, or a form of one of its versions.
      const names =
        entryMatchesAny(entry.id, [dep.name, `${dep.name}.${dep.arch}`]) ||
        known.some((v) => overrideEntryMatches(entry, pkg, v, rules));
      if (names && !overrideEntryMatches(entry, pkg, dep.version, rules)) {
        return {path: overrideEntryPath(list, index), value: entry.id};
      }
    }
    return null;
  };
}
