import {BASELINE_FILTER_KEYS, type Baseline, type ComplianceLevel, type FilterKey, type PatchListEntry} from '../baseline/model.js';
import type {AvailableVersion, Inventory, Package, WindowsUpdateInfo} from '../inventory/schema.js';
import {compareVersions} from '../versions/index.js';
import {DAY_MS, dateTest} from './approval-rules.js';
import {skipDecision} from './decision-helpers.js';
import type {ComplianceState, Decision, EvaluateOptions, Evaluation, Reason} from './engine-io.js';
import {describeMatches, type FilterCheck} from './global-filters.js';
import {overrideEntryPath} from './override-list.js';
import {describeAge, formatInstant} from './reasons.js';
import {approvalOf, checkBaseline, evaluateOs, globalFilterReason, installDecision, installedState, namedOnlyDecision, notApprovedReason, subjectOf} from './os-engine.js';
import type {OsInput, OsRules, PackageOutcome, RuleMatch} from './os-engine.js';

/**
 * The Windows decision engine (spec §2.3 windows, §3.5, §4.2, §6.1 last paragraph, §6.4–6.6).
 *
 * AWS computes Windows approval service-side into a snapshot of approved KBs and lets the
 * Windows Update API install them, so each update (KB) is one record with one set of
 * catalog properties: there are no per-version records, no security gate
 * (EnableNonSecurity is Linux only) and no dependencies. Unlike Linux, an update that is
 * applicable but not installed (`installedVersion: null`) is exactly what gets installed.
 * Filters, date tests, severity and the node summary are the shared engine modules', as for
 * Linux; what is Windows's own is the record, its properties and the wording of details,
 * given to the path it shares with macOS (os-engine.ts).
 */

/** Microsoft's classification that makes an unapproved update AVAILABLE_SECURITY_UPDATE. */
const SECURITY_CLASSIFICATION = 'SecurityUpdates';

/** One Microsoft update as the baseline sees it. */
interface WindowsRecord {
  readonly pkg: Package;
  /** The update's current revision (superseded revisions are dropped by the collector). */
  readonly version: AvailableVersion | null;
  readonly info: WindowsUpdateInfo | undefined;
  readonly kbId: string;
  readonly msrcNumber: string | undefined;
  /** Release instant in ms; 0 (1970-01-01) when Microsoft gives none (spec §2.3). */
  readonly releaseMs: number;
  readonly releaseKnown: boolean;
}

const WINDOWS: OsRules<WindowsRecord> = {
  operatingSystem: 'WINDOWS',
  baselineKeys: new Set(BASELINE_FILTER_KEYS.windows),
  records: 'Windows updates',
  property: windowsProperty,
  lenientProperty: windowsLenientProperty,
  baselineWarnings,
  evaluatePackage,
};

interface ApprovedMatch extends RuleMatch {
  /** The instant after which ApproveAfterDays approves it; null for ApproveUntilDate or no date option. */
  readonly approvedAfter: number | null;
}

interface PendingMatch extends RuleMatch {
  readonly approvedAfter: number;
}

interface CutoffMatch extends RuleMatch {
  readonly untilDate: string;
}

interface WindowsAssessment {
  readonly rejectedBy: PatchListEntry | null;
  readonly listedBy: readonly PatchListEntry[];
  /** The first global filter that drops the update; null when all accept it. */
  readonly globalFailure: FilterCheck | null;
  readonly approvingRules: readonly ApprovedMatch[];
  readonly pendingRules: readonly PendingMatch[];
  readonly cutoffRules: readonly CutoffMatch[];
  readonly approved: boolean;
  readonly level: ComplianceLevel;
}

/**
 * Evaluates a WINDOWS baseline against a Windows inventory: one decision per update that is
 * applicable and not installed (or has a newer revision), or that the baseline or the
 * InstallOverrideList names; one compliance state per update.
 */
export function evaluateWindows(inventory: Inventory, baseline: Baseline, options: EvaluateOptions): Evaluation {
  return evaluateOs(inventory, baseline, options, WINDOWS);
}

