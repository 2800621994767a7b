import {PatchFilterSchema, PatchRuleSchema, type PatchFilterDocument} from '../../baseline/schema.js';
import type {ReasonCode} from '../../engine/engine-io.js';
import type {Plan, PlanDecision} from '../../plan/schema.js';
import {reasonSentence} from '../reason-text.js';

/**
 * Short tags for the baseline rules and lists that decide packages, and the legend that
 * explains each once. A plan of 90 approvals by one rule says why once, not 90 times.
 */

/** A decision's tag: the rule it cites (`rule[0]`, `approved[3]`), else its reason code (`dependency`). */
export function ruleTag(reason: PlanDecision['reason']): string {
  const rule = reason.rule ?? '';
  const patterns: readonly (readonly [RegExp, string])[] = [
    [/^ApprovalRules\.PatchRules\[(\d+)\]$/, 'rule'],
    [/^GlobalFilters\.PatchFilters\[(\d+)\]$/, 'filter'],
    [/^ApprovedPatches\[(\d+)\]$/, 'approved'],
    [/^RejectedPatches\[(\d+)\]$/, 'rejected'],
    [/: patches\[(\d+)\]$/, 'override'],
  ];
  for (const [pattern, name] of patterns) {
    const match = pattern.exec(rule);
    if (match) return `${name}[${match[1]}]`;
  }
  return CODE_TAGS[reason.code] ?? reason.code;
}

/** Shorter tags for the long reason codes that cite no baseline rule. */
const CODE_TAGS: Partial<Record<ReasonCode, string>> = {
  'python3-apt-prerequisite': 'python3-apt',
  'install-override-list': 'override',
  'excluded-by-reviewer': 'excluded',
  'not-in-override-list': 'not-in-list',
};

export interface LegendEntry {
  readonly tag: string;
  /** The reason code of the first decision that cites it. */
  readonly code: ReasonCode;
  /** The JSON path in the baseline (or the override list entry); null for a reason code alone. */
  readonly path: string | null;
  /** What the rule says (its filters and dates), or what the reason code means. */
  readonly text: string;
}

/** One entry per distinct tag of `decisions`, in order of first use. */
export function legendFor(plan: Plan, decisions: readonly PlanDecision[]): LegendEntry[] {
  const entries = new Map<string, LegendEntry>();
  for (const d of decisions) {
    const tag = ruleTag(d.reason);
    if (entries.has(tag)) continue;
    const path = /\[\d+\]$/.test(tag) ? d.reason.rule : null;
    entries.set(tag, {tag, code: d.reason.code, path, text: path === null ? reasonSentence(d.reason.code) : describeRule(plan.baseline.document, path, d.reason.code)});
  }
  return [...entries.values()];
}

/**
 * What the rule or entry at `path` says, read from the baseline document the plan recorded:
 * `PRIORITY Required, Important; security updates only; approved 7 days after release`.
 * Falls back to the reason code's meaning when the path is not in the document.
 */
export function describeRule(document: Record<string, unknown>, path: string, code: ReasonCode): string {
  const value = valueAt(document, path);
  if (/^ApprovalRules\.PatchRules\[\d+\]$/.test(path)) {
    const rule = PatchRuleSchema.safeParse(value);
    if (rule.success) {
      const r = rule.data;
      const parts = [
        describeFilters(r.PatchFilterGroup.PatchFilters),
        r.EnableNonSecurity === true ? 'security and other updates' : 'security updates only',
        r.ApproveUntilDate !== undefined ? `released by ${r.ApproveUntilDate}` : `approved ${r.ApproveAfterDays ?? 0} days after release`,
      ];
      if (r.ComplianceLevel !== undefined && r.ComplianceLevel !== 'UNSPECIFIED') parts.push(`compliance ${r.ComplianceLevel}`);
      return parts.join('; ');
    }
  }
  if (/^GlobalFilters\.PatchFilters\[\d+\]$/.test(path)) {
    const filter = PatchFilterSchema.safeParse(value);
    if (filter.success) return `only ${describeFilters([filter.data])} pass`;
  }
  if (/^(Approved|Rejected)Patches\[\d+\]$/.test(path) && typeof value === 'string') {
    const action = path.startsWith('Rejected') ? `rejected (${rejectedAction(document)})` : 'approved';
    return `"${value}", ${action} by name`;
  }
  return reasonSentence(code);
}

function describeFilters(filters: readonly PatchFilterDocument[]): string {
  if (filters.length === 0) return 'every update';
  return filters.map((f) => `${f.Key} ${f.Values.join(', ')}`).join('; ');
}

function rejectedAction(document: Record<string, unknown>): string {
  const action = document.RejectedPatchesAction;
  return typeof action === 'string' ? action : 'ALLOW_AS_DEPENDENCY';
}

/** `ApprovalRules.PatchRules[2]` → document.ApprovalRules.PatchRules[2]; undefined when absent. */
function valueAt(document: Record<string, unknown>, path: string): unknown {
  let value: unknown = document;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Array.isArray(value) ? value[Number(part)] : (value as Record<string, unknown>)[part];
  }
  return value;
}
