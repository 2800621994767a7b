import type {Baseline} from '../baseline/model.js';
import {aptIgnoredDateWarnings} from './approval-rules.js';
import type {FamilyRules} from './families/family.js';
import {filterKeyWarnings} from './global-filters.js';
import {idKindOf, looksLikeSusePatchOrRpmFile, looksVersionOnly} from './patch-lists.js';

/**
 * Non-fatal findings about the baseline that change what the engine does, reported with the
 * evaluation so a reviewer sees them next to the decisions they explain.
 *
 * `baselineChecked`: the baseline came through baseline/load.ts, which reports every finding
 * below about the document itself (with the file's name and the entry's path): none is repeated.
 * Only a filter key the engine cannot evaluate on an rpm family is left; the loader refuses
 * those, so it appears only for a baseline built in code.
 */
export function baselineWarnings(baseline: Baseline, rules: FamilyRules, lenient: boolean, baselineChecked = false): string[] {
  const warnings = filterKeyWarnings(baseline, rules, lenient);
  if (baselineChecked) return rules.family === 'apt' ? [] : warnings;
  if (rules.family === 'apt') warnings.push(...aptIgnoredDateWarnings(baseline.rules));

  for (const entry of baseline.rejectedPatches) {
    const kind = idKindOf(entry.value);
    // DECISION-11: rejection compares package strings only, never notice ids.
    if (kind !== null && rules.family !== 'zypper') {
      warnings.push(
        `${entry.path}: "${entry.value}" looks like ${kind === 'cve' ? 'a CVE' : kind === 'bugzilla' ? 'a Bugzilla' : 'an advisory'} id, but RejectedPatches entries are matched only as package specs, so it rejects nothing by id`,
      );
    }
  }

  if (rules.family === 'zypper') {
    for (const entry of [...baseline.approvedPatches, ...baseline.rejectedPatches]) {
      if (looksLikeSusePatchOrRpmFile(entry.value)) {
        warnings.push(
          `${entry.path}: "${entry.value}" looks like a patch or .rpm file name; on SUSE entries are package-name patterns with optional version constraints, so it matches no package unless a name starts with it`,
        );
      }
    }
  } else {
    for (const entry of baseline.approvedPatches) {
      if (looksVersionOnly(entry.value)) {
        warnings.push(`${entry.path}: "${entry.value}" is a version-only spec; it approves every package with that version`);
      }
    }
  }

  if (baseline.rules.length === 0 && baseline.approvedPatches.length === 0) {
    warnings.push('the baseline has no approval rules and no ApprovedPatches: it approves nothing');
  }
  return warnings;
}
