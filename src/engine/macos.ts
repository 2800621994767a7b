import {BASELINE_FILTER_KEYS, type Baseline, type ComplianceLevel, type FilterKey, type PatchListEntry} from '../baseline/model.js';
import type {AvailableVersion, Inventory, Package} from '../inventory/schema.js';
import {compareVersions} from '../versions/index.js';
import {skipDecision} from './decision-helpers.js';
import type {Decision, EvaluateOptions, Evaluation, Reason} from './engine-io.js';
import type {InstallOverrideList} from '../baseline/model.js';
import {describeMatches, type FilterCheck} from './global-filters.js';
import {overrideEntryPath} from './override-list.js';
import {approvalOf, checkBaseline, evaluateOs, globalFilterReason, installDecision, installedState, namedOnlyDecision, notApprovedReason, subjectOf} from './os-engine.js';
import type {OsInput, OsRules, PackageOutcome, RuleMatch} from './os-engine.js';

/**
 * The macOS decision engine (spec §1.2 macos row, §2.3 macos, §3.4, §4.4 macos row, §5
 * AWS-MacOSDefaultPatchBaseline, DECISION-10, DECISION-20).
 *
 * Records are (package, available version) from softwareupdate and Homebrew. There are no
 * release dates (date options are ignored, as on apt), the only classification is
 * `Security` for updates the collector flagged as security/config-data (DECISION-10), and
 * the `EnableNonSecurity` gate uses that flag. List entries are exact package names.
 * As on Linux, a package that is not installed is never installed: it is only counted
 * NOT_APPLICABLE when some version of it is approved. The path itself (filters, lists,
 * states, the result) is os-engine.ts's; this file is what macOS puts into it.
 */

const CLASSIFICATION_SECURITY = 'Security';

/** One (package, version) record. */
interface MacRecord {
  readonly pkg: Package;
  readonly product: string;
  readonly version: string;
  readonly security: boolean;
  readonly source: string | undefined;
  readonly advisories: readonly string[];
}

interface MacAssessment {
  readonly record: MacRecord;
  readonly rejectedBy: PatchListEntry | null;
  /** ApprovedPatches entries naming the package, whether or not the security gate lets them approve. */
  readonly listedBy: readonly PatchListEntry[];
  readonly listApproves: boolean;
  readonly globalFailure: FilterCheck | null;
  /** Rules whose filters accept the record and whose security gate passes. */
  readonly approvingRules: readonly RuleMatch[];
  /** Rules whose filters accept the record but which need a security update (EnableNonSecurity false). */
  readonly gatedRules: readonly RuleMatch[];
  readonly approved: boolean;
  readonly level: ComplianceLevel;
}

const MACOS: OsRules<MacRecord> = {
  operatingSystem: 'MACOS',
  baselineKeys: new Set(BASELINE_FILTER_KEYS.macos),
  records: 'macOS updates',
  property: macosProperty,
  lenientProperty,
  baselineWarnings,
  evaluatePackage,
};

/**
 * Evaluates a MACOS baseline against a macOS inventory: one decision per installed package
 * with a newer version (or named by the baseline / InstallOverrideList), one compliance state
 * per installed package plus NOT_APPLICABLE for approved packages that are not installed.
 * No macOS state is AVAILABLE_SECURITY_UPDATE: that status is Windows only (spec §1.1).
 */
export function evaluateMacos(inventory: Inventory, baseline: Baseline, options: EvaluateOptions): Evaluation {
  return evaluateOs(inventory, baseline, options, MACOS);
}

