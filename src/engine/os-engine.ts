import type {Baseline, ComplianceLevel, Filter, FilterKey, PatchListEntry, Rule} from '../baseline/model.js';
import type {Inventory, Package} from '../inventory/schema.js';
import {approvalLevel, summarizeCompliance, type ReportedState} from './compliance.js';
import {assertOperatingSystem, skipDecision, sortDecisions, WarningList, type DecisionSubject} from './decision-helpers.js';
import type {ComplianceState, Decision, EvaluateOptions, Evaluation, Reason} from './engine-io.js';
import type {InstallOverrideList} from '../baseline/model.js';
import {
  checkExactFilterGroup,
  describeRejection,
  exactFilterKeyWarnings,
  type FilterCheck,
  type GroupCheck,
} from './global-filters.js';
import {effectiveOverrideList, overrideEntryPath} from './override-list.js';

/**
 * The engine path macOS and Windows share. Neither has package-manager families or
 * dependencies: each record is checked against exact filter values (spec §2.3) and exact list
 * entries (§3.4, §3.5), one compliance state per package (§6.4), then one decision. What
 * differs — the record, its properties, the approval gate (macOS: the security flag;
 * Windows: release dates) and the wording of details — each OS gives as an OsRules.
 */

/** A rule whose filters accept a record. */
export interface RuleMatch {
  readonly rule: Rule;
  readonly verdicts: readonly FilterCheck[];
}

/** What the engine knows while evaluating one package. */
export interface OsInput {
  readonly baseline: Baseline;
  readonly options: EvaluateOptions;
  readonly override: InstallOverrideList | undefined;
  readonly product: string;
  readonly nowMs: number;
}

/** One package's contribution: its reported state (if any), its decision (if any), warnings. */
export interface PackageOutcome {
  readonly reported: ReportedState | null;
  readonly decision: Decision | null;
  readonly warnings?: readonly string[];
}

/** One OS's part of the shared path; R is the OS's record (one update as the baseline sees it). */
export interface OsRules<R> {
  readonly operatingSystem: 'MACOS' | 'WINDOWS';
  /** The keys `DescribePatchProperties` documents for the OS (spec §2.1). */
  readonly baselineKeys: ReadonlySet<FilterKey>;
  /** What the records are, for warnings (`macOS updates`). */
  readonly records: string;
  /** The values of a documented key; undefined for the keys left to lenientProperty. */
  readonly property: (key: FilterKey, record: R) => readonly string[] | undefined;
  /** DECISION-8 (--lenient) keys the OS evaluates, mapped to the record's fields. */
  readonly lenientProperty: (key: FilterKey) => ((record: R) => readonly string[]) | undefined;
  /** The OS's own warnings about the baseline, after the filter-key warnings. */
  readonly baselineWarnings: (baseline: Baseline) => readonly string[];
  readonly evaluatePackage: (pkg: Package, input: OsInput) => PackageOutcome;
}

/** Evaluates a baseline of the OS against an inventory of it, package by package. */
export function evaluateOs<R>(inventory: Inventory, baseline: Baseline, options: EvaluateOptions, os: OsRules<R>): Evaluation {
  assertOperatingSystem(inventory, baseline, os.operatingSystem);
  const warnings = new WarningList();
  const keyWarnings = exactFilterKeyWarnings(baseline, {
    baselineKeys: os.baselineKeys,
    evaluates: (key) => os.lenientProperty(key) !== undefined,
    records: os.records,
    lenient: options.lenient ?? false,
  });
  for (const warning of [...keyWarnings, ...os.baselineWarnings(baseline)]) warnings.add(warning);
  const input: OsInput = {
    baseline,
    options,
    override: effectiveOverrideList(options),
    product: inventory.node.product,
    nowMs: options.now.getTime(),
  };

  const decisions: Decision[] = [];
  const reported: ReportedState[] = [];
  for (const pkg of inventory.packages) {
    const outcome = os.evaluatePackage(pkg, input);
    for (const warning of outcome.warnings ?? []) warnings.add(warning);
    if (outcome.reported !== null) reported.push(outcome.reported);
    if (outcome.decision !== null) decisions.push(outcome.decision);
  }
  return {decisions: sortDecisions(decisions), compliance: summarizeCompliance(reported, baseline), warnings: warnings.list};
}

/** How a record fares against the filter groups and the two lists, before the OS's approval gate. */
export interface BaselineCheck {
  readonly rejectedBy: PatchListEntry | null;
  /** ApprovedPatches entries naming the record, whether or not the OS's gate lets them approve. */
  readonly listedBy: readonly PatchListEntry[];
  /** The first global filter that drops the record; null when all accept it. */
  readonly globalFailure: FilterCheck | null;
  /** Rules whose filters accept the record, in baseline order (none when a global filter drops it). */
  readonly acceptingRules: readonly RuleMatch[];
}

