import {createHash} from 'node:crypto';

/**
 * Canonical JSON: the byte string the plan digest and the baseline/inventory fingerprints are
 * computed over. Keys are sorted recursively by Unicode code point (not by UTF-16 code unit,
 * which is what `<` does and which orders astral characters before U+E000..U+FFFF), so that
 * any implementation in any language sorting by code point agrees with us; there is no whitespace, arrays keep their order, `undefined` members are dropped and numbers
 * are printed as `JSON.stringify` prints them. Key insertion order therefore never changes a
 * digest, so refactoring the code that builds a plan cannot invalidate plans already approved.
 */
export function canonicalJson(value: unknown): string {
  const text = encode(value);
  if (text === undefined) throw new TypeError('canonicalJson: the value has no JSON representation');
  return text;
}

/*
 * Performance (bench row "fleet" verifies 5,000 plans; row 4 digests a 50,000-package plan): the
 * engine's native sort where it agrees with code-point order, which is whenever no key has a
 * surrogate, and the quoted form of the few hundred keys a plan repeats thousands of times kept.
 * Arrays and objects are still joined per level: building one string with `+=` was faster on
 * small plans but left V8 a rope of millions of pieces on large ones (row 4: +2.7 s, +280 MB).
 */
function encode(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      // JSON.stringify prints NaN/Infinity as null; a digest over such a value would hide a bug.
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number ${String(value)}`);
      return JSON.stringify(value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new TypeError('canonicalJson: bigint has no JSON representation');
    default:
      break;
  }
  if (Array.isArray(value)) {
    // Inside arrays JSON.stringify prints undefined as null; keep that so positions never shift.
    const items: string[] = new Array<string>(value.length);
    for (let i = 0; i < value.length; i++) items[i] = encode(value[i]) ?? 'null';
    return `[${items.join(',')}]`;
  }
  const withToJson = value as {toJSON?: unknown};
  if (typeof withToJson.toJSON === 'function') {
    // Dates and similar: use their JSON form, as JSON.stringify would.
    return encode((withToJson.toJSON as () => unknown).call(value));
  }
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of sortedKeys(record)) {
    const encoded = encode(record[key]);
    if (encoded !== undefined) members.push(`${quotedKey(key)}:${encoded}`);
  }
  return `{${members.join(',')}}`;
}

/**
 * Keys in code-point order. Without surrogates, UTF-16 code-unit order (the default sort's) is
 * code-point order; only a key with an astral character needs the slower comparison.
 */
function sortedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  return keys.some(hasSurrogate) ? keys.sort(compareCodePoints) : keys.sort();
}

function hasSurrogate(key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    const unit = key.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdfff) return true;
  }
  return false;
}

const QUOTED_KEYS = new Map<string, string>();
const MAX_QUOTED_KEYS = 4096;

/** JSON.stringify of a key; short keys are kept (a bounded map: a plan has a few hundred). */
function quotedKey(key: string): string {
  let quoted = QUOTED_KEYS.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (key.length <= 64 && QUOTED_KEYS.size < MAX_QUOTED_KEYS) QUOTED_KEYS.set(key, quoted);
  }
  return quoted;
}

function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(i) ?? 0;
    if (x !== y) return x - y;
    // Skip the low surrogate of a pair we just compared as one code point.
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** Lower-case hex SHA-256 of the UTF-8 bytes of `text`. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The plan digest: `sha256:` + hex of the canonical JSON of every field except `digest` and
 * `approvals` (the signatures are over the digest, so they cannot be inside it; adding one
 * leaves the digest as it was). Accepts a plan with or without either field, so callers can
 * verify a plan they just read.
 */
export function digestOf(plan: object): string {
  const {digest: _digest, approvals: _approvals, ...rest} = plan as Record<string, unknown>;
  return `sha256:${sha256Hex(canonicalJson(rest))}`;
}