function evaluatePackage(pkg: Package, input: OsInput): PackageOutcome {
  const {baseline, product} = input;
  const offered = distinctVersionsHighestFirst(pkg.versions);
  if (pkg.installedVersion === null) {
    const approved = offered.map((v) => assessMacos(toRecord(pkg, product, v), baseline)).filter((a) => a.approved);
    const best = approved[0];
    // DECISION-22: counted NOT_APPLICABLE when approved; a decision only on request.
    if (best === undefined) return {reported: null, decision: null};
    const decision = input.options.showNotApplicable === true ? notApplicableDecision(pkg, best, offered) : null;
    return {reported: {state: 'NOT_APPLICABLE', complianceLevel: best.level}, decision};
  }

  const installed = pkg.installedVersion;
  const newer = offered
    .filter((v) => compareVersions('generic', v.version, installed) > 0)
    .map((v) => assessMacos(toRecord(pkg, product, v), baseline));
  const approvedNewer = newer.filter((a) => a.approved);
  const target = approvedNewer[0];
  const installedAssessment = assessMacos(installedRecord(pkg, product, offered, installed), baseline);

  // Spec §6.4, as for the Linux families: an approved newer version makes it MISSING.
  const state = target !== undefined ? 'MISSING' : installedState(pkg, installedAssessment.approved, installedAssessment.rejectedBy, baseline);
  const level = target?.level ?? (installedAssessment.approved ? installedAssessment.level : 'UNSPECIFIED');
  const subject = subjectOf(pkg, newer[0]?.record.version ?? null, level, state);
  return {reported: {state, complianceLevel: level}, decision: decideMacos(subject, pkg, newer, approvedNewer, installedAssessment, input)};
}

