import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import {describe, expect, it} from 'vitest';

import {parseBaseline} from '../../src/baseline/load.js';
import {InputError} from '../../src/errors.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/baselines');
const jsonFiles = (dir: string): string[] => readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.json')).sort();

describe('fixtures/baselines/invalid: each case fails with exactly the line in <case>.error.txt', () => {
  const cases = jsonFiles('invalid');

  it('has cases, each with its expected line', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const file of cases) expect(readdirSync(path.join(root, 'invalid'))).toContain(file.replace(/\.json$/, '.error.txt'));
  });

  it.each(cases)('%s', (file) => {
    const text = readFileSync(path.join(root, 'invalid', file), 'utf8');
    const expected = readFileSync(path.join(root, 'invalid', file.replace(/\.json$/, '.error.txt')), 'utf8').trimEnd();
    expect(expected).not.toContain('\n');
    let line: string | null = null;
    try {
      parseBaseline(text, file);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      line = error.line();
    }
    expect(line).toBe(expected);
  });
});

describe('fixtures/baselines/valid: each file is accepted without warnings', () => {
  it.each(jsonFiles('valid'))('%s', (file) => {
    const loaded = parseBaseline(readFileSync(path.join(root, 'valid', file), 'utf8'), file);
    expect(loaded.warnings).toEqual([]);
    expect(loaded.baseline.rules.length + loaded.baseline.approvedPatches.length).toBeGreaterThan(0);
  });
});
