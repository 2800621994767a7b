import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import fc from 'fast-check';
import {afterAll, describe, expect, it} from 'vitest';

import {parseBaseline} from '../../src/baseline/load.js';
import {parseInstallOverrideList} from '../../src/baseline/override-list.js';
import {reportError} from '../../src/cli/report-error.js';
import {parseUpdateinfo} from '../../src/managers/rpm-common/updateinfo.js';
import {parseZypperStream} from '../../src/managers/zypper/xml.js';
import {parseInventoryText} from '../../src/inventory/load.js';
import {DEFAULT_MAX_INPUT_SIZE, type InputKind} from '../../src/json/limits.js';
import {parsePlanText} from '../../src/plan/file.js';
import type {FileSystem} from '../../src/system/fs.js';
import {readInputText} from '../../src/system/input-files.js';
import {REPO, runCli, type CliResult} from '../helpers/cli.js';
import {expectNoControls} from '../helpers/hostile.js';
import {recordFigure} from './figures.js';

/**
 * Bad input is always an input error (docs/reliability.md, "Bad input"): thousands of hostile
 * inputs, made deterministically (one seed) from the valid fixtures (truncated, with control
 * bytes, numbers that overflow, nesting thousands deep, 70k-character strings, wrong types,
 * billion laughs, wrong root elements, files over the size limits) go through the real loaders
 * in-process, and a sample through the built CLI. Every one must end as the contract says: the
 * exit code (1, or 3 for a plan's integrity refusal), exactly one line, no "internal error", no
 * stack trace, no control character from the input. The work is bounded (a fixed number of
 * inputs), never the time.
 */

const SEED = 20_261_124;
const PER_KIND = 360;
const CLI_SAMPLE = 40;

type Kind = 'plan' | 'inventory' | 'baseline' | 'override list' | 'updateinfo' | 'zypper xml';

interface Hostile {
  readonly kind: Kind;
  readonly how: string;
  readonly text: string;
}

const read = (file: string): string => readFileSync(path.join(REPO, file), 'utf8');
const jsonFiles = (dir: string): string[] =>
  readdirSync(path.join(REPO, dir))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => read(path.join(dir, f)));

const OVERRIDE_LIST = "patches:\n  - id: 'kernel.x86_64'\n  - id: 'bind*.x86_64'\n    title: '32:9.8.2-0.62.rc1.57.amzn1'\n  - id: openssl\n";

const BASES: Readonly<Record<Kind, readonly string[]>> = {
  plan: [read('fixtures/plans/v1-valid.json')],
  inventory: jsonFiles('fixtures/inventories'),
  baseline: jsonFiles('fixtures/baselines/valid'),
  'override list': [OVERRIDE_LIST],
  updateinfo: readdirSync(path.join(REPO, 'fixtures/rpm'))
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .map((f) => read(path.join('fixtures/rpm', f))),
  'zypper xml': ['list-updates.xml', 'list-patches-all.xml', 'search-versions.xml'].map((f) => read(path.join('fixtures/zypper/lab', f))),
};

const SOURCE: Readonly<Record<Kind, string>> = {
  plan: 'plan.json',
  inventory: 'inventory.json',
  baseline: 'baseline.json',
  'override list': 'override.yaml',
  updateinfo: 'updateinfo.xml',
  'zypper xml': 'zypper --xmlout list-updates',
};

/** The real loaders, as the commands call them after reading the file. */
const LOAD: Readonly<Record<Kind, (text: string) => unknown>> = {
  plan: (t) => parsePlanText(t, SOURCE.plan),
  inventory: (t) => parseInventoryText(t, SOURCE.inventory),
  baseline: (t) => parseBaseline(t, SOURCE.baseline),
  'override list': (t) => parseInstallOverrideList(t, SOURCE['override list']),
  updateinfo: (t) => parseUpdateinfo(t, SOURCE.updateinfo),
  'zypper xml': (t) => parseZypperStream(t, SOURCE['zypper xml']),
};

/** Exit codes the contract allows: a changed plan is an integrity refusal (3) when it is still JSON. */
const ALLOWED: Readonly<Record<Kind, readonly number[]>> = {
  plan: [1, 3],
  inventory: [1],
  baseline: [1],
  'override list': [1],
  updateinfo: [1],
  'zypper xml': [1],
};

