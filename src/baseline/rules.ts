import type {OperatingSystem} from '../core/ids.js';
import {BASELINE_FILTER_KEYS, LENIENT_FILTER_KEYS, type FilterKey, type OsFamily} from './model.js';
import {KNOWN_TOP_LEVEL_FIELDS, type BaselineDocument, type PatchFilterDocument} from './schema.js';

/**
 * Second pass (meaning), after `schema.ts` has checked shape and limits: which filter keys
 * and values an OS accepts (spec §2), the approval-timing rules (§1.4), Linux- and
 * Windows-only fields, and list entries that cannot match what the user probably meant
 * (§3). Every issue is collected; `load.ts` fails on the first error in document order and
 * returns the warnings.
 */

/** A finding with its path as segments, so it can be ordered as it appears in the document. */
export interface RuleIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export interface RuleFindings {
  readonly errors: readonly RuleIssue[];
  readonly warnings: readonly RuleIssue[];
}

export interface RuleOptions {
  /** DECISION-8: NAME/ARCH/… filter keys become warnings (and are evaluated) instead of errors. */
  readonly lenient?: boolean;
}

export function familyOf(os: OperatingSystem): OsFamily {
  switch (os) {
    case 'UBUNTU':
    case 'DEBIAN':
    case 'RASPBIAN':
      return 'apt';
    case 'SUSE':
      return 'suse';
    case 'MACOS':
      return 'macos';
    case 'WINDOWS':
      return 'windows';
    default:
      return 'rpm';
  }
}

const range = (prefix: string, major: number, from: number, to: number): string[] =>
  Array.from({length: to - from + 1}, (_, i) => `${prefix}${major}.${from + i}`);

const AMAZON_LINUX_1_PRODUCTS = ['2012.03', '2012.09', '2013.03', '2013.09', '2014.03', '2014.09', '2015.03', '2015.09', '2016.03', '2016.09', '2017.03', '2017.09', '2018.03'].map(
  (release) => `AmazonLinux${release}`,
);

/**
 * Spec §2.2 PRODUCT values. The list is open-ended (AWS adds products with each OS release),
 * so an unknown PRODUCT is a warning, never an error. OSs §2.2 does not list (Oracle, Rocky,
 * Alma, Raspbian, macOS) carry AWS's naming pattern where it is known, else nothing.
 */
export const KNOWN_PRODUCTS: Readonly<Record<OperatingSystem, readonly string[]>> = {
  AMAZON_LINUX: AMAZON_LINUX_1_PRODUCTS,
  AMAZON_LINUX_2: ['AmazonLinux2', 'AmazonLinux2.0'],
  AMAZON_LINUX_2022: ['AmazonLinux2022', 'AmazonLinux2023'],
  AMAZON_LINUX_2023: ['AmazonLinux2022', 'AmazonLinux2023'],
  REDHAT_ENTERPRISE_LINUX: [
    ...range('RedhatEnterpriseLinux', 6, 5, 10),
    ...range('RedhatEnterpriseLinux', 7, 0, 9),
    ...range('RedhatEnterpriseLinux', 8, 0, 10),
    ...range('RedhatEnterpriseLinux', 9, 0, 10),
    ...range('RedhatEnterpriseLinux', 10, 0, 2),
  ],
  CENTOS: [...range('CentOS', 6, 5, 10), ...range('CentOS', 7, 0, 9), ...range('CentOS', 8, 0, 5), 'CentOSStream8', 'CentOSStream9'],
  ORACLE_LINUX: [...range('OracleLinux', 7, 0, 9), ...range('OracleLinux', 8, 0, 10), ...range('OracleLinux', 9, 0, 10)],
  ROCKY_LINUX: [...range('RockyLinux', 8, 0, 10), ...range('RockyLinux', 9, 0, 10)],
  ALMA_LINUX: [...range('AlmaLinux', 8, 0, 10), ...range('AlmaLinux', 9, 0, 10)],
  SUSE: [...range('Suse', 12, 0, 9), ...range('Suse', 15, 0, 7)],
  UBUNTU: ['Ubuntu14.04', 'Ubuntu16.04', 'Ubuntu18.04', 'Ubuntu20.04', 'Ubuntu20.10', 'Ubuntu22.04', 'Ubuntu24.04', 'Ubuntu25.04'],
  DEBIAN: ['Debian8', 'Debian9', 'Debian10', 'Debian11', 'Debian12'],
  RASPBIAN: [],
  MACOS: [],
  WINDOWS: [
    'WindowsServer2008',
    'WindowsServer2008R2',
    'WindowsServer2012',
    'WindowsServer2012R2',
    'WindowsServer2016',
    'WindowsServer2019',
    'WindowsServer2022',
    'WindowsServer2025',
  ],
};

