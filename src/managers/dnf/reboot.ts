import type {InstalledRpm} from '../rpm-common/index.js';

/**
 * Reboot signals for rpm nodes (labs.md §4). `needs-restarting -r` answers by text as well as
 * exit code, because dnf without the plugin also exits 1 (`No such command: needs-restarting`):
 *
 *   Core libraries or services have been updated since boot-up:
 *     * kernel
 *   Reboot is required to fully utilize these updates.          (exit 1)
 *
 *   No core libraries or services have been updated since boot-up.
 *   Reboot should not be necessary.                              (exit 0)
 *
 * yum-utils' own needs-restarting (Amazon Linux 2, yum 3) words the negative answer
 * `Reboot is probably not necessary.`
 */
export function parseNeedsRestarting(exitCode: number, stdout: string): boolean | null {
  if (/Reboot is required/.test(stdout) && exitCode === 1) return true;
  if (/Reboot (should not be|is probably not) necessary/.test(stdout) && exitCode === 0) return false;
  return null;
}

/** The packages needs-restarting checks (dnf-plugins-core needs_restarting.py NEED_REBOOT). */
export const CORE_PACKAGES = new Set(['kernel', 'kernel-rt', 'glibc', 'linux-firmware', 'systemd', 'dbus', 'dbus-broker', 'dbus-daemon']);

/** `btime` of /proc/stat: the boot instant in seconds. */
export function parseBootTime(procStat: string): number | null {
  const m = /^btime\s+(\d+)$/m.exec(procStat);
  return m ? Number(m[1]) : null;
}

/**
 * The plugin's rule without the plugin (as osconfig does on rpm hosts): a core package installed
 * after boot means a reboot is needed. Returns the names that say so.
 */
export function coreInstalledSinceBoot(installed: readonly InstalledRpm[], bootTime: number): string[] {
  return installed.filter((p) => CORE_PACKAGES.has(p.name) && p.installTime > bootTime).map((p) => p.name);
}
