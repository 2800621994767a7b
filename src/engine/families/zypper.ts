import type {FilterKey} from '../../baseline/model.js';
import type {EngineContext, OfferedVersion, PackageView, PatchRecord, PropertyValue, ReleaseDate} from '../linux-types.js';
import {
  parseZypperEntry,
  zypperEntryMatches,
  zypperNameMatches,
  type ZypperEntry,
} from '../patch-lists.js';
import {bareInstalled, installedOffered, parseInstant, UNKNOWN_RELEASE, type FamilyRules} from './family.js';
import {
  commonRpmProperty,
  matchesRpmSpec,
  noticeRecords,
  noticeSeverityProperty,
  noticeTypeProperty,
  securityValues,
  values,
} from './rpm-common.js';

/** The SUSE code path (`patch_zypp_cli/`, `cli_wrapper/`). */

const parsed = new Map<string, ZypperEntry>();

/** Entries are parsed once per process; the parse is pure, so caching cannot change results. */
function entryOf(text: string): ZypperEntry {
  let entry = parsed.get(text);
  if (entry === undefined) {
    entry = parseZypperEntry(text);
    parsed.set(text, entry);
  }
  return entry;
}

export const zypperRules: FamilyRules = {
  family: 'zypper',

  records: noticeRecords,

  property(key: FilterKey, record: PatchRecord, ctx: EngineContext): PropertyValue {
    const patch = record.advisory;
    switch (key) {
      case 'CLASSIFICATION':
        return noticeTypeProperty(patch);
      case 'SEVERITY':
        return noticeSeverityProperty(patch);
      case 'ADVISORY_ID':
        return values(patch ? [patch.id] : []);
      case 'SECURITY':
        // SUSE has no security test (§4.4); the patch category is the only notion of security.
        return values(securityValues(patch?.type.toLowerCase() === 'security'));
      default:
        return commonRpmProperty(key, record, ctx);
    }
  },

  valueMatches(key: FilterKey, property: string, filterValue: string): boolean {
    if (key === 'CLASSIFICATION' || key === 'SEVERITY') return property.toLowerCase() === filterValue.toLowerCase();
    return property === filterValue;
  },

  releaseDate(record: PatchRecord): ReleaseDate {
    // The patch's `Created On` (collected as `issued`); versions in no patch: 1970 (§4.1).
    if (record.advisory === null) return UNKNOWN_RELEASE;
    const created = parseInstant(record.advisory.issued) ?? parseInstant(record.advisory.updated);
    return created === null ? UNKNOWN_RELEASE : {instant: created, source: 'issued'};
  },

  // EnableNonSecurity and ApprovedPatchesEnableNonSecurity have no effect on SUSE (§4.4).
  hasSecurityTest: false,

  isSecurity(): boolean {
    return true;
  },

  describeNotSecurity(version: OfferedVersion): string {
    return `${version.version} is not a security update`;
  },

  bypassesGlobalFilters(): boolean {
    return true;
  },

  matchApproved(entry, pkg, version) {
    // SUSE entries are name regexes with version constraints; patch names are no property (§3.3).
    return {spec: zypperEntryMatches(entryOf(entry), pkg.name, pkg.arch, version.version), idRecords: []};
  },

  matchRejected(entry, name, arch, version) {
    return zypperEntryMatches(entryOf(entry), name, arch, version);
  },

  matchesByVersionOnly(): boolean {
    return false;
  },

  matchOverride: matchesRpmSpec,

  installedApprovalVersions(pkg: PackageView, ctx: EngineContext): OfferedVersion[] {
    // INSTALLED needs the installed version itself approved, with its patch data (§6.4).
    const installed = pkg.installedVersion;
    if (installed === null) return [];
    return [installedOffered(pkg, ctx) ?? bareInstalled(installed)];
  },

  installedRejectedVersion(pkg: PackageView, ctx: EngineContext) {
    // The highest known version decides, under either action (§6.4).
    const installed = pkg.installedVersion;
    if (installed === null) return null;
    const highest = pkg.versions[0]?.version;
    const version = highest !== undefined && ctx.compare(highest, installed) > 0 ? highest : installed;
    return {version, needsBlock: false};
  },

  dependencyRejected(entry, name, arch) {
    // `zypper addlock` locks by name, whatever version the transaction wants (§6.1 step 7).
    return zypperNameMatches(entryOf(entry), name, arch);
  },

  dependencyPolicy() {
    // Rejected packages are locked before the single transaction whatever the action.
    return 'fails';
  },

  describeFailingDependency({pkg, version, dependency, entryPath}) {
    return {
      note: `it needs ${dependency}, which zypper locks because of ${entryPath}, so the zypper transaction will fail`,
      warning: `${pkg.name}.${pkg.arch} ${version} needs ${dependency}, which zypper locks (${entryPath}); zypper installs everything in one transaction, so every planned install fails`,
    };
  },
  narrowDependencyCheck: null,
  overrideListRejectsDependencies: false,
  scanChecksDependencies: false,
  excludesRejected: false,
  levelsForInstalledOnly: false,
};
