import type {RebootReason, RebootReport} from '../../apply/results.js';

/** The only place reboot reason codes become words (the JSON carries the code). */
const SENTENCES: Readonly<Record<RebootReason, string>> = {
  'no-reboot-option': 'not rebooting: the plan says NoReboot',
  'installed-this-run': 'rebooting now: this run installed packages, and RebootIfNeeded reboots whenever something was installed',
  'pending-from-earlier-install': 'rebooting now: packages installed earlier without a reboot are still waiting for one',
  'nothing-installed': 'not rebooting: nothing was installed, and no earlier install is waiting for a reboot',
  'required-by-os': 'rebooting now: the OS says a reboot is required',
  'not-required-by-os': 'not rebooting: the OS does not require a reboot',
  'alternate-root':
    'not rebooting: the packages were installed under --root, and a reboot would restart this host, not that root; reboot the system that boots it',
  'no-reboot-command': 'not rebooting: no reboot command (systemctl, shutdown) was found on this node; reboot it yourself',
  'reboot-check-failed': 'not rebooting: asking the OS whether a reboot is required failed (PATCHPLAN_DEBUG=1 shows why)',
  interrupted: 'not rebooting: the run was stopped before it finished; a stopped apply never reboots',
};

/** `Reboot (RebootIfNeeded): rebooting now: …` plus a hint when the OS wants a reboot that is not happening. */
export function describeReboot(reboot: RebootReport): string {
  const pendingHint = reboot.required && !reboot.performed && reboot.reason !== 'alternate-root' ? ' The OS says a reboot is required to finish.' : '';
  return `Reboot (${reboot.option}): ${SENTENCES[reboot.reason]}.${pendingHint}`;
}
