import type {OperatingSystem} from '../core/ids.js';

/**
 * The normalized baseline the engine evaluates: every default of spec §1.1 filled in, every
 * list present. It keeps, for each element, the JSON path into the written document so that
 * decisions can cite `ApprovalRules.PatchRules[0]` and errors can name the place.
 * The written (PascalCase) document shape lives in `baseline/schema.ts`.
 */

export type FilterKey =
  | 'ARCH'
  | 'ADVISORY_ID'
  | 'BUGZILLA_ID'
  | 'PATCH_SET'
  | 'PRODUCT'
  | 'PRODUCT_FAMILY'
  | 'CLASSIFICATION'
  | 'CVE_ID'
  | 'EPOCH'
  | 'MSRC_SEVERITY'
  | 'NAME'
  | 'PATCH_ID'
  | 'SECTION'
  | 'PRIORITY'
  | 'REPOSITORY'
  | 'RELEASE'
  | 'SEVERITY'
  | 'SECURITY'
  | 'VERSION';

/** The OS groups whose baselines accept the same filter keys (spec §2.1). */
export type OsFamily = 'rpm' | 'suse' | 'apt' | 'macos' | 'windows';

/**
 * Spec §2.1: the keys AWS documents for baseline filters, per OS family. Validation refuses
 * other keys (rules.ts); the engines warn about the ones they see anyway.
 */
export const BASELINE_FILTER_KEYS: Readonly<Record<OsFamily, readonly FilterKey[]>> = {
  rpm: ['PRODUCT', 'CLASSIFICATION', 'SEVERITY'],
  suse: ['PRODUCT', 'CLASSIFICATION', 'SEVERITY'],
  apt: ['PRODUCT', 'PRIORITY', 'SECTION'],
  macos: ['PRODUCT', 'CLASSIFICATION'],
  windows: ['PATCH_SET', 'PRODUCT', 'PRODUCT_FAMILY', 'CLASSIFICATION', 'MSRC_SEVERITY'],
};

/**
 * DECISION-8: keys AWS documents only for DescribeAvailablePatches. Strict mode refuses them;
 * `lenient` lets them through with a warning. A key that belongs to another OS's baselines
 * (PRIORITY on Amazon Linux, MSRC_SEVERITY on Ubuntu) stays an error even when lenient:
 * there is no package property to evaluate it against.
 */
export const LENIENT_FILTER_KEYS: readonly FilterKey[] = [
  'NAME',
  'ARCH',
  'EPOCH',
  'VERSION',
  'RELEASE',
  'REPOSITORY',
  'ADVISORY_ID',
  'CVE_ID',
  'BUGZILLA_ID',
  'PATCH_ID',
  'SECURITY',
];

export type ComplianceLevel = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL' | 'UNSPECIFIED';

export type RejectedPatchesAction = 'ALLOW_AS_DEPENDENCY' | 'BLOCK';

export interface Filter {
  readonly key: FilterKey;
  readonly values: readonly string[];
  /** JSON path in the document, e.g. `GlobalFilters.PatchFilters[1]`. */
  readonly path: string;
}

export interface Rule {
  /** 0-based index in ApprovalRules.PatchRules. */
  readonly index: number;
  /** `ApprovalRules.PatchRules[0]` */
  readonly path: string;
  readonly filters: readonly Filter[];
  readonly complianceLevel: ComplianceLevel;
  /** Exactly one of approveAfterDays / approveUntilDate on non-apt OSs; apt ignores both. */
  readonly approveAfterDays: number | null;
  /** `YYYY-MM-DD` as written. */
  readonly approveUntilDate: string | null;
  readonly enableNonSecurity: boolean;
}

export interface PatchListEntry {
  readonly value: string;
  /** `ApprovedPatches[3]` / `RejectedPatches[0]` */
  readonly path: string;
}

export interface PatchSource {
  readonly name: string;
  readonly products: readonly string[];
  readonly configuration: string;
}

export interface Baseline {
  readonly baselineId: string | null;
  readonly name: string | null;
  readonly description: string | null;
  readonly operatingSystem: OperatingSystem;
  readonly globalFilters: readonly Filter[];
  readonly rules: readonly Rule[];
  readonly approvedPatches: readonly PatchListEntry[];
  readonly approvedPatchesComplianceLevel: ComplianceLevel;
  readonly approvedPatchesEnableNonSecurity: boolean;
  readonly rejectedPatches: readonly PatchListEntry[];
  readonly rejectedPatchesAction: RejectedPatchesAction;
  readonly sources: readonly PatchSource[];
  /** Windows only; absent means COMPLIANT. */
  readonly availableSecurityUpdatesComplianceStatus: 'COMPLIANT' | 'NON_COMPLIANT';
}

/** A non-fatal finding about a baseline (unknown PRODUCT value, version-only spec, …). */
export interface BaselineWarning {
  readonly path: string;
  readonly message: string;
}

/** InstallOverrideList (spec §6.3), already parsed from YAML. */
export interface InstallOverrideList {
  /** Where it came from (path/URL), for decisions' `rule`. */
  readonly source: string;
  readonly patches: readonly {readonly id: string; readonly title?: string}[];
}
