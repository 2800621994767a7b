import type {AptOrigin, Dependency, InventoryInput} from '../../inventory/schema.js';
import {compareDpkgVersions} from '../../versions/dpkg.js';
import {hasInstalledVersion, INTERRUPTED_STATES, type InstalledPackage} from './parse-dpkg-query.js';
import {policyKey, type PolicyEntry} from './parse-apt-policy.js';
import {originOf, type ListEntry, type PackagesIndex, type PackageStanza} from './parse-packages.js';
import {aptArch, policyArch, providedNames, resolveRequires, type ResolveWorld} from './resolve-requires.js';

/**
 * dpkg's installed packages + apt's lists + apt's candidates → the inventory's packages. Pure.
 *
 * What is kept, and why:
 * - One package per installed (name, architecture) as dpkg reports it (`libfoo-pp` amd64 and
 *   i386 are two packages; an `Architecture: all` package keeps `all`).
 * - Its versions are those AWS evaluates (spec §2.3, `get_package_versions`): every offered
 *   version equal to or newer than the installed one, in dpkg order. apt files an
 *   `Architecture: all` version under the native architecture, so an installed `all` package
 *   sees native-architecture versions too, and the reverse.
 * - The installed version is listed even when no list offers it any more (no origins; Priority
 *   and Section from dpkg), because AWS evaluates it too.
 * - Packages that are not installed are left out, except python3-apt (spec §4.4: AWS installs
 *   it before every run). The engine would only count them NOT_APPLICABLE (spec §6.4), and a
 *   Debian main list would add ~63,000 of them to every inventory and plan fingerprint.
 * - Each version's origins are the Release fields of every list offering it, de-duplicated:
 *   python-apt repeats an `Architecture: all` version's origin once per architecture list,
 *   which adds nothing to the security test (spec §4.4).
 * - `candidate` marks apt's policy candidate (pins, Default-Release, phasing) from one
 *   `apt-cache policy` run; packages with nothing newer than installed are not asked about.
 * - `requires` is what installing that version pulls in (resolve-requires.ts), for every
 *   version newer than the installed one.
 */

export const PYTHON3_APT = 'python3-apt';

/** The dpkg state of an installation dpkg did not finish, as dpkg names it; undefined when it is done. */
export function unfinishedState(pkg: InstalledPackage): string | undefined {
  if (pkg.eflag === 'reinstreq') return 'reinstall-required';
  return INTERRUPTED_STATES.has(pkg.state) ? pkg.state : undefined;
}

type VersionInput = NonNullable<InventoryInput['packages'][number]['versions']>[number];

/** An inventory package as this adapter writes it (versions always present). */
export interface AptPackage {
  readonly name: string;
  readonly arch: string;
  readonly installedVersion: string | null;
  readonly versions: VersionInput[];
  /** dpkg's state when the installation is unfinished (unpacked, half-configured, …). */
  readonly unfinished?: string;
}
type PackageInput = AptPackage;

export interface AptCollection {
  /** apt's `APT::Architecture`. */
  readonly nativeArch: string;
  readonly installed: readonly InstalledPackage[];
  readonly index: PackagesIndex;
  /** `apt-cache policy` entries; empty before the policy run. */
  readonly policy: readonly PolicyEntry[];
}

export interface AssembledPackages {
  readonly packages: PackageInput[];
  /** Dependencies the walk could not place (for the debug log). */
  readonly unresolved: string[];
  /** Every `apt-cache policy` key whose candidate the result depends on. */
  readonly policyKeys: string[];
}

function originKey(o: AptOrigin): string {
  return JSON.stringify([o.archive, o.codename, o.label, o.origin, o.site, o.component, o.trusted]);
}

/** Each list's origin key, once per list instead of once per stanza (20,000 packages × their lists). */
const targetKeys = new WeakMap<ListEntry['target'], string>();

function targetKey(target: ListEntry['target']): string {
  let key = targetKeys.get(target);
  if (key === undefined) {
    key = originKey(originOf(target));
    targetKeys.set(target, key);
  }
  return key;
}

interface VersionGroup {
  readonly version: string;
  readonly stanza: PackageStanza;
  readonly origins: AptOrigin[];
}

