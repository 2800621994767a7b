import fc from 'fast-check';
import {describe, expect, it} from 'vitest';

import {canonicalJson, digestOf, sha256Hex} from '../../src/json/canonical-json.js';

describe('canonicalJson', () => {
  it.each([
    ['sorts keys recursively, no whitespace', {b: 1, a: {d: [3, {z: 1, y: 2}], c: null}}, '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}'],
    ['keeps array order', [3, 1, 2], '[3,1,2]'],
    ['drops undefined members', {a: undefined, b: 1}, '{"b":1}'],
    ['prints undefined array elements as null, like JSON.stringify', [1, undefined, 2], '[1,null,2]'],
    ['prints numbers as JSON.stringify does', {n: [1e21, 0.1, -0, 1.5e-7, 100]}, '{"n":[1e+21,0.1,0,1.5e-7,100]}'],
    ['escapes strings as JSON.stringify does', {'k"\n': 'é\u0001"\\'}, '{"k\\"\\n":"é\\u0001\\"\\\\"}'],
    ['uses toJSON (dates)', {d: new Date('2026-11-24T00:00:00Z')}, '{"d":"2026-11-24T00:00:00.000Z"}'],
    ['prints scalars', 'x', '"x"'],
    ['prints null', null, 'null'],
  ])('%s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('orders keys by code point, not by UTF-16 code unit', () => {
    // U+FFFD is below U+1F600 as a code point, but its code unit (0xFFFD) is above the
    // high surrogate of U+1F600 (0xD83D): a code-unit sort would put the emoji first.
    expect(canonicalJson({'\u{1F600}': 1, '\uFFFD': 2, a: 3})).toBe('{"a":3,"\uFFFD":2,"\u{1F600}":1}');
  });

  it('orders any keys by code point: astral characters, lone surrogates, U+E000..U+FFFF', () => {
    const byCodePoint = (a: string, b: string): number => {
      const x = Array.from(a, (c) => c.codePointAt(0) ?? 0);
      const y = Array.from(b, (c) => c.codePointAt(0) ?? 0);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
      return x.length - y.length;
    };
    const key = fc.oneof(fc.string({unit: 'binary'}), fc.string({unit: fc.constantFrom('a', '\uFFFD', '\uE000', '\u{1F600}', '\uD83D', '\uDE00')}));
    fc.assert(
      fc.property(fc.dictionary(key, fc.integer()), (record) => {
        const keys = Object.keys(JSON.parse(canonicalJson(record)) as object);
        // JSON.parse puts integer-like keys first whatever the text says; compare the text's order.
        const order = [...canonicalJson(record).matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((m) => JSON.parse(`"${m[1] ?? ''}"`) as string);
        expect(order).toEqual(Object.keys(record).sort(byCodePoint));
        expect(new Set(keys)).toEqual(new Set(Object.keys(record)));
      }),
    );
  });

  it('orders a key before its extensions', () => {
    expect(canonicalJson({ab: 1, a: 2, b: 3})).toBe('{"a":2,"ab":1,"b":3}');
  });

  it('refuses values a digest must not silently change', () => {
    expect(() => canonicalJson({n: Number.NaN})).toThrow(/non-finite/);
    expect(() => canonicalJson({n: Number.POSITIVE_INFINITY})).toThrow(/non-finite/);
    expect(() => canonicalJson(10n)).toThrow(/bigint/);
    expect(() => canonicalJson(undefined)).toThrow(/no JSON representation/);
  });

  it('round-trips any JSON value and ignores key insertion order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(reverseKeys(value))).toBe(text);
      }),
    );
  });
});

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
  }
  return value;
}

describe('sha256Hex', () => {
  it('hashes the UTF-8 bytes (known vectors)', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    // 'é' is two UTF-8 bytes (c3 a9): a hash over UTF-16 or Latin-1 would differ.
    expect(sha256Hex('\u00e9')).toBe('4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c');
  });
});

describe('digestOf', () => {
  it('is sha256: + hex of the canonical JSON of every field except digest', () => {
    const plan = {b: 2, a: 1, digest: 'sha256:whatever'};
    expect(digestOf(plan)).toBe(`sha256:${sha256Hex('{"a":1,"b":2}')}`);
    expect(digestOf({a: 1, b: 2})).toBe(digestOf(plan));
  });

  it('changes when any field changes', () => {
    expect(digestOf({a: 1, b: [1, 2]})).not.toBe(digestOf({a: 1, b: [2, 1]}));
    expect(digestOf({a: 1})).not.toBe(digestOf({a: '1'}));
  });
});
