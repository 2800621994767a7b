import type {Dependency} from '../../inventory/schema.js';
import {compareDpkgVersions} from '../../versions/dpkg.js';
import type {InstalledPackage} from './parse-dpkg-query.js';
import type {PackagesIndex, PackageStanza} from './parse-packages.js';
import {formatRelation, parseRelations, versionSatisfies, type Relation, type RelationClause} from './relations.js';

/**
 * What installing one exact version pulls in (`AvailableVersion.requires`, the input of the
 * engine's dependency step, spec §6.1 step 7). apt computes this only inside an install; asking
 * `apt-get -s install name=version` once per offered version costs 20-300 ms each (labs.md §7),
 * too slow for a node with hundreds of updates. So this walks the Depends/Pre-Depends of the
 * lists the way apt's resolver does in the ordinary case:
 * - a clause already met by what is installed (or already chosen) pulls nothing in,
 *   `Provides:` included;
 * - otherwise its first alternative that has a version meeting the constraint is installed at
 *   apt's candidate (labs.md §1.5: "dependencies go to their candidates"), or at the highest
 *   version that meets the constraint when the candidate does not;
 * - a `Multi-Arch: same` package moves its installed other-architecture copies to the same
 *   version (apt does: `Inst libfoo-pp:i386` appeared for an amd64-only request);
 * - new packages are walked in turn, so the result is the closure.
 * Conflicts/Breaks and apt's scoring between alternatives are not modelled; what the walk
 * cannot place is reported in `unresolved` (and logged), not guessed.
 */

export interface ResolveWorld {
  readonly nativeArch: string;
  readonly index: PackagesIndex;
  /** Installed packages (those with a version on disk), by name. */
  readonly installed: ReadonlyMap<string, readonly InstalledPackage[]>;
  /** Installed packages by each name their `Provides:` lists (see `providedNames`). */
  readonly installedProviders: ReadonlyMap<string, readonly InstalledPackage[]>;
  /** apt's candidate for (name, arch as apt-cache names it: null = native); undefined = not asked. */
  readonly candidate: (name: string, arch: string | null) => string | null | undefined;
}

export interface Resolution {
  readonly requires: Dependency[];
  readonly unresolved: string[];
  /** apt-cache policy keys (`name`, `name:arch`) the walk looked up a candidate for. */
  readonly consulted: ReadonlySet<string>;
}

/** The architecture apt files a version under: `all` belongs to the native architecture. */
export function aptArch(arch: string, nativeArch: string): string {
  return arch === 'all' || arch === '' ? nativeArch : arch;
}

/** The header apt-cache policy uses: plain name for native (and all), `name:arch` otherwise. */
export function policyArch(arch: string, nativeArch: string): string | null {
  const a = aptArch(arch, nativeArch);
  return a === nativeArch ? null : a;
}

interface Chosen {
  readonly name: string;
  readonly arch: string;
  readonly version: string;
  readonly provides: string;
}

function key(name: string, arch: string, nativeArch: string): string {
  return `${name}:${aptArch(arch, nativeArch)}`;
}

/** Architectures a relation of `dependent` may be met by, before Multi-Arch: foreign. */
function acceptableArch(relation: Relation, dependent: PackageStanza, candidateArch: string, multiArch: string, nativeArch: string): boolean {
  const arch = aptArch(candidateArch, nativeArch);
  if (candidateArch === 'all' || multiArch === 'foreign') return true;
  if (relation.archQualifier === 'any') return multiArch === 'allowed' || multiArch === 'foreign';
  if (relation.archQualifier !== null && relation.archQualifier !== 'native') return arch === relation.archQualifier;
  const wanted = relation.archQualifier === 'native' ? nativeArch : aptArch(dependent.arch, nativeArch);
  return arch === wanted;
}

function providesSatisfy(provides: string, relation: Relation): boolean {
  for (const clause of parseRelations(provides)) {
    for (const p of clause) {
      if (p.name !== relation.name) continue;
      if (relation.op === null) return true;
      // Only a versioned Provides can meet a versioned dependency (Policy §7.5).
      if (p.op === '=' && p.version !== null && versionSatisfies(p.version, relation.op, relation.version)) return true;
    }
  }
  return false;
}

/** The names a `Provides:` field lists, for indexing installed providers once per node. */
export function providedNames(provides: string): string[] {
  return parseRelations(provides).flatMap((clause) => clause.map((r) => r.name));
}

