import {mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';

import {afterEach, beforeEach, describe, expect, it} from 'vitest';

import {InputError, PatchplanError, PlanRefusedError} from '../../src/errors.js';
import {withDigest} from '../../src/plan/build.js';
import {parsePlanText, PLAN_FILE_MODE, readPlanFile, serializePlan, writePlanFile} from '../../src/plan/file.js';
import {nodeFileSystem} from '../../src/system/fs.js';
import {errorOf} from '../helpers/input-error.js';
import {aPlan} from '../helpers/plan-builders.js';

const plan = aPlan();

describe('writePlanFile / readPlanFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'patchplan-file-'));
  });
  afterEach(async () => {
    await rm(dir, {recursive: true, force: true});
  });

  it('round-trips a plan', async () => {
    const file = path.join(dir, 'plan.json');
    await writePlanFile(file, plan, nodeFileSystem);
    expect(await readPlanFile(file, nodeFileSystem)).toEqual(plan);
    expect(await readFile(file, 'utf8')).toBe(serializePlan(plan));
  });

  it('writes mode 0600 whatever the umask, replacing an existing file', async () => {
    const file = path.join(dir, 'plan.json');
    await writeFile(file, 'old', {mode: 0o644});
    const previous = process.umask(0o000);
    try {
      await writePlanFile(file, plan, nodeFileSystem);
    } finally {
      process.umask(previous);
    }
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readPlanFile(file, nodeFileSystem)).toEqual(plan);
  });

  it('writes through writeAtomic (temp file + rename) and leaves no temporary file behind', async () => {
    const calls: {file: string; mode: number}[] = [];
    await writePlanFile('p.json', plan, {
      writeAtomic: async (file, _data, mode) => {
        calls.push({file, mode});
      },
    });
    expect(calls).toEqual([{file: 'p.json', mode: PLAN_FILE_MODE}]);
    expect(PLAN_FILE_MODE).toBe(0o600);

    const file = path.join(dir, 'plan.json');
    await writePlanFile(file, plan, nodeFileSystem);
    expect(await readdir(dir)).toEqual(['plan.json']);
  });

  it('fails with one InputError naming the file when the directory does not exist', async () => {
    const file = path.join(dir, 'missing', 'plan.json');
    await expect(writePlanFile(file, plan, nodeFileSystem)).rejects.toThrow(InputError);
    await expect(readPlanFile(file, nodeFileSystem)).rejects.toThrow(`cannot read: no such file`);
  });
});

