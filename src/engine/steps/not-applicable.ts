import type {ReportedState} from '../compliance.js';
import {skipDecision, type DecisionSubject} from '../decision-helpers.js';
import {packageKey} from '../dependency-resolution.js';
import type {Decision} from '../engine-io.js';
import type {VersionVerdict} from '../linux-types.js';
import {approvalReason} from './decision-parts.js';
import type {DecidedTable, LinuxRun, NotInstalledRow} from './run.js';

/**
 * Step "not-applicable": spec §6.4 NOT_APPLICABLE and DECISION-22. A package that is not
 * installed but has an approved version is counted NOT_APPLICABLE (apt gives it no level,
 * §6.5); with --show-not-applicable it also gets a skip decision, unless it already has one
 * (a dependency install). Returns new decisions; the report's states are reportedStates'.
 */
export function addNotApplicable(run: LinuxRun, table: DecidedTable, decisions: ReadonlyMap<string, Decision>): Map<string, Decision> {
  const result = new Map(decisions);
  if (!run.showNotApplicable) return result;
  for (const row of table) {
    if (row.kind !== 'not-installed' || row.approved.length === 0) continue;
    const key = packageKey(row.pkg.name, row.pkg.arch);
    if (!result.has(key)) result.set(key, notApplicableDecision(run, row));
  }
  return result;
}

/** The states the node reports (§6.4), one per row that is in the report, in table order. */
export function reportedStates(run: LinuxRun, table: DecidedTable): ReportedState[] {
  const states: ReportedState[] = [];
  for (const row of table) {
    if (row.kind === 'installed') {
      if (row.reported) states.push({state: row.assessment.state.state, complianceLevel: row.assessment.state.level});
    } else if (row.approved.length > 0) {
      states.push({state: 'NOT_APPLICABLE', complianceLevel: notApplicableLevel(run, row.approved)});
    }
  }
  return states;
}

function notApplicableLevel(run: LinuxRun, approved: readonly VersionVerdict[]): ReportedState['complianceLevel'] {
  return run.rules.levelsForInstalledOnly ? 'UNSPECIFIED' : approved[0]?.level ?? 'UNSPECIFIED';
}

export function notApplicableDecision(run: LinuxRun, row: NotInstalledRow): Decision {
  const {pkg, approved} = row;
  const top = approved[0];
  if (top === undefined) throw new Error('notApplicableDecision: nothing approved');
  const reason = approvalReason(run, top, ['not installed, and Patch Manager never installs a package that is not installed']);
  const subject: DecisionSubject = {
    name: pkg.name,
    arch: pkg.arch,
    installedVersion: null,
    candidateVersion: pkg.versions[0]?.version ?? null,
    complianceLevel: notApplicableLevel(run, approved),
    state: 'NOT_APPLICABLE',
  };
  return skipDecision(subject, reason, pkg.versions[0]?.advisoryIds ?? []);
}
