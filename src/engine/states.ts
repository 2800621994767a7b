import type {ComplianceLevel, PatchListEntry} from '../baseline/model.js';
import type {FamilyRules} from './families/family.js';
import type {EngineContext, PackageView, VersionVerdict} from './linux-types.js';
import {firstMatchingEntry} from './patch-lists.js';
import type {ComplianceState} from './engine-io.js';
import {evaluateVersion} from './verdict.js';

/**
 * Compliance states of installed packages (spec §6.4): what a Scan would report now.
 * MISSING wins (approval is checked first, DECISION-23), then INSTALLED, INSTALLED_REJECTED,
 * INSTALLED_OTHER; a package changed since the last boot is INSTALLED_PENDING_REBOOT instead
 * of any of the last three.
 */

/** The approved version at or below the installed one that makes the package INSTALLED. */
export function approvedAtOrBelow(pkg: PackageView, rules: FamilyRules, ctx: EngineContext): VersionVerdict | null {
  const versions = rules.installedApprovalVersions(pkg, ctx).sort((a, b) => ctx.compare(b.version, a.version));
  for (const version of versions) {
    const verdict = evaluateVersion(pkg, version, rules, ctx);
    if (verdict.approved) return verdict;
  }
  return null;
}

/** The RejectedPatches entry that makes the package INSTALLED_REJECTED for this family. */
export function installedRejection(pkg: PackageView, rules: FamilyRules, ctx: EngineContext): PatchListEntry | null {
  const which = rules.installedRejectedVersion(pkg, ctx);
  if (which === null) return null;
  if (which.needsBlock && ctx.baseline.rejectedPatchesAction !== 'BLOCK') return null;
  return firstMatchingEntry(ctx.baseline.rejectedPatches, (value) =>
    rules.matchRejected(value, pkg.name, pkg.arch, which.version),
  );
}

export interface ScanState {
  readonly state: ComplianceState;
  /** The level of the reported version: the target for MISSING, the approved one for INSTALLED. */
  readonly level: ComplianceLevel;
  /** The state before INSTALLED_PENDING_REBOOT replaced it (kernel live patching looks at it, §6.7). */
  readonly settled?: ComplianceState;
}

export function scanState(input: {
  readonly pkg: PackageView;
  readonly scanTarget: VersionVerdict | null;
  readonly installedApproval: VersionVerdict | null;
  readonly rejectedBy: PatchListEntry | null;
}): ScanState {
  if (input.scanTarget !== null) return {state: 'MISSING', level: input.scanTarget.level};
  let state: ComplianceState;
  let level: ComplianceLevel = 'UNSPECIFIED';
  if (input.installedApproval !== null) {
    state = 'INSTALLED';
    level = input.installedApproval.level;
  } else if (input.rejectedBy !== null) {
    state = 'INSTALLED_REJECTED';
  } else {
    state = 'INSTALLED_OTHER';
  }
  return {state: input.pkg.pendingReboot ? 'INSTALLED_PENDING_REBOOT' : state, level, settled: state};
}
