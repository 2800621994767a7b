import {InputError} from '../errors.js';
import type {Plan} from '../plan/schema.js';
import {isKernelPackage} from '../plan/reboot-forecast.js';
import {isRunningSystem} from './reboot.js';

/**
 * Who approves what `apply` installs:
 * - with a PLAN file, the plan was approved when it was saved and reviewed (`show`); its
 *   digest proves it is that plan, so apply does not ask again (Terraform does the same);
 * - without one, apply plans now and a person must approve this plan: by typing `yes` at a
 *   prompt, or with `--auto-approve`.
 */

export interface ApprovalMode {
  readonly planFileGiven: boolean;
  readonly autoApprove: boolean;
  readonly stdinIsTTY: boolean;
}

/**
 * Fails at once, before anything is collected, when a prompt would be needed but nobody can
 * answer it: a pipeline must say `--auto-approve` instead of hanging on a prompt (style §6.10).
 */
export function requireApprovalPossible(mode: ApprovalMode): void {
  if (mode.planFileGiven || mode.autoApprove || mode.stdinIsTTY) return;
  throw new InputError(
    'apply',
    'stdin is not a terminal, so the plan cannot be confirmed at a prompt: pass --auto-approve, or save a reviewed plan with `plan --out PLAN` and run `apply PLAN`',
  );
}

export type Confirmation =
  | {readonly kind: 'yes'; readonly phrase: 'yes'}
  /** The plan replaces the kernel and the option will reboot: the operator types the host name. */
  | {readonly kind: 'dangerous'; readonly phrase: string; readonly kernels: readonly string[]};

/**
 * How much typing approval takes. Typing `yes` is Terraform's rule; a plan that installs a
 * kernel under an option that reboots restarts a machine someone may be using, so it asks
 * for the host name, the way Shopify asks for the app name before a destructive release:
 * the operator has to read which machine it is.
 */
export function confirmationFor(plan: Plan): Confirmation {
  const kernels = plan.decisions.filter((d) => d.action === 'install' && isKernelPackage(d)).map((d) => d.name);
  const reboots = plan.options.rebootOption !== 'NoReboot' && isRunningSystem(plan.node.root);
  if (kernels.length > 0 && reboots) return {kind: 'dangerous', phrase: plan.node.hostname, kernels};
  return {kind: 'yes', phrase: 'yes'};
}
