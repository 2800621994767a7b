import type {BaselineWarning} from '../baseline/model.js';
import type {Decision, Evaluation, ReasonCode, RebootOption} from '../engine/engine-io.js';
import type {Inventory} from '../inventory/schema.js';
import {digestOf} from '../json/canonical-json.js';
import {fingerprintPackages, inventorySha256} from './fingerprint.js';
import {forecastReboot} from './reboot-forecast.js';
import {
  ACTIONS,
  COMPLIANCE_STATES,
  PLAN_FORMAT_VERSION,
  ALWAYS_COUNTED_REASON_CODES,
  TOOL_NAME,
  type Plan,
  type PlanAdvisory,
  type PlanCompliance,
  type PlanDecision,
  type PlanSummary,
  type UnsignedPlan,
} from './schema.js';

/** The parts of a loaded baseline a plan records (baseline/load.ts `LoadedBaseline` fits). */
export interface PlanBaselineInput {
  readonly source: string;
  /** The document as written; recorded in full so a reviewer sees exactly what was evaluated. */
  readonly document: object;
  readonly sha256: string;
  readonly warnings: readonly BaselineWarning[];
}

export interface BuildPlanInput {
  readonly inventory: Inventory;
  readonly baseline: PlanBaselineInput;
  /** Traps of an `--inventory` file (inventory/traps.ts), each already prefixed with the file. */
  readonly inventoryWarnings?: readonly string[];
  readonly evaluation: Evaluation;
  readonly options: {
    readonly rebootOption: RebootOption;
    readonly installOverrideList: {readonly source: string; readonly sha256: string} | null;
    readonly now: Date;
    readonly lenient: boolean;
    readonly showNotApplicable: boolean;
    /** `--pin`: recorded only when given, so a plan without pins is what it was before pins existed. */
    readonly pins?: {readonly source: string; readonly sha256: string} | null | undefined;
  };
  /** When the plan is made (the clock); `options.now` is when it is evaluated *as of*. */
  readonly createdAt: Date;
  readonly toolVersion: string;
}

/**
 * Assembles the plan file object: pure, no clock, no I/O. The digest covers every other
 * field, so it is computed last over the finished object.
 */
export function buildPlan(input: BuildPlanInput): Plan {
  const {inventory, baseline, evaluation, options} = input;
  const decisions = evaluation.decisions.map(toPlanDecision);
  const node = inventory.node;
  const unsigned: UnsignedPlan = {
    formatVersion: PLAN_FORMAT_VERSION,
    tool: {name: TOOL_NAME, version: input.toolVersion},
    createdAt: input.createdAt.toISOString(),
    node: {
      hostname: node.hostname,
      machineId: node.machineId,
      os: {id: node.os.id, versionId: node.os.versionId, name: node.os.name},
      arch: node.arch,
      manager: node.manager,
      root: node.root,
      operatingSystem: node.operatingSystem,
      product: node.product,
      ...(node.updateSource === undefined ? {} : {updateSource: {...node.updateSource}}),
    },
    baseline: {
      source: baseline.source,
      sha256: baseline.sha256,
      document: {...baseline.document},
    },
    inventory: {
      collectedAt: inventory.collectedAt,
      sha256: inventorySha256(inventory),
      packages: fingerprintPackages(inventory, evaluation.decisions),
    },
    options: {
      rebootOption: options.rebootOption,
      installOverrideList: options.installOverrideList
        ? {source: options.installOverrideList.source, sha256: options.installOverrideList.sha256}
        : null,
      now: options.now.toISOString(),
      lenient: options.lenient,
      showNotApplicable: options.showNotApplicable,
      ...(options.pins ? {pins: {source: options.pins.source, sha256: options.pins.sha256}} : {}),
    },
    decisions,
    summary: summarize(decisions),
    compliance: toPlanCompliance(evaluation.compliance),
    warnings: [
      ...(input.inventoryWarnings ?? []),
      ...baseline.warnings.map((w) => (w.path ? `${baseline.source}: ${w.path}: ${w.message}` : `${baseline.source}: ${w.message}`)),
      ...evaluation.warnings,
    ],
    advisories: advisoriesNamed(inventory, decisions),
    reboot: forecastReboot({
      rebootOption: options.rebootOption,
      inventory,
      installs: decisions.filter((d) => d.action === 'install'),
    }),
  };
  return withDigest(unsigned);
}

/**
 * Adds the digest. Also used when a plan is derived from another (review, fixtures): any
 * approvals of the old digest would not verify, so none are carried over.
 */
export function withDigest(unsigned: UnsignedPlan): Plan {
  const {approvals: _dropped, ...content} = unsigned as UnsignedPlan & {approvals?: unknown};
  return {...content, digest: digestOf(content), approvals: []};
}

/** The advisories the decisions name, as the inventory describes them, sorted by id. */
function advisoriesNamed(inventory: Inventory, decisions: readonly PlanDecision[]): PlanAdvisory[] {
  const named = new Set(decisions.flatMap((d) => [...d.advisories, ...(d.considered ?? []).flatMap((c) => c.advisories)]));
  return inventory.advisories
    .filter((a) => named.has(a.id))
    .map((a) => ({
      id: a.id,
      type: a.type,
      severity: a.severity ?? null,
      issued: a.issued ?? null,
      updated: a.updated ?? null,
      title: a.title ?? null,
      cves: [...a.cves],
      rebootSuggested: a.rebootSuggested,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function summarize(decisions: readonly PlanDecision[]): PlanSummary {
  const byAction = zeroCounts(ACTIONS);
  const byReason: Partial<Record<ReasonCode, number>> = zeroCounts(ALWAYS_COUNTED_REASON_CODES);
  for (const decision of decisions) {
    byAction[decision.action] += 1;
    byReason[decision.reason.code] = (byReason[decision.reason.code] ?? 0) + 1;
  }
  return {byAction, byReason};
}

function toPlanDecision(decision: Decision): PlanDecision {
  return {
    name: decision.name,
    arch: decision.arch,
    installedVersion: decision.installedVersion,
    candidateVersion: decision.candidateVersion,
    action: decision.action,
    targetVersion: decision.targetVersion,
    reason: {code: decision.reason.code, rule: decision.reason.rule, detail: decision.reason.detail},
    advisories: [...decision.advisories],
    complianceLevel: decision.complianceLevel,
    state: decision.state,
    fallbackVersions: [...decision.fallbackVersions],
    ...(decision.considered ? {considered: decision.considered.map((c) => ({...c, advisories: [...c.advisories]}))} : {}),
  };
}

function toPlanCompliance(compliance: Evaluation['compliance']): PlanCompliance {
  // Every state is written, zeros included, whatever the engine chose to fill in.
  const counts = zeroCounts(COMPLIANCE_STATES);
  for (const state of COMPLIANCE_STATES) counts[state] = compliance.counts[state] ?? 0;
  return {status: compliance.status, severity: compliance.severity, counts};
}

function zeroCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  const counts = {} as Record<K, number>;
  for (const key of keys) counts[key] = 0;
  return counts;
}
