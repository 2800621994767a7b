import type {ReasonCode} from '../engine/types.js';

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
};

/** What a reason code means, as one sentence without a final period. */
export function reasonSentence(code: ReasonCode): string {
  return SENTENCES[code];
}

/**
 * `approval-rule: ApprovalRules.PatchRules[0] — <detail>`: the code (what scripts grep for),
 * the rule (where to look in the baseline) and the decision's own sentence, falling back to
 * the code's meaning when the engine gave no detail.
 */
export function describeReason(reason: {readonly code: ReasonCode; readonly rule: string | null; readonly detail: string}): string {
  const head = reason.rule ? `${reason.code}: ${reason.rule}` : reason.code;
  const text = reason.detail.trim() === '' ? reasonSentence(reason.code) : reason.detail.trim();
  // Views put this in parentheses or table cells, where a closing period only adds noise.
  return `${head} — ${text.replace(/\.$/, '')}`;
}
