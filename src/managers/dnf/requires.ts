import {compareEvr, parseEvr} from '../../versions/rpm.js';
import type {Dependency} from '../../inventory/schema.js';

/**
 * What installing one version pulls in (the inventory's `requires`, spec §6.1 step 7 on dnf):
 * the recursive closure of its requirements that the installed packages do not already meet,
 * each resolved to the highest offered version that satisfies it — what `dnf install` with
 * `--best` picks. Computed from the one repoquery's `%{requires}` instead of one
 * `repoquery --requires --resolve --recursive` per version (110-180 ms each, labs.md §7).
 * Only requirements that name a package are followed; file and soname capabilities
 * (`/bin/sh`, `libc.so.6()(64bit)`) are met by the base system in practice and are reported
 * back as unresolved for the debug log.
 */

export interface Requirement {
  readonly name: string;
  readonly op?: '<' | '<=' | '=' | '>=' | '>';
  readonly evr?: string;
}

export function parseRequirement(capability: string): Requirement | null {
  const m = /^(\S+)(?:\s+(<=|>=|<|>|=)\s+(\S+))?$/.exec(capability.trim());
  if (!m) return null;
  const [, name = '', op, evr] = m;
  if (name.startsWith('rpmlib(')) return null;
  return op !== undefined && evr !== undefined ? {name, op: op as Requirement['op'] & string, evr} : {name};
}

/** rpm's rule: a requirement without a release compares versions only. */
export function satisfies(evr: string, req: Requirement): boolean {
  if (req.op === undefined || req.evr === undefined) return true;
  const have = parseEvr(evr);
  const want = parseEvr(req.evr);
  const cmp = want.release === '' ? compareEvr({...have, release: ''}, want) : compareEvr(have, want);
  switch (req.op) {
    case '<':
      return cmp < 0;
    case '<=':
      return cmp <= 0;
    case '=':
      return cmp === 0;
    case '>=':
      return cmp >= 0;
    case '>':
      return cmp > 0;
  }
}

export interface Offer {
  readonly name: string;
  readonly arch: string;
  readonly evr: string;
  readonly requires: readonly string[];
}

export interface ResolveInput {
  /** name → installed (arch, evr) */
  readonly installed: ReadonlyMap<string, readonly {readonly arch: string; readonly evr: string}[]>;
  /** name → every offered version */
  readonly offers: ReadonlyMap<string, readonly Offer[]>;
}

export function resolveRequires(root: Offer, input: ResolveInput, unresolved: Set<string>): Dependency[] {
  const chosen = new Map<string, Offer>();
  const queue: Offer[] = [root];
  const seen = new Set<string>([`${root.name}\u0000${root.arch}`]);
  while (queue.length > 0) {
    const offer = queue.shift();
    if (offer === undefined) break;
    for (const capability of offer.requires) {
      const req = parseRequirement(capability);
      if (req === null || req.name === root.name) continue;
      const pulled = chosen.get(req.name);
      if (pulled !== undefined && satisfies(pulled.evr, req)) continue;
      const installed = input.installed.get(req.name) ?? [];
      if (installed.some((i) => satisfies(i.evr, req))) continue;
      const candidates = (input.offers.get(req.name) ?? []).filter((o) => satisfies(o.evr, req));
      if (candidates.length === 0) {
        if (installed.length === 0) unresolved.add(`${offer.name} ${offer.evr}: ${capability}`);
        continue;
      }
      const best = [...candidates].sort((a, b) => compareEvr(b.evr, a.evr))[0];
      if (best === undefined) continue;
      chosen.set(req.name, best);
      const key = `${best.name}\u0000${best.arch}`;
      if (!seen.has(key)) {
        seen.add(key);
        queue.push(best);
      }
    }
  }
  return [...chosen.values()]
    .map((o) => ({name: o.name, arch: o.arch, version: o.evr}))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
