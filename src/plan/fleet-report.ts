import type {ReasonCode, RebootOption} from '../engine/engine-io.js';
import type {Plan} from './schema.js';
import {REASON_CODES, REBOOT_OPTIONS} from './schema.js';

/**
 * `patchplan fleet report`: one review of a change across nodes, aggregated plan by plan so
 * that 5,000 plan files cost the counts, not the plans (docs/fleet.md "Reviewing a change
 * across nodes"). Pure: the service reads and verifies each plan and hands it to `add`; once
 * added, nothing of the plan's decisions is kept but the counts and node indexes below.
 */

/** One plan, as the report remembers it (no decisions). */
export interface FleetNode {
  readonly file: string;
  readonly hostname: string;
  readonly machineId: string;
  readonly manager: string;
  readonly os: string;
  readonly installs: number;
  readonly skips: number;
  readonly rebootOption: RebootOption;
  /** The plan's reboot forecast (`reboot.expected`); null in plans written before 0.2, which have none. */
  readonly rebootExpected: boolean | null;
  /** `approvals` in the file (absent in older plans counts as 0). */
  readonly approvals: number;
  /** Approvals whose signature verifies with their own key (show's check without --trusted-keys). */
  readonly validApprovals: number;
}

export interface FleetExclusion {
  readonly node: number;
  readonly package: string;
  readonly excludedVersion: string | null;
  readonly reviewer: string | null;
  readonly note: string;
}

/** A plan that could not be read or verified: the one error line, and its exit code. */
export interface FleetRefusal {
  readonly file: string;
  readonly exitCode: number;
  readonly error: string;
}

interface PackageAcc {
  readonly targets: Map<string, number[]>;
  readonly skipNodes: number[];
  readonly byReason: Map<ReasonCode, number>;
}

export interface FleetPackageTarget {
  readonly targetVersion: string;
  /** Indexes into `nodes`, ascending. */
  readonly nodes: readonly number[];
}

export interface FleetPackage {
  readonly name: string;
  /** Targets, most nodes first, then by version text. */
  readonly install: readonly FleetPackageTarget[];
  /** Nodes that install it (any target), counted once each. */
  readonly installNodes: number;
  /** Nodes with a skip decision for it (indexes into `nodes`). */
  readonly skipNodes: readonly number[];
  /** Skip decisions per reason code (only codes that occur). */
  readonly skipReasons: Readonly<Partial<Record<ReasonCode, number>>>;
}

export interface FleetReport {
  readonly nodes: readonly FleetNode[];
  /** Packages that some node installs, most nodes first, then by name. */
  readonly packages: readonly FleetPackage[];
  /** Packages every plan skips, most skips first, then by name. */
  readonly skippedOnly: readonly FleetPackage[];
  readonly exclusions: readonly FleetExclusion[];
  /** Machine ids that more than one plan is for, with those plans' node indexes. */
  readonly duplicateMachineIds: readonly {readonly machineId: string; readonly nodes: readonly number[]}[];
  readonly refused: readonly FleetRefusal[];
}

export interface FleetAccumulator {
  /** Adds a verified plan; `validApprovals` is what the caller's signature check found. */
  add(file: string, plan: Plan, validApprovals: number): void;
  refuse(refusal: FleetRefusal): void;
  finish(): FleetReport;
}

