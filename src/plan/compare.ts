import {formatJsonPath} from '../errors.js';
import type {ManagerId} from '../core/ids.js';
import {compareVersions, versionSchemeFor} from '../versions/index.js';
import {canonicalJson} from '../json/canonical-json.js';
import {
  PlanOptionsSchema,
  type Plan,
  type PlanCompliance,
  type PlanDecision,
  type PlanNode,
  type PlanOptions,
  type PlanReboot,
} from './schema.js';

/**
 * What changed between two plans for the same node: the question a reviewer asks when a plan
 * is re-made a week later ("what is different from the one I approved?"). Pure: two plans in,
 * one comparison out, no I/O; the views turn it into words.
 *
 * Packages are matched by (name, arch). Each package that differs lands in exactly one of the
 * package categories, judged by the install set first, because that is what `apply` does:
 * - `entered`: installed by the new plan, not by the old one (skipped there, or not listed);
 * - `left`: installed by the old plan, not by the new one;
 * - `moved`: installed by both, to different versions (`direction` in the manager's own order);
 * - `reasonChanged`: same action and target, but another reason code or rule decided it (the
 *   detail sentence alone is not a change: it states ages and dates that move with `now`);
 * - `newSkips` / `vanishedSkips`: left as is by the plan that lists it, absent from the other.
 * Reviewer exclusions are listed again in `exclusionsAdded`/`exclusionsRemoved` with who made
 * them and why, since that is what a change ticket records.
 */
export interface PlanComparison {
  readonly old: PlanIdentity;
  readonly new: PlanIdentity;
  /** The new plan's package manager: its version order says up or down, its spelling names packages. */
  readonly manager: ManagerId;
  /** Null when both plans describe the node identically. */
  readonly node: NodeChange | null;
  readonly entered: readonly PackageChange[];
  readonly left: readonly PackageChange[];
  readonly moved: readonly MovedPackage[];
  readonly reasonChanged: readonly PackageChange[];
  readonly newSkips: readonly PackageChange[];
  readonly vanishedSkips: readonly PackageChange[];
  readonly exclusionsAdded: readonly Exclusion[];
  readonly exclusionsRemoved: readonly Exclusion[];
  /** Null when the baseline source and document are the same. */
  readonly baseline: BaselineChange | null;
  /** One entry per plan option that differs, in the plan file's order. */
  readonly options: readonly OptionChange[];
  readonly reboot: Change<PlanReboot | null> | null;
  readonly compliance: Change<PlanCompliance> | null;
  readonly inventory: Change<{readonly collectedAt: string; readonly sha256: string}> | null;
  readonly tool: Change<{readonly name: string; readonly version: string}> | null;
  readonly approvals: ApprovalsCarryOver;
}

export interface PlanIdentity {
  readonly digest: string;
  readonly createdAt: string;
  readonly hostname: string;
  readonly machineId: string;
}

export interface Change<T> {
  readonly old: T;
  readonly new: T;
}

export interface NodeChange extends Change<PlanNode> {
  /** False: the plans are for different machines (only compared when the user insists). */
  readonly sameMachine: boolean;
}

/** One package as one plan decided it: what a reviewer needs to see the change. */
export interface DecisionSnapshot {
  readonly action: PlanDecision['action'];
  readonly installedVersion: string | null;
  readonly candidateVersion: string | null;
  readonly targetVersion: string | null;
  readonly reason: PlanDecision['reason'];
  /** `excluded-by-reviewer` only, else null. */
  readonly reviewer: string | null;
  /** `excluded-by-reviewer` only: the version it would have installed, else null. */
  readonly excludedVersion: string | null;
}

export interface PackageChange {
  readonly name: string;
  readonly arch: string;
  /** Null: the old plan does not list the package. */
  readonly old: DecisionSnapshot | null;
  /** Null: the new plan does not list the package. */
  readonly new: DecisionSnapshot | null;
}

