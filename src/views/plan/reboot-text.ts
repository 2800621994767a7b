import type {RebootOption} from '../../engine/engine-io.js';
import type {PlanReboot, RebootCause} from '../../plan/schema.js';
import {visibleLine} from '../safe-text.js';

/**
 * The plan's reboot forecast in words, before anything runs: whether apply will reboot and
 * why (the option's rule), and what in the plan needs a reboot to take effect.
 */
export function describeRebootForecast(reboot: PlanReboot, option: RebootOption, root: string): string {
  const needs = reboot.causes.length > 0 ? ` Needed for: ${reboot.causes.map(describeCause).join(', ')}.` : '';
  switch (reboot.reason) {
    case 'installed-this-run':
      return `expected: ${option} reboots after any install.${needs}`;
    case 'pending-from-earlier-install':
      return `expected: an earlier install is still waiting for a reboot, and ${option} reboots for it.${needs}`;
    case 'required-by-os':
      return `expected: ${option} reboots when the installs need it, and they do.${needs}`;
    case 'no-reboot-option':
      return reboot.causes.length > 0 ? `not by patchplan (NoReboot), but the installs need one to take effect.${needs}` : 'none (NoReboot).';
    case 'nothing-installed':
      return 'none: nothing is installed, and no earlier install is waiting for a reboot.';
    case 'not-required-by-os':
      return `none: nothing in the plan needs one (${option}).`;
    case 'alternate-root':
      return `none: the plan is for root ${visibleLine(root)}; reboot the system that boots it.${needs}`;
    default:
      return `${reboot.expected ? 'expected' : 'none'} (${visibleLine(reboot.reason)}).${needs}`;
  }
}

function describeCause(cause: RebootCause): string {
  const name = cause.package === null ? null : visibleLine(cause.package);
  switch (cause.kind) {
    case 'kernel':
      return `${name} (kernel)`;
    case 'core-package':
      return `${name} (core package)`;
    case 'reboot-suggested':
      return `${name} (${cause.advisory === null ? 'the update' : visibleLine(cause.advisory)} suggests a reboot)`;
    case 'already-pending':
      return name === null ? 'the OS already waits for one' : `${name} (installed earlier without a reboot)`;
  }
}
