import type {OperatingSystem} from '../core/ids.js';
import type {NodeInfo} from '../inventory/schema.js';
import type {PackageView} from './linux-types.js';
import type {ScanState} from './states.js';
import type {ComplianceState, Operation, RebootOption} from './engine-io.js';

/**
 * Kernel live patching on AMAZON_LINUX_2 (spec §6.7). Facts taken from AWS's payload (read,
 * not copied):
 *
 * - `patch_common/livepatch_utils.py` `modify_kernel_and_livepatch_status`, run after the
 *   install step on the finished state lists (the payload entry point calls it after
 *   `execute`):
 *   - nothing happens unless the OS is amazon_linux_2 and the plugin check
 *     (`yum list installed kernel-livepatch-*`) succeeds;
 *   - with `kpatch.service` enabled (`systemctl is-enabled kpatch.service`): an Install with
 *     RebootIfNeeded returns at once (no adjustment at all, not even the clean-up below);
 *     otherwise, if the running kernel supports live patching and is inside its 3-month window,
 *     the CVE check may run, and every livepatch is removed from the "installed by this run"
 *     list (so no livepatch becomes INSTALLED_PENDING_REBOOT);
 *   - with the service not enabled only a warning is logged — but the general clean-up at the
 *     end still runs: livepatches for kernels other than the running one are removed from every
 *     state list (installed, installed_other, missing, installed_rejected, failed,
 *     not_applicable) and all livepatches from the pending-reboot records.
 * - "Livepatch for another kernel" (`remove_not_current_kernel_livepatches`): the name starts
 *   with `kernel-livepatch-` and is not contained in (Python `in` on strings: a substring of)
 *   the running kernel's livepatch name.
 * - Livepatch name (`get_livepatch_pkg_name`): `kernel-livepatch-<version>-<release>` of the
 *   running kernel with `.amzn2` (`LivePatch.DIST`, `patch_common/constant_repository.py`)
 *   removed from the release: running 4.14.165-131.185.amzn2 → `kernel-livepatch-4.14.165-131.185`.
 *   Both it and `kernel` are looked up as arch `x86_64`.
 * - Minimum kernel (`kernel_supports_live_patching`, `LivePatch.MINIMUM_REQUIRED_KERNEL` in
 *   constant_repository.py): `kernel-4.14.165-131.185.amzn2.x86_64` or later (rpm compare ≥).
 * - Support window (`kernel_within_support_lifetime`): the build date from `uname -v` plus 3
 *   calendar months (day clamped to the month's length, `add_months`); out of support when
 *   today's date is after that date.
 * - Scenarios (`patch_common/livepatch_constant.py` `LIVEPATCH_SCENARIOS`): the CVE check runs
 *   only when the kernel is installed / installed_other / installed_rejected / missing and the
 *   running kernel's livepatch is installed / installed_other / installed_rejected; whether
 *   either is pending a reboot does not matter.
 * - CVE check (`kernel_compliant_after_applying_livepatch`): livepatch CVEs ⊇ kernel CVEs, where
 *   kernel CVEs (`cve_set_for_kernel`) = the CVEs of the `kernel` notices of every version from
 *   the running kernel up to the kernel candidate, both included (only the running kernel's when
 *   the candidate is not newer), and livepatch CVEs (`cve_set_for_livepatches`) = the CVEs of
 *   every notice of the running kernel's livepatch package, from `yum updateinfo list cves all`
 *   (installed or not: the scenario gate already ensures no approved livepatch is missing).
 * - Covered: the kernel leaves missing; on a Scan, or with an InstallOverrideList, a missing
 *   kernel is added to installed; a NoReboot Install drops it from "installed by this run"; its
 *   pending-reboot record is removed.
 * - `patch_yum/yum_update.py`: when plugin and service are both on (`LIVEPATCH_ENABLED`), the
 *   packages to install lose every livepatch for another kernel, whatever the RebootOption.
 */

/** `LivePatch.MINIMUM_REQUIRED_KERNEL` as version-release. */
export const MINIMUM_LIVEPATCH_KERNEL = '4.14.165-131.185.amzn2';
export const LIVEPATCH_PREFIX = 'kernel-livepatch-';
const LIVEPATCH_ARCH = 'x86_64';
const SUPPORT_MONTHS = 3;

