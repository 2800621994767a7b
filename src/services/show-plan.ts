import type {Runtime} from '../cli/runtime.js';
import {readPlanFile} from '../plan/file.js';
import type {Plan} from '../plan/schema.js';

export interface ShowPlanOptions {
  readonly planFile: string;
}

/**
 * `patchplan show`: read and verify a saved plan. A plan that fails verification (unknown
 * format version, digest mismatch) is refused with exit 3, as `apply` would refuse it, so a
 * pipeline that gates on `show` gets the same answer apply would give.
 */
export async function showPlan(options: ShowPlanOptions, deps: Pick<Runtime, 'fs'>): Promise<Plan> {
  return readPlanFile(options.planFile, deps.fs);
}
