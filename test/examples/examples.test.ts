/**
 * Acceptance tests: every worked example of spec/patch-manager.md §8 (E1–E36), read from
 * fixtures/examples/*.json, evaluated by the engine exactly as the CLI would (baseline loader,
 * inventory schema, evaluateBaseline). The expectations come from the spec, not the engine.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

import {loadPredefinedBaseline, parseBaseline, type LoadedBaseline} from '../../src/baseline/load.js';
import {evaluateBaseline} from '../../src/engine/evaluate.js';
import type {ComplianceState, Decision, Evaluation} from '../../src/engine/engine-io.js';
import {InventorySchema} from '../../src/inventory/schema.js';
import {COMPLIANCE_STATES, ExampleFixtureSchema, type ExampleCase, type ExampleFixture} from './fixture-schema.js';

const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'examples');
const EXAMPLE_IDS = Array.from({length: 36}, (_, i) => `E${i + 1}`);

interface LoadedFixture {
  readonly file: string;
  readonly result: ReturnType<typeof ExampleFixtureSchema.safeParse>;
}

function loadFixtures(): LoadedFixture[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(join(FIXTURE_DIR, file), 'utf8'));
      } catch (error) {
        raw = {jsonError: String(error)};
      }
      return {file, result: ExampleFixtureSchema.safeParse(raw)};
    });
}

const fixtures = loadFixtures();

function loadBaseline(c: ExampleCase, file: string): LoadedBaseline {
  if ('builtin' in c.baseline) return loadPredefinedBaseline(c.baseline.builtin);
  return parseBaseline(`${JSON.stringify(c.baseline.document, null, 2)}\n`, `${file}#${c.name}`);
}

function evaluate(c: ExampleCase, file: string): {loaded: LoadedBaseline; evaluation: Evaluation} {
  const loaded = loadBaseline(c, file);
  // Parse again from the JSON form, as the CLI reads `--inventory FILE`.
  const inventory = InventorySchema.parse(JSON.parse(JSON.stringify(c.inventory)));
  const evaluation = evaluateBaseline(inventory, loaded.baseline, {
    now: new Date(c.now),
    operation: c.operation,
    installOverrideList: c.installOverrideList,
  });
  return {loaded, evaluation};
}

/** A compact rendering of what the engine decided, for failure messages. */
function describeDecisions(decisions: readonly Decision[]): string {
  return decisions
    .map(
      (d) =>
        `${d.name}.${d.arch}: ${d.action} ${d.targetVersion ?? '-'} ${d.reason.code} rule=${String(d.reason.rule)} state=${d.state} detail=${JSON.stringify(d.reason.detail)}`,
    )
    .join('\n');
}

