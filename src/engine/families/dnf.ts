import type {FilterKey} from '../../baseline/model.js';
import type {Advisory} from '../../inventory/schema.js';
import {entryMatchesAny} from '../glob.js';
import type {EngineContext, OfferedVersion, PackageView, PatchRecord, PropertyValue, ReleaseDate} from '../linux-types.js';
import {renderRpmNevra} from '../patch-lists.js';
import {bareInstalled, installedOffered, parseInstant, UNKNOWN_RELEASE, type FamilyRules} from './family.js';
import {
  commonRpmProperty,
  matchesRpmSpec,
  matchRpmApproved,
  noticeRecords,
  noticeSeverityProperty,
  noticeTypeProperty,
  rpmMatchesByVersionOnly,
  securityValues,
  values,
} from './rpm-common.js';

/**
 * The dnf code path (`patch_dnf/`): AL2022/AL2023, RHEL / Oracle Linux 8+, Rocky, Alma,
 * CentOS 8 and Stream (DECISION-25).
 */

/** A notice makes its versions security only with a type and a `<severity>` (`has_metadata`). */
function hasMetadata(advisory: Advisory): boolean {
  return advisory.type.trim() !== '' && advisory.severity !== undefined && advisory.severity.trim() !== '';
}

/** dnf's advisory ids are the notice's `self` references, not `<id>` (§2.3). */
function dnfAdvisoryIds(advisory: Advisory): readonly string[] {
  return advisory.selfReferences;
}

export const dnfRules: FamilyRules = {
  family: 'dnf',

  records: noticeRecords,

  property(key: FilterKey, record: PatchRecord, ctx: EngineContext): PropertyValue {
    const advisory = record.advisory;
    switch (key) {
      case 'CLASSIFICATION':
        return noticeTypeProperty(advisory);
      case 'SEVERITY':
        // No `<severity>` element: the property is absent on dnf (only `*` passes, DECISION-5).
        return noticeSeverityProperty(advisory);
      case 'ADVISORY_ID':
        return values(advisory ? dnfAdvisoryIds(advisory) : []);
      case 'SECURITY':
        return values(securityValues(dnfRules.isSecurity(record.version)));
      default:
        return commonRpmProperty(key, record, ctx);
    }
  },

  valueMatches(key: FilterKey, property: string, filterValue: string): boolean {
    // dnf compares CLASSIFICATION and SEVERITY case-insensitively, verbatim (DECISION-9).
    if (key === 'CLASSIFICATION' || key === 'SEVERITY') return property.toLowerCase() === filterValue.toLowerCase();
    return property === filterValue;
  },

  releaseDate(record: PatchRecord): ReleaseDate {
    // `issued` only; notice-less versions have no date at all (§4.1, DECISION-14).
    if (record.advisory === null) return UNKNOWN_RELEASE;
    const issued = parseInstant(record.advisory.issued);
    return issued === null ? UNKNOWN_RELEASE : {instant: issued, source: 'issued'};
  },

  hasSecurityTest: true,

  isSecurity(version: OfferedVersion): boolean {
    return version.advisories.some(hasMetadata);
  },

  describeNotSecurity(version: OfferedVersion): string {
    if (version.advisories.length === 0) return `${version.version} is listed in no update notice`;
    const ids = version.advisories.map((a) => a.id).join(', ');
    return `${version.version} is listed only in notices without a <severity> (${ids})`;
  },

  bypassesGlobalFilters(): boolean {
    // Explicit approval skips GlobalFilters on dnf (`patch_common/baseline.py`).
    return true;
  },

  matchApproved(entry, pkg, version, records) {
    return matchRpmApproved(entry, pkg, version, records, dnfAdvisoryIds);
  },

  matchRejected: matchesRpmSpec,

  matchesByVersionOnly: rpmMatchesByVersionOnly,

  matchOverride: matchesRpmSpec,

  installedApprovalVersions(pkg: PackageView, ctx: EngineContext): OfferedVersion[] {
    // dnf never reads the installed version's notice (§6.4): it is evaluated as a bare version.
    const installed = pkg.installedVersion;
    if (installed === null) return [];
    const offered = installedOffered(pkg, ctx);
    const bare = bareInstalled(installed);
    return [offered === null ? bare : {...bare, version: offered.version, repositories: offered.repositories}];
  },

  installedRejectedVersion(pkg: PackageView) {
    // dnf reports an installed rejected package INSTALLED_REJECTED under either action.
    return pkg.installedVersion === null ? null : {version: pkg.installedVersion, needsBlock: false};
  },

  dependencyRejected(entry, name, arch, version) {
    // The BLOCK check compares only `name-epoch:version-release.arch`; a bare name misses it.
    return entryMatchesAny(entry, [renderRpmNevra(name, arch, version)]);
  },

  dependencyPolicy(action, overrideList) {
    // `_package_has_rejected_dependencies` runs while the baseline picks versions (Scan and
    // Install); an InstallOverrideList installs with plain dnf, which resolves freely.
    return action === 'BLOCK' && !overrideList ? 'block-fallback' : 'allow';
  },

  narrowDependencyCheck:
    "dnf's BLOCK check compares only the full name-epoch:version-release.arch string, which this entry does not match",
  overrideListRejectsDependencies: false,
  scanChecksDependencies: true,
  excludesRejected: false,
  levelsForInstalledOnly: false,
};
