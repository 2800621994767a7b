import type {RejectedPatchesAction} from '../baseline/model.js';
import {dependencyLabel, type BlockedVersion} from './dependency-resolution.js';
import type {FamilyRules} from './families/family.js';
import {checkFilter} from './global-filters.js';
import type {EngineContext, OfferedVersion, VersionVerdict} from './linux-types.js';
import {
  approvalCutoffReason,
  approvalPendingReason,
  blockedDependencyReason,
  formatInstant,
  globalFilterReason,
  notApprovedReason,
  notSecurityReason,
  rejectedPatchesReason,
} from './reasons.js';
import type {ConsideredVersion, Reason} from './engine-io.js';

/**
 * The skip reason of a package with newer versions but no target (spec §6.6), the first that
 * applies in this order: global-filter → rejected-patches → blocked-dependency →
 * approval-pending → approval-cutoff → not-security-repo → not-approved.
 */

function approvedIgnoringRejection(v: VersionVerdict): boolean {
  return v.ruleApprovals.length > 0 || v.explicitApprovals.length > 0;
}

/** What RejectedPatchesAction means on this family, for `rejected-patches` details. */
export function rejectionEffect(rules: FamilyRules, action: RejectedPatchesAction): string {
  if (rules.excludesRejected) return 'yum excludes it altogether, so it is never installed, not even as a dependency';
  if (action === 'BLOCK') return 'it is never installed, not even as a dependency';
  return 'it is not installed as an update but may still be installed as a dependency of an approved update';
}

/** `Priority optional, Section editors` / `notice ALAS2-2025-2002 (security/Medium)`. */
export function describeProperties(version: OfferedVersion, rules: FamilyRules): string {
  if (rules.family === 'apt') {
    const origin = rules.isSecurity(version) ? 'a security origin' : 'no security origin';
    return `Priority ${version.priority ?? 'none'}, Section ${version.section ?? 'none'} and ${origin}`;
  }
  if (version.advisories.length === 0) return 'no update notice';
  const notices = version.advisories.map((a) => `${a.id} (${a.type}/${a.severity ?? '-'})`);
  return `${notices.length === 1 ? 'notice' : 'notices'} ${notices.join(', ')}`;
}

/** A short clause about one version that was not chosen, for the notes of a decision. */
export function describeNotChosen(v: VersionVerdict, blocked: readonly BlockedVersion[]): string {
  return `${v.version.version} ${notChosenClause(v, blocked)}`;
}

/** `is rejected by RejectedPatches[0]`, `is pending until …`: the verdict, without the version. */
function notChosenClause(v: VersionVerdict, blocked: readonly BlockedVersion[]): string {
  if (v.rejectedBy !== null) return `is rejected by ${v.rejectedBy.path}`;
  const block = blocked.find((b) => b.verdict === v);
  if (block !== undefined) return `needs rejected ${dependencyLabel(block.dep)} (${block.entry.path})`;
  if (v.approved) return 'is approved too';
  if (v.globalDrop !== null) return `is dropped by ${v.globalDrop.filter.path}`;
  if (v.pending !== null) return `is pending until ${formatInstant(v.pending.approvedAfter)}`;
  if (v.cutoff !== null) return `was released after ${v.cutoff.rule.path}'s ApproveUntilDate`;
  if (v.notSecurity !== null) return `is not a security update (${v.notSecurity.path})`;
  return 'is not approved';
}

/**
 * Every newer version with its verdict, highest first, for a reviewer who expands a package:
 * the target is `chosen`; an approved version below it is a fallback; every other one says
 * why it was passed over, in the words of describeNotChosen.
 */
export function consideredVersions(input: {
  readonly newer: readonly VersionVerdict[];
  readonly target: VersionVerdict | null;
  readonly fallbacks: readonly VersionVerdict[];
  readonly blocked: readonly BlockedVersion[];
}): ConsideredVersion[] {
  return input.newer.map((v) => ({
    version: v.version.version,
    chosen: v === input.target,
    approved: v.approved,
    note: v === input.target ? 'chosen' : input.fallbacks.includes(v) ? 'is approved too: a fallback if the target cannot be installed' : notChosenClause(v, input.blocked),
    released: releaseOf(v),
    advisories: [...v.version.advisoryIds],
  }));
}

