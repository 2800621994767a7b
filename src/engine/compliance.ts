import type {Baseline, ComplianceLevel, Rule} from '../baseline/model.js';
import type {ComplianceState, NodeCompliance} from './engine-io.js';

/** Compliance severity and the node summary (spec §6.5, DECISION-24). */

const LEVEL_RANK: Readonly<Record<ComplianceLevel, number>> = {
  UNSPECIFIED: 0,
  INFORMATIONAL: 1,
  LOW: 2,
  MEDIUM: 3,
  HIGH: 4,
  CRITICAL: 5,
};

/** The most severe of the levels; UNSPECIFIED when there are none. */
export function mostSevere(levels: readonly ComplianceLevel[]): ComplianceLevel {
  let best: ComplianceLevel = 'UNSPECIFIED';
  for (const level of levels) if (LEVEL_RANK[level] > LEVEL_RANK[best]) best = level;
  return best;
}

/**
 * DECISION-24: a version approved by several approvers (rules, and ApprovedPatches when an
 * entry approves it) has the most severe of their levels.
 */
export function approvalLevel(rules: readonly Rule[], byApprovedPatches: boolean, baseline: Baseline): ComplianceLevel {
  const levels = rules.map((rule) => rule.complianceLevel);
  if (byApprovedPatches) levels.push(baseline.approvedPatchesComplianceLevel);
  return mostSevere(levels);
}

export function emptyCounts(): Record<ComplianceState, number> {
  return {
    INSTALLED: 0,
    INSTALLED_OTHER: 0,
    INSTALLED_PENDING_REBOOT: 0,
    INSTALLED_REJECTED: 0,
    MISSING: 0,
    NOT_APPLICABLE: 0,
    FAILED: 0,
    AVAILABLE_SECURITY_UPDATE: 0,
  };
}

function isNonCompliant(state: ComplianceState, baseline: Baseline): boolean {
  switch (state) {
    case 'MISSING':
    case 'FAILED':
    case 'INSTALLED_REJECTED':
    case 'INSTALLED_PENDING_REBOOT':
      return true;
    case 'AVAILABLE_SECURITY_UPDATE':
      // Windows only, and only when the baseline asks for it (§6.5).
      return baseline.availableSecurityUpdatesComplianceStatus === 'NON_COMPLIANT';
    case 'INSTALLED':
    case 'INSTALLED_OTHER':
    case 'NOT_APPLICABLE':
      return false;
  }
}

/** One package's reported state and level: the input of the node summary. */
export interface ReportedState {
  readonly state: ComplianceState;
  readonly complianceLevel: ComplianceLevel;
}

/**
 * The node's status from every reported package: NON_COMPLIANT if any package is in a
 * non-compliant state; its severity is the most severe level among those packages, but at
 * least INFORMATIONAL because the payload never reports UNSPECIFIED for a node.
 */
export function summarizeCompliance(
  items: readonly ReportedState[],
  baseline: Baseline,
): NodeCompliance {
  const counts = emptyCounts();
  const levels: ComplianceLevel[] = [];
  for (const item of items) {
    counts[item.state] += 1;
    if (isNonCompliant(item.state, baseline)) levels.push(item.complianceLevel);
  }
  if (levels.length === 0) return {status: 'COMPLIANT', severity: null, counts};
  return {status: 'NON_COMPLIANT', severity: mostSevere([...levels, 'INFORMATIONAL']), counts};
}