/** C0 controls that no JSON, YAML or XML text may hold raw (tab, LF and CR are allowed). */
const CONTROLS = [...Array(32).keys()].filter((c) => c !== 9 && c !== 10 && c !== 13).map((c) => String.fromCharCode(c));

/** A deterministic stream of choices from fast-check's seeded generator. */
class Dice {
  private readonly values: number[];
  private next = 0;
  constructor(seed: number, count: number) {
    this.values = fc.sample(fc.integer({min: 0, max: 2 ** 30}), {seed, numRuns: count});
  }
  int(maxExclusive: number): number {
    const v = this.values[this.next++ % this.values.length] ?? 0;
    return maxExclusive <= 0 ? 0 : v % maxExclusive;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from nothing');
    return item;
  }
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }
}

/** Where a JSON value starts after a `:` (a member's value): [start, end) of that value when it is a string or number. */
function jsonValueSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of text.matchAll(/:\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g)) {
    const value = m[1] ?? '';
    const start = (m.index ?? 0) + m[0].length - value.length;
    spans.push([start, start + value.length]);
  }
  return spans;
}

const replaceSpan = (text: string, [start, end]: [number, number], by: string): string => text.slice(0, start) + by + text.slice(end);
const lastContent = (text: string): number => text.trimEnd().length - 1;

