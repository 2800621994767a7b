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

/** STANZA_FIELDS kept as codes (architecture, priority, section, multi-arch) and as text (version, depends, pre-depends, provides). */
const CODE_FIELDS = [2, 3, 4, 5];
const TEXT_FIELDS = [1, 6, 7, 8];
const NONE = -1;
const STORE_CHUNK = 1 << 20;
/** prev (float64), target, arch, priority, section, multi-arch (uint16 codes). */
const HEAD = 8 + 5 * 2;

/**
 * Every stanza's fields as bytes, the way apt keeps its binary cache instead of objects: a
 * Debian main list's ~63,000 stanzas take ~11 MB here, three times less than as objects and
 * strings, and only the few thousand a node looks at are ever decoded. A record is found by its
 * position (chunk × 2³² + offset) and points to the previous record of the same name (list order).
 * Fields with few distinct values (target, architecture, priority, section, Multi-Arch) are codes.
 */
class StanzaStore {
  private readonly chunks: Buffer[] = [];
  private used = 0;
  private readonly codes = new Map<string, number>();
  private readonly values: string[] = [];
  readonly targets: IndexTarget[] = [];

  targetCode(target: IndexTarget): number {
    const known = this.targets.indexOf(target);
    if (known >= 0) return known;
    this.targets.push(target);
    return this.targets.length - 1;
  }

  /** Appends the stanza `fields` (stanzaFields) has just scanned; returns its position. */
  append(target: number, fields: FieldReader): number {
    const room = HEAD + TEXT_FIELDS.reduce((n, f) => n + 4 + fields.maxBytes(f), 0);
    let chunk = this.chunks[this.chunks.length - 1];
    if (chunk === undefined || this.used + room > chunk.length) {
      chunk = Buffer.allocUnsafe(Math.max(STORE_CHUNK, room));
      this.chunks.push(chunk);
      this.used = 0;
    }
    const start = this.used;
    chunk.writeDoubleLE(NONE, start);
    let at = chunk.writeUInt16LE(target, start + 8);
    for (const f of CODE_FIELDS) at = chunk.writeUInt16LE(this.code(fields.value(f) ?? ''), at);
    for (const f of TEXT_FIELDS) {
      const length = fields.copy(f, chunk, at + 4);
      chunk.writeUInt32LE(length, at);
      at += 4 + length;
    }
    this.used = at;
    return (this.chunks.length - 1) * 2 ** 32 + start;
  }

  setPrev(position: number, prev: number): void {
    this.chunkAt(position).writeDoubleLE(prev, position % 2 ** 32);
  }

  prev(position: number): number {
    return this.chunkAt(position).readDoubleLE(position % 2 ** 32);
  }

  /** The stanza at `position` (its name is the caller's) and its list. */
  read(position: number, name: string): ListEntry {
    const chunk = this.chunkAt(position);
    let at = (position % 2 ** 32) + 8;
    const code = (): number => {
      const value = chunk.readUInt16LE(at);
      at += 2;
      return value;
    };
    const target = this.targets[code()] as IndexTarget;
    const [arch, priority, section, multiArch] = [code(), code(), code(), code()].map((c) => this.values[c] as string);
    const text = (): string => {
      const length = chunk.readUInt32LE(at);
      at += 4 + length;
      return chunk.toString('utf8', at - length, at);
    };
    const [version, depends, preDepends, provides] = [text(), text(), text(), text()] as [string, string, string, string];
    return {stanza: {name, version, arch: arch ?? '', priority: priority ?? '', section: section ?? '', multiArch: multiArch ?? '', depends, preDepends, provides}, target};
  }

  /** The record's Provides field alone. */
  provides(position: number): string {
    const chunk = this.chunkAt(position);
    let at = (position % 2 ** 32) + HEAD;
    for (let skip = 0; skip < 3; skip++) at += 4 + chunk.readUInt32LE(at);
    const length = chunk.readUInt32LE(at);
    return length === 0 ? '' : chunk.toString('utf8', at + 4, at + 4 + length);
  }

  private code(value: string): number {
    const known = this.codes.get(value);
    if (known !== undefined) return known;
    if (this.values.length > 0xffff) throw new Error('more than 65,536 distinct architectures, priorities, sections and Multi-Arch values');
    this.codes.set(value, this.values.length);
    this.values.push(value);
    return this.values.length - 1;
  }

  private chunkAt(position: number): Buffer {
    return this.chunks[Math.floor(position / 2 ** 32)] as Buffer;
  }
}

/**
 * One list's stanzas, read paragraph by paragraph as the list's bytes arrive (`push`) into the
 * index's store; they join the index's names when the index `add`s the reader, so that lists read
 * at the same time still keep apt's order of lists.
 */
export class PackagesListReader {
  readonly names: string[] = [];
  readonly positions: number[] = [];
  private readonly paragraphs = new ParagraphStream((buf, start, end) => this.paragraph(buf, start, end));
  private readonly target: number;

  constructor(
    target: IndexTarget,
    private readonly store: StanzaStore,
  ) {
    this.target = store.targetCode(target);
  }

  push(chunk: Uint8Array): void {
    this.paragraphs.push(chunk);
  }

  /** The end of the bytes ends the last paragraph. */
  end(): this {
    this.paragraphs.end();
    return this;
  }

  private paragraph(buf: Buffer, start: number, end: number): void {
    stanzaFields.scan(buf, start, end);
    const name = stanzaFields.value(0);
    if (!name || stanzaFields.maxBytes(1) === 0) return;
    this.names.push(name);
    this.positions.push(this.store.append(this.target, stanzaFields));
  }
}

/**
 * Every list's stanzas by package name. A node needs the stanzas of its installed packages and
 * of the few packages their updates pull in, but which those are is only known while resolving
 * (resolve-requires.ts): every stanza is kept, as bytes (StanzaStore), and decoded on first use.
 */
export class PackagesIndex {
  private readonly store = new StanzaStore();
  /** Each name's last record; records point back to the previous one. */
  private readonly last = new Map<string, number>();
  private readonly decoded = new Map<string, ListEntry[]>();
  private providersByName: Map<string, string[]> | null = null;

  /** A reader for one list; `add` it once read, list by list in apt's order. */
  reader(target: IndexTarget): PackagesListReader {
    return new PackagesListReader(target, this.store);
  }

  add(list: PackagesListReader): void {
    for (const [i, name] of list.names.entries()) {
      const position = list.positions[i] as number;
      const prev = this.last.get(name);
      if (prev !== undefined) this.store.setPrev(position, prev);
      this.last.set(name, position);
      this.decoded.delete(name);
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
    const cached = this.decoded.get(name);
    if (cached !== undefined) return cached;
    const entries: ListEntry[] = [];
    for (let position = this.last.get(name) ?? NONE; position !== NONE; position = this.store.prev(position)) {
      entries.push(this.store.read(position, name));
    }
    entries.reverse();
    this.decoded.set(name, entries);
    return entries;
  }

  /**
   * Names of packages whose `Provides:` lists `virtualName`. Built once, on the first
   * dependency no real package satisfies.
   */
  providers(virtualName: string): readonly string[] {
    if (this.providersByName === null) {
      const map = new Map<string, string[]>();
      for (const [name, last] of this.last) {
        // Only the Provides field of each record is decoded, and nothing is cached.
        for (let position = last; position !== NONE; position = this.store.prev(position)) {
          const provides = this.store.provides(position);
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
