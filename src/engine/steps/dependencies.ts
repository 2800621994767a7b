import type {PatchListEntry, RejectedPatchesAction} from '../../baseline/model.js';
import {collectDependencyInstalls, packageKey, type ResolvedDependency} from '../dependency-resolution.js';
import type {Decision} from '../engine-io.js';
import type {PackageView} from '../linux-types.js';
import {firstMatchingEntry} from '../patch-lists.js';
import {dependencyReason} from '../reasons.js';
import type {ScanState} from '../states.js';
import {candidateOf} from './decision-parts.js';
import type {DecidedTable, LinuxRun, PlannedInstall} from './run.js';

/**
 * Step "dependencies": spec §6.1 step 7. What the planned installs (the decide step's rows)
 * pull in becomes a `dependency` install decision, unless the package already has its own
 * install decision. Resolution and each family's rejected-dependency policy are in
 * dependency-resolution.ts. Returns the decisions by package key, the table's first.
 */
export function addDependencies(run: LinuxRun, table: DecidedTable): Map<string, Decision> {
  const decisions = new Map<string, Decision>();
  const installs: PlannedInstall[] = [];
  const states = new Map<PackageView, ScanState>();
  for (const row of table) {
    if (row.kind !== 'installed') continue;
    states.set(row.pkg, row.assessment.state);
    if (row.decision !== null) decisions.set(packageKey(row.pkg.name, row.pkg.arch), row.decision);
    if (row.install !== null) installs.push(row.install);
  }

  const rejected = run.overrideRejected ?? run.baselineRejected;
  const policy = run.overrideList ? run.overridePolicy : run.basePolicy;
  for (const dep of collectDependencyInstalls(installs, run.depsOf, rejected, policy, run.ctx.compare)) {
    const key = packageKey(dep.dep.name, dep.dep.arch);
    // "Not otherwise installed": a package with its own install decision keeps it.
    if (decisions.get(key)?.action === 'install') continue;
    const state = dep.dep.pkg === null ? undefined : states.get(dep.dep.pkg);
    decisions.set(key, dependencyDecision(run, {...dep, state}));
  }
  return decisions;
}

export function dependencyDecision(
  run: LinuxRun,
  input: {
    readonly dep: ResolvedDependency;
    readonly dependent: PackageView;
    readonly dependentVersion: string;
    /** The entry the family's dependency test found, if any. */
    readonly rejectedBy: PatchListEntry | null;
    /** The dependency's own state; undefined when it is not installed. */
    readonly state: ScanState | undefined;
  },
): Decision {
  const {dep, dependent} = input;
  const {rules} = run;
  const {baseline, compare} = run.ctx;
  const pkg = dep.pkg;
  const offered = pkg?.versions.find((v) => compare(v.version, dep.version) === 0);
  const candidate = pkg === null ? null : candidateOf(run, pkg);
  const state: ScanState = input.state ?? {state: 'NOT_APPLICABLE', level: 'UNSPECIFIED'};
  // The family's dependency test can be narrower than RejectedPatches (dnf's full-NEVRA
  // check); say that the version is rejected all the same.
  const listedRejection = firstMatchingEntry(baseline.rejectedPatches, (value) =>
    rules.matchRejected(value, dep.name, dep.arch, dep.version),
  );
  const rejectedBy = listedRejection ?? input.rejectedBy;
  return {
    name: dep.name,
    arch: dep.arch,
    installedVersion: pkg?.installedVersion ?? null,
    candidateVersion: candidate === null || compare(dep.version, candidate.version) > 0 ? dep.version : candidate.version,
    action: 'install',
    targetVersion: dep.version,
    reason: dependencyReason({
      dependent: `${dependent.name}.${dependent.arch}`,
      dependentVersion: input.dependentVersion,
      version: dep.version,
      rejectedBy,
      allowedBecause: allowedBecause(rejectedBy, baseline.rejectedPatchesAction, rules.narrowDependencyCheck),
    }),
    advisories: offered?.advisoryIds ?? [],
    complianceLevel: state.level,
    state: state.state,
    fallbackVersions: [],
  };
}

/** Why a rejected version is installed as a dependency all the same. */
function allowedBecause(entry: PatchListEntry | null, action: RejectedPatchesAction, narrowCheck: string | null): string {
  if (entry === null) return '';
  if (action === 'ALLOW_AS_DEPENDENCY') return 'RejectedPatchesAction ALLOW_AS_DEPENDENCY lets a dependency through';
  return narrowCheck ?? 'the family does not check dependencies against RejectedPatches here';
}