function baselineWarnings(baseline: Baseline): string[] {
  const warnings: string[] = [];
  for (const rule of baseline.rules) {
    // The predefined baseline echoes ApproveAfterDays 0, which changes nothing: warn only
    // when a date option would have delayed or cut off approval elsewhere.
    if ((rule.approveAfterDays !== null && rule.approveAfterDays > 0) || rule.approveUntilDate !== null) {
      warnings.push(
        `${rule.path}: ApproveAfterDays/ApproveUntilDate are ignored on macOS (no release dates); the rule approves immediately`,
      );
    }
  }
  for (const entry of [...baseline.approvedPatches, ...baseline.rejectedPatches]) {
    if (/[*?[]/.test(entry.value)) {
      warnings.push(
        `${entry.path}: '${entry.value}' looks like a wildcard, but macOS list entries are exact package names`,
      );
    }
  }
  return warnings;
}

/** Each offered version once, highest first in the generic order. */
function distinctVersionsHighestFirst(versions: readonly AvailableVersion[]): AvailableVersion[] {
  const out: AvailableVersion[] = [];
  for (const v of versions) {
    if (!out.some((o) => compareVersions('generic', o.version, v.version) === 0)) out.push(v);
  }
  return out.sort((a, b) => compareVersions('generic', b.version, a.version));
}

function toRecord(pkg: Package, product: string, v: AvailableVersion): MacRecord {
  return {
    pkg,
    product,
    version: v.version,
    security: v.security === true,
    source: v.source ?? v.repository,
    advisories: v.advisories,
  };
}

/** The installed version as a record: its metadata when it is still offered, else an unclassified one. */
function installedRecord(pkg: Package, product: string, offered: readonly AvailableVersion[], installed: string): MacRecord {
  const same = offered.find((v) => compareVersions('generic', v.version, installed) === 0);
  if (same !== undefined) return toRecord(pkg, product, same);
  return {pkg, product, version: installed, security: false, source: undefined, advisories: []};
}

/** DECISION-8 (--lenient) keys evaluated on macOS, mapped to the record's fields. */
function lenientProperty(key: FilterKey): ((r: MacRecord) => readonly string[]) | undefined {
  switch (key) {
    case 'NAME':
      return (r) => [r.pkg.name];
    case 'VERSION':
      return (r) => [r.version];
    case 'ARCH':
      return (r) => (r.pkg.arch === '' ? [] : [r.pkg.arch]);
    case 'REPOSITORY':
      return (r) => (r.source === undefined ? [] : [r.source]);
    default:
      return undefined;
  }
}

function macosProperty(key: FilterKey, record: MacRecord): readonly string[] | undefined {
  switch (key) {
    case 'PRODUCT':
      // PRODUCT is a property of the node (spec §2.3), so it accepts every record or none.
      return [record.product];
    case 'CLASSIFICATION':
      // DECISION-10: a non-security update has no classification, so only '*' accepts it.
      return record.security ? [CLASSIFICATION_SECURITY] : [];
    default:
      return undefined;
  }
}

function assessMacos(record: MacRecord, baseline: Baseline): MacAssessment {
  const name = record.pkg.name;
  // Spec §3.4: full package names, exact, no wildcards.
  const {rejectedBy, listedBy, globalFailure, acceptingRules} = checkBaseline(MACOS, baseline, record, (e) => e === name);
  const listApproves = listedBy.length > 0 && (baseline.approvedPatchesEnableNonSecurity || record.security);
  // No date test: macOS has no release dates (spec §1.2, §4.1).
  const approvingRules = acceptingRules.filter((m) => m.rule.enableNonSecurity || record.security);
  const gatedRules = acceptingRules.filter((m) => !(m.rule.enableNonSecurity || record.security));
  const {approved, level} = approvalOf(baseline, rejectedBy, listApproves, approvingRules);
  return {record, rejectedBy, listedBy, listApproves, globalFailure, approvingRules, gatedRules, approved, level};
}

function describeRecord(record: MacRecord): string {
  const kind = record.security ? 'security update' : 'non-security update';
  const from = record.source === undefined ? '' : ` from ${record.source}`;
  return `${record.pkg.name} ${record.version} (${kind}${from})`;
}

function approvalReason(a: MacAssessment, others: readonly string[]): Reason {
  const first = a.approvingRules[0];
  const fallback = others.length > 0 ? `; also approved: ${others.join(', ')}` : '';
  if (first !== undefined) {
    const gate = first.rule.enableNonSecurity ? 'EnableNonSecurity true' : 'a security update';
    const also = [...a.approvingRules.slice(1).map((m) => m.rule.path), ...(a.listApproves ? a.listedBy.map((e) => e.path) : [])];
    return {
      code: 'approval-rule',
      rule: first.rule.path,
      detail:
        `${describeRecord(a.record)} matched ${describeMatches(first.verdicts)} (${gate}; macOS has no release dates)` +
        (also.length > 0 ? `, also approved by ${also.join(', ')}` : '') +
        `${fallback}.`,
    };
  }
  const listed = a.listedBy[0];
  if (listed === undefined) throw new Error('approvalReason called for a version nothing approves');
  const gate = a.record.security ? 'a security update' : 'ApprovedPatchesEnableNonSecurity true';
  return {
    code: 'approved-patches',
    rule: listed.path,
    detail:
      `${describeRecord(a.record)} is listed in ApprovedPatches as '${listed.value}' ` +
      `(${gate}; explicit approval ignores rules and global filters)${fallback}.`,
  };
}

/** The first applicable skip reason over the newer versions, in the order of spec §6.6. */
function skipReason(newer: readonly MacAssessment[], baseline: Baseline): Reason {
  const highest = newer[0];
  if (highest === undefined) throw new Error('skipReason needs at least one newer version');
  const candidate = describeRecord(highest.record);

  if (newer.every((a) => a.globalFailure !== null && a.listedBy.length === 0) && highest.globalFailure !== null) {
    return globalFilterReason(candidate, highest.globalFailure);
  }
  const rejected = newer.find((a) => a.rejectedBy !== null)?.rejectedBy;
  if (rejected !== undefined && rejected !== null) {
    return {
      code: 'rejected-patches',
      rule: rejected.path,
      detail:
        `${highest.record.pkg.name} matches RejectedPatches entry '${rejected.value}' ` +
        `(RejectedPatchesAction ${baseline.rejectedPatchesAction}), so no version of it is approved.`,
    };
  }
  const firstStrictRule = baseline.rules.find((r) => !r.enableNonSecurity);
  for (const a of newer) {
    if (a.record.security) continue;
    const ruleGate = a.globalFailure === null ? (a.gatedRules[0]?.rule ?? firstStrictRule) : undefined;
    const listGate = !baseline.approvedPatchesEnableNonSecurity ? a.listedBy[0] : undefined;
    const path = ruleGate?.path ?? listGate?.path;
    if (path === undefined) continue;
    const because =
      ruleGate !== undefined
        ? `${ruleGate.path} has EnableNonSecurity false`
        : 'ApprovedPatchesEnableNonSecurity is false';
    return {
      code: 'not-security-repo',
      rule: path,
      detail: `${describeRecord(a.record)} is not flagged as a security update and ${because}.`,
    };
  }
  return notApprovedReason(`${candidate}:`, baseline);
}

/** Spec §6.3: macOS override ids are `name` or `name.version`, matched exactly. */
function overrideMatch(
  override: InstallOverrideList,
  name: string,
  version: string,
): number {
  return override.patches.findIndex((p) => p.id === name || p.id === `${name}.${version}`);
}

function decideMacos(
  subject: ReturnType<typeof subjectOf>,
  pkg: Package,
  newer: readonly MacAssessment[],
  approvedNewer: readonly MacAssessment[],
  installedAssessment: MacAssessment,
  input: OsInput,
): Decision | null {
  const {baseline, override} = input;
  const highest = newer[0];
  if (highest !== undefined) {
    if (override !== undefined) {
      // The highest newer version some entry names; the baseline is not consulted (spec §6.3).
      for (const a of newer) {
        const index = overrideMatch(override, pkg.name, a.record.version);
        const entry = override.patches[index];
        if (entry === undefined) continue;
        const fallbacks = newer
          .filter((o) => o !== a && compareVersions('generic', o.record.version, a.record.version) < 0)
          .filter((o) => overrideMatch(override, pkg.name, o.record.version) >= 0)
          .map((o) => o.record.version);
        return installDecision(subject, {version: a.record.version, advisories: a.record.advisories, fallbacks}, {
          code: 'install-override-list',
          rule: overrideEntryPath(override, index),
          detail:
            `InstallOverrideList entry id '${entry.id}' selects ${describeRecord(a.record)}; ` +
            'the baseline does not decide it.',
        });
      }
      const reason: Reason = {
        code: 'not-in-override-list',
        rule: null,
        detail:
          `An InstallOverrideList is in effect and no entry names ${pkg.name} ` +
          `or ${pkg.name}.<version> for a newer version.`,
      };
      return skipDecision(subject, reason, highest.record.advisories);
    }
    const target = approvedNewer[0];
    if (target !== undefined) {
      const fallbacks = approvedNewer.slice(1).map((a) => a.record.version);
      return installDecision(
        subject,
        {version: target.record.version, advisories: target.record.advisories, fallbacks},
        approvalReason(target, fallbacks),
      );
    }
    return skipDecision(subject, skipReason(newer, baseline), highest.record.advisories);
  }

  const rejected = installedAssessment.rejectedBy;
  return namedOnlyDecision(subject, {
    rejected:
      rejected === null
        ? null
        : {
            code: 'rejected-patches',
            rule: rejected.path,
            detail:
              `${pkg.name} matches RejectedPatches entry '${rejected.value}' ` +
              `(RejectedPatchesAction ${baseline.rejectedPatchesAction}); ` +
              `it is installed at ${pkg.installedVersion ?? '?'} and reports ${subject.state}.`,
          },
    listed: installedAssessment.listedBy[0],
    override,
    overrideIndex:
      override === undefined || pkg.installedVersion === null ? -1 : overrideMatch(override, pkg.name, pkg.installedVersion),
    upToDate: `${pkg.name} is installed at ${pkg.installedVersion ?? '?'} and no newer version is offered.`,
    advisories: [],
  });
}

/** DECISION-22 (--show-not-applicable): an approved package that is not installed is never installed. */
function notApplicableDecision(pkg: Package, best: MacAssessment, offered: readonly AvailableVersion[]): Decision {
  const reason = approvalReason(best, []);
  const subject = {
    name: pkg.name,
    arch: pkg.arch,
    installedVersion: null,
    candidateVersion: offered[0]?.version ?? null,
    complianceLevel: best.level,
    state: 'NOT_APPLICABLE' as const,
  };
  const detail = `${reason.detail.replace(/\.$/, '')}; not installed, so Patch Manager does not install it.`;
  return skipDecision(subject, {...reason, detail}, best.record.advisories);
}
