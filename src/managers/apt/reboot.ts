import path from 'node:path';

import type {NodeFiles} from '../adapter.js';

/**
 * Debian and Ubuntu signal a pending reboot with a file, not a command: packages (kernels,
 * libc, …) run `/usr/share/update-notifier/notify-reboot-required`, which touches
 * `/var/run/reboot-required` and appends to `reboot-required.pkgs` (osconfig's
 * `ospatch/updates_linux.go` checks the same file). /var/run is a symlink to /run on current
 * systems but a plain directory in a bare root, so both paths are checked.
 */
export const REBOOT_REQUIRED_FILES = ['var/run/reboot-required', 'run/reboot-required'] as const;

export async function rebootRequiredFile(root: string, files: NodeFiles): Promise<boolean> {
  for (const relative of REBOOT_REQUIRED_FILES) {
    if (await files.exists(path.join(root, relative))) return true;
  }
  return false;
}
