import type {Decision} from '../engine/engine-io.js';
import type {Inventory, Package} from '../inventory/schema.js';
import {canonicalJson, sha256Hex} from '../json/canonical-json.js';
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

/** What the node's repositories offer, looked up by package. */
export interface OfferedIndex {
  /** The package's entry, if the inventory has one. */
  package(name: string, arch: string): Package | undefined;
  /** Every version offered for (name, arch), sorted, without duplicates. */
  versions(name: string, arch: string): string[];
}

const ANY_ARCH = '\u0000*';

/**
 * A package's offered versions are its own `versions[]` plus every exact version that an
 * offered version `requires`: a dependency that is not installed yet (a new kernel image
 * pulled in by the kernel meta-package) has no entry of its own, yet the repositories offer it.
 * A requirement without an arch is taken to offer that version for any arch of the name.
 */
export function indexOffered(inventory: Inventory): OfferedIndex {
  const packages = new Map<string, Package>();
  const offered = new Map<string, Set<string>>();
  const add = (key: string, version: string): void => {
    const set = offered.get(key) ?? new Set<string>();
    offered.set(key, set.add(version));
  };
  for (const pkg of inventory.packages) {
    packages.set(packageKey(pkg.name, pkg.arch), pkg);
    for (const version of pkg.versions) {
      add(packageKey(pkg.name, pkg.arch), version.version);
      for (const dep of version.requires ?? []) add(dep.arch === undefined ? `${dep.name}${ANY_ARCH}` : packageKey(dep.name, dep.arch), dep.version);
    }
  }
  return {
    package: (name, arch) => packages.get(packageKey(name, arch)),
    versions: (name, arch) =>
      [...new Set([...(offered.get(packageKey(name, arch)) ?? []), ...(offered.get(`${name}${ANY_ARCH}`) ?? [])])].sort(compareText),
  };
}

/**
 * One fingerprint entry per decision, in decision order: what that decision saw of its
 * package. `apply` compares it with the node it is about to change (plan/staleness.ts).
 */
export function fingerprintPackages(inventory: Inventory, decisions: readonly Decision[]): FingerprintPackage[] {
  const index = indexOffered(inventory);
  return decisions.map((decision) => {
    const pkg = index.package(decision.name, decision.arch);
    return {
      name: decision.name,
      arch: decision.arch,
      installedVersion: pkg ? pkg.installedVersion : decision.installedVersion,
      candidates: index.versions(decision.name, decision.arch),
    };
  });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
