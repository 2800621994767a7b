import type {AptOrigin} from '../../inventory/schema.js';
import {FieldReader, ParagraphStream} from './deb822.js';
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

/** The fields a stanza keeps, in PackageStanza's order. */
const STANZA_FIELDS = ['package', 'version', 'architecture', 'priority', 'section', 'multi-arch', 'depends', 'pre-depends', 'provides'];
const stanzaFields = new FieldReader(STANZA_FIELDS);

/**
 * One list's stanzas, read paragraph by paragraph as the list's bytes arrive (`push`), keeping
 * only the fields above: a Debian main list unpacks to ~50 MB, its stanzas to a few MB.
 * Fields with few distinct values (architecture, priority, section, Multi-Arch) share one
 * string per value across all lists.
 */
export class PackagesListReader {
  private readonly entries: ListEntry[] = [];
  private readonly paragraphs = new ParagraphStream((buf, start, end) => this.paragraph(buf, start, end));

  constructor(
    private readonly target: IndexTarget,
    private readonly pool: Map<string, string>,
  ) {}

  push(chunk: Uint8Array): void {
    this.paragraphs.push(chunk);
  }

  /** The list's entries, in list order (the end of the bytes ends the last paragraph). */
  end(): ListEntry[] {
    this.paragraphs.end();
    return this.entries;
  }

  private paragraph(buf: Buffer, start: number, end: number): void {
    const [name, version, arch, priority, section, multiArch, depends, preDepends, provides] = stanzaFields.read(buf, start, end);
    if (!name || !version) return;
    const stanza: PackageStanza = {
      name,
      version,
      arch: this.shared(arch),
      priority: this.shared(priority),
      section: this.shared(section),
      multiArch: this.shared(multiArch),
      depends: depends ?? '',
      preDepends: preDepends ?? '',
      provides: provides ?? '',
    };
    this.entries.push({stanza, target: this.target});
  }

  private shared(value: string | undefined): string {
    if (value === undefined || value === '') return '';
    const known = this.pool.get(value);
    if (known !== undefined) return known;
    this.pool.set(value, value);
    return value;
  }
}

/**
 * Every list's stanzas by package name. A node needs the stanzas of its installed packages and
 * of the few packages their updates pull in, but which those are is only known while resolving
 * (resolve-requires.ts), so every stanza is kept, in the compact form PackagesListReader reads.
 */
export class PackagesIndex {
  private readonly byName = new Map<string, ListEntry[]>();
  private readonly pool = new Map<string, string>();
  private providersByName: Map<string, string[]> | null = null;

  /** A reader for one list; `add` its entries, list by list in apt's order. */
  reader(target: IndexTarget): PackagesListReader {
    return new PackagesListReader(target, this.pool);
  }

  add(entries: readonly ListEntry[]): void {
    for (const entry of entries) {
      const list = this.byName.get(entry.stanza.name);
      if (list === undefined) this.byName.set(entry.stanza.name, [entry]);
      else list.push(entry);
    }
    this.providersByName = null;
  }

  /** A whole list's text at once (tests, fixtures). */
  addList(text: string, target: IndexTarget): void {
    const reader = this.reader(target);
    reader.push(Buffer.from(text, 'utf8'));
    this.add(reader.end());
  }

  /** Every (version, list) pair offered for `name`, in list order. */
  entries(name: string): readonly ListEntry[] {
    return this.byName.get(name) ?? [];
  }

  /**
   * Names of packages whose `Provides:` lists `virtualName`. Built once, on the first
   * dependency no real package satisfies.
   */
  providers(virtualName: string): readonly string[] {
    if (this.providersByName === null) {
      const map = new Map<string, string[]>();
      for (const [name, list] of this.byName) {
        for (const {stanza} of list) {
          if (!stanza.provides) continue;
          for (const item of stanza.provides.split(',')) {
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
