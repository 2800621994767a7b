import type {ReasonCode} from '../engine/engine-io.js';

/**
 * The only place that turns reason codes into words (style guide: reasons are data, views own
 * the wording). Codes are the contract's; these sentences may be improved at any time without
 * breaking anyone, because nothing machine-readable depends on them.
 */
const SENTENCES: Readonly<Record<ReasonCode, string>> = {
  'install-override-list': 'selected by the InstallOverrideList; the baseline was not consulted',
  'not-in-override-list': 'an InstallOverrideList is in effect and none of its entries selects a newer version',
  'approval-rule': 'approved by an approval rule of the baseline',
  'approved-patches': "approved by the baseline's ApprovedPatches list",
  'rejected-patches': "rejected by the baseline's RejectedPatches list",
  'global-filter': "discarded by the baseline's global filters",
  'not-approved': 'no approval rule approves a newer version',
  'approval-pending': 'a rule matches, but its approval date has not been reached yet',
  'not-security-repo': 'non-security updates are excluded and the candidate is not from a security repository',
  'approval-cutoff': "released after the matching rule's ApproveUntilDate, so that rule never approves it",
  'blocked-dependency': 'needs a package that the baseline rejects with BLOCK',
  dependency: 'not approved itself; installed because an approved update needs it',
  'python3-apt-prerequisite': 'upgraded before the baseline applies, as AWS-RunPatchBaseline does on Debian and Ubuntu',
  'up-to-date': 'already at or above the approved version',
  'excluded-by-reviewer': 'removed from the plan during review',
  pinned: 'pinned by --pin, and no approved version newer than the installed one is at or below the pin',
};

/** What a reason code means, as one sentence without a final period. */
export function reasonSentence(code: ReasonCode): string {
  return SENTENCES[code];
}

/**
 * `approval-rule: ApprovalRules.PatchRules[0] — <detail>`: the code (what scripts grep for),
 * the rule (where to look in the baseline) and the decision's own sentence, falling back to
 * the code's meaning when the engine gave no detail. The engine's detail is a complete
 * sentence and often names the rule again; since the head already names it, the detail
 * refers back to it instead (`… approved by this rule (PRIORITY optional)`).
 */
export function describeReason(reason: {readonly code: ReasonCode; readonly rule: string | null; readonly detail: string}): string {
  const head = reason.rule ? `${reason.code}: ${reason.rule}` : reason.code;
  const text = reason.detail.trim() === '' ? reasonSentence(reason.code) : referBackToRule(reason.detail.trim(), reason.rule);
  // Views put this in parentheses or table cells, where a closing period only adds noise.
  return `${head} — ${text.replace(/\.$/, '')}`;
}

/** What a baseline path in `reason.rule` names, for the back-reference. */
const RULE_KINDS: readonly (readonly [RegExp, string])[] = [
  [/^ApprovalRules\.PatchRules\[\d+\]$/, 'this rule'],
  [/^GlobalFilters\.PatchFilters\[\d+\]$/, 'this filter'],
  [/^(?:ApprovedPatches|RejectedPatches)\[\d+\]$/, 'this entry'],
];

/**
 * The detail with each mention of the baseline path the head shows replaced by `this rule`,
 * `this filter` or `this entry`. Other rules (a dependent package, an override list entry)
 * and longer paths that merely start with the same text are left as written.
 */
function referBackToRule(detail: string, rule: string | null): string {
  if (rule === null) return detail;
  const kind = RULE_KINDS.find(([pattern]) => pattern.test(rule));
  if (kind === undefined) return detail;
  // Not when the path goes on (`….PatchFilterGroup`, `…[0][1]`); a sentence's final period is fine.
  const mention = new RegExp(`${rule.replace(/[.[\]]/g, '\\$&')}(?!\\.?[\\w[])`, 'g');
  return detail.replace(mention, kind[1]);
}
