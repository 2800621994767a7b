import type {PatchListEntry} from '../baseline/model.js';
import {evaluateRule, passesSecurityGate} from './approval-rules.js';
import {approvalLevel} from './compliance.js';
import type {FamilyRules} from './families/family.js';
import {checkGlobalFilters} from './global-filters.js';
import type {
  CutoffMiss,
  EngineContext,
  ExplicitApproval,
  GlobalDrop,
  NotSecurityMiss,
  OfferedVersion,
  PackageView,
  PatchRecord,
  PendingApproval,
  RuleApproval,
  VersionVerdict,
} from './linux-types.js';
import {firstMatchingEntry} from './patch-lists.js';

/**
 * Steps 2–5 of spec §6.1 for one version of one package: RejectedPatches first, then
 * GlobalFilters and ApprovalRules per record, then ApprovedPatches, then the compliance
 * level. Everything the skip-reason precedence of §6.6 needs is recorded on the way.
 */
export function evaluateVersion(
  pkg: PackageView,
  version: OfferedVersion,
  rules: FamilyRules,
  ctx: EngineContext,
): VersionVerdict {
  const baseline = ctx.baseline;
  const security = rules.isSecurity(version);

  // Step 2: a version matched by RejectedPatches is never approved (§3.6).
  const rejectedBy = firstMatchingEntry(baseline.rejectedPatches, (value) =>
    rules.matchRejected(value, pkg.name, pkg.arch, version.version),
  );

  // Step 3: GlobalFilters, then every rule against every surviving record.
  const records = rules.records(pkg, version);
  const globalChecks = records.map((record) => ({record, check: checkGlobalFilters(record, rules, ctx)}));
  const surviving = globalChecks.filter((g) => g.check.accepted).map((g) => g.record);
  let globalDrop: GlobalDrop | null = null;
  const firstDropped = globalChecks[0];
  if (surviving.length === 0 && firstDropped !== undefined && firstDropped.check.failing !== null) {
    globalDrop = {filter: firstDropped.check.failing.filter, record: firstDropped.record};
  }

  const ruleApprovals: RuleApproval[] = [];
  let pending: PendingApproval | null = null;
  let cutoff: CutoffMiss | null = null;
  let gatedRulePath: string | null = null;
  for (const record of surviving) {
    for (const rule of baseline.rules) {
      const outcome = evaluateRule(rule, record, security, rules, ctx);
      switch (outcome.kind) {
        case 'approved':
          ruleApprovals.push({rule, record, release: outcome.release, matched: outcome.matched});
          break;
        case 'pending':
          // The earliest instant wins (§6.6); ties keep the first rule in document order.
          if (pending === null || outcome.approvedAfter < pending.approvedAfter) {
            pending = {rule, record, release: outcome.release, approvedAfter: outcome.approvedAfter, matched: outcome.matched};
          }
          break;
        case 'cutoff':
          cutoff ??= {rule, record, release: outcome.release, untilDate: outcome.untilDate, matched: outcome.matched};
          break;
        case 'not-security':
          gatedRulePath ??= rule.path;
          break;
        case 'filtered':
          break;
      }
    }
  }

  // Step 4: ApprovedPatches, gated by ApprovedPatchesEnableNonSecurity, dates ignored.
  const explicitGate = passesSecurityGate(baseline.approvedPatchesEnableNonSecurity, security, rules);
  const explicitApprovals: ExplicitApproval[] = [];
  let gatedEntryPath: string | null = null;
  let explicitFiltered: PatchListEntry | null = null;
  for (const entry of baseline.approvedPatches) {
    const match = rules.matchApproved(entry.value, pkg, version, records);
    const allowed = (candidates: readonly PatchRecord[], via: 'spec' | 'id'): PatchRecord | null => {
      const pool = rules.bypassesGlobalFilters(via) ? candidates : candidates.filter((r) => surviving.includes(r));
      return pool[0] ?? null;
    };
    const specRecord = match.spec ? allowed(records, 'spec') : null;
    const idRecord = match.idRecords.length > 0 ? allowed(match.idRecords, 'id') : null;
    const record = specRecord ?? idRecord;
    if (record === null) {
      if (match.spec || match.idRecords.length > 0) explicitFiltered ??= entry;
      continue;
    }
    if (!explicitGate) {
      gatedEntryPath ??= entry.path;
      continue;
    }
    explicitApprovals.push({entry, via: specRecord !== null ? 'spec' : 'id', record});
  }

  return {
    version,
    security,
    rejectedBy,
    ruleApprovals,
    explicitApprovals,
    approved: (ruleApprovals.length > 0 || explicitApprovals.length > 0) && rejectedBy === null,
    // Step 5: the most severe level among the approvers (DECISION-24).
    level: approvalLevel(
      ruleApprovals.map((a) => a.rule),
      explicitApprovals.length > 0,
      baseline,
    ),
    globalDrop,
    explicitFiltered,
    pending,
    cutoff,
    notSecurity: notSecurityMiss(security, surviving.length > 0, gatedRulePath, gatedEntryPath, rules, ctx),
  };
}

/**
 * §6.6 SKIP_NOT_SECURITY: the version fails the security test and the baseline has a rule with
 * EnableNonSecurity false (preferably one whose filters accept it) or a matching
 * ApprovedPatches entry under ApprovedPatchesEnableNonSecurity false.
 */
function notSecurityMiss(
  security: boolean,
  survivesGlobalFilters: boolean,
  gatedRulePath: string | null,
  gatedEntryPath: string | null,
  rules: FamilyRules,
  ctx: EngineContext,
): NotSecurityMiss | null {
  if (security || !rules.hasSecurityTest) return null;
  if (gatedRulePath !== null) return {path: gatedRulePath};
  if (gatedEntryPath !== null) return {path: gatedEntryPath};
  const securityOnlyRule = ctx.baseline.rules.find((r) => !r.enableNonSecurity);
  if (survivesGlobalFilters && securityOnlyRule !== undefined) return {path: securityOnlyRule.path};
  return null;
}
