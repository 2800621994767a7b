import type {Runtime} from '../cli/runtime.js';
import {InputError} from '../errors.js';
import {comparePlans, type PlanComparison} from '../plan/compare.js';
import {readPlanFile} from '../plan/file.js';
import type {Plan} from '../plan/schema.js';

export interface ComparePlansOptions {
  /** The plan a reviewer saw before (`show OLD`). */
  readonly oldFile: string;
  /** The plan made since (`--compare NEW`). */
  readonly newFile: string;
  /** `--force`: compare plans for different machines instead of refusing. */
  readonly force: boolean;
}

export interface ComparedPlans {
  readonly oldFile: string;
  readonly newFile: string;
  readonly comparison: PlanComparison;
}

/**
 * `patchplan show OLD --compare NEW`. Both plans are read and verified as `show` reads one
 * (format version, then digest: a modified plan is refused with exit 3), OLD first. Plans for
 * different machines are refused unless forced: side by side they look like a long list of
 * changes that are nothing of the kind.
 */
export async function comparePlanFiles(options: ComparePlansOptions, deps: Pick<Runtime, 'fs'>): Promise<ComparedPlans> {
  const oldPlan = await readPlanFile(options.oldFile, deps.fs);
  const newPlan = await readPlanFile(options.newFile, deps.fs);
  if (!options.force) refuseOtherMachine(options, oldPlan, newPlan);
  return {oldFile: options.oldFile, newFile: options.newFile, comparison: comparePlans(oldPlan, newPlan)};
}

function refuseOtherMachine(options: ComparePlansOptions, oldPlan: Plan, newPlan: Plan): void {
  if (oldPlan.node.machineId === newPlan.node.machineId) return;
  throw new InputError(
    options.newFile,
    `the plans are for different machines: ${options.oldFile} is for ${nodeLabel(oldPlan)}, ${options.newFile} for ${nodeLabel(newPlan)}; ` +
      'give --force to compare them anyway',
  );
}

function nodeLabel(plan: Plan): string {
  return `${plan.node.hostname} (machine ${plan.node.machineId})`;
}