/** The release date the rules saw for this version; null when none did or it was unknown. */
function releaseOf(v: VersionVerdict): string | null {
  const release = v.ruleApprovals[0]?.release ?? v.pending?.release ?? v.cutoff?.release ?? null;
  return release === null || release.source === 'unknown' ? null : new Date(release.instant).toISOString();
}

export function chooseSkipReason(input: {
  /** Newer versions, highest first (at least one). */
  readonly newer: readonly VersionVerdict[];
  readonly blocked: readonly BlockedVersion[];
  readonly rules: FamilyRules;
  readonly ctx: EngineContext;
}): Reason {
  const {newer, blocked, rules, ctx} = input;
  const candidate = newer[0];
  if (candidate === undefined) throw new Error('chooseSkipReason: no newer version');

  // 1. Every newer version dropped by GlobalFilters and none explicitly approved.
  const drop = candidate.globalDrop;
  if (drop !== null && newer.every((v) => v.globalDrop !== null && v.explicitApprovals.length === 0)) {
    const listed = newer.find((v) => v.explicitFiltered !== null);
    const notes =
      listed?.explicitFiltered != null
        ? [`${listed.explicitFiltered.path} matches ${listed.version.version}, but explicit approval does not bypass GlobalFilters for this entry on ${ctx.baseline.operatingSystem}`]
        : [];
    return globalFilterReason({
      filter: drop.filter,
      check: checkFilter(drop.filter, drop.record, rules, ctx),
      version: candidate.version.version,
      notes,
    });
  }

  // 2. An approved version removed by RejectedPatches.
  const rejected = newer.find((v) => v.rejectedBy !== null && approvedIgnoringRejection(v));
  if (rejected?.rejectedBy) {
    return rejectedPatchesReason({
      entry: rejected.rejectedBy,
      version: rejected.version.version,
      action: ctx.baseline.rejectedPatchesAction,
      effect: rejectionEffect(rules, ctx.baseline.rejectedPatchesAction),
    });
  }

  // 3. Approved versions exist but each needs a package rejected under BLOCK.
  const firstBlocked = blocked[0];
  if (firstBlocked !== undefined) {
    return blockedDependencyReason({
      entry: firstBlocked.entry,
      version: firstBlocked.verdict.version.version,
      dependency: dependencyLabel(firstBlocked.dep),
    });
  }

  const live = newer.filter((v) => v.rejectedBy === null);

  // 4. Filters and gate pass, ApproveAfterDays not reached: the earliest instant.
  let pending: VersionVerdict | null = null;
  for (const v of live) {
    if (v.pending !== null && (pending?.pending == null || v.pending.approvedAfter < pending.pending.approvedAfter)) pending = v;
  }
  if (pending?.pending) {
    const p = pending.pending;
    return approvalPendingReason({
      rule: p.rule,
      version: pending.version.version,
      matched: p.matched,
      release: p.release,
      approvedAfter: p.approvedAfter,
      now: ctx.now,
    });
  }

  // 5. Filters and gate pass, released after ApproveUntilDate.
  const cut = live.find((v) => v.cutoff !== null);
  if (cut?.cutoff) {
    const c = cut.cutoff;
    return approvalCutoffReason({
      rule: c.rule,
      version: cut.version.version,
      matched: c.matched,
      release: c.release,
      untilDate: c.untilDate,
      now: ctx.now,
    });
  }

  // 6. The security test fails and a security-only approver exists.
  const insecure = live.find((v) => v.notSecurity !== null);
  if (insecure?.notSecurity) {
    return notSecurityReason({path: insecure.notSecurity.path, why: rules.describeNotSecurity(insecure.version)});
  }

  // 7. Nothing approves it.
  const notes = newer
    .filter((v) => v.rejectedBy !== null)
    .map((v) => `${v.version.version} also matches ${v.rejectedBy?.path ?? ''}`);
  return notApprovedReason({version: candidate.version.version, properties: describeProperties(candidate.version, rules), notes});
}