/** `equal`: different strings the manager orders the same (an explicit epoch 0, say). */
export type VersionDirection = 'up' | 'down' | 'equal';

export interface MovedPackage extends PackageChange {
  readonly old: DecisionSnapshot;
  readonly new: DecisionSnapshot;
  readonly direction: VersionDirection;
}

export interface Exclusion {
  readonly name: string;
  readonly arch: string;
  /** The version the exclusion kept out (null when the plan did not record one). */
  readonly version: string | null;
  readonly reviewer: string | null;
  readonly note: string;
}

export interface BaselineChange {
  readonly old: BaselineIdentity;
  readonly new: BaselineIdentity;
  /** Where the documents differ, leaf by leaf; empty when only the source name differs. */
  readonly documentChanges: readonly DocumentChange[];
}

export interface BaselineIdentity {
  readonly source: string;
  readonly sha256: string;
}

/** One difference between two baseline documents, at a path such as `ApprovalRules.PatchRules[0].ApproveAfterDays`. */
export type DocumentChange =
  | {readonly path: string; readonly kind: 'added'; readonly new: unknown}
  | {readonly path: string; readonly kind: 'removed'; readonly old: unknown}
  | {readonly path: string; readonly kind: 'changed'; readonly old: unknown; readonly new: unknown};

export type OptionName = keyof PlanOptions;

/** An option's value; an optional option that is absent (`pins`) is null, as "none". */
export type OptionValue = NonNullable<PlanOptions[OptionName]> | null;

export interface OptionChange {
  readonly option: OptionName;
  readonly old: OptionValue;
  readonly new: OptionValue;
}

/**
 * Approvals sign a digest, so they belong to one plan: the old plan's approvals say nothing
 * about the new plan unless both have the same digest (the same plan, saved twice).
 */
export interface ApprovalsCarryOver {
  readonly old: number;
  readonly new: number;
  readonly carriedOver: boolean;
}

export function comparePlans(oldPlan: Plan, newPlan: Plan): PlanComparison {
  const packages = comparePackages(oldPlan, newPlan);
  return {
    old: identity(oldPlan),
    new: identity(newPlan),
    manager: newPlan.node.manager,
    node: compareNodes(oldPlan.node, newPlan.node),
    ...packages,
    baseline: compareBaselines(oldPlan.baseline, newPlan.baseline),
    options: compareOptions(oldPlan.options, newPlan.options),
    reboot: changeOf(oldPlan.reboot ?? null, newPlan.reboot ?? null),
    compliance: changeOf(oldPlan.compliance, newPlan.compliance),
    inventory: changeOf(
      {collectedAt: oldPlan.inventory.collectedAt, sha256: oldPlan.inventory.sha256},
      {collectedAt: newPlan.inventory.collectedAt, sha256: newPlan.inventory.sha256},
    ),
    tool: changeOf(oldPlan.tool, newPlan.tool),
    approvals: {
      old: oldPlan.approvals?.length ?? 0,
      new: newPlan.approvals?.length ?? 0,
      carriedOver: oldPlan.digest === newPlan.digest,
    },
  };
}

/** True when no package is installed, left out or explained differently. */
export function packagesUnchanged(c: PlanComparison): boolean {
  return [c.entered, c.left, c.moved, c.reasonChanged, c.newSkips, c.vanishedSkips].every((list) => list.length === 0);
}

function identity(plan: Plan): PlanIdentity {
  return {digest: plan.digest, createdAt: plan.createdAt, hostname: plan.node.hostname, machineId: plan.node.machineId};
}

function compareNodes(oldNode: PlanNode, newNode: PlanNode): NodeChange | null {
  const change = changeOf(oldNode, newNode);
  return change && {...change, sameMachine: oldNode.machineId === newNode.machineId};
}

/** Null when both values have the same canonical JSON. */
function changeOf<T>(oldValue: T, newValue: T): Change<T> | null {
  return sameJson(oldValue, newValue) ? null : {old: oldValue, new: newValue};
}