function evaluatePackage(pkg: Package, input: OsInput): PackageOutcome {
  const {baseline, nowMs} = input;
  const record = toRecord(pkg);
  // An update with no revision offered and none installed is not something Windows Update reported.
  if (record.version === null && pkg.installedVersion === null) return {reported: null, decision: null};
  const warnings =
    record.info === undefined ? [`${pkg.name}: no Windows update metadata; only ApprovedPatches and '*' filters can approve it`] : [];
  const assessment = assessWindows(record, baseline, nowMs);
  const newer = newerRevision(record);
  const state = windowsState(record, assessment, newer !== null, baseline);
  const level = assessment.approved ? assessment.level : 'UNSPECIFIED';
  const subject = subjectOf(pkg, newer?.version ?? null, level, state);
  return {reported: {state, complianceLevel: level}, decision: decideWindows(subject, record, assessment, newer, input), warnings};
}

function baselineWarnings(baseline: Baseline): string[] {
  const warnings: string[] = [];
  // AWS is documented (Terraform/Pulumi provider docs) to default PATCH_SET to OS in rules
  // without one; the spec's DECISION-2 makes an absent filter accept everything, so say so.
  const globalPatchSet = baseline.globalFilters.some((f) => f.key === 'PATCH_SET');
  for (const rule of baseline.rules) {
    if (!globalPatchSet && !rule.filters.some((f) => f.key === 'PATCH_SET')) {
      warnings.push(
        `${rule.path}: no PATCH_SET filter, so it accepts OS and APPLICATION updates alike (AWS may default PATCH_SET to OS)`,
      );
    }
  }
  return warnings;
}

/** The highest offered revision; a package usually offers exactly one (`versions[0]`). */
function highestVersion(versions: readonly AvailableVersion[]): AvailableVersion | null {
  let best: AvailableVersion | null = null;
  for (const v of versions) {
    if (best === null || compareVersions('generic', v.version, best.version) > 0) best = v;
  }
  return best;
}

function toRecord(pkg: Package): WindowsRecord {
  const version = highestVersion(pkg.versions);
  const info = version?.windows ?? pkg.versions.find((v) => v.windows !== undefined)?.windows;
  const parsed = info?.releaseDate === undefined ? Number.NaN : Date.parse(info.releaseDate);
  const releaseKnown = Number.isFinite(parsed);
  return {
    pkg,
    version,
    info,
    kbId: info?.kbId ?? pkg.name,
    msrcNumber: info?.msrcNumber,
    // A missing or unreadable date means 1970-01-01, i.e. approved at once (spec §2.3, §4.1).
    releaseMs: releaseKnown ? parsed : 0,
    releaseKnown,
  };
}

/** The offered revision when it is something to install: not installed yet, or newer than installed. */
function newerRevision(record: WindowsRecord): AvailableVersion | null {
  const {version, pkg} = record;
  if (version === null) return null;
  if (pkg.installedVersion === null) return version;
  return compareVersions('generic', version.version, pkg.installedVersion) > 0 ? version : null;
}

/** Spec §3.5: list entries are KB ids or MS bulletin ids, matched exactly. */
function listMatches(entry: string, record: WindowsRecord): boolean {
  return entry === record.kbId || entry === record.pkg.name || (record.msrcNumber !== undefined && entry === record.msrcNumber);
}

/** DECISION-8 (--lenient) keys evaluated on Windows, mapped to the update's fields. */
function windowsLenientProperty(key: FilterKey): ((r: WindowsRecord) => readonly string[]) | undefined {
  switch (key) {
    case 'PATCH_ID':
      return (r) => [r.kbId];
    case 'NAME':
      return (r) => [r.pkg.name];
    case 'ARCH':
      return (r) => (r.pkg.arch === '' ? [] : [r.pkg.arch]);
    case 'ADVISORY_ID':
      return (r) => (r.msrcNumber === undefined ? [] : [r.msrcNumber]);
    default:
      return undefined;
  }
}

function windowsProperty(key: FilterKey, record: WindowsRecord): readonly string[] | undefined {
  const info = record.info;
  switch (key) {
    case 'PATCH_SET':
      return info === undefined ? [] : [info.patchSet];
    case 'PRODUCT':
      return info?.products ?? [];
    case 'PRODUCT_FAMILY':
      return info?.productFamily === undefined ? [] : [info.productFamily];
    case 'CLASSIFICATION':
      return info === undefined ? [] : [info.classification];
    case 'MSRC_SEVERITY':
      // Microsoft leaves MsrcSeverity empty on non-security updates; AWS calls that Unspecified.
      return [info?.msrcSeverity ?? 'Unspecified'];
    default:
      return undefined;
  }
}

