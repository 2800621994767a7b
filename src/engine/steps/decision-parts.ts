import type {ComplianceLevel} from '../../baseline/model.js';
import {skipDecision, type DecisionSubject} from '../decision-helpers.js';
import {dependencyLabel, type BlockedVersion, type RejectionTest} from '../dependency-resolution.js';
import type {Decision, Reason} from '../engine-io.js';
import type {DependencyPolicy, OfferedVersion, PackageView, VersionVerdict} from '../linux-types.js';
import {approvalRuleReason, approvedPatchesReason} from '../reasons.js';
import {consideredVersions, describeNotChosen} from '../skip-reasons.js';
import {awsOrderNote} from '../target.js';
import type {InstalledRow, LinuxRun, PlannedInstall} from './run.js';

/** What the decide, dependencies and not-applicable steps build decisions from. */

/** The highest version newer than installed that the repositories offer. */
export function candidateOf(run: LinuxRun, pkg: PackageView): OfferedVersion | null {
  const installed = pkg.installedVersion;
  return pkg.versions.find((v) => installed === null || run.ctx.compare(v.version, installed) > 0) ?? null;
}

export function subjectOf(run: LinuxRun, row: InstalledRow): DecisionSubject {
  return {
    name: row.pkg.name,
    arch: row.pkg.arch,
    installedVersion: row.pkg.installedVersion,
    candidateVersion: candidateOf(run, row.pkg)?.version ?? null,
    complianceLevel: row.assessment.state.level,
    state: row.assessment.state.state,
  };
}

/** A decision together with the install it plans (null for a skip). */
export interface Decided {
  readonly decision: Decision | null;
  readonly install: PlannedInstall | null;
  readonly warnings: readonly string[];
}

export const NO_DECISION: Decided = {decision: null, install: null, warnings: []};

export function installTarget(
  run: LinuxRun,
  row: InstalledRow,
  choice: {readonly target: VersionVerdict; readonly fallbacks: readonly VersionVerdict[]; readonly blocked: readonly BlockedVersion[]},
  reason: Reason,
  level: ComplianceLevel,
): Decided {
  const {target, fallbacks, blocked} = choice;
  const decision: Decision = {
    ...subjectOf(run, row),
    action: 'install',
    targetVersion: target.version.version,
    reason,
    advisories: target.version.advisoryIds,
    complianceLevel: level,
    fallbackVersions: fallbacks.map((v) => v.version.version),
    considered: consideredVersions({newer: row.assessment.newer, target, fallbacks, blocked}),
  };
  return {decision, install: {pkg: row.assessment.view, version: target.version}, warnings: []};
}

export function skipWith(run: LinuxRun, row: InstalledRow, reason: Reason, blocked: readonly BlockedVersion[] = []): Decided {
  const {newer} = row.assessment;
  const decision: Decision = {
    ...skipDecision(subjectOf(run, row), reason, newer[0]?.version.advisoryIds ?? []),
    considered: consideredVersions({newer, target: null, fallbacks: [], blocked}),
  };
  return {decision, install: null, warnings: []};
}

/** `approval-rule` by the first approving rule, else `approved-patches` by the first entry. */
export function approvalReason(run: LinuxRun, target: VersionVerdict, notes: readonly string[]): Reason {
  const byRule = [...target.ruleApprovals].sort((x, y) => x.rule.index - y.rule.index)[0];
  if (byRule !== undefined) {
    return approvalRuleReason({
      rule: byRule.rule,
      version: target.version.version,
      matched: byRule.matched,
      release: byRule.release,
      now: run.ctx.now,
      notes: [...notes],
    });
  }
  const explicit = target.explicitApprovals[0];
  if (explicit === undefined) throw new Error('approvalReason: version is not approved');
  const bypass = target.globalDrop !== null ? ['GlobalFilters do not apply to this explicit approval on this OS'] : [];
  return approvedPatchesReason({
    entry: explicit.entry,
    version: target.version.version,
    via: explicit.via,
    advisoryId: explicit.record.advisory?.id ?? null,
    notes: [...bypass, ...notes],
  });
}

/**
 * Notes every install decision carries: versions above the target, AWS's order (§6.1 step 6),
 * and dependencies that make the install fail (§6.1 step 7, `fails` policy), with the
 * family's wording and warnings.
 */
export function installNotes(
  run: LinuxRun,
  row: InstalledRow,
  input: {
    readonly target: VersionVerdict;
    readonly blocked: readonly BlockedVersion[];
    readonly dependencyTest: RejectionTest;
    readonly dependencyMode: DependencyPolicy;
    readonly eligible: (v: VersionVerdict) => boolean;
    readonly describeHigher: boolean;
  },
): {notes: string[]; warnings: string[]} {
  const {target, blocked} = input;
  const {view, newer} = row.assessment;
  const compare = run.ctx.compare;
  const notes: string[] = [];
  const warnings: string[] = [];
  const installed = view.installedVersion ?? '';
  if (input.describeHigher) {
    for (const v of newer) {
      if (compare(v.version.version, target.version.version) <= 0) break;
      notes.push(`newer ${describeNotChosen(v, blocked)}`);
    }
  }
  // AWS's own order is applied to what AWS could pick from: every eligible version but the installed one.
  const approved = view.versions
    .filter((v) => compare(v.version, installed) !== 0)
    .map((v) => run.verdictOf(view, v))
    .filter((v) => input.eligible(v) && !blocked.some((b) => b.verdict === v))
    .map((v) => v.version.version);
  const aws = awsOrderNote({family: run.ctx.family, installed, target: target.version.version, approved, compare});
  if (aws !== null) notes.push(aws);
  if (input.dependencyMode === 'fails') {
    for (const dep of run.depsOf(view, target.version)) {
      const entry = input.dependencyTest(dep);
      if (entry === null) continue;
      const failing = run.rules.describeFailingDependency?.({
        pkg: view,
        version: target.version.version,
        dependency: dependencyLabel(dep),
        entryPath: entry.path,
      });
      if (failing === undefined) continue;
      notes.push(failing.note);
      if (failing.warning !== null) warnings.push(failing.warning);
    }
  }
  return {notes, warnings};
}
