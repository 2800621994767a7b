import {describe, expect, it} from 'vitest';

import {digestOf} from '../../src/json/canonical-json.js';
import {excludeFromPlan, parseExcludeSpec, requiresFromInventory, restoreDecision, type RequiresOf} from '../../src/plan/exclude.js';
import {PlanSchema, type Plan} from '../../src/plan/schema.js';
import {aDecision, aPackage, aPlan, anEvaluation, anInventory} from '../helpers/plan-builders.js';

const noRequires: RequiresOf = () => [];
const alice = {note: 'breaks our TLS pinning; retry after INC-42', reviewer: 'alice'};

function ok(outcome: ReturnType<typeof excludeFromPlan>): {plan: Plan; warnings: readonly string[]} {
  if (!outcome.ok) throw new Error(`expected success, got: ${outcome.problem}`);
  return outcome;
}

describe('excludeFromPlan', () => {
  it('turns the install into an excluded-by-reviewer skip with the note, the reviewer and the version, and re-digests', () => {
    const plan = aPlan();
    const {plan: reviewed, warnings} = ok(excludeFromPlan(plan, [{spec: 'openssl', ...alice}], noRequires));
    expect(warnings).toEqual([]);
    expect(reviewed.decisions.find((d) => d.name === 'openssl')).toMatchObject({
      action: 'skip',
      targetVersion: null,
      reason: {code: 'excluded-by-reviewer', rule: null, detail: alice.note},
      reviewer: 'alice',
      excludedVersion: '3.0.17-1~deb12u2',
      fallbackVersions: [],
    });
    expect(reviewed.summary.byAction).toEqual({install: 1, skip: 2});
    expect(reviewed.summary.byReason['excluded-by-reviewer']).toBe(1);
    expect(reviewed.digest).not.toBe(plan.digest);
    expect(digestOf(reviewed)).toBe(reviewed.digest);
    // It is a valid plan: what the file will hold round-trips through the schema.
    expect(PlanSchema.parse(JSON.parse(JSON.stringify(reviewed)))).toEqual(JSON.parse(JSON.stringify(reviewed)));
  });

  it('NAME=VERSION excludes only that update: another target is decided again, with a warning', () => {
    const plan = aPlan();
    const same = ok(excludeFromPlan(plan, [{spec: 'openssl', version: '3.0.17-1~deb12u2', ...alice}], noRequires));
    expect(same.plan.decisions.find((d) => d.name === 'openssl')?.action).toBe('skip');
    const older = ok(excludeFromPlan(plan, [{spec: 'openssl', version: '3.0.16-1~deb12u1', ...alice}], noRequires));
    expect(older.plan).toBe(plan);
    expect(older.warnings).toEqual([
      '--exclude openssl=3.0.16-1~deb12u1: not applied, the plan installs openssl 3.0.17-1~deb12u2, a version the exclusion does not name',
    ]);
  });

  it('warns, without failing, about a name the plan does not install', () => {
    const {plan, warnings} = ok(excludeFromPlan(aPlan(), [{spec: 'tzdata', ...alice}, {spec: 'nosuch', ...alice}], noRequires));
    expect(plan.decisions.every((d) => d.reason.code !== 'excluded-by-reviewer')).toBe(true);
    expect(warnings).toEqual(['--exclude tzdata: nothing to exclude, the plan does not install it', '--exclude nosuch: nothing to exclude, the plan has no decision for it']);
  });

  it('records its warnings in the plan, so the reviewed file says what was not applied', () => {
    const {plan} = ok(excludeFromPlan(aPlan(), [{spec: 'openssl', ...alice}, {spec: 'nosuch', ...alice}], noRequires));
    expect(plan.warnings).toContain('--exclude nosuch: nothing to exclude, the plan has no decision for it');
  });

  it('takes name:arch / name.arch when the plan holds the name for several architectures', () => {
    const plan = aPlan({
      evaluation: anEvaluation([aDecision({name: 'libssl3', arch: 'amd64'}), aDecision({name: 'libssl3', arch: 'i386'})]),
    });
    const {plan: reviewed} = ok(excludeFromPlan(plan, [{spec: 'libssl3:i386', ...alice}], noRequires));
    expect(reviewed.decisions.map((d) => [d.arch, d.action])).toEqual([
      ['amd64', 'install'],
      ['i386', 'skip'],
    ]);
  });

  it('refuses an exclusion that leaves an approved install without a package it needs, naming the dependent', () => {
    const requiresOf: RequiresOf = (name) => (name === 'openssl' ? [{name: 'libssl3', arch: 'amd64', version: '3.0.17-1~deb12u2'}] : []);
    expect(excludeFromPlan(aPlan(), [{spec: 'libssl3', ...alice}], requiresOf)).toEqual({
      ok: false,
      problem: 'cannot exclude libssl3 3.0.17-1~deb12u2: openssl 3.0.17-1~deb12u2, which the plan installs, needs it (exclude openssl too, or keep libssl3)',
    });
    // Excluding both together is fine.
    expect(excludeFromPlan(aPlan(), [{spec: 'libssl3', ...alice}, {spec: 'openssl', ...alice}], requiresOf).ok).toBe(true);
  });

  it('refuses to exclude a dependency decision whose dependent stays', () => {
    const plan = aPlan({
      evaluation: anEvaluation([
        aDecision({name: 'linux-image-6.1.0-41-amd64', installedVersion: null, targetVersion: '6.1.158-1', candidateVersion: '6.1.158-1', reason: {code: 'dependency', rule: 'linux-image-amd64.amd64', detail: 'installed because …'}}),
        aDecision({name: 'linux-image-amd64', installedVersion: '6.1.153-1', targetVersion: '6.1.158-1', candidateVersion: '6.1.158-1'}),
      ]),
    });
    const outcome = excludeFromPlan(plan, [{spec: 'linux-image-6.1.0-41-amd64', ...alice}], noRequires);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.problem).toMatch(/linux-image-amd64 6\.1\.158-1, which the plan installs, needs it/);
  });

  it('needs a note and a name', () => {
    expect(excludeFromPlan(aPlan(), [{spec: 'openssl', note: '  ', reviewer: 'alice'}], noRequires)).toEqual({
      ok: false,
      problem: 'openssl: an exclusion needs a note saying why (--note TEXT)',
    });
    expect(excludeFromPlan(aPlan(), [{spec: '', ...alice}], noRequires).ok).toBe(false);
    expect(excludeFromPlan(aPlan(), [{spec: 'openssl', version: '', ...alice}], noRequires).ok).toBe(false);
  });

  it('drops the reboot causes of what it excludes and forecasts again', () => {
    const inventory = anInventory([aPackage('linux-image-amd64', '6.1.153-1', ['6.1.158-1'])]);
    const plan = aPlan({
      inventory,
      evaluation: anEvaluation([aDecision({name: 'linux-image-amd64', installedVersion: '6.1.153-1', targetVersion: '6.1.158-1', candidateVersion: '6.1.158-1'})]),
    });
    expect(plan.reboot).toMatchObject({expected: true, causes: [{kind: 'kernel', package: 'linux-image-amd64'}]});
    const {plan: reviewed} = ok(excludeFromPlan(plan, [{spec: 'linux-image-amd64', ...alice}], noRequires));
    expect(reviewed.reboot).toEqual({expected: false, reason: 'nothing-installed', causes: []});
  });

  it('drops approvals: they were of the old digest', () => {
    const plan = {...aPlan(), approvals: [{by: 'bob', comment: '', signedAt: '2026-11-24T00:10:00Z', publicKey: 'k', signature: 's'}]};
    expect(ok(excludeFromPlan(plan, [{spec: 'openssl', ...alice}], noRequires)).plan.approvals).toEqual([]);
  });
});

