/**
 * The deb822 control format (Debian Policy §5.1) as apt and dpkg write it: paragraphs separated
 * by blank lines, `Field: value` lines, continuation lines that start with a space or a tab.
 * Packages lists, `apt-get indextargets` and Release files all use it. For example (the start of
 * fixtures/apt/debian-12/collect/lists/…_bookworm-security_main_binary-amd64_Packages):
 *
 *     Package: app-pp
 *     Architecture: all
 *     Version: 1.0-1+deb12u1
 *     …
 *     Description: sandbox test package app-pp
 *
 *     Package: hello-pp
 *     …
 */

/** One paragraph: field names lower-cased (deb822 names are case-insensitive), values trimmed. */
export type Deb822Paragraph = ReadonlyMap<string, string>;

/**
 * Splits text into raw paragraphs without parsing them (small texts: `apt-get indextargets`,
 * Release files; Packages lists are read as a stream by ParagraphStream below).
 */
export function splitParagraphs(text: string): string[] {
  const normalized = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  // A line holding only spaces or tabs also ends a paragraph (dpkg and apt agree on this).
  return normalized
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/^\n+/, '').replace(/\n+$/, ''))
    .filter((p) => p.trim() !== '');
}

/** Parses one paragraph. Continuation lines are joined with `\n`; `#` comment lines are skipped. */
export function parseParagraph(raw: string): Map<string, string> {
  const fields = new Map<string, string>();
  let current: string | null = null;
  for (const line of raw.split('\n')) {
    if (line.startsWith('#')) continue;
    if ((line.startsWith(' ') || line.startsWith('\t')) && current !== null) {
      fields.set(current, `${fields.get(current) ?? ''}\n${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    current = line.slice(0, colon).trim().toLowerCase();
    fields.set(current, line.slice(colon + 1).trim());
  }
  return fields;
}

export function parseParagraphs(text: string): Map<string, string>[] {
  return splitParagraphs(text).map(parseParagraph);
}

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const HASH = 0x23;
const COLON = 0x3a;

/**
 * Paragraphs of a deb822 byte stream, one at a time, as its chunks arrive: a Packages list is
 * never held whole (a Debian main list unpacks to ~50 MB, of which a node keeps a few MB).
 * Paragraphs end where `splitParagraphs` ends them (a line of nothing but spaces or tabs);
 * `\r\n` and a lone `\r` are line ends, as there. Each paragraph goes to `onParagraph` as a byte
 * range of a buffer that is only valid during the call.
 */
export class ParagraphStream {
  private tail: Buffer = Buffer.alloc(0);
  private pendingCr = false;

  constructor(private readonly onParagraph: (bytes: Buffer, start: number, end: number) => void) {}

  push(chunk: Uint8Array): void {
    let bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.pendingCr || bytes.includes(CR)) bytes = this.withoutCr(bytes);
    const buf = this.tail.length === 0 ? bytes : Buffer.concat([this.tail, bytes]);
    const rest = this.scan(buf);
    // Copied: the caller may reuse the chunk, and a slice would keep all of it alive.
    this.tail = Buffer.from(buf.subarray(rest));
  }

  /** The last paragraph, which needs no blank line after it. */
  end(): void {
    if (this.pendingCr) this.push(Buffer.alloc(0));
    const buf = this.tail;
    this.tail = Buffer.alloc(0);
    // A last line without a newline belongs to the paragraph even when it holds only blanks.
    if (buf.length > 0 && !isBlank(buf, 0, buf.length)) this.onParagraph(buf, 0, buf.length);
  }

  /** Emits every paragraph that a blank line ends; returns where the unfinished one starts. */
  private scan(buf: Buffer): number {
    let start = -1;
    let pos = 0;
    for (;;) {
      const nl = buf.indexOf(LF, pos);
      if (nl < 0) return start < 0 ? pos : start;
      if (isBlank(buf, pos, nl)) {
        if (start >= 0) this.onParagraph(buf, start, pos - 1);
        start = -1;
      } else if (start < 0) {
        start = pos;
      }
      pos = nl + 1;
    }
  }

  /** `\r\n` → `\n`, a lone `\r` → `\n`; a `\r` at a chunk's end waits for the next byte. */
  private withoutCr(bytes: Buffer): Buffer {
    const out = Buffer.allocUnsafe(bytes.length + 1);
    let n = 0;
    let i = 0;
    if (this.pendingCr) {
      out[n++] = LF;
      if (bytes[0] === LF) i = 1;
      this.pendingCr = false;
    }
    for (; i < bytes.length; i++) {
      const b = bytes[i] as number;
      if (b !== CR) {
        out[n++] = b;
      } else if (i + 1 === bytes.length) {
        this.pendingCr = true;
      } else {
        out[n++] = LF;
        if (bytes[i + 1] === LF) i++;
      }
    }
    return out.subarray(0, n);
  }
}

function isBlank(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = buf[i];
    if (b !== SPACE && b !== TAB) return false;
  }
  return true;
}

/** The ASCII bytes String#trim removes. */
function isTrimmedByte(b: number | undefined): boolean {
  return b === SPACE || b === TAB || b === LF || b === CR || b === 0x0b || b === 0x0c;
}

function isAsciiSpace(b: number | undefined): boolean {
  return b === SPACE || b === TAB || b === 0x0b || b === 0x0c;
}

/**
 * Reads the values of a few fields (lower-case names) from paragraphs of bytes, as
 * `parseParagraph` reads them (the last line of a name wins, continuation lines joined with `\n`,
 * `#` lines skipped); `undefined` where absent. Only these values are decoded: the other fields
 * of a Packages paragraph (Description, checksums, …) are most of its bytes.
 */
export class FieldReader {
  private readonly names: readonly Buffer[];
  /** The last scan: each field's value as a byte range of `buf` (start -1: absent) or, when `texts` has it, as text. */
  private buf: Buffer = Buffer.alloc(0);
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly texts: (string | undefined)[];

  constructor(fields: readonly string[]) {
    this.names = fields.map((f) => Buffer.from(f, 'latin1'));
    this.starts = new Int32Array(fields.length);
    this.ends = new Int32Array(fields.length);
    this.texts = fields.map(() => undefined);
  }

  /** The values as strings. */
  read(buf: Buffer, start: number, end: number): (string | undefined)[] {
    this.scan(buf, start, end);
    return this.names.map((_, i) => this.value(i));
  }

  /**
   * Finds the fields of one paragraph without decoding them; `value` and `copy` then read them.
   * A one-line value is a byte range (trimmed of ASCII blanks, which is what String#trim does
   * when the edges are ASCII); one that spans lines or has non-ASCII edges is decoded here.
   */
  scan(buf: Buffer, start: number, end: number): void {
    this.buf = buf;
    this.starts.fill(-1);
    this.texts.fill(undefined);
    let current = -2; // -2: no field yet; -1: a field not asked for
    let pos = start;
    while (pos < end) {
      let lineEnd = buf.indexOf(LF, pos);
      if (lineEnd < 0 || lineEnd > end) lineEnd = end;
      const first = buf[pos];
      if (first === HASH) {
        // a comment line
      } else if ((first === SPACE || first === TAB) && current !== -2) {
        if (current >= 0) this.texts[current] = `${this.value(current) ?? ''}\n${buf.toString('utf8', pos, lineEnd).trim()}`;
      } else {
        const colon = buf.indexOf(COLON, pos);
        if (colon > pos && colon < lineEnd) {
          let ks = pos;
          let ke = colon;
          while (ks < ke && isAsciiSpace(buf[ks])) ks++;
          while (ke > ks && isAsciiSpace(buf[ke - 1])) ke--;
          current = this.fieldIndex(buf, ks, ke);
          if (current >= 0) this.setRange(current, colon + 1, lineEnd);
        }
      }
      pos = lineEnd + 1;
    }
  }

  /** Field `i` of the last scan as text; undefined when absent. */
  value(i: number): string | undefined {
    const text = this.texts[i];
    if (text !== undefined) return text;
    const start = this.starts[i] as number;
    return start < 0 ? undefined : this.buf.toString('utf8', start, this.ends[i]);
  }

  /** Field `i` of the last scan as UTF-8 bytes written into `target` at `at` (room for 3 bytes per character); returns the length. */
  copy(i: number, target: Buffer, at: number): number {
    const text = this.texts[i];
    if (text !== undefined) return target.write(text, at, 'utf8');
    const start = this.starts[i] as number;
    return start < 0 ? 0 : this.buf.copy(target, at, start, this.ends[i]);
  }

  /** An upper bound of field `i`'s bytes. */
  maxBytes(i: number): number {
    const text = this.texts[i];
    if (text !== undefined) return 3 * text.length;
    const start = this.starts[i] as number;
    return start < 0 ? 0 : (this.ends[i] as number) - start;
  }

  private setRange(i: number, start: number, end: number): void {
    let s = start;
    let e = end;
    while (s < e && isTrimmedByte(this.buf[s])) s++;
    while (e > s && isTrimmedByte(this.buf[e - 1])) e--;
    if ((this.buf[s] ?? 0) >= 0x80 || (this.buf[e - 1] ?? 0) >= 0x80) {
      // Perhaps a Unicode blank (NBSP, U+FEFF, …): String#trim decides.
      this.texts[i] = this.buf.toString('utf8', s, e).trim();
      return;
    }
    this.texts[i] = undefined;
    this.starts[i] = s;
    this.ends[i] = e;
  }

  /** Which name the bytes spell, ASCII letters compared case-insensitively; -1 for none. */
  private fieldIndex(buf: Buffer, start: number, end: number): number {
    const length = end - start;
    for (let i = 0; i < this.names.length; i++) {
      const name = this.names[i] as Buffer;
      if (name.length !== length) continue;
      let j = 0;
      while (j < length) {
        const b = buf[start + j] as number;
        if ((b >= 0x41 && b <= 0x5a ? b + 0x20 : b) !== name[j]) break;
        j++;
      }
      if (j === length) return i;
    }
    return -1;
  }
}