const RPM_CLASSIFICATIONS = ['Security', 'Bugfix', 'Enhancement', 'Recommended', 'Newpackage'];
const RPM_SEVERITIES = ['Critical', 'Important', 'Medium', 'Low'];

/** How the values of one key are checked for one OS. */
type ValueCheck =
  /** AWS validates these exactly (case-sensitive): anything else is an error. */
  | {readonly kind: 'enum'; readonly values: readonly string[]}
  /** Open-ended: anything outside `known` is a warning. */
  | {readonly kind: 'open'; readonly known: readonly string[]; readonly note: string}
  /** Free text (apt SECTION, lenient keys): only the length, which the schema checked. */
  | {readonly kind: 'free'};

function valueCheck(os: OperatingSystem, key: FilterKey): ValueCheck {
  const family = familyOf(os);
  switch (key) {
    case 'PRODUCT':
      return {kind: 'open', known: KNOWN_PRODUCTS[os], note: 'it is compared literally'};
    case 'CLASSIFICATION':
      if (family === 'suse') return {kind: 'enum', values: ['Security', 'Recommended', 'Optional', 'Feature', 'Document', 'Yast']};
      if (family === 'windows') {
        return {
          kind: 'enum',
          values: ['CriticalUpdates', 'DefinitionUpdates', 'Drivers', 'FeaturePacks', 'SecurityUpdates', 'ServicePacks', 'Tools', 'UpdateRollups', 'Updates', 'Upgrades'],
        };
      }
      if (family === 'macos') {
        // AWS does not document macOS classifications; patchplan classifies an update only
        // as Security or not at all (DECISION-10), so other values can never match.
        return {kind: 'open', known: ['Security'], note: 'patchplan classifies macOS updates only as Security, so it matches nothing'};
      }
      return {kind: 'enum', values: RPM_CLASSIFICATIONS};
    case 'SEVERITY':
      if (family === 'suse') return {kind: 'enum', values: ['Critical', 'Important', 'Moderate', 'Low']};
      if (os === 'ORACLE_LINUX') return {kind: 'enum', values: ['Critical', 'Important', 'Moderate', 'Low', 'N/A']};
      if (os === 'AMAZON_LINUX_2022' || os === 'AMAZON_LINUX_2023') return {kind: 'enum', values: [...RPM_SEVERITIES, 'None']};
      return {kind: 'enum', values: RPM_SEVERITIES};
    case 'PRIORITY':
      return {kind: 'enum', values: ['Required', 'Important', 'Standard', 'Optional', 'Extra']};
    case 'MSRC_SEVERITY':
      return {kind: 'enum', values: ['Critical', 'Important', 'Moderate', 'Low', 'Unspecified']};
    case 'PATCH_SET':
      return {kind: 'enum', values: ['OS', 'APPLICATION']};
    case 'PRODUCT_FAMILY':
      return {kind: 'open', known: ['Windows', 'Office', 'Exchange'], note: 'it is compared literally'};
    default:
      return {kind: 'free'};
  }
}

type Path = readonly (string | number)[];

class Findings {
  readonly errors: RuleIssue[] = [];
  readonly warnings: RuleIssue[] = [];
  error(path: Path, message: string): void {
    this.errors.push({path, message});
  }
  warn(path: Path, message: string): void {
    this.warnings.push({path, message});
  }
}

const quote = (value: string): string => JSON.stringify(value);

function examples(values: readonly string[]): string {
  return values.length > 5 ? `${values.slice(0, 4).join(', ')}, …` : values.join(', ');
}