export function checkBaseline<R>(
  os: OsRules<R>,
  baseline: Baseline,
  record: R,
  listMatches: (entry: string) => boolean,
): BaselineCheck {
  const checkGroup = (filters: readonly Filter[]): GroupCheck =>
    checkExactFilterGroup(filters, (key) => os.property(key, record) ?? os.lenientProperty(key)?.(record) ?? []);
  const globalFailure = checkGroup(baseline.globalFilters).failing;
  const acceptingRules: RuleMatch[] = [];
  if (globalFailure === null) {
    for (const rule of baseline.rules) {
      const group = checkGroup(rule.filters);
      if (group.accepted) acceptingRules.push({rule, verdicts: group.checks});
    }
  }
  return {
    rejectedBy: baseline.rejectedPatches.find((e) => listMatches(e.value)) ?? null,
    listedBy: baseline.approvedPatches.filter((e) => listMatches(e.value)),
    globalFailure,
    acceptingRules,
  };
}

/**
 * Rejection wins over every approval (spec §3.6); explicit approval ignores rules and
 * GlobalFilters (cli-contract `approved-patches`); the level is DECISION-24's.
 */
export function approvalOf(
  baseline: Baseline,
  rejectedBy: PatchListEntry | null,
  listApproves: boolean,
  approvingRules: readonly RuleMatch[],
): {readonly approved: boolean; readonly level: ComplianceLevel} {
  const approved = rejectedBy === null && (listApproves || approvingRules.length > 0);
  const level = approved ? approvalLevel(approvingRules.map((m) => m.rule), listApproves, baseline) : 'UNSPECIFIED';
  return {approved, level};
}

/** Spec §6.4 for an installed package with nothing approved to install: approval first, then rejection. */
export function installedState(
  pkg: Package,
  approved: boolean,
  rejectedBy: PatchListEntry | null,
  baseline: Baseline,
): ComplianceState {
  if (pkg.pendingReboot === true) return 'INSTALLED_PENDING_REBOOT';
  if (approved) return 'INSTALLED';
  if (rejectedBy !== null && baseline.rejectedPatchesAction === 'BLOCK') return 'INSTALLED_REJECTED';
  return 'INSTALLED_OTHER';
}

export function subjectOf(
  pkg: Package,
  candidateVersion: string | null,
  complianceLevel: ComplianceLevel,
  state: ComplianceState,
): DecisionSubject {
  return {name: pkg.name, arch: pkg.arch, installedVersion: pkg.installedVersion, candidateVersion, complianceLevel, state};
}

export function installDecision(
  subject: DecisionSubject,
  install: {readonly version: string; readonly advisories: readonly string[]; readonly fallbacks: readonly string[]},
  reason: Reason,
): Decision {
  return {
    ...subject,
    action: 'install',
    targetVersion: install.version,
    advisories: install.advisories,
    fallbackVersions: install.fallbacks,
    reason,
  };
}

/** `global-filter`: `described` is the record as the OS words it, with its own punctuation. */
export function globalFilterReason(described: string, failure: FilterCheck): Reason {
  return {
    code: 'global-filter',
    rule: failure.filter.path,
    detail: `${described} is dropped by the global filter: ${describeRejection(failure)}.`,
  };
}

/** `not-approved`, the last skip reason of spec §6.6. */
export function notApprovedReason(described: string, baseline: Baseline): Reason {
  const rules = baseline.rules.length === 0 ? 'the baseline has no approval rules' : 'no approval rule accepts it';
  return {code: 'not-approved', rule: null, detail: `${described} ${rules} and no ApprovedPatches entry names it.`};
}

/**
 * Installed with nothing newer: a decision only when RejectedPatches, ApprovedPatches or the
 * InstallOverrideList names the package (spec §6.6 "One decision per package").
 */
export function namedOnlyDecision(
  subject: DecisionSubject,
  named: {
    readonly rejected: Reason | null;
    readonly listed: PatchListEntry | undefined;
    readonly override: InstallOverrideList | undefined;
    /** The override entry naming the installed version; -1 for none. */
    readonly overrideIndex: number;
    readonly upToDate: string;
    readonly advisories: readonly string[];
  },
): Decision | null {
  const {rejected, listed, override, overrideIndex, advisories} = named;
  if (rejected !== null) return skipDecision(subject, rejected, advisories);
  if (listed === undefined && (override === undefined || overrideIndex < 0)) return null;
  const rule = listed?.path ?? (override !== undefined ? overrideEntryPath(override, overrideIndex) : null);
  const reason: Reason = {code: 'up-to-date', rule, detail: named.upToDate};
  return skipDecision(subject, reason, advisories);
}
