import type {ComparedPlans} from '../../services/compare-plans.js';

/** Bumped only when a field changes meaning or goes away; new fields may be added within a version. */
export const COMPARISON_FORMAT_VERSION = 1;

/**
 * `show OLD --compare NEW --json`: the comparison as data (docs/cli.md "show --compare", JSON
 * shape). Every category is present, as an array (empty when nothing is in it) or as null (when
 * that part did not change), so a pipeline never needs a default. Keys are listed explicitly so
 * a refactor of the model cannot reorder or rename what consumers read.
 */
export function renderJsonComparison(result: ComparedPlans): string {
  const c = result.comparison;
  const document = {
    formatVersion: COMPARISON_FORMAT_VERSION,
    old: {file: result.oldFile, digest: c.old.digest, createdAt: c.old.createdAt, hostname: c.old.hostname, machineId: c.old.machineId},
    new: {file: result.newFile, digest: c.new.digest, createdAt: c.new.createdAt, hostname: c.new.hostname, machineId: c.new.machineId},
    manager: c.manager,
    node: c.node,
    entered: c.entered,
    left: c.left,
    moved: c.moved,
    reasonChanged: c.reasonChanged,
    newSkips: c.newSkips,
    vanishedSkips: c.vanishedSkips,
    exclusionsAdded: c.exclusionsAdded,
    exclusionsRemoved: c.exclusionsRemoved,
    baseline: c.baseline,
    options: c.options,
    reboot: c.reboot,
    compliance: c.compliance,
    inventory: c.inventory,
    tool: c.tool,
    approvals: c.approvals,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