function assessWindows(record: WindowsRecord, baseline: Baseline, nowMs: number): WindowsAssessment {
  const {rejectedBy, listedBy, globalFailure, acceptingRules} = checkBaseline(WINDOWS, baseline, record, (e) => listMatches(e, record));
  const approvingRules: ApprovedMatch[] = [];
  const pendingRules: PendingMatch[] = [];
  const cutoffRules: CutoffMatch[] = [];
  for (const {rule, verdicts} of acceptingRules) {
    const date = dateTest(rule, {instant: record.releaseMs}, nowMs);
    if (date.kind === 'approved') {
      const approvedAfter = rule.approveAfterDays === null ? null : record.releaseMs + rule.approveAfterDays * DAY_MS;
      approvingRules.push({rule, verdicts, approvedAfter});
    } else if (date.kind === 'pending') pendingRules.push({rule, verdicts, approvedAfter: date.approvedAfter});
    else cutoffRules.push({rule, verdicts, untilDate: date.untilDate});
  }
  // Explicit approval on Windows also ignores dates.
  const {approved, level} = approvalOf(baseline, rejectedBy, listedBy.length > 0, approvingRules);
  return {rejectedBy, listedBy, globalFailure, approvingRules, pendingRules, cutoffRules, approved, level};
}

function isSecurityUpdate(record: WindowsRecord): boolean {
  return record.info?.classification === SECURITY_CLASSIFICATION;
}

/** The state the update reports on a Scan now (spec §6.4, §6.1 Windows paragraph). */
function windowsState(
  record: WindowsRecord,
  a: WindowsAssessment,
  hasNewer: boolean,
  baseline: Baseline,
): ComplianceState {
  if (record.pkg.installedVersion === null) {
    if (a.approved) return 'MISSING';
    // AWS reports unapproved updates only when they are security updates; the others are
    // not part of its report, and NOT_APPLICABLE is the one state that claims nothing.
    return isSecurityUpdate(record) ? 'AVAILABLE_SECURITY_UPDATE' : 'NOT_APPLICABLE';
  }
  if (a.approved && hasNewer) return 'MISSING';
  return installedState(record.pkg, a.approved, a.rejectedBy, baseline);
}

function describeUpdate(record: WindowsRecord, nowMs: number): string {
  const info = record.info;
  const props = info === undefined ? 'no catalog metadata' : `${info.classification}, MSRC ${info.msrcSeverity ?? 'Unspecified'}`;
  return `${record.kbId} (${props}) ${describeRelease(record, nowMs)}`;
}

function describeRelease(record: WindowsRecord, nowMs: number): string {
  if (!record.releaseKnown) return 'has no release date (treated as 1970-01-01)';
  return `released ${formatInstant(record.releaseMs)}, ${describeAge(record.releaseMs, nowMs)}`;
}

function approvalReason(record: WindowsRecord, a: WindowsAssessment, nowMs: number): Reason {
  const first = a.approvingRules[0];
  const listed = a.listedBy[0];
  if (first !== undefined) {
    const when =
      first.approvedAfter !== null
        ? `is approved since ${formatInstant(first.approvedAfter)} (ApproveAfterDays ${first.rule.approveAfterDays ?? 0})`
        : first.rule.approveUntilDate !== null
          ? `is approved as released on or before ApproveUntilDate ${first.rule.approveUntilDate}`
          : 'is approved with no date condition';
    const others = a.approvingRules.slice(1).map((m) => m.rule.path);
    const also = [...others, ...a.listedBy.map((e) => e.path)];
    return {
      code: 'approval-rule',
      rule: first.rule.path,
      detail:
        `${describeUpdate(record, nowMs)}, matched ${describeMatches(first.verdicts)} and ${when}` +
        (also.length > 0 ? `; also approved by ${also.join(', ')}.` : '.'),
    };
  }
  if (listed === undefined) throw new Error('approvalReason called for an update nothing approves');
  return {
    code: 'approved-patches',
    rule: listed.path,
    detail:
      `${describeUpdate(record, nowMs)}, is listed in ApprovedPatches as '${listed.value}' ` +
      '(explicit approval ignores rules, dates and global filters).',
  };
}

