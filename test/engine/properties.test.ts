/**
 * Properties of the engine over generated inventories and baselines (fast-check), for every
 * Linux family: rejected packages are never installed under BLOCK, targets are always newer
 * than the installed version, one decision per package (and one for every package with a
 * newer version), and the evaluation is a pure function of its input, whatever the order of
 * packages and versions.
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';

import type {Baseline} from '../../src/baseline/model.js';
import {familyRulesFor, linuxFamilyFor} from '../../src/engine/families/index.js';
import type {Evaluation} from '../../src/engine/engine-io.js';
import type {Advisory, Inventory, Package} from '../../src/inventory/schema.js';
import type {OperatingSystem} from '../../src/core/ids.js';
import {compareVersions, versionSchemeFor} from '../../src/versions/index.js';
import {aBaseline, aPackage, aVersion, anAdvisory, anInventory, evaluate, type RuleSpec} from './builders.js';

const OSS = ['AMAZON_LINUX_2', 'AMAZON_LINUX_2023', 'SUSE', 'UBUNTU'] as const satisfies readonly OperatingSystem[];
const NAMES = ['a', 'b', 'lib-a', 'lib-b', 'tool'] as const;
const ADVISORY_IDS = ['N-1', 'N-2', 'N-3'] as const;

const versionArb = fc
  .tuple(fc.constantFrom('', '1:'), fc.integer({min: 1, max: 3}), fc.integer({min: 0, max: 4}), fc.integer({min: 1, max: 3}))
  .map(([epoch, major, minor, release]) => `${epoch}${major}.${minor}-${release}`);

const dateArb = fc.integer({min: Date.UTC(2025, 0, 1), max: Date.UTC(2025, 11, 31)}).map((ms) => new Date(ms).toISOString());

const advisoryArb = (id: string): fc.Arbitrary<Advisory> =>
  fc
    .record({
      type: fc.constantFrom('security', 'bugfix', 'enhancement'),
      severity: fc.option(fc.constantFrom('Critical', 'Important', 'Moderate', 'Low'), {nil: undefined}),
      issued: dateArb,
      updated: fc.option(dateArb, {nil: undefined}),
    })
    .map((a) => anAdvisory(id, a));

interface GeneratedVersion {
  readonly version: string;
  readonly advisories: string[];
  readonly suites: string[];
  readonly priority: string;
  readonly requires: {name: string; version: string}[];
}

const versionSpecArb: fc.Arbitrary<GeneratedVersion> = fc.record({
  version: versionArb,
  advisories: fc.subarray([...ADVISORY_IDS]),
  suites: fc.subarray(['x-security', 'x-updates']),
  priority: fc.constantFrom('required', 'optional'),
  requires: fc.array(fc.record({name: fc.constantFrom(...NAMES), version: versionArb}), {maxLength: 1}),
});

interface GeneratedPackage {
  readonly name: string;
  readonly arch: string;
  readonly installed: string | null;
  readonly versions: GeneratedVersion[];
  readonly pendingReboot: boolean;
}

const packageArb: fc.Arbitrary<GeneratedPackage> = fc
  .record({
    name: fc.constantFrom(...NAMES),
    arch: fc.constantFrom('x86_64', 'i686'),
    versions: fc.array(versionSpecArb, {maxLength: 4}),
    installedIndex: fc.option(fc.integer({min: -1, max: 3}), {nil: null}),
    installedOwn: versionArb,
    pendingReboot: fc.boolean(),
  })
  .map((p) => ({
    name: p.name,
    arch: p.arch,
    // Installed: one of the offered versions, an unoffered one, or nothing.
    installed: p.installedIndex === null ? null : p.installedIndex < 0 ? p.installedOwn : p.versions[p.installedIndex]?.version ?? p.installedOwn,
    versions: p.versions,
    pendingReboot: p.pendingReboot,
  }));

const filterValuesArb = (values: readonly string[]) => fc.subarray([...values, '*'], {minLength: 1});

const ruleArb: fc.Arbitrary<RuleSpec> = fc.record({
  filters: fc.record(
    {
      CLASSIFICATION: filterValuesArb(['Security', 'Bugfix']),
      SEVERITY: filterValuesArb(['Critical', 'Important', 'Low', 'None']),
      PRIORITY: filterValuesArb(['Required', 'Optional']),
    },
    {requiredKeys: []},
  ),
  complianceLevel: fc.constantFrom('CRITICAL', 'LOW', 'UNSPECIFIED'),
  approveAfterDays: fc.option(fc.integer({min: 0, max: 30}), {nil: null}),
  approveUntilDate: fc.option(fc.constantFrom('2025-03-31', '2025-09-30'), {nil: null}),
  enableNonSecurity: fc.boolean(),
});

interface Scenario {
  readonly os: (typeof OSS)[number];
  readonly packages: GeneratedPackage[];
  readonly advisories: Advisory[];
  readonly rules: RuleSpec[];
  readonly approved: string[];
  readonly rejected: string[];
  readonly action: 'BLOCK' | 'ALLOW_AS_DEPENDENCY';
  readonly approvedNonSecurity: boolean;
  readonly now: string;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  os: fc.constantFrom(...OSS),
  packages: fc.array(packageArb, {maxLength: 6}),
  advisories: fc.tuple(...ADVISORY_IDS.map((id) => advisoryArb(id))),
  rules: fc.array(ruleArb, {maxLength: 3}),
  approved: fc.subarray(['a', 'lib-*', 'tool.x86_64', 'N-1', 'b*']),
  // `name*` entries reject every version of the name on every family (dnf's full-NEVRA check
  // included; a SUSE regex `name.+` still matches `name.arch`).
  rejected: fc.subarray(NAMES.map((n) => `${n}*`)),
  action: fc.constantFrom('BLOCK', 'ALLOW_AS_DEPENDENCY'),
  approvedNonSecurity: fc.boolean(),
  now: dateArb,
}).map((s) => ({...s, advisories: [...s.advisories]}));

function build(s: Scenario): {inventory: Inventory; baseline: Baseline} {
  const apt = s.os === 'UBUNTU';
  const packages: Package[] = s.packages.map((p) =>
    aPackage(p.name, {
      arch: apt ? (p.arch === 'x86_64' ? 'amd64' : 'i386') : p.arch,
      installed: p.installed,
      pendingReboot: p.pendingReboot,
      versions: p.versions.map((v) =>
        aVersion(v.version, {
          advisories: apt ? [] : v.advisories,
          suites: apt ? v.suites : [],
          priority: apt ? v.priority : undefined,
          requires: v.requires,
        }),
      ),
    }),
  );
  return {
    inventory: anInventory({os: s.os, packages, advisories: apt ? [] : s.advisories}),
    baseline: aBaseline({
      operatingSystem: s.os,
      rules: s.rules,
      approvedPatches: s.approved,
      approvedPatchesEnableNonSecurity: s.approvedNonSecurity,
      rejectedPatches: s.rejected,
      rejectedPatchesAction: s.action,
    }),
  };
}

function run(s: Scenario, inventory?: Inventory): Evaluation {
  const built = build(s);
  return evaluate(inventory ?? built.inventory, built.baseline, {now: s.now, operation: 'Install'});
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  // A deterministic Fisher–Yates driven by a small LCG, so failures replay from the seed.
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}

const RUNS = {numRuns: 300};

describe('engine properties', () => {
  it('under BLOCK, no install decision installs a version RejectedPatches matches', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const blocked = {...s, action: 'BLOCK' as const};
        const {inventory, baseline} = build(blocked);
        const family = linuxFamilyFor(s.os, inventory.node.manager);
        if (family === null) throw new Error('unreachable');
        const rules = familyRulesFor(family);
        for (const d of run(blocked).decisions) {
          if (d.action !== 'install' || d.targetVersion === null) continue;
          const target = d.targetVersion;
          const hit = baseline.rejectedPatches.find((e) => rules.matchRejected(e.value, d.name, d.arch, target));
          expect(hit, `${d.name}.${d.arch} ${target} (${d.reason.code})`).toBeUndefined();
        }
      }),
      RUNS,
    );
  });

  it('an approved target is never rejected, whatever the action', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const {inventory, baseline} = build(s);
        const family = linuxFamilyFor(s.os, inventory.node.manager);
        if (family === null) throw new Error('unreachable');
        const rules = familyRulesFor(family);
        for (const d of run(s).decisions) {
          if (d.reason.code !== 'approval-rule' && d.reason.code !== 'approved-patches') continue;
          if (d.targetVersion === null) continue;
          const target = d.targetVersion;
          expect(baseline.rejectedPatches.some((e) => rules.matchRejected(e.value, d.name, d.arch, target))).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('a target is always newer than the installed version, and never chosen for a package that is not installed', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const {inventory} = build(s);
        const scheme = versionSchemeFor(inventory.node.manager);
        for (const d of run(s).decisions) {
          if (d.action !== 'install') {
            expect(d.targetVersion).toBeNull();
            continue;
          }
          expect(d.targetVersion).not.toBeNull();
          if (d.installedVersion !== null && d.targetVersion !== null) {
            expect(compareVersions(scheme, d.targetVersion, d.installedVersion), `${d.name} ${d.targetVersion} vs ${d.installedVersion}`).toBeGreaterThan(0);
          }
          if (d.installedVersion === null) expect(d.reason.code).toBe('dependency');
        }
      }),
      RUNS,
    );
  });

  it('every package with a newer version gets exactly one decision, and no package gets two', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const {inventory} = build(s);
        const scheme = versionSchemeFor(inventory.node.manager);
        const decisions = run(s).decisions;
        const keys = decisions.map((d) => `${d.name}.${d.arch}`);
        expect(new Set(keys).size).toBe(keys.length);
        for (const pkg of inventory.packages) {
          const installed = inventory.packages
            .filter((p) => p.name === pkg.name && p.arch === pkg.arch)
            .map((p) => p.installedVersion)
            .filter((v): v is string => v !== null)
            .sort((a, b) => compareVersions(scheme, b, a))[0];
          if (installed === undefined) continue;
          const hasNewer = inventory.packages
            .filter((p) => p.name === pkg.name && p.arch === pkg.arch)
            .some((p) => p.versions.some((v) => compareVersions(scheme, v.version, installed) > 0));
          if (hasNewer) expect(keys).toContain(`${pkg.name}.${pkg.arch}`);
        }
      }),
      RUNS,
    );
  });

  it('counts one compliance state per installed package', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const {inventory} = build(s);
        const installed = new Set(inventory.packages.filter((p) => p.installedVersion !== null).map((p) => `${p.name}.${p.arch}`));
        const counts = run(s).compliance.counts;
        const reported = Object.entries(counts)
          .filter(([state]) => state !== 'NOT_APPLICABLE')
          .reduce((sum, [, n]) => sum + n, 0);
        expect(reported).toBe(installed.size);
      }),
      RUNS,
    );
  });

  it('is deterministic: the same input gives deep-equal output, also with packages and versions shuffled', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer(), (s, seed) => {
        const first = run(s);
        expect(run(s)).toEqual(first);
        const {inventory} = build(s);
        const reordered: Inventory = {
          ...inventory,
          packages: shuffled(inventory.packages, seed).map((p, i) => ({...p, versions: shuffled(p.versions, seed + i)})),
          advisories: shuffled(inventory.advisories, seed + 7),
        };
        expect(run(s, reordered)).toEqual(first);
      }),
      RUNS,
    );
  });
});
