import {linuxFamilyFor} from '../engine/families/index.js';
import type {LinuxFamily} from '../engine/linux-types.js';
import type {Inventory} from './schema.js';

/**
 * Silent traps of a hand-written (or generated) inventory file: fields whose absence or value is
 * valid, but quietly changes what the baseline decides. Live collection always fills them, so
 * these are checked only for `plan --inventory FILE`. Pure: one sentence per trap, each saying
 * what to write instead; the plan records them with its other warnings (docs/inventory.md).
 */
export function inventoryTraps(inventory: Inventory): string[] {
  return [managerTrap(inventory), selfReferenceTrap(inventory), archTrap(inventory), aptOriginTrap(inventory)].filter(
    (warning): warning is string => warning !== null,
  );
}

/** The rules the engine evaluates this inventory with (which may not be what the OS implies). */
function familyOf({node}: Inventory): LinuxFamily | null {
  return linuxFamilyFor(node.operatingSystem, node.manager);
}

/**
 * On RHEL, CentOS and Oracle Linux `manager` selects yum or dnf rules (engine/families); on every
 * other OS the rules are fixed, but apply still installs with the manager named. Either way a
 * value the OS does not imply changes something silently. 7.x releases run yum, 8+ and Stream dnf.
 */
function managerTrap({node}: Inventory): string | null {
  const stream = /stream/i.test(node.os.name) || /stream/i.test(node.product);
  const major = Number.parseInt(node.os.versionId.split('.')[0] ?? '', 10);
  const implied = linuxFamilyFor(node.operatingSystem, !stream && major <= 7 ? 'yum' : 'dnf');
  if (implied === null || implied === node.manager) return null;
  const os = `${node.operatingSystem}${node.os.versionId === '' ? '' : ` ${node.os.versionId}`}`;
  const rules = linuxFamilyFor(node.operatingSystem, node.manager);
  return rules === implied
    ? `node.manager is "${node.manager}" but ${os} uses ${implied}: the baseline is evaluated with ${implied}'s rules whatever the manager says, but apply would install with ${node.manager}: write "manager": "${implied}"`
    : `node.manager "${node.manager}" makes patchplan evaluate ${os} with ${rules}'s rules (advisory ids, release dates and the security test differ from ${implied}'s), but that release uses ${implied}: write "manager": "${implied}"`;
}

/** dnf approves and filters advisory ids through `<reference type="self">`, not through `id`. */
function selfReferenceTrap(inventory: Inventory): string | null {
  if (familyOf(inventory) !== 'dnf' || inventory.advisories.length === 0) return null;
  if (inventory.advisories.some((a) => a.selfReferences.length > 0)) return null;
  const example = inventory.advisories[0]?.id ?? 'ALAS2023-2026-1214';
  return `none of the ${inventory.advisories.length} advisories has selfReferences, and dnf matches advisory ids (ApprovedPatches, ADVISORY_ID filters) only through them, so approving by advisory id approves nothing: write "selfReferences": ["${example}"] (the notice's own id) on each advisory`;
}

/** Package specs such as `krb5-libs.x86_64` compare the arch; a package without one never matches. */
function archTrap(inventory: Inventory): string | null {
  const family = familyOf(inventory);
  if (family !== 'dnf' && family !== 'yum' && family !== 'zypper') return null;
  const missing = inventory.packages.filter((p) => p.arch === '');
  if (missing.length === 0) return null;
  const first = missing[0]?.name ?? 'bash';
  return `${count(missing.length, 'package')} (${first}${missing.length > 1 ? ', …' : ''}) ${have(missing.length)} no arch, so ApprovedPatches and RejectedPatches entries with an arch (such as "${first}.${inventory.node.arch}") never match them: write "arch" on every package ("${inventory.node.arch}", "noarch", …)`;
}

/** apt counts a version as security only by a trusted origin whose suite says so; `repository` is not read. */
function aptOriginTrap(inventory: Inventory): string | null {
  if (familyOf(inventory) !== 'apt') return null;
  const versions = inventory.packages.flatMap((p) => p.versions).filter((v) => v.repository !== undefined && (v.origins ?? []).length === 0);
  if (versions.length === 0) return null;
  const suite = versions.find((v) => /security/i.test(v.repository ?? ''))?.repository ?? versions[0]?.repository ?? 'noble-security';
  return `${count(versions.length, 'apt version')} ${have(versions.length)} a repository but no origins, and apt decides security only by origins, so every update among them is not-security-repo: write "origins": [{"archive": "${suite}", "trusted": true}] on each version (the suite and whether it is signed)`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function have(n: number): string {
  return n === 1 ? 'has' : 'have';
}