describe('restoreDecision', () => {
  it("puts back the engine's decision for one package and keeps the other exclusions", () => {
    const original = aPlan();
    const {plan: both} = ok(excludeFromPlan(original, [{spec: 'openssl', ...alice}, {spec: 'libssl3', ...alice}], noRequires));
    const restored = restoreDecision(both, original, 'openssl', 'amd64');
    expect(restored.decisions.find((d) => d.name === 'openssl')).toEqual(original.decisions.find((d) => d.name === 'openssl'));
    expect(restored.decisions.find((d) => d.name === 'libssl3')?.reason.code).toBe('excluded-by-reviewer');
    expect(digestOf(restored)).toBe(restored.digest);
    // Undoing every exclusion gives the engine's plan back, digest and all.
    expect(restoreDecision(restored, original, 'libssl3', 'amd64').digest).toBe(original.digest);
  });
});

describe('requiresFromInventory / parseExcludeSpec', () => {
  it('reads the requires closure the collector recorded per version', () => {
    const inventory = anInventory([
      aPackage('openssl', '3.0.15-1~deb12u1', [], {versions: [{version: '3.0.17-1~deb12u2', requires: [{name: 'libssl3', arch: 'amd64', version: '3.0.17-1~deb12u2'}]}]}),
    ]);
    const requiresOf = requiresFromInventory(inventory);
    expect(requiresOf('openssl', 'amd64', '3.0.17-1~deb12u2')).toEqual([{name: 'libssl3', arch: 'amd64', version: '3.0.17-1~deb12u2'}]);
    expect(requiresOf('openssl', 'amd64', '3.0.15-1~deb12u1')).toEqual([]);
  });

  it('splits NAME=VERSION at the first = (versions may hold : and ~)', () => {
    expect(parseExcludeSpec('libcap2=1:2.66-4+deb12u3+b1')).toEqual({spec: 'libcap2', version: '1:2.66-4+deb12u3+b1'});
    expect(parseExcludeSpec('glibc.x86_64')).toEqual({spec: 'glibc.x86_64', version: undefined});
  });
});
