import type {Decision} from '../engine/types.js';
import type {Inventory, Package} from '../inventory/schema.js';
import {canonicalJson, sha256Hex} from './canonical-json.js';
import type {FingerprintPackage} from './schema.js';

/**
 * The canonical inventory: the same node state hashes the same however a collector ordered
 * it. Packages are sorted by (name, arch), each package's versions by version string, and
 * advisories by id; `versions` and `advisories` are sets in the inventory format, so their
 * order carries no meaning.
 */
export function canonicalInventory(inventory: Inventory): Inventory {
  return {
    ...inventory,
    packages: [...inventory.packages]
      .sort((a, b) => compareText(a.name, b.name) || compareText(a.arch, b.arch))
      .map((pkg) => ({...pkg, versions: [...pkg.versions].sort((a, b) => compareText(a.version, b.version))})),
    advisories: [...inventory.advisories].sort((a, b) => compareText(a.id, b.id)),
  };
}

/** Hex SHA-256 of the canonical JSON of the canonical inventory. */
export function inventorySha256(inventory: Inventory): string {
  return sha256Hex(canonicalJson(canonicalInventory(inventory)));
}

export function packageKey(name: string, arch: string): string {
  // A NUL cannot occur in a package name or arch, so the key is unambiguous.
  return `${name}\u0000${arch}`;
}

/** The versions a package's repositories offer, as a set: sorted, duplicates removed. */
export function offeredVersions(pkg: Package | undefined): string[] {
  if (!pkg) return [];
  return [...new Set(pkg.versions.map((v) => v.version))].sort(compareText);
}

/**
 * One fingerprint entry per decision, in decision order: what that decision saw of its
 * package. `apply` compares it with the node it is about to change (plan/staleness.ts).
 */
export function fingerprintPackages(inventory: Inventory, decisions: readonly Decision[]): FingerprintPackage[] {
  const byKey = new Map<string, Package>();
  for (const pkg of inventory.packages) byKey.set(packageKey(pkg.name, pkg.arch), pkg);
  return decisions.map((decision) => {
    const pkg = byKey.get(packageKey(decision.name, decision.arch));
    return {
      name: decision.name,
      arch: decision.arch,
      installedVersion: pkg ? pkg.installedVersion : decision.installedVersion,
      candidates: offeredVersions(pkg),
    };
  });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