function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

type PackageCategories = Pick<
  PlanComparison,
  'entered' | 'left' | 'moved' | 'reasonChanged' | 'newSkips' | 'vanishedSkips' | 'exclusionsAdded' | 'exclusionsRemoved'
>;

function comparePackages(oldPlan: Plan, newPlan: Plan): PackageCategories {
  const oldByKey = decisionsByKey(oldPlan.decisions);
  const newByKey = decisionsByKey(newPlan.decisions);
  const scheme = versionSchemeFor(newPlan.node.manager);
  const out = {
    entered: [] as PackageChange[],
    left: [] as PackageChange[],
    moved: [] as MovedPackage[],
    reasonChanged: [] as PackageChange[],
    newSkips: [] as PackageChange[],
    vanishedSkips: [] as PackageChange[],
    exclusionsAdded: [] as Exclusion[],
    exclusionsRemoved: [] as Exclusion[],
  };
  for (const key of sortedKeys(oldByKey, newByKey)) {
    const oldDecision = oldByKey.get(key) ?? null;
    const newDecision = newByKey.get(key) ?? null;
    const ref = (oldDecision ?? newDecision) as PlanDecision;
    const change: PackageChange = {name: ref.name, arch: ref.arch, old: snapshot(oldDecision), new: snapshot(newDecision)};
    const category = categorize(change);
    if (category === 'moved') out.moved.push(movedPackage(change, scheme));
    else if (category !== null) out[category].push(change);
    if (isExclusion(change.new) && !sameExclusion(change.new, change.old)) out.exclusionsAdded.push(exclusionOf(change, change.new));
    if (isExclusion(change.old) && !sameExclusion(change.old, change.new)) out.exclusionsRemoved.push(exclusionOf(change, change.old));
  }
  return out;
}

type Category = 'entered' | 'left' | 'moved' | 'reasonChanged' | 'newSkips' | 'vanishedSkips';

/** The one category a package's change belongs to, or null when the plans agree on it. */
function categorize({old: o, new: n}: PackageChange): Category | null {
  const oldInstalls = o?.action === 'install';
  const newInstalls = n?.action === 'install';
  if (newInstalls && !oldInstalls) return 'entered';
  if (oldInstalls && !newInstalls) return 'left';
  if (o === null) return 'newSkips';
  if (n === null) return 'vanishedSkips';
  if (oldInstalls && o.targetVersion !== n.targetVersion) return 'moved';
  return sameReason(o, n) ? null : 'reasonChanged';
}

/**
 * Code and rule, not the detail sentence (it states ages and dates that move with `now`); for a
 * reviewer's exclusion the detail is the note, and who wrote it matters as much as the code.
 */
function sameReason(o: DecisionSnapshot, n: DecisionSnapshot): boolean {
  if (o.reason.code !== n.reason.code || o.reason.rule !== n.reason.rule) return false;
  return o.reason.code !== 'excluded-by-reviewer' || sameExclusion(o, n);
}

function movedPackage(change: PackageChange, scheme: ReturnType<typeof versionSchemeFor>): MovedPackage {
  const o = change.old as DecisionSnapshot;
  const n = change.new as DecisionSnapshot;
  const order = compareVersions(scheme, o.targetVersion ?? '', n.targetVersion ?? '');
  return {...change, old: o, new: n, direction: order < 0 ? 'up' : order > 0 ? 'down' : 'equal'};
}

function isExclusion(d: DecisionSnapshot | null): d is DecisionSnapshot {
  return d?.reason.code === 'excluded-by-reviewer';
}

function sameExclusion(a: DecisionSnapshot, b: DecisionSnapshot | null): boolean {
  return (
    isExclusion(b) && a.reason.detail === b.reason.detail && a.reviewer === b.reviewer && a.excludedVersion === b.excludedVersion
  );
}