function jsonMutations(dice: Dice, base: string): [string, string] {
  const spans = jsonValueSpans(base);
  const span = (): [number, number] => dice.pick(spans);
  const depth = dice.between(65, 5000);
  const mutations: [string, () => string][] = [
    ['truncated', () => base.slice(0, dice.between(1, lastContent(base) - 1))],
    ['a control byte', () => {
      const at = dice.int(lastContent(base) + 1);
      return base.slice(0, at) + dice.pick(CONTROLS) + base.slice(at);
    }],
    ['binary garbage', () => {
      const at = dice.int(lastContent(base));
      const junk = Array.from({length: dice.between(1, 40)}, () => String.fromCharCode(dice.int(256))).join('') + dice.pick(CONTROLS);
      return base.slice(0, at) + junk + base.slice(at + junk.length);
    }],
    ['a number that overflows', () => replaceSpan(base, span(), dice.pick(['1e400', '-1e999', '9'.repeat(dice.between(310, 2000)), '1.5E+309']))],
    [`nesting ${depth} deep`, () => replaceSpan(base, span(), `${'['.repeat(depth)}1${']'.repeat(dice.int(2) === 0 ? depth : 0)}`)],
    ['a 70k-character string', () => replaceSpan(base, span(), JSON.stringify('x'.repeat(dice.between(65_537, 80_000))))],
    ['a value of the wrong type', () => replaceSpan(base, span(), dice.pick(['{"x": [1]}', '[[]]', '{}', '[{"a": {}}]']))],
    ['a document of the wrong type', () => dice.pick(['[]', '"text"', '42', 'null', 'true', '[1, 2, 3]', '""'])],
    ['a duplicate key', () => base.replace(/\{(\s*)("(?:[^"\\]|\\.)*")(\s*:)/, '{$1$2$3 0, $2$3')],
    ['an empty file', () => dice.pick(['', ' ', '\n\n', '\uFEFF'])],
  ];
  const [how, make] = dice.pick(mutations);
  return [how, make()];
}

function yamlMutations(dice: Dice, base: string): [string, string] {
  const depth = dice.between(64, 6000);
  const mutations: [string, () => string][] = [
    ['a control byte', () => {
      const at = dice.int(base.length);
      return base.slice(0, at) + dice.pick(CONTROLS) + base.slice(at);
    }],
    [`flow nesting ${depth} deep`, () => `patches: ${'['.repeat(depth)}${']'.repeat(depth)}\n`],
    ['an alias bomb', () => {
      const levels = dice.between(2, 9);
      const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array.from({length: 9}, () => `*a${i - 1}`).join(', ')}]`);
      return `${lines.join('\n')}\npatches: []\n`;
    }],
    ['wrong types', () => dice.pick(['patches: 42\n', 'patches: {id: x}\n', '- id: x\n', 'patches:\n  - [a, b]\n', 'patches:\n  - id: {a: 1}\n', '42\n', 'patches:\n  - id: x\n    title: [1]\n'])],
    ['an unterminated flow collection or quote', () => dice.pick(['patches: [\n', "patches:\n  - id: 'x\n", 'patches: {id: x\n', 'patches:\n  - id: "x\n'])],
    ['a bad indentation', () => `patches:\n  - id: x\n ${'  '.repeat(dice.int(3))}id: y\n    - z\n`],
    ['an unknown field', () => `${base}extra: ${dice.int(1000)}\n`],
    ['a duplicate key', () => 'patches: []\npatches: []\n'],
  ];
  const [how, make] = dice.pick(mutations);
  return [how, make()];
}

function xmlMutations(dice: Dice, base: string, root: string): [string, string] {
  const depth = dice.between(65, 20_000);
  const laughs = (levels: number): string => {
    const entities = Array.from({length: levels}, (_, n) => `<!ENTITY l${n + 1} "${`&l${n};`.repeat(10)}">`).join('');
    return `<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY l0 "lol">${entities}]>\n<${root}><x>&l${levels};</x></${root}>`;
  };
  const mutations: [string, () => string][] = [
    ['truncated', () => base.slice(0, dice.between(1, base.lastIndexOf('<') - 1))],
    ['a control byte', () => {
      const at = dice.int(base.length);
      return base.slice(0, at) + dice.pick(CONTROLS.filter((c) => c !== '\u0000')) + base.slice(at);
    }],
    ['binary garbage', () => Array.from({length: dice.between(1, 200)}, () => String.fromCharCode(dice.int(256))).join('') + '\u0001'],
    [`nesting ${depth} deep`, () => `<${root}>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</${root}>`],
    ['billion laughs', () => laughs(dice.between(3, 12))],
    ['an external entity', () => `<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><${root}>&e;</${root}>`],
    ['a wrong root element', () => dice.pick(['<foo/>', '<html><body/></html>', `<${root}x/>`])],
    ['an unclosed tag', () => `<${root}><${dice.pick(['update', 'message', 'package', 'a'])}>`],
    ['a repeated attribute', () => `<${root} a="1" a="2"/>`],
    ['a reserved tag name', () => `<${root}><__proto__/></${root}>`],
  ];
  if (root === 'updates') {
    mutations.push(['a package without its attributes', () => base.replace(/<package [^>]*?(\/?)>/, '<package$1>')]);
    mutations.push(['an update without id', () => base.replace(/<id>[^<]*<\/id>/, '<id></id>')]);
  }
  const [how, make] = dice.pick(mutations);
  return [how, make()];
}

function hostileInputs(): Hostile[] {
  const dice = new Dice(SEED, 50_000);
  const out: Hostile[] = [];
  for (const kind of Object.keys(BASES) as Kind[]) {
    for (let n = 0; n < PER_KIND; n++) {
      const base = dice.pick(BASES[kind]);
      const [how, text] =
        kind === 'override list' ? yamlMutations(dice, base) : kind === 'updateinfo' ? xmlMutations(dice, base, 'updates') : kind === 'zypper xml' ? xmlMutations(dice, base, 'stream') : jsonMutations(dice, base);
      out.push({kind, how, text});
    }
  }
  return out;
}

interface Outcome {
  readonly exitCode: number;
  readonly stderr: string;
  readonly accepted: boolean;
}

/** What the CLI would print: the loader's error through the one place errors become output. */
function runInProcess(input: Hostile): Outcome {
  let stderr = '';
  const stream = {write: (s: string) => ((stderr += s), true), isTTY: false, columns: 80};
  try {
    LOAD[input.kind](input.text);
    return {exitCode: 0, stderr, accepted: true};
  } catch (error) {
    const exitCode = reportError(error, stream as never, {});
    return {exitCode, stderr, accepted: false};
  }
}

/** Why an outcome breaks the contract, or null when it is a clean refusal. */
function misbehaviour(outcome: Outcome | CliResult, allowed: readonly number[]): string | null {
  if ('accepted' in outcome && outcome.accepted) return 'accepted';
  if (!allowed.includes(outcome.exitCode)) return `exit ${outcome.exitCode}`;
  const lines = outcome.stderr.split('\n').filter((l) => l !== '');
  if (lines.length !== 1) return `${lines.length} stderr lines`;
  if (/internal error/i.test(outcome.stderr)) return 'internal error';
  if (/^\s+at /m.test(outcome.stderr)) return 'stack trace';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(outcome.stderr.replace(/\n$/, ''))) return 'control character';
  if ('stdout' in outcome && outcome.stdout !== '') return 'output on stdout';
  return null;
}

const inputs = hostileInputs();
const tally = {tried: 0, ok: 0};
const failures: string[] = [];

function check(label: string, outcome: Outcome | CliResult, allowed: readonly number[]): void {
  tally.tried++;
  const problem = misbehaviour(outcome, allowed);
  if (problem === null) tally.ok++;
  else failures.push(`${label}: ${problem}: ${JSON.stringify(outcome.stderr.slice(0, 300))}`);
  expectNoControls(outcome.stderr.replace(/\n$/, ''));
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'patchplan-inputs-'));

afterAll(() => {
  rmSync(tmp, {recursive: true, force: true});
  recordFigure('inputs', {label: 'bad inputs', tried: tally.tried, ok: tally.ok, okMeans: 'refused cleanly'});
});

describe('bad input is always an input error', () => {
  it(`generates at least 2,000 hostile inputs, deterministically`, () => {
    expect(inputs.length).toBeGreaterThanOrEqual(2000);
    expect(hostileInputs().map((i) => i.text)).toEqual(inputs.map((i) => i.text));
    // Every kind of damage is represented for every format.
    const hows = new Set(inputs.map((i) => `${i.kind}: ${i.how.replace(/\d+/g, 'N')}`));
    expect(hows.size).toBeGreaterThanOrEqual(45);
  });

  it('every one, through the real loaders: refused with one clean line', () => {
    const before = failures.length;
    inputs.forEach((input, n) => check(`#${n} ${input.kind} with ${input.how}`, runInProcess(input), ALLOWED[input.kind]));
    expect(failures.slice(before)).toEqual([]);
  });

  it('files over the size limits, for every kind: refused before they are read', async () => {
    const before = failures.length;
    const kinds = Object.keys(DEFAULT_MAX_INPUT_SIZE) as InputKind[];
    for (const kind of kinds) {
      for (const over of [1, 4096, 2 ** 31]) {
        let read = false;
        const fs: Pick<FileSystem, 'readText' | 'status' | 'maxInputSize'> = {
          status: async () => ({kind: 'file', size: DEFAULT_MAX_INPUT_SIZE[kind] + over, mode: 0o600, uid: 0}),
          readText: async () => ((read = true), ''),
        };
        let stderr = '';
        let exitCode = 0;
        try {
          await readInputText(fs, `big.${kind.replace(' ', '-')}`, kind);
        } catch (error) {
          exitCode = reportError(error, {write: (s: string) => ((stderr += s), true)} as never, {});
        }
        check(`${kind} ${over} bytes over the limit`, {exitCode, stderr, accepted: exitCode === 0}, [1]);
        expect(read).toBe(false);
      }
    }
    expect(failures.slice(before)).toEqual([]);
  });

  it(`a sample of ${CLI_SAMPLE} through the built CLI: exit code, one line, nothing on stdout`, async () => {
    const before = failures.length;
    const dice = new Dice(SEED + 1, CLI_SAMPLE * 2);
    const viaCli = inputs.filter((i) => i.kind !== 'updateinfo' && i.kind !== 'zypper xml');
    for (let n = 0; n < CLI_SAMPLE; n++) {
      const input = dice.pick(viaCli);
      const file = path.join(tmp, `${n}-${SOURCE[input.kind]}`);
      writeFileSync(file, input.text, {mode: 0o600});
      const args =
        input.kind === 'plan'
          ? ['show', file]
          : input.kind === 'inventory'
            ? ['plan', '--inventory', file]
            : input.kind === 'baseline'
              ? ['baseline', 'validate', file]
              : ['plan', '--inventory', 'fixtures/inventories/amazon-linux-2023.json', '--install-override-list', file];
      check(`CLI #${n} ${input.kind} with ${input.how}`, await runCli(args), ALLOWED[input.kind]);
    }
    expect(failures.slice(before)).toEqual([]);
  });
});
