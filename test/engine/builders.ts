/**
 * Builders for engine tests: short, readable inputs with every default of spec §1.1 / the
 * inventory schema filled in. Inventory pieces go through the real zod schemas so a test can
 * never feed the engine something an adapter or `--inventory` could not produce.
 */
import type {Baseline, ComplianceLevel, Filter, FilterKey, PatchListEntry, RejectedPatchesAction, Rule} from '../../src/baseline/model.js';
import {evaluateBaseline} from '../../src/engine/evaluate.js';
import type {Decision, EvaluateOptions, Evaluation} from '../../src/engine/engine-io.js';
import type {InstallOverrideList} from '../../src/baseline/model.js';
import {AdvisorySchema, AvailableVersionSchema, InventorySchema, PackageSchema, type Advisory, type AptOrigin, type AvailableVersion, type Dependency, type Inventory, type KernelLivePatching, type Package} from '../../src/inventory/schema.js';
import {type ManagerId, type OperatingSystem} from '../../src/core/ids.js';

export type FilterSpec = Partial<Record<FilterKey, readonly string[]>>;

export interface RuleSpec {
  readonly filters?: FilterSpec;
  readonly complianceLevel?: ComplianceLevel;
  readonly approveAfterDays?: number | null;
  readonly approveUntilDate?: string | null;
  readonly enableNonSecurity?: boolean;
}

function toFilters(spec: FilterSpec, path: string): Filter[] {
  return Object.entries(spec).map(([key, values], index) => ({
    key: key as FilterKey,
    values: [...(values ?? [])],
    path: `${path}[${index}]`,
  }));
}

export function aRule(spec: RuleSpec = {}, index = 0): Rule {
  const path = `ApprovalRules.PatchRules[${index}]`;
  return {
    index,
    path,
    filters: toFilters(spec.filters ?? {}, `${path}.PatchFilterGroup.PatchFilters`),
    complianceLevel: spec.complianceLevel ?? 'UNSPECIFIED',
    // Rules without a date option approve at once (ApproveAfterDays 0), as most tests want.
    approveAfterDays: spec.approveAfterDays === undefined ? (spec.approveUntilDate ? null : 0) : spec.approveAfterDays,
    approveUntilDate: spec.approveUntilDate ?? null,
    enableNonSecurity: spec.enableNonSecurity ?? false,
  };
}

/** Rules in document order, `ApprovalRules.PatchRules[0]` first. */
export function rules(...specs: readonly RuleSpec[]): Rule[] {
  return specs.map((spec, index) => aRule(spec, index));
}

export function globalFilters(spec: FilterSpec): Filter[] {
  return toFilters(spec, 'GlobalFilters.PatchFilters');
}

export function patchList(list: 'ApprovedPatches' | 'RejectedPatches', ...values: readonly string[]): PatchListEntry[] {
  return values.map((value, i) => ({value, path: `${list}[${i}]`}));
}

export interface BaselineSpec {
  readonly operatingSystem: OperatingSystem;
  readonly globalFilters?: FilterSpec;
  readonly rules?: readonly RuleSpec[];
  readonly approvedPatches?: readonly string[];
  readonly approvedPatchesComplianceLevel?: ComplianceLevel;
  readonly approvedPatchesEnableNonSecurity?: boolean;
  readonly rejectedPatches?: readonly string[];
  readonly rejectedPatchesAction?: RejectedPatchesAction;
  readonly availableSecurityUpdatesComplianceStatus?: 'COMPLIANT' | 'NON_COMPLIANT';
}

export function aBaseline(spec: BaselineSpec): Baseline {
  return {
    baselineId: null,
    name: null,
    description: null,
    operatingSystem: spec.operatingSystem,
    globalFilters: globalFilters(spec.globalFilters ?? {}),
    rules: rules(...(spec.rules ?? [])),
    approvedPatches: patchList('ApprovedPatches', ...(spec.approvedPatches ?? [])),
    approvedPatchesComplianceLevel: spec.approvedPatchesComplianceLevel ?? 'UNSPECIFIED',
    approvedPatchesEnableNonSecurity: spec.approvedPatchesEnableNonSecurity ?? false,
    rejectedPatches: patchList('RejectedPatches', ...(spec.rejectedPatches ?? [])),
    rejectedPatchesAction: spec.rejectedPatchesAction ?? 'ALLOW_AS_DEPENDENCY',
    sources: [],
    availableSecurityUpdatesComplianceStatus: spec.availableSecurityUpdatesComplianceStatus ?? 'COMPLIANT',
  };
}