export interface LivePatchSetup {
  /** The running kernel's version-release (arch removed). */
  readonly runningKernel: string;
  /** `kernel-livepatch-<v>-<r without .amzn2>`. */
  readonly livepatchName: string;
  /** Livepatches for other kernels leave the compliance report (and their pending-reboot state goes). */
  readonly cleansReport: boolean;
  /** Livepatches for other kernels are not installed (plugin and service on). */
  readonly filtersInstall: boolean;
  /** The kernel may be reported INSTALLED when livepatches cover its CVEs. */
  readonly kernelCheck: boolean;
  /** Why the kernel check does not run, for `detail`/warnings (null when it runs). */
  readonly noCheckBecause: string | null;
}

export interface LivePatchInput {
  readonly operatingSystem: OperatingSystem;
  readonly node: NodeInfo;
  readonly operation: Operation;
  readonly rebootOption: RebootOption;
  readonly now: number;
  readonly compare: (a: string, b: string) => number;
}

/** null when live patching plays no part (not AL2, not collected, plugin not installed). */
export function livePatchSetup(input: LivePatchInput): LivePatchSetup | null {
  const klp = input.node.kernelLivePatching;
  if (input.operatingSystem !== 'AMAZON_LINUX_2' || klp === undefined || !klp.pluginInstalled) return null;
  const runningKernel = klp.runningKernel.replace(/\.(x86_64|aarch64)$/, '');
  const livepatchName = livepatchNameFor(runningKernel);
  const rebootInstall = input.operation === 'Install' && input.rebootOption === 'RebootIfNeeded';
  let noCheckBecause: string | null = null;
  if (!klp.serviceEnabled) noCheckBecause = 'kpatch.service is not enabled';
  else if (rebootInstall) noCheckBecause = 'an Install with RebootIfNeeded reboots into the new kernel instead';
  else if (input.compare(runningKernel, MINIMUM_LIVEPATCH_KERNEL) < 0) {
    noCheckBecause = `the running kernel ${runningKernel} is older than ${MINIMUM_LIVEPATCH_KERNEL}, the first that supports live patching`;
  } else if (klp.runningKernelBuildTime === undefined) {
    noCheckBecause = "the running kernel's build time is unknown, so its 3-month live-patch window cannot be checked";
  } else if (!withinSupportWindow(klp.runningKernelBuildTime, input.now)) {
    noCheckBecause = `the running kernel ${runningKernel} was built more than ${SUPPORT_MONTHS} months ago and no longer receives live patches`;
  }
  return {
    runningKernel,
    livepatchName,
    cleansReport: !(klp.serviceEnabled && rebootInstall),
    filtersInstall: klp.serviceEnabled && input.operation === 'Install',
    kernelCheck: noCheckBecause === null,
    noCheckBecause,
  };
}

export function livepatchNameFor(runningKernel: string): string {
  const dash = runningKernel.indexOf('-');
  const version = dash < 0 ? runningKernel : runningKernel.slice(0, dash);
  const release = dash < 0 ? '' : runningKernel.slice(dash + 1);
  return `${LIVEPATCH_PREFIX}${version}-${release.replaceAll('.amzn2', '')}`;
}

/** A livepatch package for a kernel other than the running one (substring test, as the payload). */
export function isOtherKernelLivepatch(setup: LivePatchSetup, name: string): boolean {
  return name.startsWith(LIVEPATCH_PREFIX) && !setup.livepatchName.includes(name);
}

export function isLivepatch(name: string): boolean {
  return name.startsWith(LIVEPATCH_PREFIX);
}

/** Build date (UTC) + 3 calendar months, day clamped; inside while today's UTC date is not after it. */
export function withinSupportWindow(buildTime: string, now: number): boolean {
  const built = new Date(buildTime);
  const monthIndex = built.getUTCMonth() + SUPPORT_MONTHS;
  const year = built.getUTCFullYear() + Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const end = Date.UTC(year, month, Math.min(built.getUTCDate(), lastDay));
  const today = new Date(now);
  const todayDate = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return todayDate <= end;
}