function checkFilterGroup(
  os: OperatingSystem,
  filters: readonly PatchFilterDocument[],
  path: Path,
  options: RuleOptions,
  out: Findings,
): void {
  const allowed = BASELINE_FILTER_KEYS[familyOf(os)];
  const seen = new Map<FilterKey, number>();
  filters.forEach((filter, index) => {
    const filterPath = [...path, index];
    const first = seen.get(filter.Key);
    if (first !== undefined) {
      out.error(
        [...filterPath, 'Key'],
        `${filter.Key} appears twice in this group (also PatchFilters[${first}]); put all values in one filter`,
      );
    } else {
      seen.set(filter.Key, index);
    }
    if (!allowed.includes(filter.Key)) {
      if (LENIENT_FILTER_KEYS.includes(filter.Key)) {
        if (options.lenient) {
          out.warn(
            [...filterPath, 'Key'],
            familyOf(os) === 'apt'
              ? `${filter.Key} is not a baseline filter key for ${os}; --lenient accepts it, but apt evaluates only ${allowed.join(', ')}, so it is ignored`
              : `${filter.Key} is not a baseline filter key for ${os}; evaluated as an exact-or-* match because of --lenient`,
          );
        } else {
          out.error(
            [...filterPath, 'Key'],
            `${filter.Key} is not a baseline filter key for ${os} (AWS documents it only for DescribeAvailablePatches; allowed: ${allowed.join(', ')}; --lenient evaluates it as an exact-or-* match)`,
          );
        }
      } else {
        out.error([...filterPath, 'Key'], `${filter.Key} is not a baseline filter key for ${os} (allowed: ${allowed.join(', ')})`);
      }
      if (!options.lenient || !LENIENT_FILTER_KEYS.includes(filter.Key)) return;
    }
    checkFilterValues(os, filter, filterPath, out);
  });
}

function checkFilterValues(os: OperatingSystem, filter: PatchFilterDocument, path: Path, out: Findings): void {
  if (filter.Values.includes('*') && filter.Values.length > 1) {
    out.warn([...path, 'Values'], '"*" already matches every value; the other values change nothing');
  }
  const check = valueCheck(os, filter.Key);
  filter.Values.forEach((value, index) => {
    if (value === '*') return;
    const valuePath = [...path, 'Values', index];
    // DECISION-4: only the lone value "*" is a wildcard; say so when someone tries `Ubuntu*`.
    const wildcardNote = value.includes('*') ? ' (only a lone "*" is a wildcard)' : '';
    switch (check.kind) {
      case 'enum': {
        if (check.values.includes(value)) return;
        const sameLetters = check.values.find((v) => v.toLowerCase() === value.toLowerCase());
        const hint = sameLetters ? `; values are case-sensitive: did you mean ${quote(sameLetters)}?` : '';
        out.error(
          valuePath,
          `${quote(value)} is not a ${filter.Key} value for ${os} (allowed: ${check.values.join(', ')}, *)${hint}${wildcardNote}`,
        );
        return;
      }
      case 'open': {
        if (check.known.includes(value)) return;
        const known = check.known.length > 0 ? ` (known: ${examples(check.known)})` : '';
        out.warn(valuePath, `${quote(value)} is not a ${filter.Key} value patchplan knows for ${os}${known}; ${check.note}${wildcardNote}`);
        return;
      }
      case 'free':
        if (wildcardNote) out.warn(valuePath, `${quote(value)} is matched literally${wildcardNote}`);
        return;
    }
  });
}

