import type {Baseline, ComplianceLevel, Filter, PatchListEntry, Rule} from '../baseline/model.js';
import type {Advisory, AptOrigin, Dependency, NodeInfo} from '../inventory/schema.js';

/**
 * The Linux engine's internal data: packages and their offered versions as the steps see
 * them, patch records, and the per-version verdict of §6.1 steps 2–5. What goes in and out
 * of the engine (options, decisions, compliance) is in engine-io.ts.
 */

/** The four Linux code paths of the AWS payload (spec background note, DECISION-25). */
export type LinuxFamily = 'apt' | 'yum' | 'dnf' | 'zypper';

/**
 * One offered version of a package after duplicates (the same version from several
 * repositories) were merged, so that evaluation does not depend on inventory order.
 */
export interface OfferedVersion {
  readonly version: string;
  readonly repositories: readonly string[];
  readonly origins: readonly AptOrigin[];
  /** apt's policy candidate (python3-apt pre-step target). */
  readonly candidate: boolean;
  readonly priority: string | undefined;
  readonly section: string | undefined;
  /** Advisory ids as the inventory lists them (sorted, unique), known or not. */
  readonly advisoryIds: readonly string[];
  /** The advisories among advisoryIds that the inventory describes. */
  readonly advisories: readonly Advisory[];
  readonly buildTime: string | undefined;
  readonly requires: readonly Dependency[];
  /**
   * false for the installed version when no repository offers it: the manager still knows
   * it (rpmdb, dpkg status) but the inventory has no metadata for it.
   */
  readonly offered: boolean;
}

/** A package (name, arch) with its offered versions sorted newest first in the manager's order. */
export interface PackageView {
  readonly name: string;
  readonly arch: string;
  readonly installedVersion: string | null;
  readonly pendingReboot: boolean;
  readonly versions: readonly OfferedVersion[];
}

/**
 * What a family does with a target whose dependencies include a rejected version (§6.1
 * step 7): `block-fallback` drops it and tries the next approved version, `block-skip` skips
 * the package, `fails` keeps it although its install will fail, `allow` installs the
 * dependency.
 */
export type DependencyPolicy = 'block-fallback' | 'block-skip' | 'fails' | 'allow';

/**
 * A patch record (spec §2.3): one version together with one update notice / zypper patch,
 * or the version alone when no notice lists it (advisory null). apt has one record per version.
 */
export interface PatchRecord {
  readonly name: string;
  readonly arch: string;
  readonly version: OfferedVersion;
  readonly advisory: Advisory | null;
}

/** A release instant and where it came from, for `detail`. */
export interface ReleaseDate {
  /** Milliseconds since the epoch (UTC). */
  readonly instant: number;
  readonly source: 'updated' | 'issued' | 'build time' | 'unknown';
}

/** What a filter sees of a record: ignored (apt ignores unknown keys), absent, or values. */
export type PropertyValue =
  | {readonly kind: 'ignored'}
  | {readonly kind: 'absent'}
  | {readonly kind: 'values'; readonly values: readonly string[]};

/** How an ApprovedPatches entry matched a version (yum: only `spec` bypasses GlobalFilters). */
export interface ApprovedMatch {
  /** The entry matched one of the rendered package strings. */
  readonly spec: boolean;
  /** The records whose notice carries the entry as advisory / CVE / Bugzilla id. */
  readonly idRecords: readonly PatchRecord[];
}

export interface EngineContext {
  readonly family: LinuxFamily;
  readonly baseline: Baseline;
  readonly node: NodeInfo;
  /** The evaluation instant in ms. */
  readonly now: number;
  readonly lenient: boolean;
  /** Manager order (dpkg / full EVR, DECISION-26). */
  readonly compare: (a: string, b: string) => number;
}

/** A rule whose filters, security gate and date test all pass for a record. */
export interface RuleApproval {
  readonly rule: Rule;
  readonly record: PatchRecord;
  readonly release: ReleaseDate | null;
  /** The filter values that accepted the record, for `detail`. */
  readonly matched: string;
}

export interface ExplicitApproval {
  readonly entry: PatchListEntry;
  readonly via: 'spec' | 'id';
  readonly record: PatchRecord;
}

/** Why the newest candidate records fail a global filter, for `global-filter` details. */
export interface GlobalDrop {
  readonly filter: Filter;
  readonly record: PatchRecord;
}

export interface PendingApproval {
  readonly rule: Rule;
  readonly record: PatchRecord;
  readonly release: ReleaseDate;
  /** The instant after which the record is approved (R + N days). */
  readonly approvedAfter: number;
  readonly matched: string;
}

export interface CutoffMiss {
  readonly rule: Rule;
  readonly record: PatchRecord;
  readonly release: ReleaseDate;
  readonly untilDate: string;
  readonly matched: string;
}

export interface NotSecurityMiss {
  /** The rule (EnableNonSecurity false) or ApprovedPatches entry whose gate stops it. */
  readonly path: string;
}

/** Everything steps 2–5 found out about one version (spec §6.1), before step 6 picks. */
export interface VersionVerdict {
  readonly version: OfferedVersion;
  readonly security: boolean;
  readonly rejectedBy: PatchListEntry | null;
  /** Approvals ignoring RejectedPatches (to tell `rejected-patches` apart from `not-approved`). */
  readonly ruleApprovals: readonly RuleApproval[];
  readonly explicitApprovals: readonly ExplicitApproval[];
  /** Approved and not rejected. */
  readonly approved: boolean;
  /** Most severe level of the approvals (DECISION-24). */
  readonly level: ComplianceLevel;
  /** Set when every record of the version fails GlobalFilters. */
  readonly globalDrop: GlobalDrop | null;
  /** An ApprovedPatches entry that matches but does not bypass GlobalFilters here (yum ids, apt). */
  readonly explicitFiltered: PatchListEntry | null;
  readonly pending: PendingApproval | null;
  readonly cutoff: CutoffMiss | null;
  readonly notSecurity: NotSecurityMiss | null;
}