/**
 * A baseline with every default and these normalized fields as given: for tests that build
 * rules and lists with `rules`, `globalFilters` and `patchList` (the Windows and macOS tests).
 */
export function aBaselineWith(operatingSystem: OperatingSystem, fields: Partial<Baseline> = {}): Baseline {
  return {...aBaseline({operatingSystem}), ...fields};
}

/** The AL2/AL2023/RHEL predefined rules (spec §5) with a configurable delay. */
export function predefinedRpmRules(days = 7): RuleSpec[] {
  return [
    {filters: {CLASSIFICATION: ['Security'], SEVERITY: ['Critical', 'Important']}, approveAfterDays: days},
    {filters: {CLASSIFICATION: ['Bugfix']}, approveAfterDays: days},
  ];
}

/** AWS-UbuntuDefaultPatchBaseline / Debian's: every priority, security origins only. */
export function predefinedAptRules(): RuleSpec[] {
  return [{filters: {PRIORITY: ['Required', 'Important', 'Standard', 'Optional', 'Extra']}, approveAfterDays: 0}];
}

export interface VersionSpec {
  readonly repository?: string;
  readonly advisories?: readonly string[];
  readonly buildTime?: string;
  readonly origins?: readonly Partial<AptOrigin>[];
  /** Shorthand for trusted origins with these suites. */
  readonly suites?: readonly string[];
  readonly priority?: string;
  readonly section?: string;
  readonly candidate?: boolean;
  readonly requires?: readonly Dependency[];
}

export function aVersion(version: string, spec: VersionSpec = {}): AvailableVersion {
  const origins = [
    ...(spec.origins ?? []),
    ...(spec.suites ?? []).map((archive) => ({archive})),
  ].map((o) => ({trusted: true, archive: '', ...o}));
  return AvailableVersionSchema.parse({
    version,
    ...(spec.repository === undefined ? {} : {repository: spec.repository}),
    advisories: [...(spec.advisories ?? [])],
    ...(spec.buildTime === undefined ? {} : {buildTime: spec.buildTime}),
    ...(origins.length === 0 ? {} : {origins}),
    ...(spec.priority === undefined ? {} : {priority: spec.priority}),
    ...(spec.section === undefined ? {} : {section: spec.section}),
    ...(spec.candidate === undefined ? {} : {candidate: spec.candidate}),
    ...(spec.requires === undefined ? {} : {requires: spec.requires}),
  });
}

export interface PackageSpec {
  readonly arch?: string;
  /** null = not installed. */
  readonly installed: string | null;
  readonly versions?: readonly (AvailableVersion | string)[];
  readonly pendingReboot?: boolean;
}

export function aPackage(name: string, spec: PackageSpec): Package {
  return PackageSchema.parse({
    name,
    arch: spec.arch ?? 'x86_64',
    installedVersion: spec.installed,
    versions: (spec.versions ?? []).map((v) => (typeof v === 'string' ? aVersion(v) : v)),
    ...(spec.pendingReboot === undefined ? {} : {pendingReboot: spec.pendingReboot}),
  });
}

export interface AdvisorySpec {
  readonly type?: string;
  /** undefined = no <severity> element. */
  readonly severity?: string;
  readonly issued?: string;
  readonly updated?: string;
  readonly cves?: readonly string[];
  readonly bugzillas?: readonly string[];
  /** Defaults to [id], as AWS's own notices carry a `self` reference equal to their id. */
  readonly selfReferences?: readonly string[];
}

