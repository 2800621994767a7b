import type {ApprovalCheck} from '../approval/check.js';
import {checkApprovalFlags, loadTrustedKeys} from '../approval/trusted-keys.js';
import {verifyApprovals} from '../approval/verify.js';
import type {Runtime} from '../cli/runtime.js';
import {readPlanFile} from '../plan/file.js';
import type {Plan} from '../plan/schema.js';

export interface ShowPlanOptions {
  readonly planFile: string;
  /** `--trusted-keys FILE|DIR`: also say whether each approval's key is trusted. */
  readonly trustedKeys?: string | undefined;
}

export interface ShownPlan {
  readonly plan: Plan;
  /** What verifying each approval found, in file order (empty for an unsigned plan). */
  readonly approvals: readonly ApprovalCheck[];
}

/**
 * `patchplan show`: read and verify a saved plan. A plan that fails verification (unknown
 * format version, digest mismatch) is refused with exit 3, as `apply` would refuse it, so a
 * pipeline that gates on `show` gets the same answer apply would give. Its approvals are
 * checked for the reviewer (show never refuses for approvals: that is apply's policy).
 */
export async function showPlan(options: ShowPlanOptions, deps: Pick<Runtime, 'fs'>): Promise<ShownPlan> {
  checkApprovalFlags({trustedKeys: options.trustedKeys});
  const plan = await readPlanFile(options.planFile, deps.fs);
  const trusted = options.trustedKeys === undefined ? null : await loadTrustedKeys(options.trustedKeys, deps.fs);
  return {plan, approvals: verifyApprovals(plan, trusted).checks};
}