/** Offered versions of (name, apt architecture), one group per version, highest first. */
function versionGroups(entries: readonly ListEntry[], arch: string, nativeArch: string): VersionGroup[] {
  const groups = new Map<string, {stanza: PackageStanza; origins: AptOrigin[]; seen: Set<string>}>();
  for (const {stanza, target} of entries) {
    if (aptArch(stanza.arch, nativeArch) !== aptArch(arch, nativeArch)) continue;
    let group = groups.get(stanza.version);
    if (group === undefined) {
      group = {stanza, origins: [], seen: new Set()};
      groups.set(stanza.version, group);
    }
    const k = targetKey(target);
    if (!group.seen.has(k)) {
      group.seen.add(k);
      group.origins.push(originOf(target));
    }
  }
  return [...groups.entries()]
    .map(([version, g]) => ({version, stanza: g.stanza, origins: g.origins}))
    .sort((a, b) => compareDpkgVersions(b.version, a.version));
}

function nonEmpty(value: string): string | undefined {
  return value === '' ? undefined : value;
}

export function assemblePackages(collection: AptCollection): AssembledPackages {
  const native = collection.nativeArch;
  const installedList = collection.installed.filter(hasInstalledVersion);
  const installedByName = new Map<string, InstalledPackage[]>();
  const installedProviders = new Map<string, InstalledPackage[]>();
  for (const p of installedList) {
    installedByName.set(p.name, [...(installedByName.get(p.name) ?? []), p]);
    for (const provided of providedNames(p.provides)) {
      installedProviders.set(provided, [...(installedProviders.get(provided) ?? []), p]);
    }
  }
  const candidates = new Map<string, string | null>();
  for (const entry of collection.policy) candidates.set(policyKey(entry.name, entry.arch), entry.candidate);
  const world: ResolveWorld = {
    nativeArch: native,
    index: collection.index,
    installed: installedByName,
    installedProviders,
    candidate: (name, arch) => candidates.get(policyKey(name, arch)),
  };

  const policyKeys = new Set<string>();
  const unresolved: string[] = [];
  const packages: PackageInput[] = [];

  const build = (name: string, arch: string, installed: InstalledPackage | null): PackageInput => {
    const groups = versionGroups(collection.index.entries(name), arch, native);
    const kept = installed === null ? groups : groups.filter((g) => compareDpkgVersions(g.version, installed.version) >= 0);
    const pKey = policyKey(name, policyArch(arch, native));
    const hasNewer = kept.some((g) => installed === null || compareDpkgVersions(g.version, installed.version) > 0);
    if (hasNewer) policyKeys.add(pKey);
    const candidate = candidates.get(pKey);
    const input: VersionInput[] = [];
    for (const g of kept) {
      const isNewer = installed === null || compareDpkgVersions(g.version, installed.version) > 0;
      let requires: Dependency[] | undefined;
      if (isNewer) {
        const resolution = resolveRequires(g.stanza, world);
        requires = resolution.requires;
        unresolved.push(...resolution.unresolved);
        for (const k of resolution.consulted) policyKeys.add(k);
      }
      input.push({
        version: g.version,
        ...(g.origins[0] ? {repository: g.origins[0].archive} : {}),
        origins: g.origins,
        ...(candidate === g.version ? {candidate: true} : {}),
        ...(g.stanza.priority ? {priority: g.stanza.priority} : {}),
        ...(g.stanza.section ? {section: g.stanza.section} : {}),
        ...(requires !== undefined ? {requires} : {}),
      });
    }
    if (installed !== null && !kept.some((g) => g.version === installed.version)) {
      // Installed but no longer offered: AWS still evaluates it; dpkg knows its fields.
      input.push({
        version: installed.version,
        origins: [],
        ...(candidate === installed.version ? {candidate: true} : {}),
        ...(nonEmpty(installed.priority) ? {priority: installed.priority} : {}),
        ...(nonEmpty(installed.section) ? {section: installed.section} : {}),
      });
      input.sort((a, b) => compareDpkgVersions(b.version, a.version));
    }
    const unfinished = installed === null ? undefined : unfinishedState(installed);
    return {name, arch, installedVersion: installed?.version ?? null, versions: input, ...(unfinished ? {unfinished} : {})};
  };

  for (const p of installedList) packages.push(build(p.name, p.arch, p));

  if (!installedByName.has(PYTHON3_APT)) {
    const groups = versionGroups(collection.index.entries(PYTHON3_APT), native, native);
    const pick = candidates.get(PYTHON3_APT) ?? groups[0]?.version;
    const arch = groups.find((g) => g.version === pick)?.stanza.arch ?? groups[0]?.stanza.arch;
    if (arch !== undefined) packages.push(build(PYTHON3_APT, arch, null));
  }

  return {packages, unresolved, policyKeys: [...policyKeys].sort()};
}