function checkRules(os: OperatingSystem, doc: BaselineDocument, options: RuleOptions, out: Findings): void {
  const family = familyOf(os);
  (doc.ApprovalRules?.PatchRules ?? []).forEach((rule, index) => {
    const path = ['ApprovalRules', 'PatchRules', index];
    checkFilterGroup(os, rule.PatchFilterGroup.PatchFilters, [...path, 'PatchFilterGroup', 'PatchFilters'], options, out);
    const hasDays = rule.ApproveAfterDays !== undefined;
    const hasDate = rule.ApproveUntilDate !== undefined;
    if (family === 'apt') {
      // DECISION-7: apt has no release dates; AWS itself echoes "ApproveAfterDays": 0 on apt
      // rules, so only a value that would change something is worth a warning.
      const ignored = `ignored on ${os}: apt repositories carry no release dates, so the rule approves at once`;
      if (hasDays && rule.ApproveAfterDays !== 0) out.warn([...path, 'ApproveAfterDays'], ignored);
      if (hasDate) out.warn([...path, 'ApproveUntilDate'], ignored);
    } else if (hasDays && hasDate) {
      out.error([...path, 'ApproveUntilDate'], 'give either ApproveAfterDays or ApproveUntilDate, not both');
    } else if (!hasDays && !hasDate) {
      // Pointing at the absent field sorts this after the rule's own filter problems.
      out.error([...path, 'ApproveAfterDays'], `is required on ${os} unless ApproveUntilDate is given`);
    }
    if (family === 'windows' && rule.EnableNonSecurity === true) {
      out.error([...path, 'EnableNonSecurity'], 'is for Linux only; not supported on WINDOWS');
    }
  });
}