/** The first applicable skip reason, in the order of spec §6.6 (no dependencies and no security gate on Windows). */
function skipReason(record: WindowsRecord, a: WindowsAssessment, baseline: Baseline, nowMs: number): Reason {
  const update = describeUpdate(record, nowMs);
  if (a.globalFailure !== null && a.listedBy.length === 0) {
    return globalFilterReason(`${update},`, a.globalFailure);
  }
  if (a.rejectedBy !== null) return rejectedReason(record, a.rejectedBy, baseline);
  const pending = [...a.pendingRules].sort((x, y) => x.approvedAfter - y.approvedAfter)[0];
  if (pending !== undefined) {
    return {
      code: 'approval-pending',
      rule: pending.rule.path,
      detail:
        `${update}, matched ${describeMatches(pending.verdicts)} and becomes approved after ` +
        `${formatInstant(pending.approvedAfter)} (ApproveAfterDays ${pending.rule.approveAfterDays ?? 0}).`,
    };
  }
  const cutoff = a.cutoffRules[0];
  if (cutoff !== undefined) {
    return {
      code: 'approval-cutoff',
      rule: cutoff.rule.path,
      detail:
        `${update}, matched ${describeMatches(cutoff.verdicts)} but was released after its ` +
        `ApproveUntilDate ${cutoff.untilDate}, so this rule never approves it.`,
    };
  }
  return notApprovedReason(`${update};`, baseline);
}

function rejectedReason(record: WindowsRecord, entry: PatchListEntry, baseline: Baseline): Reason {
  const action = baseline.rejectedPatchesAction;
  const effect =
    record.pkg.installedVersion === null
      ? 'it is not installed and will not be'
      : `it is already installed and reports ${action === 'BLOCK' ? 'INSTALLED_REJECTED' : 'INSTALLED_OTHER'}`;
  return {
    code: 'rejected-patches',
    rule: entry.path,
    detail: `${record.kbId} matches RejectedPatches entry '${entry.value}' (RejectedPatchesAction ${action}); ${effect}.`,
  };
}

function decideWindows(
  subject: ReturnType<typeof subjectOf>,
  record: WindowsRecord,
  a: WindowsAssessment,
  newer: AvailableVersion | null,
  input: OsInput,
): Decision | null {
  const {baseline, override, nowMs} = input;
  const {pkg} = record;
  const overrideIndex =
    override === undefined
      ? -1
      : override.patches.findIndex((p) => p.id === record.kbId || p.id === pkg.name || p.id === record.msrcNumber);
  // Windows Update installs one revision of a KB; there is nothing to fall back to.
  const install = (version: string, advisories: readonly string[], reason: Reason): Decision =>
    installDecision(subject, {version, advisories, fallbacks: []}, reason);

  if (newer !== null) {
    const advisories = advisoriesOf(newer, record);
    if (override !== undefined) {
      const entry = override.patches[overrideIndex];
      if (entry === undefined) {
        const reason: Reason = {
          code: 'not-in-override-list',
          rule: null,
          detail: `An InstallOverrideList is in effect and none of its entries names ${idsOf(record)}.`,
        };
        return skipDecision(subject, reason, advisories);
      }
      const ignoredRejection =
        a.rejectedBy === null
          ? ''
          : ` (its RejectedPatches entry '${a.rejectedBy.value}' is ignored with an InstallOverrideList)`;
      return install(newer.version, advisories, {
        code: 'install-override-list',
        rule: overrideEntryPath(override, overrideIndex),
        detail:
          `InstallOverrideList entry id '${entry.id}' selects ${record.kbId} revision ${newer.version}; ` +
          `the baseline does not decide it${ignoredRejection}.`,
      });
    }
    if (a.approved) return install(newer.version, advisories, approvalReason(record, a, nowMs));
    return skipDecision(subject, skipReason(record, a, baseline, nowMs), advisories);
  }

  return namedOnlyDecision(subject, {
    rejected: a.rejectedBy === null ? null : rejectedReason(record, a.rejectedBy, baseline),
    listed: a.listedBy[0],
    override,
    overrideIndex,
    upToDate: `${record.kbId} is already installed (revision ${pkg.installedVersion ?? '?'}) and no newer revision is offered.`,
    advisories: record.version === null ? [] : advisoriesOf(record.version, record),
  });
}

function idsOf(record: WindowsRecord): string {
  return record.msrcNumber === undefined ? record.kbId : `${record.kbId} or ${record.msrcNumber}`;
}

/** The notice ids the collector attached plus the MS bulletin id, without duplicates. */
function advisoriesOf(version: AvailableVersion, record: WindowsRecord): string[] {
  const ids = [...version.advisories];
  if (record.msrcNumber !== undefined && !ids.includes(record.msrcNumber)) ids.push(record.msrcNumber);
  return ids;
}
