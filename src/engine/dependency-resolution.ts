import type {PatchListEntry} from '../baseline/model.js';
import type {FamilyRules} from './families/family.js';
import type {DependencyPolicy, EngineContext, OfferedVersion, PackageView, VersionVerdict} from './linux-types.js';
import {firstMatchingEntry} from './patch-lists.js';
import {codeUnitOrder} from './package-views.js';

/**
 * Step 7 of spec §6.1: what installing a target pulls in (`requires`, the collector's resolved
 * closure) and what each family does when that includes a rejected version.
 */

/** A package version that installing a target would install or upgrade. */
export interface ResolvedDependency {
  readonly name: string;
  readonly arch: string;
  readonly version: string;
  /** The inventory's package of that name and arch, if any. */
  readonly pkg: PackageView | null;
}

export function dependencyLabel(dep: ResolvedDependency): string {
  return `${dep.arch === '' ? dep.name : `${dep.name}.${dep.arch}`} ${dep.version}`;
}

export function packageKey(name: string, arch: string): string {
  return `${name}\u0000${arch}`;
}

/** name → packages of that name, for resolving requirements that give no architecture. */
export type PackageIndex = ReadonlyMap<string, readonly PackageView[]>;

export function indexPackages(packages: readonly PackageView[]): Map<string, PackageView[]> {
  const index = new Map<string, PackageView[]>();
  for (const pkg of packages) {
    const list = index.get(pkg.name);
    if (list === undefined) index.set(pkg.name, [pkg]);
    else list.push(pkg);
  }
  return index;
}

/** Architecture-neutral package architectures, which satisfy a requirement of any arch. */
const NEUTRAL_ARCHES = new Set(['noarch', 'all']);

/**
 * The versions installing `version` of `dependent` would install or upgrade: required versions
 * of packages not installed, or newer than the installed one. A requirement already met (or
 * that would be a downgrade, which no manager does implicitly) pulls nothing in.
 */
export function neededDependencies(
  dependent: PackageView,
  version: OfferedVersion,
  index: PackageIndex,
  ctx: EngineContext,
): ResolvedDependency[] {
  const needed: ResolvedDependency[] = [];
  for (const req of version.requires) {
    const sameName = index.get(req.name) ?? [];
    let pkg: PackageView | null = null;
    if (req.arch !== undefined) {
      pkg = sameName.find((p) => p.arch === req.arch) ?? null;
    } else {
      pkg =
        sameName.find((p) => p.arch === dependent.arch) ??
        sameName.find((p) => NEUTRAL_ARCHES.has(p.arch)) ??
        sameName[0] ??
        null;
    }
    const arch = req.arch ?? pkg?.arch ?? dependent.arch;
    const installed = pkg?.installedVersion ?? null;
    if (installed !== null && ctx.compare(req.version, installed) <= 0) continue;
    if (req.name === dependent.name && arch === dependent.arch) continue;
    needed.push({name: req.name, arch, version: req.version, pkg});
  }
  return needed;
}

/** Which entry (if any) makes a dependency rejected for this family's step 7. */
export type RejectionTest = (dep: ResolvedDependency) => PatchListEntry | null;

/**
 * RejectedPatches as each family's dependency handling sees it: apt matches its six forms,
 * yum its twelve (its exclude list), dnf only `name-epoch:version-release.arch`, zypper locks
 * by name every not-installed match and every INSTALLED_REJECTED package.
 */
export function baselineRejectionTest(
  rules: FamilyRules,
  ctx: EngineContext,
  lockedInstalled: (pkg: PackageView) => PatchListEntry | null,
): RejectionTest {
  return (dep) => {
    if (rules.family === 'zypper' && dep.pkg !== null && dep.pkg.installedVersion !== null) {
      return lockedInstalled(dep.pkg);
    }
    return firstMatchingEntry(ctx.baseline.rejectedPatches, (value) =>
      rules.dependencyRejected(value, dep.name, dep.arch, dep.version),
    );
  };
}

export interface BlockedVersion {
  readonly verdict: VersionVerdict;
  readonly dep: ResolvedDependency;
  readonly entry: PatchListEntry;
}

export interface InstallChoice {
  readonly target: VersionVerdict | null;
  /** Other installable approved versions, highest first (what AWS tries next). */
  readonly fallbacks: readonly VersionVerdict[];
  /** Versions dropped because of a rejected dependency, highest first. */
  readonly blocked: readonly BlockedVersion[];
}

function firstRejected(
  verdict: VersionVerdict,
  depsOf: (v: OfferedVersion) => readonly ResolvedDependency[],
  isRejected: RejectionTest,
): {dep: ResolvedDependency; entry: PatchListEntry} | null {
  for (const dep of depsOf(verdict.version)) {
    const entry = isRejected(dep);
    if (entry !== null) return {dep, entry};
  }
  return null;
}

/** Step 6 + 7: the target among the approved versions (highest first) under the policy. */
export function chooseInstallable(
  approved: readonly VersionVerdict[],
  policy: DependencyPolicy,
  depsOf: (v: OfferedVersion) => readonly ResolvedDependency[],
  isRejected: RejectionTest,
): InstallChoice {
  if (policy === 'fails' || policy === 'allow') {
    return {target: approved[0] ?? null, fallbacks: approved.slice(1), blocked: []};
  }
  const blocked: BlockedVersion[] = [];
  const installable: VersionVerdict[] = [];
  for (const verdict of approved) {
    const hit = firstRejected(verdict, depsOf, isRejected);
    if (hit !== null) blocked.push({verdict, ...hit});
    else installable.push(verdict);
  }
  if (policy === 'block-skip') {
    // yum skips the package when its target has such a requirement; it tries nothing lower.
    const highest = approved[0];
    if (highest !== undefined && blocked[0]?.verdict === highest) {
      return {target: null, fallbacks: [], blocked: [blocked[0]]};
    }
  }
  return {target: installable[0] ?? null, fallbacks: installable.slice(1), blocked};
}

/** One dependency install the plan adds, with the approved update that needs it. */
export interface DependencyInstall {
  readonly dep: ResolvedDependency;
  readonly dependent: PackageView;
  readonly dependentVersion: string;
  readonly rejectedBy: PatchListEntry | null;
}

/**
 * The dependency installs of all planned targets: per dependency the highest required version,
 * attributed to the first dependent (by name, arch) that needs it. Dependencies this family
 * cannot install (`fails`) are left out; their dependents carry a note instead.
 */
export function collectDependencyInstalls(
  targets: readonly {readonly pkg: PackageView; readonly version: OfferedVersion}[],
  depsOf: (pkg: PackageView, v: OfferedVersion) => readonly ResolvedDependency[],
  isRejected: RejectionTest,
  policy: DependencyPolicy,
  compare: (a: string, b: string) => number,
): DependencyInstall[] {
  const chosen = new Map<string, DependencyInstall>();
  const ordered = [...targets].sort(
    (a, b) => codeUnitOrder(a.pkg.name, b.pkg.name) || codeUnitOrder(a.pkg.arch, b.pkg.arch),
  );
  for (const {pkg, version} of ordered) {
    for (const dep of depsOf(pkg, version)) {
      const rejectedBy = isRejected(dep);
      if (rejectedBy !== null && policy === 'fails') continue;
      const key = packageKey(dep.name, dep.arch);
      const known = chosen.get(key);
      if (known === undefined || compare(dep.version, known.dep.version) > 0) {
        chosen.set(key, {dep, dependent: pkg, dependentVersion: version.version, rejectedBy});
      }
    }
  }
  return [...chosen.values()];
}
