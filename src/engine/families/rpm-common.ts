import type {FilterKey} from '../../baseline/model.js';
import type {Advisory} from '../../inventory/schema.js';
import {parseEvr} from '../../versions/rpm.js';
import {entryMatchesAny} from '../glob.js';
import type {ApprovedMatch, EngineContext, OfferedVersion, PackageView, PatchRecord, PropertyValue} from '../linux-types.js';
import {renderRpmForms, renderRpmVersionOnlyForms} from '../patch-lists.js';

/**
 * What yum, dnf and zypper share: records are (version, notice) pairs, the NAME/ARCH/EPOCH/…
 * keys of DECISION-8 read the rpm components, PRODUCT is the node's product compared exactly.
 */

/** §2.3: one record per notice that lists the version, or one without a notice. */
export function noticeRecords(pkg: PackageView, version: OfferedVersion): PatchRecord[] {
  if (version.advisories.length === 0) return [{name: pkg.name, arch: pkg.arch, version, advisory: null}];
  return version.advisories.map((advisory) => ({name: pkg.name, arch: pkg.arch, version, advisory}));
}

export function values(list: readonly string[]): PropertyValue {
  return list.length === 0 ? {kind: 'absent'} : {kind: 'values', values: list};
}

export const ABSENT: PropertyValue = {kind: 'absent'};

/**
 * The keys every rpm family reads the same way. CLASSIFICATION, SEVERITY, ADVISORY_ID and
 * SECURITY differ per family and are handled by the caller; keys that are no property of an
 * rpm package (PRIORITY, SECTION, the Windows keys) are absent, so only `*` passes them.
 */
export function commonRpmProperty(key: FilterKey, record: PatchRecord, ctx: EngineContext): PropertyValue {
  const evr = parseEvr(record.version.version);
  switch (key) {
    case 'PRODUCT':
      return values([ctx.node.product]);
    case 'NAME':
      return values([record.name]);
    case 'ARCH':
      return values([record.arch]);
    case 'EPOCH':
      return values([String(evr.epoch ?? 0)]);
    case 'VERSION':
      return values([evr.version]);
    case 'RELEASE':
      return values(evr.release ? [evr.release] : []);
    case 'REPOSITORY':
      return values(record.version.repositories);
    case 'CVE_ID':
      return values(record.advisory?.cves ?? []);
    case 'BUGZILLA_ID':
      return values(record.advisory?.bugzillas ?? []);
    default:
      return ABSENT;
  }
}

/** dnf and zypper CLASSIFICATION: the notice's type; absent without a notice or with a blank type. */
export function noticeTypeProperty(notice: Advisory | null): PropertyValue {
  return values(notice && notice.type.trim() !== '' ? [notice.type] : []);
}

/** dnf and zypper SEVERITY: absent without a `<severity>` element or with a blank one (only `*` passes, DECISION-5). */
export function noticeSeverityProperty(notice: Advisory | null): PropertyValue {
  return values(notice?.severity !== undefined && notice.severity.trim() !== '' ? [notice.severity] : []);
}

/**
 * Python's `str.title()` on ASCII, which yum applies to notice types and severities before a
 * case-sensitive comparison (`security` → `Security`, `newpackage` → `Newpackage`).
 */
export function titleCase(text: string): string {
  let out = '';
  let prevCased = false;
  for (const c of text) {
    const lower = c.toLowerCase();
    const upper = c.toUpperCase();
    const cased = lower !== upper;
    out += cased ? (prevCased ? lower : upper) : c;
    prevCased = cased;
  }
  return out;
}

/** The ids an ApprovedPatches entry can name in one notice (§3.1): advisory, CVE, Bugzilla. */
export function noticeIdsMatch(entry: string, advisory: Advisory, advisoryIds: readonly string[]): boolean {
  return advisoryIds.includes(entry) || advisory.cves.includes(entry) || advisory.bugzillas.includes(entry);
}

/**
 * §3.1: an entry is tried both as a package spec (twelve forms, case-insensitive, globs) and
 * as an id of the notices (exact, case-sensitive). `advisoryIdsOf` differs: yum reads `<id>`,
 * dnf the `self` references.
 */
export function matchRpmApproved(
  entry: string,
  pkg: PackageView,
  version: OfferedVersion,
  records: readonly PatchRecord[],
  advisoryIdsOf: (advisory: Advisory) => readonly string[],
): ApprovedMatch {
  const spec = matchesRpmSpec(entry, pkg.name, pkg.arch, version.version);
  const idRecords = records.filter(
    (r) => r.advisory !== null && noticeIdsMatch(entry, r.advisory, advisoryIdsOf(r.advisory)),
  );
  return {spec, idRecords};
}

/** §3.1: a list entry against the twelve rpm package-spec forms (case-insensitive, globs). */
export function matchesRpmSpec(entry: string, name: string, arch: string, version: string): boolean {
  return entryMatchesAny(entry, renderRpmForms(name, arch, version));
}

/** True when the entry matches the version-only forms but none naming the package. */
export function rpmMatchesByVersionOnly(entry: string, name: string, arch: string, version: string): boolean {
  const all = renderRpmForms(name, arch, version);
  const versionOnly = renderRpmVersionOnlyForms(version);
  const named = all.filter((form) => !versionOnly.includes(form));
  return entryMatchesAny(entry, versionOnly) && !entryMatchesAny(entry, named);
}

/** SECURITY (DECISION-8, lenient only): AWS documents no values, so both spellings are accepted. */
export function securityValues(security: boolean): string[] {
  return security ? ['SECURITY', 'true'] : ['NONSECURITY', 'false'];
}