const DIGITS = /^\d+$/;
const CVE = /^CVE-\d{4}-\d+$/i;
/** ALAS-2018-123, ALAS2-2021-1594, ALAS2023-2025-123, RHSA-2017:0864, ELSA-2025-123, … */
const RPM_ADVISORY = /^[A-Z][A-Z0-9]*-\d{4}[-:]\d+$/;
const APT_ADVISORY = /^(USN|DSA|DLA)-\d+(-\d+)?$/i;
const SUSE_PATCH_NAME = /^(open)?SUSE-/i;
const WINDOWS_ID = /^(KB\d+|MS\d{2}-\d{3})$/i;
const GLOB = /[*?[]/;

/**
 * True for the bare `version`, `version-release`, `epoch:version-release` (rpm) and
 * `version`, `arch:version` (apt) forms: they match every package that has that version
 * (spec §3.1), which is rarely what was meant. A digits-only entry is a Bugzilla id, not
 * this; `389-ds-base` and `7zip` are package names.
 */
export function isVersionOnlySpec(entry: string): boolean {
  const prefixed = /^([A-Za-z0-9_]+):(.+)$/.exec(entry);
  const rest = prefixed?.[2] ?? entry;
  const parts = rest.split('-');
  if (parts.length > 2) return false;
  const [version, release] = parts;
  if (version === undefined || !/^\d[0-9A-Za-z.+~^_*?]*$/.test(version)) return false;
  if (!prefixed && !version.includes('.')) return false;
  return release === undefined || /^[0-9A-Za-z.+~^_*?]+$/.test(release);
}

function checkPatchList(
  os: OperatingSystem,
  list: 'ApprovedPatches' | 'RejectedPatches',
  entries: readonly string[],
  out: Findings,
): void {
  const family = familyOf(os);
  entries.forEach((entry, index) => {
    const path = [list, index];
    switch (family) {
      case 'rpm':
        if (list === 'RejectedPatches' && (DIGITS.test(entry) || CVE.test(entry) || RPM_ADVISORY.test(entry))) {
          out.warn(path, `${quote(entry)} looks like an advisory, CVE or Bugzilla id; RejectedPatches match package specs only, so it rejects nothing`);
        } else if (isVersionOnlySpec(entry)) {
          out.warn(path, `${quote(entry)} names only a version: it matches every package with that version`);
        }
        return;
      case 'apt':
        if (CVE.test(entry) || APT_ADVISORY.test(entry)) {
          out.warn(path, `${quote(entry)} looks like an advisory or CVE id; apt lists match package names and versions only, so it matches nothing`);
        } else if (isVersionOnlySpec(entry)) {
          out.warn(path, `${quote(entry)} names only a version: it matches every package with that version`);
        }
        return;
      case 'suse':
        if (entry.endsWith('.rpm')) {
          out.warn(path, `${quote(entry)} is an .rpm file name; zypper entries are package-name patterns, so it matches no package`);
        } else if (SUSE_PATCH_NAME.test(entry)) {
          out.warn(path, `${quote(entry)} looks like a patch name; zypper entries are package-name patterns, so it matches no package`);
        }
        return;
      case 'macos':
        // A pattern would silently match nothing (macOS compares exact names, spec §3.4);
        // a RejectedPatches entry that rejects nothing is the dangerous case, so refuse it.
        if (GLOB.test(entry)) out.error(path, `${quote(entry)}: wildcards are not supported on MACOS; give the exact package name`);
        return;
      case 'windows':
        if (!WINDOWS_ID.test(entry)) {
          out.warn(path, `${quote(entry)} is neither a KB id (KB1234567) nor an MS bulletin id (MS10-048), the only forms Windows matches`);
        }
        return;
    }
  });
}

/**
 * Checks a schema-valid document's meaning. `os` is the resolved OperatingSystem (WINDOWS
 * when the document has none; `load.ts` adds the DECISION-1 warning).
 */
export function checkBaselineRules(doc: BaselineDocument, options: RuleOptions = {}): RuleFindings {
  const out = new Findings();
  const os = doc.OperatingSystem ?? 'WINDOWS';
  const family = familyOf(os);
  if (doc.OperatingSystem === undefined) {
    out.warn(['OperatingSystem'], 'is missing; assuming WINDOWS, as the AWS API does');
  }
  checkFilterGroup(os, doc.GlobalFilters?.PatchFilters ?? [], ['GlobalFilters', 'PatchFilters'], options, out);
  checkRules(os, doc, options, out);
  checkPatchList(os, 'ApprovedPatches', doc.ApprovedPatches ?? [], out);
  checkPatchList(os, 'RejectedPatches', doc.RejectedPatches ?? [], out);
  if (family === 'windows' && doc.ApprovedPatchesEnableNonSecurity === true) {
    out.error(['ApprovedPatchesEnableNonSecurity'], 'is for Linux only; not supported on WINDOWS');
  }
  if ((family === 'windows' || family === 'macos') && (doc.Sources?.length ?? 0) > 0) {
    out.error(['Sources'], `alternative patch sources are for Linux only; not supported on ${os}`);
  }
  if (family !== 'windows' && doc.AvailableSecurityUpdatesComplianceStatus !== undefined) {
    out.error(['AvailableSecurityUpdatesComplianceStatus'], `is for WINDOWS only; not supported on ${os}`);
  }
  if ((doc.ApprovalRules?.PatchRules.length ?? 0) === 0 && (doc.ApprovedPatches?.length ?? 0) === 0) {
    out.warn([], 'approves nothing: no ApprovalRules.PatchRules and no ApprovedPatches');
  }
  return out;
}

/** Top-level fields nobody knows: ignored as spec §1 says, but a typo deserves a word. */
export function checkUnknownTopLevelFields(written: Record<string, unknown>): RuleIssue[] {
  return Object.keys(written)
    .filter((key) => !KNOWN_TOP_LEVEL_FIELDS.has(key))
    .map((key) => ({path: [key], message: 'unknown field, ignored'}));
}

/**
 * Orders issues as their places appear in the written document (object keys in written
 * order, array elements by index), so "the first error" is the first one a reader meets.
 * A path to an absent key sorts after its present siblings.
 */
export function compareDocumentOrder(document: unknown, a: Path, b: Path): number {
  let nodeA: unknown = document;
  let nodeB: unknown = document;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const stepA = a[i] as string | number;
    const stepB = b[i] as string | number;
    if (stepA !== stepB) return position(nodeA, stepA) - position(nodeB, stepB);
    nodeA = child(nodeA, stepA);
    nodeB = nodeA;
  }
  // A place comes before the places inside it.
  return a.length - b.length;
}

function position(node: unknown, step: string | number): number {
  if (typeof step === 'number') return step;
  if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
    const index = Object.keys(node).indexOf(step);
    if (index >= 0) return index;
  }
  return Number.MAX_SAFE_INTEGER;
}

function child(node: unknown, step: string | number): unknown {
  if (node !== null && typeof node === 'object') return (node as Record<string | number, unknown>)[step];
  return undefined;
}
