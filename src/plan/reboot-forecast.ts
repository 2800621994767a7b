import {decideReboot} from '../apply/reboot.js';
import type {RebootOption} from '../engine/engine-io.js';
import type {Inventory} from '../inventory/schema.js';
import type {ManagerId} from '../core/ids.js';
import type {PlanReboot, RebootCause} from './schema.js';

/**
 * The reboot forecast a plan states before anything runs (issue: "nobody learns it after the
 * fact"). Pure: what the plan installs, what the inventory says about it, and the reboot option.
 *
 * Two questions, answered separately because the reboot options ask different ones:
 * - *causes*: what in this plan needs a reboot to take effect: a kernel; a package that the
 *   OS's own reboot hint lists (dnf's needs-restarting, yum-utils, libzypp, the Debian/Ubuntu
 *   packages whose postinst writes /var/run/reboot-required); an advisory or version marked
 *   reboot_suggested; or the node already waiting for one;
 * - *expected*: whether `apply` will reboot, which is the reboot policy of apply/reboot.ts
 *   applied to "this plan installs something" and "the causes say the OS will want one".
 *   RebootIfNeeded reboots after any install (AWS does not ask the OS), so a plan of two
 *   libraries is expected to reboot although nothing in it needs one; the view says both.
 */
export function forecastReboot(input: {
  readonly rebootOption: RebootOption;
  readonly inventory: Inventory;
  /** The installs of the plan (name, arch, target version). */
  readonly installs: readonly PlannedTarget[];
}): PlanReboot {
  const {inventory, installs} = input;
  return forecastFromCauses({
    rebootOption: input.rebootOption,
    root: inventory.node.root,
    installedAny: installs.length > 0,
    causes: rebootCauses(inventory, installs),
  });
}

/**
 * The forecast from causes alone, so a plan whose installs change after it was made (a
 * reviewer's exclusion) can be forecast again without the inventory: `already-pending` causes
 * stay, the others go with their package.
 */
export function forecastFromCauses(input: {
  readonly rebootOption: RebootOption;
  readonly root: string;
  readonly installedAny: boolean;
  readonly causes: readonly RebootCause[];
}): PlanReboot {
  const decision = decideReboot({
    option: input.rebootOption,
    root: input.root,
    installedAny: input.installedAny,
    pendingFromEarlier: input.causes.some((c) => c.kind === 'already-pending'),
    required: input.causes.length > 0,
  });
  return {expected: decision.reboot, reason: decision.reason, causes: [...input.causes]};
}

interface PlannedTarget {
  readonly name: string;
  readonly arch: string;
  readonly targetVersion: string | null;
}

function rebootCauses(inventory: Inventory, installs: readonly PlannedTarget[]): RebootCause[] {
  // Already waiting: the OS's own flag, and packages an earlier NoReboot install changed
  // (spec §6.1 step 9 (a)); RebootIfNeeded reboots for them even with nothing to install.
  const causes: RebootCause[] = inventory.node.rebootPending ? [{kind: 'already-pending', package: null, advisory: null}] : [];
  for (const p of inventory.packages) if (p.pendingReboot === true) causes.push({kind: 'already-pending', package: p.name, advisory: null});
  const advisories = new Map(inventory.advisories.map((a) => [a.id, a]));
  const packages = new Map(inventory.packages.map((p) => [`${p.name}\u0000${p.arch}`, p]));
  for (const install of installs) {
    if (isKernelPackage(install)) {
      causes.push({kind: 'kernel', package: install.name, advisory: null});
      continue;
    }
    if (isCorePackage(install.name, inventory.node.manager)) {
      causes.push({kind: 'core-package', package: install.name, advisory: null});
      continue;
    }
    const version = packages.get(`${install.name}\u0000${install.arch}`)?.versions.find((v) => v.version === install.targetVersion);
    const suggesting = version?.advisories.find((id) => advisories.get(id)?.rebootSuggested === true);
    if (suggesting !== undefined) causes.push({kind: 'reboot-suggested', package: install.name, advisory: suggesting});
    else if (version?.rebootSuggested === true) causes.push({kind: 'reboot-suggested', package: install.name, advisory: null});
  }
  return causes;
}

/**
 * Kernel images and the meta-packages that pull them in. Over-matching only costs a longer
 * confirmation; under-matching would let a reboot through with a plain `yes`.
 * - Debian/Ubuntu: linux-image-*, linux-modules-*, linux-signed-*, and the flavour
 *   meta-packages (linux-generic, linux-aws, linux-image-amd64 …);
 * - rpm families and SUSE: kernel, kernel-core, kernel-modules*, kernel-default*, kernel-uek*,
 *   kernel-64k*, kernel-rt*, kernel-azure.
 */
export function isKernelPackage(decision: {readonly name: string}): boolean {
  const name = decision.name;
  return (
    /^linux-(image|modules|signed)(-|$)/.test(name) ||
    /^linux-(generic|virtual|aws|azure|gcp|gke|oracle|kvm|lowlatency|ibm|raspi)(-.*)?$/.test(name) ||
    /^kernel(-(core|modules.*|default.*|uek.*|64k.*|rt.*|azure.*|lpae.*))?$/.test(name)
  );
}

/**
 * Packages other than the kernel after whose update the OS's own tools say to reboot:
 * - rpm families: dnf-plugins-core needs-restarting's NEED_REBOOT (kernel, kernel-rt, glibc,
 *   linux-firmware, systemd, dbus, dbus-broker, dbus-daemon) and yum-utils' list, which adds
 *   udev, openssl-libs and gnutls; microcode is loaded at boot;
 * - SUSE: the same libraries under SUSE's names (dbus-1, kernel-firmware-*, ucode-*);
 * - Debian/Ubuntu: libc6 (Ubuntu's postinst asks for a reboot), dbus (its postinst calls
 *   notify-reboot-required), systemd and udev (PID 1 and the device manager), firmware and
 *   microcode.
 */
const CORE_PACKAGES: Readonly<Record<'apt' | 'rpm' | 'zypper', RegExp>> = {
  apt: /^(libc6|dbus|dbus-daemon|dbus-system-bus-common|systemd|libsystemd0|udev|linux-firmware|firmware-linux.*|intel-microcode|amd64-microcode)$/,
  rpm: /^(glibc|linux-firmware|systemd|udev|dbus|dbus-broker|dbus-daemon|openssl-libs|gnutls|microcode_ctl)$/,
  zypper: /^(glibc|systemd|udev|dbus-1|dbus-broker|kernel-firmware.*|ucode-(intel|amd))$/,
};

export function isCorePackage(name: string, manager: ManagerId): boolean {
  switch (manager) {
    case 'apt':
      return CORE_PACKAGES.apt.test(name);
    case 'dnf':
    case 'yum':
      return CORE_PACKAGES.rpm.test(name);
    case 'zypper':
      return CORE_PACKAGES.zypper.test(name);
    case 'macos':
    case 'windows':
      // Their updates say so themselves (the restart flag, the update's reboot behaviour).
      return false;
  }
}
