import type {AdvisoryInput, PackageInput} from './types.js';
import type {ZypperPackageUpdate, ZypperPatch} from './parse-update-status.js';
import type {ZypperSolvable} from './parse-search.js';

/** One installed package, version in the Inventory's `[epoch:]version-release` syntax. */
export interface InstalledPackage {
  readonly name: string;
  readonly arch: string;
  readonly version: string;
}

/** One exact package version a patch lists (from the cached updateinfo). */
export interface PatchPackage {
  readonly name: string;
  readonly arch: string;
  readonly version: string;
  readonly rebootSuggested: boolean;
}

/**
 * Joins the zypper answers into Inventory packages and advisories (pure, so the joins are unit
 * tested without zypper). One record per (installed package, offered version), each version
 * carrying the ids of the patches that list exactly that name/version/arch (spec §2.3: a version
 * in no patch is a record without classification).
 */

/** zypper's names for "installed, offered by no repository". */
const SYSTEM_REPOSITORIES = new Set(['@System', '(System Packages)']);

function archMatches(a: string, b: string): boolean {
  return a === b || a === 'noarch' || b === 'noarch' || a === '' || b === '';
}

/** Which installed names need `search`: those with an update or listed in some patch. */
export function namesToSearch(
  installed: readonly InstalledPackage[],
  updates: readonly ZypperPackageUpdate[],
  patchPackages: ReadonlyMap<string, readonly PatchPackage[]>,
): string[] {
  const wanted = new Set(updates.map((u) => u.name));
  for (const packages of patchPackages.values()) for (const p of packages) wanted.add(p.name);
  return [...new Set(installed.map((p) => p.name).filter((n) => wanted.has(n)))].sort();
}

export interface AssembleInput {
  readonly installed: readonly InstalledPackage[];
  readonly updates: readonly ZypperPackageUpdate[];
  readonly solvables: readonly ZypperSolvable[];
  readonly patches: readonly ZypperPatch[];
  readonly patchPackages: ReadonlyMap<string, readonly PatchPackage[]>;
}

export interface Assembled {
  readonly packages: PackageInput[];
  readonly advisories: AdvisoryInput[];
  /** Patches list-patches printed that no cached updateinfo described (their versions get no advisory). */
  readonly unmapped: string[];
}

export function assemble(input: AssembleInput): Assembled {
  // Patch id → packages; only patches zypper itself reports count (a cached file of a disabled repo would not).
  const patchById = new Map<string, ZypperPatch>();
  for (const patch of input.patches) if (!patchById.has(patch.name)) patchById.set(patch.name, patch);
  const byVersion = new Map<string, {ids: Set<string>; reboot: boolean}>();
  const unmapped: string[] = [];
  for (const id of patchById.keys()) {
    const packages = input.patchPackages.get(id);
    if (packages === undefined) {
      unmapped.push(id);
      continue;
    }
    for (const p of packages) {
      const key = `${p.name}\u0000${p.version}`;
      const entry = byVersion.get(key) ?? {ids: new Set<string>(), reboot: false};
      entry.ids.add(id);
      entry.reboot ||= p.rebootSuggested || (patchById.get(id)?.restart ?? false);
      byVersion.set(key, entry);
    }
  }
  const archOf = (name: string, version: string, arch: string): boolean => {
    const packages = [...(byVersion.get(`${name}\u0000${version}`)?.ids ?? [])].flatMap((id) => input.patchPackages.get(id) ?? []);
    return packages.some((p) => p.name === name && p.version === version && archMatches(p.arch, arch));
  };

  const solvablesByName = new Map<string, ZypperSolvable[]>();
  for (const s of input.solvables) {
    if (s.kind !== 'package' || s.edition === '' || SYSTEM_REPOSITORIES.has(s.repository)) continue;
    solvablesByName.set(s.name, [...(solvablesByName.get(s.name) ?? []), s]);
  }
  // list-updates is also an offer: kept when search did not return it (an older zypper, a race).
  for (const u of input.updates) {
    const known = solvablesByName.get(u.name) ?? [];
    if (!known.some((s) => s.edition === u.edition && s.arch === u.arch)) {
      solvablesByName.set(u.name, [...known, {name: u.name, kind: 'package', status: 'other-version', edition: u.edition, arch: u.arch, repository: u.repository ?? ''}]);
    }
  }

  const packages: PackageInput[] = [];
  for (const pkg of [...input.installed].sort((a, b) => (a.name === b.name ? (a.arch < b.arch ? -1 : 1) : a.name < b.name ? -1 : 1))) {
    const seen = new Set<string>();
    const versions = [];
    for (const s of solvablesByName.get(pkg.name) ?? []) {
      if (!archMatches(s.arch, pkg.arch)) continue;
      const key = `${s.edition}\u0000${s.repository}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = byVersion.get(`${pkg.name}\u0000${s.edition}`);
      const ids = entry && archOf(pkg.name, s.edition, s.arch) ? [...entry.ids].sort() : [];
      versions.push({
        version: s.edition,
        ...(s.repository !== '' ? {repository: s.repository} : {}),
        advisories: ids,
        ...(ids.length > 0 && entry?.reboot ? {rebootSuggested: true} : {}),
      });
    }
    packages.push({name: pkg.name, arch: pkg.arch, installedVersion: pkg.version, versions});
  }

  const advisories: AdvisoryInput[] = [...patchById.values()].map((p) => ({
    id: p.name,
    type: p.category,
    ...(p.severity !== null ? {severity: p.severity} : {}),
    ...(p.issued !== null ? {issued: p.issued} : {}),
    ...(p.summary !== '' ? {title: p.summary} : {}),
    cves: [...p.cves],
    bugzillas: [...p.bugzillas],
    ...(p.repository !== null ? {repository: p.repository} : {}),
    rebootSuggested: p.restart,
  }));
  return {packages, advisories, unmapped: unmapped.sort()};
}