function exclusionOf(change: PackageChange, d: DecisionSnapshot): Exclusion {
  return {name: change.name, arch: change.arch, version: d.excludedVersion, reviewer: d.reviewer, note: d.reason.detail};
}

function snapshot(d: PlanDecision | null): DecisionSnapshot | null {
  if (d === null) return null;
  return {
    action: d.action,
    installedVersion: d.installedVersion,
    candidateVersion: d.candidateVersion,
    targetVersion: d.targetVersion,
    reason: {...d.reason},
    reviewer: d.reviewer ?? null,
    excludedVersion: d.excludedVersion ?? null,
  };
}

/** (name, arch) → decision; a NUL cannot occur in either, so the key is unambiguous. */
function decisionsByKey(decisions: readonly PlanDecision[]): Map<string, PlanDecision> {
  const byKey = new Map<string, PlanDecision>();
  for (const d of decisions) {
    const key = `${d.name}\u0000${d.arch}`;
    if (!byKey.has(key)) byKey.set(key, d);
  }
  return byKey;
}

/** Every key of both plans, by name then arch, so the output order does not depend on the plans' order. */
function sortedKeys(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

function compareBaselines(oldBaseline: Plan['baseline'], newBaseline: Plan['baseline']): BaselineChange | null {
  if (oldBaseline.source === newBaseline.source && oldBaseline.sha256 === newBaseline.sha256) return null;
  return {
    old: {source: oldBaseline.source, sha256: oldBaseline.sha256},
    new: {source: newBaseline.source, sha256: newBaseline.sha256},
    documentChanges: diffDocuments(oldBaseline.document, newBaseline.document, []),
  };
}

/**
 * A structural diff of two JSON documents, leaf by leaf: object members by key, array items by
 * position. Small on purpose: baselines are short, and "PatchRules[0].ApproveAfterDays 7 → 0"
 * is the level a reviewer reads; a rule inserted at the front shows as every later rule changed.
 */
export function diffDocuments(oldValue: unknown, newValue: unknown, path: readonly PropertyKey[]): DocumentChange[] {
  if (isRecord(oldValue) && isRecord(newValue)) {
    const keys = [...new Set([...Object.keys(oldValue), ...Object.keys(newValue)])].sort();
    return keys.flatMap((key) => diffMember(oldValue, newValue, key, [...path, key]));
  }
  if (Array.isArray(oldValue) && Array.isArray(newValue)) {
    const length = Math.max(oldValue.length, newValue.length);
    return Array.from({length}, (_, i) => i).flatMap((i) => diffMember(oldValue, newValue, i, [...path, i]));
  }
  return sameJson(oldValue, newValue) ? [] : [{path: formatJsonPath(path), kind: 'changed', old: oldValue, new: newValue}];
}

function diffMember(oldContainer: object, newContainer: object, key: string | number, path: readonly PropertyKey[]): DocumentChange[] {
  const valueIn = (container: object): unknown => (container as Readonly<Record<string | number, unknown>>)[key];
  if (!Object.hasOwn(oldContainer, key)) return [{path: formatJsonPath(path), kind: 'added', new: valueIn(newContainer)}];
  if (!Object.hasOwn(newContainer, key)) return [{path: formatJsonPath(path), kind: 'removed', old: valueIn(oldContainer)}];
  return diffDocuments(valueIn(oldContainer), valueIn(newContainer), path);
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every option the plan file records, in its order, so an option added to the schema is compared too. */
const OPTION_NAMES = Object.keys(PlanOptionsSchema.shape) as OptionName[];

function compareOptions(oldOptions: PlanOptions, newOptions: PlanOptions): OptionChange[] {
  return OPTION_NAMES.filter((option) => !sameJson(oldOptions[option] ?? null, newOptions[option] ?? null)).map((option) => ({
    option,
    old: oldOptions[option] ?? null,
    new: newOptions[option] ?? null,
  }));
}
