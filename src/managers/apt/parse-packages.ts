import type {AptOrigin} from '../../inventory/schema.js';
import {parseParagraph, peekField, splitParagraphs} from './deb822.js';
import type {IndexTarget} from './parse-index-targets.js';

/**
 * Packages lists (`/var/lib/apt/lists/*_Packages[.lz4|.gz|…]`): one paragraph per version
 * and architecture the index offers. Real paragraph (fixtures/apt/debian-12/collect/lists,
 * written by apt-ftparchive 2.6.2 and fetched by `apt-get update`):
 *
 *     Package: app-pp
 *     Architecture: all
 *     Version: 1.0-1+deb12u1
 *     Priority: optional
 *     Section: misc
 *     Maintainer: Lab <lab@example.invalid>
 *     Depends: libfoo-pp (>= 1.1), newdep-pp
 *     Filename: pool/security/app-pp_1.0-1+deb12u1_all.deb
 *     Size: 704
 *     MD5sum: 40cd1347aebab76e7cb6ae3e6a07ebd4
 *     …
 *     Description: sandbox test package app-pp
 *
 * The same version usually sits in several lists (its amd64 and i386 lists when it is
 * `Architecture: all`, a `-security` and a `-updates` suite, a mirror): each is one origin.
 */

export interface PackageStanza {
  readonly name: string;
  readonly version: string;
  /** `amd64`, `i386`, … or `all`. */
  readonly arch: string;
  readonly priority: string;
  readonly section: string;
  readonly multiArch: string;
  readonly depends: string;
  readonly preDepends: string;
  readonly provides: string;
}

/** One version offered by one list. */
export interface ListEntry {
  readonly stanza: PackageStanza;
  readonly target: IndexTarget;
}

export function originOf(target: IndexTarget): AptOrigin {
  return {
    archive: target.archive,
    codename: target.codename,
    label: target.label,
    origin: target.origin,
    site: target.site,
    component: target.component,
    trusted: target.trusted,
  };
}

function toStanza(raw: string): PackageStanza | null {
  const f = parseParagraph(raw);
  const name = f.get('package');
  const version = f.get('version');
  if (!name || !version) return null;
  return {
    name,
    version,
    arch: f.get('architecture') ?? '',
    priority: f.get('priority') ?? '',
    section: f.get('section') ?? '',
    multiArch: f.get('multi-arch') ?? '',
    depends: f.get('depends') ?? '',
    preDepends: f.get('pre-depends') ?? '',
    provides: f.get('provides') ?? '',
  };
}

interface RawEntry {
  readonly raw: string;
  readonly target: IndexTarget;
}

/**
 * Every list's paragraphs by package name, parsed on first use. A node needs the paragraphs of
 * its installed packages and of the few packages their updates pull in; parsing all ~63,000
 * paragraphs of a Debian main list would cost more than everything else collect does.
 */
export class PackagesIndex {
  private readonly raw = new Map<string, RawEntry[]>();
  private readonly parsed = new Map<string, ListEntry[]>();
  private providersByName: Map<string, string[]> | null = null;

  addList(text: string, target: IndexTarget): void {
    for (const paragraph of splitParagraphs(text)) {
      const name = peekField(paragraph, 'Package');
      if (!name) continue;
      const list = this.raw.get(name);
      if (list === undefined) this.raw.set(name, [{raw: paragraph, target}]);
      else list.push({raw: paragraph, target});
    }
    this.providersByName = null;
  }

  /** Every (version, list) pair offered for `name`, in list order. */
  entries(name: string): readonly ListEntry[] {
    const cached = this.parsed.get(name);
    if (cached !== undefined) return cached;
    const entries: ListEntry[] = [];
    for (const {raw, target} of this.raw.get(name) ?? []) {
      const stanza = toStanza(raw);
      if (stanza !== null) entries.push({stanza, target});
    }
    this.parsed.set(name, entries);
    return entries;
  }

  /**
   * Names of packages whose `Provides:` lists `virtualName`. Built once, on the first
   * dependency no real package satisfies, by peeking at every paragraph's Provides line.
   */
  providers(virtualName: string): readonly string[] {
    if (this.providersByName === null) {
      const map = new Map<string, string[]>();
      for (const [name, list] of this.raw) {
        for (const {raw} of list) {
          const provides = peekField(raw, 'Provides');
          if (!provides) continue;
          for (const item of provides.split(',')) {
            const provided = item.trim().split(/[\s(:]/)[0];
            if (!provided) continue;
            const names = map.get(provided) ?? [];
            if (!names.includes(name)) names.push(name);
            map.set(provided, names);
          }
        }
      }
      this.providersByName = map;
    }
    return this.providersByName.get(virtualName) ?? [];
  }
}
