import type {Advisory, AptOrigin, AvailableVersion, Dependency, Inventory} from '../inventory/schema.js';
import type {OfferedVersion, PackageView} from './linux-types.js';

/**
 * Normalizes the inventory into one PackageView per (name, arch), versions merged and sorted
 * newest first in the manager's order. Everything is sorted by value, so the evaluation does
 * not depend on the order in which the collector listed packages, versions or advisories.
 */

/** Locale-independent string order (UTF-16 code units). */
export function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function canonical(value: unknown): string {
  return JSON.stringify(value);
}

function uniqueSorted(items: Iterable<string>): string[] {
  return [...new Set(items)].sort(codeUnitOrder);
}

/** One advisory per id; should the inventory repeat an id, the smallest document wins. */
function advisoryIndex(advisories: readonly Advisory[]): Map<string, Advisory> {
  const index = new Map<string, Advisory>();
  for (const advisory of advisories) {
    const known = index.get(advisory.id);
    if (known === undefined || canonical(advisory) < canonical(known)) index.set(advisory.id, advisory);
  }
  return index;
}

function mergeVersions(
  group: readonly AvailableVersion[],
  advisories: ReadonlyMap<string, Advisory>,
  unknownAdvisory: (id: string, version: string) => void,
): OfferedVersion {
  // The group is sorted canonically, so "first defined" is the same for any input order.
  const first = group[0];
  if (first === undefined) throw new Error('mergeVersions: empty group');
  const origins: AptOrigin[] = group
    .flatMap((v) => v.origins ?? [])
    .sort((a, b) => codeUnitOrder(canonical(a), canonical(b)));
  const advisoryIds = uniqueSorted(group.flatMap((v) => v.advisories));
  const known: Advisory[] = [];
  for (const id of advisoryIds) {
    const advisory = advisories.get(id);
    if (advisory === undefined) unknownAdvisory(id, first.version);
    else known.push(advisory);
  }
  const buildTimes = group.map((v) => v.buildTime).filter((t): t is string => t !== undefined);
  const requires: Dependency[] = group.find((v) => v.requires !== undefined)?.requires ?? [];
  return {
    version: [...group.map((v) => v.version)].sort(codeUnitOrder)[0] ?? first.version,
    repositories: uniqueSorted(group.map((v) => v.repository).filter((r): r is string => r !== undefined && r !== '')),
    origins,
    candidate: group.some((v) => v.candidate === true),
    priority: group.find((v) => v.priority !== undefined)?.priority,
    section: group.find((v) => v.section !== undefined)?.section,
    advisoryIds,
    advisories: known,
    // The earliest build when repositories disagree: yum dates a notice-less version by it.
    buildTime: buildTimes.sort((a, b) => Date.parse(a) - Date.parse(b) || codeUnitOrder(a, b))[0],
    requires,
    offered: true,
  };
}

export function buildPackageViews(
  inventory: Inventory,
  compare: (a: string, b: string) => number,
  warn: (message: string) => void,
): PackageView[] {
  const advisories = advisoryIndex(inventory.advisories);
  const reported = new Set<string>();
  const unknownAdvisory = (id: string, label: string): void => {
    if (reported.has(id)) return;
    reported.add(id);
    warn(`advisory ${id} is referenced by ${label} but not described in the inventory; it is ignored`);
  };

  const groups = new Map<string, Inventory['packages'][number][]>();
  for (const pkg of inventory.packages) {
    const key = `${pkg.name}\u0000${pkg.arch}`;
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [pkg]);
    else list.push(pkg);
  }

  const views: PackageView[] = [];
  // Sorted by key so that warnings come out in the same order for any inventory order.
  for (const [, entries] of [...groups.entries()].sort((a, b) => codeUnitOrder(a[0], b[0]))) {
    const sample = entries[0];
    if (sample === undefined) continue;
    const label = sample.arch === '' ? sample.name : `${sample.name}.${sample.arch}`;
    const installedVersions = entries.map((e) => e.installedVersion).filter((v): v is string => v !== null);
    // Install-only packages (kernels) list several installed versions: the newest one is the
    // one an update must beat.
    const installed = installedVersions.sort((a, b) => compare(b, a) || codeUnitOrder(a, b))[0] ?? null;
    if (entries.length > 1) {
      warn(`inventory lists ${label} ${entries.length} times; it is evaluated once, with installed version ${installed ?? 'none'}`);
    }
    const pendingReboot = entries.some((e) => e.installedVersion === installed && e.pendingReboot === true);

    const all = entries
      .flatMap((e) => e.versions)
      .sort((a, b) => compare(b.version, a.version) || codeUnitOrder(canonical(a), canonical(b)));
    const versions: OfferedVersion[] = [];
    let group: AvailableVersion[] = [];
    for (const v of all) {
      const head = group[0];
      if (head !== undefined && compare(head.version, v.version) !== 0) {
        versions.push(mergeVersions(group, advisories, (id) => unknownAdvisory(id, `${label} ${head.version}`)));
        group = [];
      }
      group.push(v);
    }
    const last = group[0];
    if (last !== undefined) {
      versions.push(mergeVersions(group, advisories, (id) => unknownAdvisory(id, `${label} ${last.version}`)));
    }
    views.push({name: sample.name, arch: sample.arch, installedVersion: installed, pendingReboot, versions});
  }
  return views;
}
