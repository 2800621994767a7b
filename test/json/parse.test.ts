import {describe, expect, it} from 'vitest';

import {InputError} from '../../src/errors.js';
import {MAX_JSON_CONTAINER_SIZE, MAX_JSON_DEPTH, MAX_JSON_STRING_LENGTH} from '../../src/json/limits.js';
import {lineAndColumn, locateJsonError, parseJsonText} from '../../src/json/parse.js';

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