export function createFleetAccumulator(): FleetAccumulator {
  const nodes: FleetNode[] = [];
  const packages = new Map<string, PackageAcc>();
  const exclusions: FleetExclusion[] = [];
  const refused: FleetRefusal[] = [];
  const byMachine = new Map<string, number[]>();

  const accFor = (name: string): PackageAcc => {
    let acc = packages.get(name);
    if (acc === undefined) {
      acc = {targets: new Map(), skipNodes: [], byReason: new Map()};
      packages.set(name, acc);
    }
    return acc;
  };
  // A package may have several decisions in one plan (one per arch): a node is counted once.
  const pushOnce = (list: number[], index: number): void => {
    if (list.at(-1) !== index) list.push(index);
  };

  return {
    add(file, plan, validApprovals) {
      const index = nodes.length;
      let installs = 0;
      let skips = 0;
      for (const d of plan.decisions) {
        const acc = accFor(d.name);
        if (d.action === 'install' && d.targetVersion !== null) {
          installs++;
          let list = acc.targets.get(d.targetVersion);
          if (list === undefined) {
            list = [];
            acc.targets.set(d.targetVersion, list);
          }
          pushOnce(list, index);
        } else {
          skips++;
          pushOnce(acc.skipNodes, index);
          acc.byReason.set(d.reason.code, (acc.byReason.get(d.reason.code) ?? 0) + 1);
          if (d.reason.code === 'excluded-by-reviewer') {
            exclusions.push({node: index, package: d.name, excludedVersion: d.excludedVersion ?? null, reviewer: d.reviewer ?? null, note: d.reason.detail});
          }
        }
      }
      const {node} = plan;
      nodes.push({
        file,
        hostname: node.hostname,
        machineId: node.machineId,
        manager: node.manager,
        os: [node.os.id, node.os.versionId].filter(Boolean).join(' '),
        installs,
        skips,
        rebootOption: plan.options.rebootOption,
        rebootExpected: plan.reboot?.expected ?? null,
        approvals: plan.approvals?.length ?? 0,
        validApprovals,
      });
      const same = byMachine.get(node.machineId);
      if (same === undefined) byMachine.set(node.machineId, [index]);
      else same.push(index);
    },
    refuse(refusal) {
      refused.push(refusal);
    },
    finish() {
      const installed: FleetPackage[] = [];
      const skippedOnly: FleetPackage[] = [];
      for (const [name, acc] of packages) {
        const install = [...acc.targets]
          .map(([targetVersion, list]) => ({targetVersion, nodes: list}))
          .sort((a, b) => b.nodes.length - a.nodes.length || compareText(a.targetVersion, b.targetVersion));
        const installNodes = install.length === 1 ? (install[0]?.nodes.length ?? 0) : new Set(install.flatMap((t) => t.nodes)).size;
        const skipReasons: Partial<Record<ReasonCode, number>> = {};
        for (const code of REASON_CODES) {
          const n = acc.byReason.get(code);
          if (n !== undefined) skipReasons[code] = n;
        }
        const entry: FleetPackage = {name, install, installNodes, skipNodes: acc.skipNodes, skipReasons};
        (install.length > 0 ? installed : skippedOnly).push(entry);
      }
      installed.sort((a, b) => b.installNodes - a.installNodes || compareText(a.name, b.name));
      skippedOnly.sort((a, b) => b.skipNodes.length - a.skipNodes.length || compareText(a.name, b.name));
      const duplicateMachineIds = [...byMachine]
        .filter(([, list]) => list.length > 1)
        .map(([machineId, list]) => ({machineId, nodes: list}));
      return {nodes, packages: installed, skippedOnly, exclusions, duplicateMachineIds, refused};
    },
  };
}

/** Code-point order: the same in every locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How many plans use each reboot option (every option present). */
export function rebootOptionCounts(nodes: readonly FleetNode[]): Record<RebootOption, number> {
  const counts = Object.fromEntries(REBOOT_OPTIONS.map((o) => [o, 0])) as Record<RebootOption, number>;
  for (const n of nodes) counts[n.rebootOption]++;
  return counts;
}

/**
 * The exit code of a report (docs/fleet.md): 3 when some plan failed verification (a digest
 * mismatch, an unknown format: what apply would refuse), else 1 when some file could not be
 * read or is not a valid plan, else 0. Duplicate machine ids are flagged, not an error.
 */
export function fleetExitCode(report: Pick<FleetReport, 'refused'>): number {
  if (report.refused.some((r) => r.exitCode === 3)) return 3;
  return report.refused.length > 0 ? 1 : 0;
}
