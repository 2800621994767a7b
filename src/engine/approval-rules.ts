import type {Rule} from '../baseline/model.js';
import type {FamilyRules} from './families/family.js';
import {checkFilterGroup, describeAccepted, type FilterCheck} from './global-filters.js';
import type {EngineContext, PatchRecord, ReleaseDate} from './linux-types.js';

/**
 * ApprovalRules (spec §6.1 step 3, §4.2, §4.4): a rule approves a record when its filters
 * accept it, the security gate lets it through (EnableNonSecurity, or the version is
 * security for the family), and its date test passes.
 */

export const DAY_MS = 86_400_000;

export type DateTest =
  | {readonly kind: 'approved'}
  | {readonly kind: 'pending'; readonly approvedAfter: number}
  | {readonly kind: 'cutoff'; readonly untilDate: string};

/** `YYYY-MM-DD` → the first instant after that UTC day; NaN when the date is malformed. */
export function endOfDay(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m === null) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + DAY_MS;
}

/**
 * §4.2: ApproveUntilDate D approves R < (D + 1 day)T00:00Z, whatever `now` is;
 * ApproveAfterDays N approves R < now − N days, strictly (DECISION-15). A family without
 * dates (apt, macOS) ignores both (DECISION-7). Windows passes its update's release instant.
 */
export function dateTest(rule: Rule, release: Pick<ReleaseDate, 'instant'> | null, now: number): DateTest {
  if (release === null) return {kind: 'approved'};
  if (rule.approveUntilDate !== null && !(release.instant < endOfDay(rule.approveUntilDate))) {
    return {kind: 'cutoff', untilDate: rule.approveUntilDate};
  }
  if (rule.approveAfterDays !== null) {
    const approvedAfter = release.instant + rule.approveAfterDays * DAY_MS;
    if (!(approvedAfter < now)) return {kind: 'pending', approvedAfter};
  }
  return {kind: 'approved'};
}

export type RuleOutcome =
  | {readonly kind: 'filtered'; readonly failing: FilterCheck}
  | {readonly kind: 'not-security'; readonly matched: string}
  | {readonly kind: 'cutoff'; readonly matched: string; readonly release: ReleaseDate; readonly untilDate: string}
  | {readonly kind: 'pending'; readonly matched: string; readonly release: ReleaseDate; readonly approvedAfter: number}
  | {readonly kind: 'approved'; readonly matched: string; readonly release: ReleaseDate | null};

/** The security gate of §4.4 for one rule. */
export function passesSecurityGate(enableNonSecurity: boolean, security: boolean, rules: FamilyRules): boolean {
  return enableNonSecurity || !rules.hasSecurityTest || security;
}

export function evaluateRule(
  rule: Rule,
  record: PatchRecord,
  security: boolean,
  rules: FamilyRules,
  ctx: EngineContext,
): RuleOutcome {
  const group = checkFilterGroup(rule.filters, record, rules, ctx);
  if (group.failing !== null) return {kind: 'filtered', failing: group.failing};
  const matched = describeAccepted(group.checks);
  if (!passesSecurityGate(rule.enableNonSecurity, security, rules)) return {kind: 'not-security', matched};
  const release = rules.releaseDate(record);
  const test = dateTest(rule, release, ctx.now);
  // release is non-null whenever a date test can fail (dateTest approves null at once).
  if (test.kind === 'cutoff' && release !== null) return {kind: 'cutoff', matched, release, untilDate: test.untilDate};
  if (test.kind === 'pending' && release !== null) {
    return {kind: 'pending', matched, release, approvedAfter: test.approvedAfter};
  }
  return {kind: 'approved', matched, release};
}

/** DECISION-7: the rules whose date options apt ignores (ApproveAfterDays 0 changes nothing). */
export function aptIgnoredDateWarnings(rules: readonly Rule[]): string[] {
  const warnings: string[] = [];
  for (const rule of rules) {
    if (rule.approveAfterDays !== null && rule.approveAfterDays > 0) {
      warnings.push(
        `${rule.path}.ApproveAfterDays: ignored on apt, which has no release dates; the rule approves immediately`,
      );
    }
    if (rule.approveUntilDate !== null) {
      warnings.push(
        `${rule.path}.ApproveUntilDate: ignored on apt, which has no release dates; the rule approves immediately`,
      );
    }
  }
  return warnings;
}