function checkCase(c: ExampleCase, file: string): void {
  const {loaded, evaluation} = evaluate(c, file);
  const decisions = evaluation.decisions;
  const context = `decisions:\n${describeDecisions(decisions)}`;

  for (const e of c.expected.decisions) {
    const key = `${e.name}.${e.arch}`;
    const matches = decisions.filter((d) => d.name === e.name && d.arch === e.arch);
    expect.soft(matches.length, `exactly one decision for ${key}\n${context}`).toBe(1);
    const d = matches[0];
    if (d === undefined) continue;

    const actual: Record<string, unknown> = {action: d.action, targetVersion: d.targetVersion, reasonCode: d.reason.code};
    const wanted: Record<string, unknown> = {action: e.action, targetVersion: e.targetVersion, reasonCode: e.reasonCode};
    if (e.rule !== undefined) {
      actual['rule'] = d.reason.rule;
      wanted['rule'] = e.rule;
    }
    if (e.complianceLevel !== undefined) {
      actual['complianceLevel'] = d.complianceLevel;
      wanted['complianceLevel'] = e.complianceLevel;
    }
    if (e.candidateVersion !== undefined) {
      actual['candidateVersion'] = d.candidateVersion;
      wanted['candidateVersion'] = e.candidateVersion;
    }
    if (e.fallbackVersions !== undefined) {
      actual['fallbackVersions'] = [...d.fallbackVersions];
      wanted['fallbackVersions'] = e.fallbackVersions;
    }
    expect.soft(actual, `decision ${key} (detail: ${JSON.stringify(d.reason.detail)})`).toEqual(wanted);
    for (const s of e.detailIncludes ?? []) {
      expect.soft(d.reason.detail, `decision ${key}: reason.detail mentions ${JSON.stringify(s)}`).toContain(s);
    }
  }

  for (const name of c.expected.absent) {
    const found = decisions.filter((d) => d.name === name).map((d) => `${d.name}.${d.arch} ${d.reason.code}`);
    expect.soft(found, `${name} must get no decision`).toEqual([]);
  }

  // States: directly on the decision when there is one; every state (with or without a
  // decision) through the node's per-state counts.
  const tally = Object.fromEntries(COMPLIANCE_STATES.map((s) => [s, 0])) as Record<ComplianceState, number>;
  for (const [key, state] of Object.entries(c.expected.states)) {
    tally[state] += 1;
    const d = decisions.find((x) => `${x.name}.${x.arch}` === key);
    if (d !== undefined) expect.soft(d.state, `state of ${key}`).toBe(state);
  }
  const counts = evaluation.compliance.counts;
  if (c.expected.statesComplete) {
    const actualCounts = Object.fromEntries(COMPLIANCE_STATES.map((s) => [s, counts[s] ?? 0]));
    expect.soft(actualCounts, 'compliance counts per state (every installed package)').toEqual(tally);
  } else {
    for (const s of COMPLIANCE_STATES) {
      if (tally[s] > 0) expect.soft(counts[s] ?? 0, `compliance count ${s}`).toBeGreaterThanOrEqual(tally[s]);
    }
  }

  if (c.expected.node !== undefined) {
    expect
      .soft({status: evaluation.compliance.status, severity: evaluation.compliance.severity}, 'node compliance')
      .toEqual(c.expected.node);
  }

  for (const p of c.expected.baselineWarningPaths ?? []) {
    const paths = loaded.warnings.map((w) => w.path);
    expect.soft(
      paths.some((x) => x.startsWith(p)),
      `a baseline warning at ${p} (warnings: ${JSON.stringify(loaded.warnings)})`,
    ).toBe(true);
  }
}

describe('worked-example fixtures (fixtures/examples)', () => {
  it.each(fixtures.map((f) => [f.file, f] as const))('%s is a valid fixture', (_file, f) => {
    expect(f.result.success, f.result.success ? '' : f.result.error.message).toBe(true);
  });

  it('cover every example E1..E36, one file each, named after the example', () => {
    const valid = fixtures.flatMap((f) => (f.result.success ? [{file: f.file, fixture: f.result.data}] : []));
    const ids = valid.map((v) => v.fixture.example.id);
    expect([...ids].sort()).toEqual([...EXAMPLE_IDS].sort());
    for (const v of valid) {
      const n = Number(v.fixture.example.id.slice(1));
      expect(v.file, `${v.fixture.example.id} file name`).toMatch(new RegExp(`^E${String(n).padStart(2, '0')}-[a-z0-9-]+\\.json$`));
    }
  });

  it('give every case a fully specified baseline, inventory and expectation', () => {
    const valid = fixtures.flatMap((f) => (f.result.success ? [f.result.data] : []));
    const cases = valid.flatMap((f) => f.cases);
    expect(cases.length).toBeGreaterThanOrEqual(EXAMPLE_IDS.length);
    for (const c of cases) {
      // Every case asserts something: a decision, an absent package or a state.
      const assertions = c.expected.decisions.length + c.expected.absent.length + Object.keys(c.expected.states).length;
      expect(assertions, c.name).toBeGreaterThan(0);
    }
  });

  it('have custom baselines that the baseline loader accepts', () => {
    for (const f of fixtures) {
      if (!f.result.success) continue;
      for (const c of f.result.data.cases) {
        expect(() => loadBaseline(c, f.file), `${f.file} ${c.name}`).not.toThrow();
      }
    }
  });
});

const validFixtures: {file: string; fixture: ExampleFixture}[] = fixtures.flatMap((f) =>
  f.result.success ? [{file: f.file, fixture: f.result.data}] : [],
);

for (const {file, fixture} of validFixtures) {
  describe(`${fixture.example.id} — ${fixture.example.title} (${file})`, () => {
    for (const c of fixture.cases) {
      it(c.name, () => {
        checkCase(c, file);
      });
    }
  });
}