export function resolveRequires(target: PackageStanza, world: ResolveWorld): Resolution {
  const native = world.nativeArch;
  const chosen = new Map<string, Chosen>();
  const consulted = new Set<string>();
  const unresolved: string[] = [];
  chosen.set(key(target.name, target.arch, native), target);
  const queue: PackageStanza[] = [target];

  /** What is (or will be) on the node for `name`: chosen versions replace installed ones. */
  function present(name: string): Chosen[] {
    const out: Chosen[] = [];
    const seen = new Set<string>();
    for (const c of chosen.values()) {
      if (c.name === name) {
        out.push(c);
        seen.add(aptArch(c.arch, native));
      }
    }
    for (const p of world.installed.get(name) ?? []) {
      if (!seen.has(aptArch(p.arch, native))) out.push(p);
    }
    return out;
  }

  function multiArchOf(name: string, arch: string): string {
    const inst = world.installed.get(name)?.find((p) => aptArch(p.arch, native) === aptArch(arch, native));
    if (inst) return inst.multiArch;
    return world.index.entries(name).find((e) => e.stanza.arch === arch)?.stanza.multiArch ?? '';
  }

  function clauseMet(clause: RelationClause, dependent: PackageStanza): boolean {
    for (const relation of clause) {
      for (const p of present(relation.name)) {
        if (!acceptableArch(relation, dependent, p.arch, multiArchOf(p.name, p.arch), native)) continue;
        if (versionSatisfies(p.version, relation.op, relation.version)) return true;
      }
      for (const p of world.installedProviders.get(relation.name) ?? []) {
        // A provider being upgraded counts with what its new version provides.
        if (chosen.has(key(p.name, p.arch, native))) continue;
        if (providesSatisfy(p.provides, relation)) return true;
      }
      for (const c of chosen.values()) {
        if (c.provides !== '' && providesSatisfy(c.provides, relation)) return true;
      }
    }
    return false;
  }

  function pick(name: string, relation: Relation, dependent: PackageStanza): PackageStanza | null {
    const options = world.index
      .entries(name)
      .map((e) => e.stanza)
      .filter((s) => acceptableArch(relation, dependent, s.arch, s.multiArch, native))
      .filter((s) => versionSatisfies(s.version, relation.op, relation.version));
    if (options.length === 0) return null;
    // Prefer the dependent's own architecture, then the native one, as apt does.
    const dependentArch = aptArch(dependent.arch, native);
    const archRank = (s: PackageStanza): number => {
      const a = aptArch(s.arch, native);
      return a === dependentArch ? 0 : a === native ? 1 : 2;
    };
    const bestRank = Math.min(...options.map(archRank));
    const sameArch = options.filter((s) => archRank(s) === bestRank);
    const arch = sameArch[0]?.arch ?? dependent.arch;
    consulted.add(policyArch(arch, native) === null ? name : `${name}:${aptArch(arch, native)}`);
    const installed = world.installed.get(name)?.find((p) => aptArch(p.arch, native) === aptArch(arch, native));
    // apt never downgrades to meet a dependency.
    const allowed = sameArch.filter((s) => installed === undefined || compareDpkgVersions(s.version, installed.version) >= 0);
    const candidate = world.candidate(name, policyArch(arch, native));
    const atCandidate = candidate ? allowed.find((s) => s.version === candidate) : undefined;
    if (atCandidate) return atCandidate;
    return [...allowed].sort((a, b) => compareDpkgVersions(b.version, a.version))[0] ?? null;
  }

  function choose(clause: RelationClause, dependent: PackageStanza): PackageStanza | null {
    for (const relation of clause) {
      const real = pick(relation.name, relation, dependent);
      if (real !== null) return real;
    }
    // Only virtual names left: apt installs a provider; take the first one that offers a
    // version (providers sorted by name, so the choice is stable).
    for (const relation of clause) {
      for (const provider of [...world.index.providers(relation.name)].sort()) {
        const stanza = pick(provider, {name: provider, archQualifier: relation.archQualifier, op: null, version: null}, dependent);
        if (stanza !== null && providesSatisfy(stanza.provides, relation)) return stanza;
      }
    }
    return null;
  }

  while (queue.length > 0) {
    const current = queue.shift();
    if (current === undefined) break;
    for (const clause of [...parseRelations(current.preDepends), ...parseRelations(current.depends)]) {
      if (clauseMet(clause, current)) continue;
      const next = choose(clause, current);
      if (next === null) {
        unresolved.push(`${current.name} ${current.version}: ${clause.map(formatRelation).join(' | ')}`);
        continue;
      }
      chosen.set(key(next.name, next.arch, native), next);
      queue.push(next);
    }
    if (current.multiArch === 'same') {
      for (const sibling of world.installed.get(current.name) ?? []) {
        if (aptArch(sibling.arch, native) === aptArch(current.arch, native)) continue;
        if (chosen.has(key(sibling.name, sibling.arch, native)) || sibling.version === current.version) continue;
        const stanza = world.index.entries(current.name).find((e) => e.stanza.arch === sibling.arch && e.stanza.version === current.version);
        if (stanza === undefined) {
          unresolved.push(`${current.name}:${sibling.arch} ${current.version}: Multi-Arch: same sibling not offered`);
          continue;
        }
        chosen.set(key(sibling.name, sibling.arch, native), stanza.stanza);
        queue.push(stanza.stanza);
      }
    }
  }

  chosen.delete(key(target.name, target.arch, native));
  const requires = [...chosen.values()]
    .map((c) => ({name: c.name, arch: c.arch, version: c.version}))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.arch < b.arch ? -1 : a.arch > b.arch ? 1 : 0));
  return {requires, unresolved, consulted};
}
