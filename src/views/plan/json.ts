import {serializePlan} from '../../plan/file.js';
import type {Plan} from '../../plan/schema.js';

/**
 * `plan --json` and `show --json`: the plan object exactly as the plan file holds it (same
 * fields, same digest), so a pipeline can save stdout and get a valid plan file.
 */
export function renderJsonPlan(plan: Plan): string {
  return serializePlan(plan);
}