describe('parsePlanText', () => {
  const text = serializePlan(plan);

  it('accepts the written plan, however it is indented', () => {
    expect(parsePlanText(text, 'plan.json')).toEqual(plan);
    expect(parsePlanText(JSON.stringify(plan), 'plan.json')).toEqual(plan);
  });

  it('refuses (exit 3) a change to any single field, with the contract\'s message', () => {
    const paths = leafPaths(JSON.parse(text));
    expect(paths.length).toBeGreaterThan(80);
    for (const leaf of paths) {
      const doc: unknown = JSON.parse(text);
      setLeaf(doc, leaf);
      const error = errorOf(() => parsePlanText(JSON.stringify(doc), 'plan.json'));
      expect(error, leaf.join('.')).toBeInstanceOf(PlanRefusedError);
      if (leaf[0] !== 'formatVersion' && leaf[0] !== 'digest') {
        expect(error.line(), leaf.join('.')).toBe('plan.json: digest mismatch: the plan was modified after it was written');
      }
    }
  });

  it('refuses an added or removed field', () => {
    const added = {...plan, decisions: [...plan.decisions, plan.decisions[0]]};
    expect(errorOf(() => parsePlanText(JSON.stringify(added), 'p.json'))).toBeInstanceOf(PlanRefusedError);
    const {warnings: _w, ...removed} = plan;
    expect(errorOf(() => parsePlanText(JSON.stringify(removed), 'p.json'))).toBeInstanceOf(PlanRefusedError);
  });

  it.each([
    ['formatVersion 2', {formatVersion: 2}, 'p.json: unsupported plan format version 2 (this patchplan reads version 1)'],
    ['formatVersion "1"', {formatVersion: '1'}, 'p.json: unsupported plan format version "1" (this patchplan reads version 1)'],
    ['no digest', {digest: undefined}, 'p.json: the plan has no digest, so its integrity cannot be verified'],
    ['a malformed digest', {digest: 'md5:abc'}, 'p.json: digest: not a "sha256:<64 hex digits>" value, so the plan\'s integrity cannot be verified'],
  ])('refuses (exit 3) %s', (_name, change, line) => {
    const error = errorOf(() => parsePlanText(JSON.stringify({...plan, ...change}), 'p.json'));
    expect(error).toBeInstanceOf(PlanRefusedError);
    expect(error.exitCode).toBe(3);
    expect(error.line()).toBe(line);
  });

  it('reports a schema error (exit 1) with its JSON path when the digest is valid', () => {
    const {digest: _d, ...unsigned} = plan;
    const decisions = plan.decisions.map((d, i) => (i === 1 ? {...d, action: 'upgrade'} : d));
    const bad = withDigest({...unsigned, decisions: decisions as typeof plan.decisions});
    const error = errorOf(() => parsePlanText(JSON.stringify(bad), 'p.json'));
    expect(error).toBeInstanceOf(InputError);
    expect(error.line()).toMatch(/^p\.json: decisions\[1\]\.action: /);
  });

  it('reports an install without a target (exit 1)', () => {
    const {digest: _d, ...unsigned} = plan;
    const decisions = plan.decisions.map((d, i) => (i === 0 ? {...d, targetVersion: null} : d));
    const error = errorOf(() => parsePlanText(JSON.stringify(withDigest({...unsigned, decisions})), 'p.json'));
    expect(error.line()).toBe('p.json: decisions[0].targetVersion: an install decision needs a target version');
  });

  it.each([
    ['invalid JSON', '{\n  "formatVersion": 1,\n  "tool" {}\n}', 'p.json:3:10: invalid JSON: unexpected \'{\', expected \':\' after a property name'],
    ['an empty file', '', 'p.json: the file is empty'],
    ['an array', '[]', 'p.json: not a patchplan plan file (it has no formatVersion)'],
    ['an inventory', '{"schemaVersion": 1}', 'p.json: not a patchplan plan file (it has no formatVersion)'],
  ])('reports %s as bad input (exit 1)', (_name, input, line) => {
    const error = errorOf(() => parsePlanText(input, 'p.json'));
    expect(error).toBeInstanceOf(InputError);
    expect(error.line()).toBe(line);
  });
});

type Leaf = (string | number)[];

function leafPaths(value: unknown, prefix: Leaf = []): Leaf[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...prefix, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  }
  return [prefix];
}

/** Changes one scalar so that its JSON differs: strings grow, numbers grow, booleans flip, null becomes a string. */
function setLeaf(doc: unknown, leaf: Leaf): void {
  let parent = doc as Record<string | number, unknown>;
  for (const key of leaf.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const key = leaf[leaf.length - 1] as string | number;
  const old = parent[key];
  parent[key] =
    typeof old === 'string' ? `${old}x` : typeof old === 'number' ? old + 1 : typeof old === 'boolean' ? !old : 'x';
}

describe('parsePlanText: values JSON allows but a plan cannot hold', () => {
  it('a formatVersion that overflows to Infinity is an input error (exit 1) at its position, not an integrity refusal or a crash', () => {
    const error = errorOf(() => parsePlanText('{"formatVersion":1e400}', 'plan.json'));
    expect(error).toBeInstanceOf(InputError);
    expect(error.line()).toBe('plan.json:1:18: invalid JSON: number out of range (it would be infinite)');
  });

  it('so does one inside the document, where the digest would have been computed over it', () => {
    const text = serializePlan(aPlan()).replace('"formatVersion": 1', '"formatVersion": 1,\n  "x": -1e999');
    expect(errorOf(() => parsePlanText(text, 'plan.json')).line()).toBe('plan.json:3:8: invalid JSON: number out of range (it would be infinite)');
  });

  it('nesting past 64 levels names the bracket one level too deep', () => {
    const error = errorOf(() => parsePlanText(`{"a":${'['.repeat(4600)}`, 'plan.json'));
    expect(error).toBeInstanceOf(InputError);
    expect(error.line()).toBe('plan.json:1:69: invalid JSON: nesting deeper than 64 levels');
  });
});