const KERNEL_STATES: readonly ComplianceState[] = ['INSTALLED', 'INSTALLED_OTHER', 'INSTALLED_REJECTED', 'MISSING'];
const LIVEPATCH_STATES: readonly ComplianceState[] = ['INSTALLED', 'INSTALLED_OTHER', 'INSTALLED_REJECTED'];

export interface KernelOutcome {
  /** The kernel's state after §6.7 (unchanged when not covered). */
  readonly state: ScanState;
  /** The note for the kernel decision's `detail`. */
  readonly note: string;
}

/**
 * The CVE check for the `kernel` package. `kernel` and `livepatch` are the x86_64 packages with
 * their Scan states; `kernelCandidate` is the version the kernel's state is about (the MISSING
 * target, else the installed version).
 */
export function checkKernel(input: {
  readonly setup: LivePatchSetup;
  readonly kernel: PackageView;
  readonly kernelState: ScanState;
  readonly kernelCandidate: string;
  readonly livepatch: PackageView | null;
  readonly livepatchState: ScanState | null;
  readonly compare: (a: string, b: string) => number;
}): KernelOutcome | null {
  const {setup, kernel, kernelState, compare} = input;
  if (kernel.arch !== LIVEPATCH_ARCH) return null;
  if (!setup.kernelCheck) {
    return kernelState.state === 'MISSING' ? {state: kernelState, note: `kernel live patching does not apply: ${setup.noCheckBecause ?? ''}`} : null;
  }
  const kernelSettled = kernelState.settled ?? kernelState.state;
  if (!KERNEL_STATES.includes(kernelSettled)) return null;
  const livepatchSettled = input.livepatchState === null ? null : input.livepatchState.settled ?? input.livepatchState.state;
  if (input.livepatch === null || livepatchSettled === null || !LIVEPATCH_STATES.includes(livepatchSettled)) {
    if (kernelSettled !== 'MISSING') return null;
    const why = input.livepatch === null || livepatchSettled === null || livepatchSettled === 'NOT_APPLICABLE'
      ? `${setup.livepatchName} is not installed`
      : `${setup.livepatchName} is ${livepatchSettled}`;
    return {state: kernelState, note: `kernel live patching: no CVE check, ${why}`};
  }
  // Kernel CVEs: notices of every kernel version from the running one up to the candidate.
  const upper = compare(input.kernelCandidate, setup.runningKernel) > 0 ? input.kernelCandidate : setup.runningKernel;
  const kernelCves = new Set<string>();
  for (const v of kernel.versions) {
    if (compare(v.version, setup.runningKernel) < 0 || compare(v.version, upper) > 0) continue;
    for (const a of v.advisories) for (const cve of a.cves) kernelCves.add(cve);
  }
  const livepatchCves = new Set<string>();
  for (const v of input.livepatch.versions) for (const a of v.advisories) for (const cve of a.cves) livepatchCves.add(cve);
  const uncovered = [...kernelCves].filter((c) => !livepatchCves.has(c)).sort();
  const range = upper === setup.runningKernel ? setup.runningKernel : `${setup.runningKernel} through ${upper}`;
  if (uncovered.length > 0) {
    const shown = uncovered.slice(0, 5).join(', ') + (uncovered.length > 5 ? `, … (${uncovered.length})` : '');
    return kernelSettled === 'MISSING'
      ? {state: kernelState, note: `kernel live patching: the livepatches for the running kernel do not cover ${shown} (kernel ${range})`}
      : null;
  }
  // Covered: MISSING becomes INSTALLED (what a Scan reports), and the pending-reboot record goes.
  const state: ScanState = kernelSettled === 'MISSING'
    ? {state: 'INSTALLED', level: kernelState.level, settled: 'INSTALLED'}
    : {state: kernelSettled, level: kernelState.level, settled: kernelSettled};
  return {
    state,
    note:
      `kernel live patching: ${setup.livepatchName} (${livepatchSettled}) covers all ${kernelCves.size} CVEs of kernel ${range}, ` +
      `so AWS reports the kernel ${state.state}, not ${kernelState.state}` +
      (kernelSettled === 'MISSING'
        ? '; an Install without an InstallOverrideList still installs the new kernel (AWS adjusts only the report, after installing), and with NoReboot it does not become INSTALLED_PENDING_REBOOT'
        : ''),
  };
}
