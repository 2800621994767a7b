import {fleetExitCode, rebootOptionCounts, type FleetPackage, type FleetReport} from '../../plan/fleet-report.js';

/**
 * The report as `fleet report --json` prints it (docs/fleet.md "The JSON shape"): nodes by
 * host name instead of index, every list whole. The human and Markdown views render from the
 * same object, so what a reviewer reads and what a pipeline checks cannot drift.
 */
export function fleetReportJson(report: FleetReport) {
  const {nodes} = report;
  const host = (i: number): string => nodes[i]?.hostname ?? '';
  const pkg = (p: FleetPackage) => ({
    name: p.name,
    installNodes: p.installNodes,
    targets: p.install.map((t) => ({version: t.targetVersion, nodes: t.nodes.length, hostnames: t.nodes.map(host)})),
    skipNodes: p.skipNodes.length,
    skipHostnames: p.skipNodes.map(host),
    skipReasons: p.skipReasons,
  });
  return {
    report: 'fleet' as const,
    formatVersion: 1 as const,
    exitCode: fleetExitCode(report),
    plans: {files: nodes.length + report.refused.length, verified: nodes.length, refused: report.refused.length},
    packages: report.packages.map(pkg),
    skippedOnly: report.skippedOnly.map(pkg),
    installNothing: nodes.filter((n) => n.installs === 0).map((n) => n.hostname),
    rebootExpected: nodes.filter((n) => n.rebootExpected === true).map((n) => n.hostname),
    rebootUnknown: nodes.filter((n) => n.rebootExpected === null).map((n) => n.hostname),
    rebootOptions: rebootOptionCounts(nodes),
    exclusions: report.exclusions.map((e) => ({
      hostname: host(e.node),
      file: nodes[e.node]?.file ?? '',
      package: e.package,
      excludedVersion: e.excludedVersion,
      reviewer: e.reviewer,
      note: e.note,
    })),
    unsigned: nodes.filter((n) => n.approvals === 0).map((n) => n.hostname),
    signed: nodes.filter((n) => n.approvals > 0).map((n) => ({hostname: n.hostname, file: n.file, approvals: n.approvals, validApprovals: n.validApprovals})),
    duplicateMachineIds: report.duplicateMachineIds.map((d) => ({machineId: d.machineId, files: d.nodes.map((i) => nodes[i]?.file ?? '')})),
    refused: report.refused,
    nodes,
  };
}
export type FleetReportJson = ReturnType<typeof fleetReportJson>;
