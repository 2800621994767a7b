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

function encode(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
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
    return `[${value.map((item) => encode(item) ?? 'null').join(',')}]`;
  }
  const withToJson = value as {toJSON?: unknown};
  if (typeof withToJson.toJSON === 'function') {
    // Dates and similar: use their JSON form, as JSON.stringify would.
    return encode((withToJson.toJSON as () => unknown).call(value));
  }
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record).sort(compareCodePoints)) {
    const encoded = encode(record[key]);
    if (encoded !== undefined) members.push(`${JSON.stringify(key)}:${encoded}`);
  }
  return `{${members.join(',')}}`;
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
