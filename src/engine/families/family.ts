import type {FilterKey, RejectedPatchesAction} from '../../baseline/model.js';
import type {
  ApprovedMatch,
  DependencyPolicy,
  EngineContext,
  LinuxFamily,
  OfferedVersion,
  PackageView,
  PatchRecord,
  PropertyValue,
  ReleaseDate,
} from '../linux-types.js';

/**
 * What differs between the four Linux code paths of the AWS payload. Each family file
 * implements this once; the rule modules (global-filters, approval-rules, patch-lists,
 * dependency-resolution, states) and the Linux steps (src/engine/steps) call it and stay
 * family-agnostic.
 */
export interface FamilyRules {
  readonly family: LinuxFamily;

  /** §2.3: the patch records one version contributes (one per notice, or one without). */
  records(pkg: PackageView, version: OfferedVersion): PatchRecord[];

  /** §1.3 / §2.3: what a filter key sees of a record. */
  property(key: FilterKey, record: PatchRecord, ctx: EngineContext): PropertyValue;

  /** §1.3: compares one property value with one configured filter value (not `*`). */
  valueMatches(key: FilterKey, property: string, filterValue: string): boolean;

  /** §4.1: the release instant of a record; null when the family has no dates (apt). */
  releaseDate(record: PatchRecord): ReleaseDate | null;

  /** §4.4: whether the family gates non-security versions at all (SUSE does not). */
  readonly hasSecurityTest: boolean;

  /** §4.4: the per-version security test. */
  isSecurity(version: OfferedVersion): boolean;

  /** §4.4: why a version is not security, as a clause for `detail`. */
  describeNotSecurity(version: OfferedVersion): string;

  /** §6.1 step 4: whether an explicit approval of this kind skips GlobalFilters. */
  bypassesGlobalFilters(via: 'spec' | 'id'): boolean;

  /** §3: how one ApprovedPatches entry matches one version. */
  matchApproved(entry: string, pkg: PackageView, version: OfferedVersion, records: readonly PatchRecord[]): ApprovedMatch;

  /** §3, DECISION-11: RejectedPatches entries are package specs only. */
  matchRejected(entry: string, name: string, arch: string, version: string): boolean;

  /**
   * Whether an entry approved this version only through forms that name no package
   * (`version`, `version-release`, …): it then matches every package with that version.
   */
  matchesByVersionOnly(entry: string, name: string, arch: string, version: string): boolean;

  /** §6.3: one `id` or `title` against the rendered forms of a version. */
  matchOverride(value: string, name: string, arch: string, version: string): boolean;

  /**
   * §6.4: the versions at or below the installed one whose approval makes an up-to-date
   * package INSTALLED (apt, zypper: the installed one; yum: any known version ≤ installed;
   * dnf: the installed one without its notice data).
   */
  installedApprovalVersions(pkg: PackageView, ctx: EngineContext): OfferedVersion[];

  /**
   * §6.4 INSTALLED_REJECTED, given the package had no approved version: which version must
   * match RejectedPatches and whether BLOCK is required.
   */
  installedRejectedVersion(
    pkg: PackageView,
    ctx: EngineContext,
  ): {readonly version: string; readonly needsBlock: boolean} | null;

  /**
   * §6.1 step 7: whether a dependency that would be installed at `version` counts as
   * rejected for this family's dependency handling.
   */
  dependencyRejected(entry: string, name: string, arch: string, version: string): boolean;

  /** §6.1 step 7: the family's handling of rejected dependencies. */
  dependencyPolicy(action: RejectedPatchesAction, overrideList: boolean): DependencyPolicy;

  /**
   * §6.1 step 7, for the families whose policy can be `fails` (yum, zypper): what a planned
   * install that needs a rejected dependency says, and the warning for the whole plan if any.
   */
  describeFailingDependency?(input: {
    readonly pkg: PackageView;
    readonly version: string;
    /** `name.arch version` of the dependency. */
    readonly dependency: string;
    /** The RejectedPatches entry's path. */
    readonly entryPath: string;
  }): {readonly note: string; readonly warning: string | null};

  /**
   * §6.1 step 7: why a dependency RejectedPatches names is installed all the same under BLOCK
   * when the family's check is narrower than RejectedPatches (dnf); null when it is not.
   */
  readonly narrowDependencyCheck: string | null;

  /**
   * §6.1 step 7 with an InstallOverrideList under BLOCK: whether a dependency counts as
   * rejected when an entry names its package but not its version (apt).
   */
  readonly overrideListRejectsDependencies: boolean;

  /** §6.1 step 7: whether a Scan already drops targets with rejected dependencies (dnf). */
  readonly scanChecksDependencies: boolean;

  /** §6.1 step 2: RejectedPatches is the manager's exclude list, even for an override list (yum). */
  readonly excludesRejected: boolean;

  /** §6.5: only installed packages carry a compliance level (apt). */
  readonly levelsForInstalledOnly: boolean;
}

/** The installed version as an OfferedVersion: the offered entry when there is one. */
export function installedOffered(pkg: PackageView, ctx: EngineContext): OfferedVersion | null {
  const installed = pkg.installedVersion;
  if (installed === null) return null;
  return pkg.versions.find((v) => ctx.compare(v.version, installed) === 0) ?? null;
}

/** The installed version with no metadata: what the manager knows when no repository offers it. */
export function bareInstalled(version: string): OfferedVersion {
  return {
    version,
    repositories: [],
    origins: [],
    candidate: false,
    priority: undefined,
    section: undefined,
    advisoryIds: [],
    advisories: [],
    buildTime: undefined,
    requires: [],
    offered: false,
  };
}

/** Parses an inventory instant; null when absent or unparseable. */
export function parseInstant(text: string | undefined): number | null {
  if (text === undefined) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/** §4.1: a record without a usable date counts as released 1970-01-01 (approved at once). */
export const UNKNOWN_RELEASE: ReleaseDate = {instant: 0, source: 'unknown'};
