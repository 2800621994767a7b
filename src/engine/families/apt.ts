import type {FilterKey} from '../../baseline/model.js';
import type {AptOrigin} from '../../inventory/schema.js';
import {entryMatchesAny} from '../glob.js';
import type {EngineContext, OfferedVersion, PackageView, PatchRecord, PropertyValue} from '../linux-types.js';
import {renderAptForms, renderAptVersionOnlyForms} from '../patch-lists.js';
import {bareInstalled, installedOffered, type FamilyRules} from './family.js';

/** The apt code path (`patch_apt/`): UBUNTU, DEBIAN, RASPBIAN. */

/** The keys apt evaluates; every other key accepts everything on apt (§1.3). */
const APT_KEYS: ReadonlySet<FilterKey> = new Set<FilterKey>(['PRODUCT', 'PRIORITY', 'SECTION']);

/**
 * `is_security_version`: a trusted origin whose suite contains `security` (ESM pockets
 * included, DECISION-17) or that is served from security.debian.org.
 */
export function isSecurityOrigin(origin: AptOrigin): boolean {
  if (!origin.trusted) return false;
  return origin.archive.toLowerCase().includes('security') || origin.site.toLowerCase().includes('security.debian.org');
}

function listOrNone(items: readonly string[]): string {
  return items.length === 0 ? 'none' : items.join(', ');
}

export const aptRules: FamilyRules = {
  family: 'apt',

  records(pkg: PackageView, version: OfferedVersion): PatchRecord[] {
    return [{name: pkg.name, arch: pkg.arch, version, advisory: null}];
  },

  property(key: FilterKey, record: PatchRecord, ctx: EngineContext): PropertyValue {
    if (!APT_KEYS.has(key)) return {kind: 'ignored'};
    const value = key === 'PRODUCT' ? ctx.node.product : key === 'PRIORITY' ? record.version.priority : record.version.section;
    return value === undefined || value === '' ? {kind: 'absent'} : {kind: 'values', values: [value]};
  },

  valueMatches(_key: FilterKey, property: string, filterValue: string): boolean {
    // PRODUCT, PRIORITY and SECTION are compared case-insensitively on apt (§1.3).
    return property.toLowerCase() === filterValue.toLowerCase();
  },

  releaseDate(): null {
    // apt repositories carry no release dates: date options are not supported (§4.3, DECISION-7).
    return null;
  },

  hasSecurityTest: true,

  isSecurity(version: OfferedVersion): boolean {
    return version.origins.some(isSecurityOrigin);
  },

  describeNotSecurity(version: OfferedVersion): string {
    const suites = [...new Set(version.origins.map((o) => (o.trusted ? o.archive : `${o.archive} (untrusted)`)))];
    return `no origin of ${version.version} is a trusted security suite (origins: ${listOrNone(suites)})`;
  },

  bypassesGlobalFilters(): boolean {
    // apt applies GlobalFilters to every version, explicitly approved or not (§6.1 step 4).
    return false;
  },

  matchApproved(entry, pkg, version) {
    return {spec: entryMatchesAny(entry, renderAptForms(pkg.name, pkg.arch, version.version)), idRecords: []};
  },

  matchRejected(entry, name, arch, version) {
    return entryMatchesAny(entry, renderAptForms(name, arch, version));
  },

  matchesByVersionOnly(entry, name, arch, version) {
    const named = [name, `${name}.${arch}`, `${name}-${version}`, `${name}.${arch}:${version}`];
    return entryMatchesAny(entry, renderAptVersionOnlyForms(name, arch, version)) && !entryMatchesAny(entry, named);
  },

  matchOverride(value, name, arch, version) {
    return entryMatchesAny(value, renderAptForms(name, arch, version));
  },

  installedApprovalVersions(pkg: PackageView, ctx: EngineContext): OfferedVersion[] {
    // Every version ≥ installed is a record; with no newer one approved, INSTALLED needs the
    // installed one approved. Not offered by a repository, it has no origin and no fields.
    const installed = pkg.installedVersion;
    if (installed === null) return [];
    return [installedOffered(pkg, ctx) ?? bareInstalled(installed)];
  },

  installedRejectedVersion(pkg: PackageView) {
    return pkg.installedVersion === null ? null : {version: pkg.installedVersion, needsBlock: true};
  },

  dependencyRejected(entry, name, arch, version) {
    return entryMatchesAny(entry, renderAptForms(name, arch, version));
  },

  dependencyPolicy(action) {
    // libapt refuses a change that installs a rejected version only under BLOCK, then tries
    // the next approved version (`changes_checker.py`).
    return action === 'BLOCK' ? 'block-fallback' : 'allow';
  },

  narrowDependencyCheck: null,
  overrideListRejectsDependencies: true,
  scanChecksDependencies: false,
  excludesRejected: false,
  levelsForInstalledOnly: true,
};
