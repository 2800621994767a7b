import fc from 'fast-check';
import {describe, expect, it} from 'vitest';

import {InputError} from '../../src/errors.js';
import {MAX_JSON_CONTAINER_SIZE, MAX_JSON_DEPTH, MAX_JSON_STRING_LENGTH} from '../../src/json/limits.js';
import {lineAndColumn, locateJsonError, parseJsonText, withoutByteOrderMark} from '../../src/json/parse.js';

function lineOf(text: string): string {
  try {
    parseJsonText(text, 'f.json');
  } catch (error) {
    if (error instanceof InputError) return error.line();
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('parseJsonText', () => {
  it('parses valid JSON, with or without a byte order mark', () => {
    expect(parseJsonText('{"a": [1, true, null, "x"]}', 'f.json')).toEqual({a: [1, true, null, 'x']});
    expect(parseJsonText('\uFEFF{"a": 1}', 'f.json')).toEqual({a: 1});
  });

  it.each([
    ['a missing colon', '{\n  "a" 1\n}', "f.json:2:7: invalid JSON: unexpected '1', expected ':' after a property name"],
    ['a missing comma', '{"a": 1\n "b": 2}', "f.json:2:2: invalid JSON: unexpected '\"', expected ',' or '}' after a property value"],
    ['a trailing comma in an object', '{"a": 1,\n}', "f.json:2:1: invalid JSON: unexpected '}' after ',' (trailing commas are not allowed)"],
    ['a trailing comma in an array', '[1,2,]', "f.json:1:6: invalid JSON: unexpected ']' after ',' (trailing commas are not allowed)"],
    ['a single-quoted key', "{'a': 1}", "f.json:1:2: invalid JSON: unexpected ''', expected a property name in double quotes"],
    ['a bare word', '{"a": yes}', "f.json:1:7: invalid JSON: unexpected 'y', expected a value"],
    ['a misspelt literal', '{"a": tru}', "f.json:1:7: invalid JSON: unexpected 't', expected a value"],
    ['a leading zero', '[01]', 'f.json:1:3: invalid JSON: invalid number'],
    ['a lone minus', '[-]', 'f.json:1:2: invalid JSON: invalid number'],
    ['an unterminated string', '{"a": "abc', 'f.json:1:7: invalid JSON: unterminated string'],
    ['a raw newline in a string', '["a\nb"]', 'f.json:1:4: invalid JSON: control character in a string (escape it, e.g. \\n)'],
    ['a bad escape', '["\\x"]', 'f.json:1:3: invalid JSON: invalid escape sequence in a string'],
    ['an unclosed object', '{"a": 1', 'f.json:1:8: invalid JSON: unexpected end of file, expected \',\' or \'}\' after a property value'],
    ['text after the value', '{}\n{}', "f.json:2:1: invalid JSON: unexpected '{' after the JSON value"],
    ['a duplicate key', '{"a": 1,\n "a": 2}', 'f.json:2:2: duplicate key "a" (JSON readers disagree on which one counts)'],
    ['an empty file', ' \n', 'f.json: the file is empty'],
  ])('reports %s with line and column', (_name, text, line) => {
    expect(lineOf(text)).toBe(line);
  });

  it('counts columns in characters, not UTF-16 units', () => {
    expect(lineAndColumn('["\u{1F600}" x]', 5)).toEqual({line: 1, column: 5});
  });

  it('finds no error in anything JSON.stringify writes', () => {
    for (const value of [{a: [1.5e-7, -0.25, '\u0000é"\\'], b: {c: null, d: false}}, [], {}, 'x', 3]) {
      expect(locateJsonError(JSON.stringify(value, null, 2))).toBeNull();
    }
  });
});

describe('parseJsonText: what JSON allows but no format of ours can hold (json/limits.ts)', () => {
  it.each([
    ['a number that overflows to Infinity', '{"formatVersion":1e400}', 'f.json:1:18: invalid JSON: number out of range (it would be infinite)'],
    ['a negative one', '{"a": [1, -1e999]}', 'f.json:1:11: invalid JSON: number out of range (it would be infinite)'],
    ['a long run of digits', `[${'9'.repeat(400)}]`, 'f.json:1:2: invalid JSON: number out of range (it would be infinite)'],
    [`nesting one level past ${MAX_JSON_DEPTH}`, `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`, `f.json:1:${MAX_JSON_DEPTH + 1}: invalid JSON: nesting deeper than 64 levels`],
    ['nesting that would exhaust the stack', `{"a":${'[{"b":'.repeat(5000)}`, 'f.json:1:'],
    ['a string past the limit', `{"name": "${'x'.repeat(MAX_JSON_STRING_LENGTH + 1)}"}`, 'f.json:1:10: invalid JSON: string longer than 65,536 characters'],
    ['a property name past the limit', `{"${'k'.repeat(MAX_JSON_STRING_LENGTH + 1)}": 1}`, 'f.json:1:2: invalid JSON: string longer than 65,536 characters'],
  ])('refuses %s with its position', (_name, text, line) => {
    expect(lineOf(text)).toContain(line);
    expect(lineOf(text)).not.toMatch(/stack|internal/i);
  });

  it(`accepts nesting of exactly ${MAX_JSON_DEPTH} levels, a string of exactly the limit, and a number that underflows to 0`, () => {
    expect(locateJsonError(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`)).toBeNull();
    expect(locateJsonError(`["${'x'.repeat(MAX_JSON_STRING_LENGTH)}"]`)).toBeNull();
    expect(parseJsonText('[1e-400, 1.7976931348623157e308]', 'f.json')).toEqual([0, Number.MAX_VALUE]);
  });

  it('refuses an array with more elements than the limit, pointing at the first one too many', () => {
    const text = `[${'0,'.repeat(MAX_JSON_CONTAINER_SIZE)}0]`;
    expect(lineOf(text)).toBe(`f.json:1:${2 * MAX_JSON_CONTAINER_SIZE + 2}: invalid JSON: array with more than 1,000,000 elements`);
    expect(locateJsonError(`[${'0,'.repeat(MAX_JSON_CONTAINER_SIZE - 1)}0]`)).toBeNull();
  });
});

/**
 * parseJsonText runs JSON.parse first and defers to the scanner only when something is wrong
 * (json/parse.ts). The result must be exactly what the scanner-first order gives: this is that
 * order, spelled out, and the texts below are compared under both.
 */
function scannerFirst(text: string): unknown {
  const body = withoutByteOrderMark(text);
  if (body.trim() === '') throw new InputError('f.json', 'the file is empty');
  const found = locateJsonError(body);
  if (found) {
    const {line, column} = lineAndColumn(body, found.offset);
    throw new InputError(`f.json:${line}:${column}`, found.message);
  }
  return JSON.parse(body) as unknown;
}

function outcome(read: (text: string) => unknown, text: string): {value: unknown} | {error: string} {
  try {
    return {value: read(text)};
  } catch (error) {
    if (error instanceof InputError) return {error: error.line()};
    throw error;
  }
}

/** A JSON text and edits of it: one character inserted, deleted or replaced, or a key written twice. */
const jsonTexts = fc
  .tuple(fc.json(), fc.nat(), fc.constantFrom('', '"', ',', ':', '{', '}', '[', ']', '\\', ' ', '\n', '0', '-', 'e', 'x', '\u0001', '\uFEFF'), fc.constantFrom('keep', 'insert', 'delete', 'replace', 'dup'))
  .map(([text, at, char, edit]) => {
    const i = text.length === 0 ? 0 : at % text.length;
    switch (edit) {
      case 'keep':
        return text;
      case 'insert':
        return text.slice(0, i) + char + text.slice(i);
      case 'delete':
        return text.slice(0, i) + text.slice(i + 1);
      case 'replace':
        return text.slice(0, i) + char + text.slice(i + 1);
      case 'dup': {
        // Repeat the first member of the first object, if there is one.
        const member = /\{("(?:[^"\\]|\\.)*":(?:[^,{}[\]"]|"(?:[^"\\]|\\.)*")*)[,}]/.exec(text);
        return member?.[1] === undefined ? text : text.replace(`{${member[1]}`, `{${member[1]},${member[1]}`);
      }
    }
  });

describe('parseJsonText: JSON.parse first, the scanner for every problem', () => {
  it('gives the value or the error line the scanner-first order gives, on generated and edited texts', () => {
    fc.assert(
      fc.property(jsonTexts, (text) => {
        expect(outcome((t) => parseJsonText(t, 'f.json'), text)).toEqual(outcome(scannerFirst, text));
      }),
      {numRuns: 3000},
    );
  });

  it.each([
    ['a duplicate key deep inside', '{"a": [{"b": 1, "c": {"d": 2, "d": 3}}]}'],
    ['a duplicate key spelt with an escape', '{"a": 1, "\\u0061": 2}'],
    ['colons inside strings', '{"a:b": "c:d", "e": ["::", {"f": ":"}]}'],
    ['nesting at the limit', `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`],
    ['nesting one past it', `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`],
    ['a string of escapes at the limit as written', `["${'\\u0041'.repeat(MAX_JSON_STRING_LENGTH / 8)}${'x'.repeat(MAX_JSON_STRING_LENGTH / 4)}"]`],
    ['a string of escapes past it as written, short once decoded', `["${'\\n'.repeat(MAX_JSON_STRING_LENGTH / 2 + 1)}"]`],
    ['a number that overflows', '{"a": 1e400}'],
    ['a property name of escapes past the limit', `{"${'\\t'.repeat(MAX_JSON_STRING_LENGTH / 2 + 1)}": 1}`],
    ['a byte order mark and a duplicate', '\uFEFF{"a": 1, "a": 1}'],
  ])('agrees on %s', (_name, text) => {
    expect(outcome((t) => parseJsonText(t, 'f.json'), text)).toEqual(outcome(scannerFirst, text));
  });
});
