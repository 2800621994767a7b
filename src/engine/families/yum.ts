import type {FilterKey} from '../../baseline/model.js';
import type {EngineContext, OfferedVersion, PackageView, PatchRecord, PropertyValue, ReleaseDate} from '../linux-types.js';
import {bareInstalled, installedOffered, parseInstant, UNKNOWN_RELEASE, type FamilyRules} from './family.js';
import {
  commonRpmProperty,
  matchesRpmSpec,
  matchRpmApproved,
  noticeRecords,
  rpmMatchesByVersionOnly,
  securityValues,
  titleCase,
  values,
} from './rpm-common.js';

/**
 * The yum code path (`patch_yum/`): AMAZON_LINUX, AMAZON_LINUX_2 and the 7.x releases of
 * RHEL / CentOS / Oracle Linux.
 */
export const yumRules: FamilyRules = {
  family: 'yum',

  records: noticeRecords,

  property(key: FilterKey, record: PatchRecord, ctx: EngineContext): PropertyValue {
    switch (key) {
      case 'CLASSIFICATION':
        return values(record.advisory ? [record.advisory.type] : []);
      case 'SEVERITY':
        // yum gives a notice without <severity> the severity `None` (DECISION-5, §1.3).
        return values(record.advisory ? [record.advisory.severity ?? 'None'] : []);
      case 'ADVISORY_ID':
        return values(record.advisory ? [record.advisory.id] : []);
      case 'SECURITY':
        return values(securityValues(yumRules.isSecurity(record.version)));
      default:
        return commonRpmProperty(key, record, ctx);
    }
  },

  valueMatches(key: FilterKey, property: string, filterValue: string): boolean {
    // yum title-cases the notice value and compares case-sensitively (§1.3).
    if (key === 'CLASSIFICATION' || key === 'SEVERITY') return titleCase(property) === filterValue;
    return property === filterValue;
  },

  releaseDate(record: PatchRecord): ReleaseDate {
    // `updated`, then `issued`; a notice-less version is dated by its build time (§4.1).
    if (record.advisory !== null) {
      const updated = parseInstant(record.advisory.updated);
      if (updated !== null) return {instant: updated, source: 'updated'};
      const issued = parseInstant(record.advisory.issued);
      if (issued !== null) return {instant: issued, source: 'issued'};
      return UNKNOWN_RELEASE;
    }
    const built = parseInstant(record.version.buildTime);
    return built === null ? UNKNOWN_RELEASE : {instant: built, source: 'build time'};
  },

  hasSecurityTest: true,

  isSecurity(version: OfferedVersion): boolean {
    // Any notice counts, whatever its type (`patch_yum/yum_package.py` is_non_security).
    return version.advisories.length > 0;
  },

  describeNotSecurity(version: OfferedVersion): string {
    return `${version.version} is listed in no update notice`;
  },

  bypassesGlobalFilters(via: 'spec' | 'id'): boolean {
    // Package specs skip GlobalFilters, advisory/CVE/Bugzilla ids do not (`yum_baseline.py`).
    return via === 'spec';
  },

  matchApproved(entry, pkg, version, records) {
    return matchRpmApproved(entry, pkg, version, records, (a) => [a.id]);
  },

  matchRejected: matchesRpmSpec,

  matchesByVersionOnly: rpmMatchesByVersionOnly,

  matchOverride: matchesRpmSpec,

  installedApprovalVersions(pkg: PackageView, ctx: EngineContext): OfferedVersion[] {
    // yum reports INSTALLED when the highest approved version it knows (older ones and the
    // installed one included) is not newer than the installed one (`yum_report.py`).
    const installed = pkg.installedVersion;
    if (installed === null) return [];
    const atOrBelow = pkg.versions.filter((v) => ctx.compare(v.version, installed) <= 0);
    return installedOffered(pkg, ctx) === null ? [bareInstalled(installed), ...atOrBelow] : atOrBelow;
  },

  installedRejectedVersion(pkg: PackageView) {
    return pkg.installedVersion === null ? null : {version: pkg.installedVersion, needsBlock: true};
  },

  // RejectedPatches is yum's exclude list: a matching version is invisible to yum (§6.1 step 2).
  dependencyRejected: matchesRpmSpec,

  dependencyPolicy(action) {
    // Excluded versions cannot be installed whatever the action; BLOCK also skips the target
    // on Install (`yum_require.py`).
    return action === 'BLOCK' ? 'block-skip' : 'fails';
  },

  describeFailingDependency({dependency, entryPath}) {
    return {note: `it needs ${dependency}, which ${entryPath} excludes from yum, so installing it will fail`, warning: null};
  },
  narrowDependencyCheck: null,
  overrideListRejectsDependencies: false,
  scanChecksDependencies: false,
  excludesRejected: true,
  levelsForInstalledOnly: false,
};
