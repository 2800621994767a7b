import {describe, expect, it} from 'vitest';

import {parseInstallOverrideList} from '../../src/baseline/override-list.js';
import {InputError} from '../../src/errors.js';

function lineOf(text: string): string {
  try {
    parseInstallOverrideList(text, 'override.yaml');
  } catch (error) {
    if (error instanceof InputError) return error.line();
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('parseInstallOverrideList (spec §6.3)', () => {
  it('reads the example of the spec', () => {
    const text = [
      'patches:',
      "  - id: 'kernel.x86_64'              # required",
      "  - id: 'bind*.x86_64'",
      "    title: '32:9.8.2-0.62.rc1.57.amzn1'",
      "  - id: 'dhclient*'",
      "    title: '*12:4.1.1-53.P1.28.amzn1'",
      '',
    ].join('\n');
    expect(parseInstallOverrideList(text, 'override.yaml')).toEqual({
      source: 'override.yaml',
      patches: [
        {id: 'kernel.x86_64'},
        {id: 'bind*.x86_64', title: '32:9.8.2-0.62.rc1.57.amzn1'},
        {id: 'dhclient*', title: '*12:4.1.1-53.P1.28.amzn1'},
      ],
    });
  });

  it('keeps unquoted numbers and booleans as written', () => {
    const list = parseInstallOverrideList('patches:\n  - id: 1.10\n  - id: 1234567\n    title: 0x1F\n  - id: yes\n  - id: true\n', 'o.yaml');
    expect(list.patches).toEqual([{id: '1.10'}, {id: '1234567', title: '0x1F'}, {id: 'yes'}, {id: 'true'}]);
  });

  it('treats an empty title as none and an empty patches list as matching nothing', () => {
    expect(parseInstallOverrideList('patches:\n  - id: KB4470788\n    title:\n', 'o.yaml').patches).toEqual([{id: 'KB4470788'}]);
    expect(parseInstallOverrideList('patches:\n', 'o.yaml').patches).toEqual([]);
    expect(parseInstallOverrideList('patches: []\n', 'o.yaml').patches).toEqual([]);
  });

  it('names file, line:column and path for a missing or empty id', () => {
    expect(lineOf('patches:\n  - id: kernel\n  - title: x\n')).toBe('override.yaml:3:5: patches[1].id: is required');
    expect(lineOf("patches:\n  - id: ''\n")).toBe('override.yaml:2:9: patches[0].id: must not be empty');
    // An empty value is pointed at where the value should be.
    expect(lineOf('patches:\n  - id:\n')).toBe('override.yaml:2:8: patches[0].id: is required');
  });

  it('refuses unknown fields (a misspelt title would widen the match)', () => {
    expect(lineOf('patches:\n  - id: kernel\n    tittle: x\n')).toBe(
      'override.yaml:3:5: patches[0].tittle: unknown field "tittle" (entries have id and title)',
    );
    expect(lineOf('patch:\n  - id: kernel\n')).toBe('override.yaml:1:1: patch: unknown field "patch" (the file has one field, patches)');
  });

  it('refuses documents of the wrong shape', () => {
    expect(lineOf('')).toBe('override.yaml:1:1: must be a YAML mapping with a patches list');
    expect(lineOf('- id: kernel\n')).toBe('override.yaml:1:1: must be a YAML mapping with a patches list');
    expect(lineOf('patches: kernel\n')).toBe('override.yaml:1:10: patches: must be a list of entries');
    expect(lineOf('patches:\n  - kernel\n')).toBe('override.yaml:2:5: patches[0]: must be a mapping with an id');
    expect(lineOf('patches:\n  - id: [a, b]\n')).toBe('override.yaml:2:9: patches[0].id: must be a string (a package spec, KB id, …)');
  });

  it('reports YAML syntax errors with line:column', () => {
    expect(lineOf('patches:\n  - id: kernel\n id: b\n')).toBe('override.yaml:3:1: invalid YAML: All mapping items must start at the same column');
    expect(lineOf('patches:\n  - id: a\n    id: b\n')).toBe('override.yaml:3:5: invalid YAML: Map keys must be unique');
  });

  it('refuses control characters outside YAML\'s printable set, by code point, with line:column', () => {
    expect(lineOf("patches:\n  - id: ker\u001bnel\n")).toBe('override.yaml:2:12: invalid YAML: control character U+001B (not allowed in YAML)');
    expect(lineOf('patches:\n  - id: a\u009bb\n')).toBe('override.yaml:2:10: invalid YAML: control character U+009B (not allowed in YAML)');
  });

  it('refuses aliases (a few lines could expand to billions of nodes) and nesting past 64 levels, with line:column', () => {
    const bomb = 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\npatches: []\n';
    expect(lineOf(bomb)).toBe('override.yaml:2:8: invalid YAML: aliases (*a) are not accepted in an override list');
    expect(lineOf(`patches: ${'['.repeat(64)}${']'.repeat(64)}\n`)).toBe('override.yaml:1:73: invalid YAML: nesting deeper than 64 levels');
    expect(lineOf(`patches: ${'['.repeat(63)}${']'.repeat(63)}\n`)).toMatch(/^override\.yaml:1:11: patches\[0\]: /);
    expect(lineOf(`patches: ${'['.repeat(6000)}${']'.repeat(6000)}\n`)).toMatch(/^override\.yaml:1:\d+: invalid YAML: nesting deeper than 64 levels$/);
  });
});
