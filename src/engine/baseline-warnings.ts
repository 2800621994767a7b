import type {Baseline} from '../baseline/model.js';
import {aptIgnoredDateWarnings} from './approval-rules.js';
import type {FamilyRules} from './families/family.js';
import {filterKeyWarnings} from './global-filters.js';
import {idKindOf, looksLikeSusePatchOrRpmFile, looksVersionOnly} from './patch-lists.js';

/**
 * Non-fatal findings about the baseline that change what the engine does, reported with the
 * evaluation so a reviewer sees them next to the decisions they explain.
 */
export function baselineWarnings(baseline: Baseline, rules: FamilyRules, lenient: boolean): string[] {
  const warnings = filterKeyWarnings(baseline, rules, lenient);
  if (rules.family === 'apt') warnings.push(...aptIgnoredDateWarnings(baseline.rules));

  for (const entry of baseline.rejectedPatches) {
    const kind = idKindOf(entry.value);
    // DECISION-11: rejection compares package strings only, never notice ids.
    if (kind !== null && rules.family !== 'zypper') {
      warnings.push(
        `${entry.path}: "${entry.value}" looks like ${kind === 'cve' ? 'a CVE' : kind === 'bugzilla' ? 'a Bugzilla' : 'an advisory'} id, but RejectedPatches entries are matched only as package specs, so it rejects nothing by id (DECISION-11)`,
      );
    }
  }

  if (rules.family === 'zypper') {
    for (const entry of [...baseline.approvedPatches, ...baseline.rejectedPatches]) {
      if (looksLikeSusePatchOrRpmFile(entry.value)) {
        warnings.push(
          `${entry.path}: "${entry.value}" looks like a patch or .rpm file name; on SUSE entries are package-name patterns with optional version constraints, so it matches no package unless a name starts with it (spec §3.3)`,
        );
      }
    }
  } else {
    for (const entry of baseline.approvedPatches) {
      if (looksVersionOnly(entry.value)) {
        warnings.push(`${entry.path}: "${entry.value}" is a version-only spec; it approves every package with that version (spec §3.1)`);
      }
    }
  }

  if (baseline.rules.length === 0 && baseline.approvedPatches.length === 0) {
    warnings.push('the baseline has no approval rules and no ApprovedPatches: it approves nothing');
  }
  return warnings;
}