export function anAdvisory(id: string, spec: AdvisorySpec = {}): Advisory {
  return AdvisorySchema.parse({
    id,
    type: spec.type ?? 'security',
    ...(spec.severity === undefined ? {} : {severity: spec.severity}),
    ...(spec.issued === undefined ? {} : {issued: spec.issued}),
    ...(spec.updated === undefined ? {} : {updated: spec.updated}),
    cves: [...(spec.cves ?? [])],
    bugzillas: [...(spec.bugzillas ?? [])],
    selfReferences: [...(spec.selfReferences ?? [id])],
  });
}

const DEFAULT_MANAGER: Readonly<Record<OperatingSystem, ManagerId>> = {
  WINDOWS: 'windows',
  MACOS: 'macos',
  AMAZON_LINUX: 'yum',
  AMAZON_LINUX_2: 'yum',
  AMAZON_LINUX_2022: 'dnf',
  AMAZON_LINUX_2023: 'dnf',
  REDHAT_ENTERPRISE_LINUX: 'dnf',
  CENTOS: 'dnf',
  ORACLE_LINUX: 'dnf',
  ROCKY_LINUX: 'dnf',
  ALMA_LINUX: 'dnf',
  SUSE: 'zypper',
  UBUNTU: 'apt',
  DEBIAN: 'apt',
  RASPBIAN: 'apt',
};

export interface InventorySpec {
  readonly os: OperatingSystem;
  readonly manager?: ManagerId;
  readonly product?: string;
  readonly arch?: string;
  readonly packages?: readonly Package[];
  readonly advisories?: readonly Advisory[];
  /** AL2 kernel live patching status (spec §6.7). */
  readonly kernelLivePatching?: KernelLivePatching;
}

export function anInventory(spec: InventorySpec): Inventory {
  return InventorySchema.parse({
    schemaVersion: 1,
    collectedAt: '2025-03-01T00:00:00Z',
    node: {
      hostname: 'test-node',
      machineId: '0123456789abcdef',
      os: {id: 'test', versionId: '1', name: 'Test OS'},
      operatingSystem: spec.os,
      product: spec.product ?? 'TestProduct',
      arch: spec.arch ?? 'x86_64',
      manager: spec.manager ?? DEFAULT_MANAGER[spec.os],
      ...(spec.kernelLivePatching === undefined ? {} : {kernelLivePatching: spec.kernelLivePatching}),
    },
    packages: [...(spec.packages ?? [])],
    advisories: [...(spec.advisories ?? [])],
  });
}

export const DEFAULT_NOW = '2025-06-01T00:00:00Z';

export function evaluate(
  inventory: Inventory,
  baseline: Baseline,
  options: Partial<Omit<EvaluateOptions, 'now'>> & {readonly now?: string | Date} = {},
): Evaluation {
  const now = options.now === undefined ? new Date(DEFAULT_NOW) : new Date(options.now);
  return evaluateBaseline(inventory, baseline, {
    operation: options.operation ?? 'Install',
    now,
    installOverrideList: options.installOverrideList,
    lenient: options.lenient ?? false,
    showNotApplicable: options.showNotApplicable ?? false,
    ...(options.rebootOption === undefined ? {} : {rebootOption: options.rebootOption}),
    ...(options.pins === undefined ? {} : {pins: options.pins}),
  });
}

/** The one decision for `name` (and arch); throws if there is none or several. */
export function decisionFor(evaluation: Evaluation, name: string, arch?: string): Decision {
  const found = evaluation.decisions.filter((d) => d.name === name && (arch === undefined || d.arch === arch));
  if (found.length !== 1) {
    const all = evaluation.decisions.map((d) => `${d.name}.${d.arch}:${d.reason.code}`).join(', ');
    throw new Error(`expected one decision for ${name}${arch ? `.${arch}` : ''}, found ${found.length} (${all})`);
  }
  const [decision] = found;
  if (decision === undefined) throw new Error('unreachable');
  return decision;
}

export function hasDecision(evaluation: Evaluation, name: string): boolean {
  return evaluation.decisions.some((d) => d.name === name);
}

export function anOverrideList(patches: InstallOverrideList['patches']): InstallOverrideList {
  return {source: 'override.yaml', patches};
}
