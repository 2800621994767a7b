import {describe, expect, it} from 'vitest';

import {buildPlan, withDigest, summarize} from '../../src/plan/build.js';
import {digestOf} from '../../src/json/canonical-json.js';
import {canonicalInventory, inventorySha256} from '../../src/plan/fingerprint.js';
import {PlanSchema} from '../../src/plan/schema.js';
import {aBuildInput, aDecision, aPackage, anEvaluation, anInventory, aPlan, CREATED_AT, NOW} from '../helpers/plan-builders.js';

describe('buildPlan', () => {
  it('fills the contract fields from its inputs', () => {
    const plan = aPlan();
    expect(plan.formatVersion).toBe(1);
    expect(plan.tool).toEqual({name: 'patchplan', version: '0.1.0'});
    expect(plan.createdAt).toBe(CREATED_AT.toISOString());
    expect(plan.node).toEqual({
      hostname: 'web-01',
      machineId: '5f0c3b1e9a2d4c6f8e7b1a0d2c4e6f80',
      os: {id: 'debian', versionId: '12', name: 'Debian GNU/Linux 12 (bookworm)'},
      arch: 'amd64',
      manager: 'apt',
      root: '/',
      operatingSystem: 'DEBIAN',
      product: 'Debian12',
    });
    expect(plan.baseline.source).toBe('AWS-DebianDefaultPatchBaseline');
    expect(plan.baseline.document).toHaveProperty('Name', 'AWS-DebianDefaultPatchBaseline');
    expect(plan.options).toEqual({
      rebootOption: 'RebootIfNeeded',
      installOverrideList: null,
      now: NOW.toISOString(),
      lenient: false,
      showNotApplicable: false,
    });
    expect(plan.decisions.map((d) => [d.name, d.action, d.targetVersion])).toEqual([
      ['libssl3', 'install', '3.0.17-1~deb12u2'],
      ['openssl', 'install', '3.0.17-1~deb12u2'],
      ['tzdata', 'skip', null],
    ]);
  });

  it('is a valid plan that the schema returns unchanged (no defaults, no transforms)', () => {
    const plan = aPlan();
    expect(PlanSchema.parse(plan)).toEqual(plan);
  });

  it('signs the canonical JSON of every other field', () => {
    const plan = aPlan();
    expect(plan.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(digestOf(plan)).toBe(plan.digest);
    const {digest: _digest, ...unsigned} = plan;
    expect(withDigest(unsigned)).toEqual(plan);
  });

  it('is deterministic', () => {
    expect(aPlan()).toEqual(aPlan());
  });

  it('counts every action and every reason code, zeros included', () => {
    const {summary} = aPlan();
    expect(summary.byAction).toEqual({install: 2, skip: 1});
    expect(summary.byReason['approval-rule']).toBe(2);
    expect(summary.byReason['not-security-repo']).toBe(1);
    expect(Object.keys(summary.byReason)).toHaveLength(15);
    expect(Object.values(summary.byReason).reduce((a, b) => a + b, 0)).toBe(3);
    expect(summarize([])).toEqual({
      byAction: {install: 0, skip: 0},
      byReason: Object.fromEntries(Object.keys(summary.byReason).map((k) => [k, 0])),
    });
  });

  it('fingerprints what each decision saw: installed version and the offered set, sorted', () => {
    const plan = aPlan();
    expect(plan.inventory.collectedAt).toBe('2026-11-23T23:50:00Z');
    expect(plan.inventory.packages).toEqual([
      {name: 'libssl3', arch: 'amd64', installedVersion: '3.0.15-1~deb12u1', candidates: ['3.0.15-1~deb12u1', '3.0.17-1~deb12u2']},
      {name: 'openssl', arch: 'amd64', installedVersion: '3.0.15-1~deb12u1', candidates: ['3.0.15-1~deb12u1', '3.0.17-1~deb12u2']},
      {name: 'tzdata', arch: 'all', installedVersion: '2024a-0+deb12u1', candidates: ['2025b-0+deb12u1']},
    ]);
  });

  it('fingerprints a decided package missing from the inventory with what the decision says', () => {
    const evaluation = anEvaluation([aDecision({name: 'ghost', installedVersion: '1.0'})]);
    expect(aPlan({evaluation}).inventory.packages).toEqual([{name: 'ghost', arch: 'amd64', installedVersion: '1.0', candidates: []}]);
  });

  it('counts versions that an offered version requires as offered (a new dependency has no entry of its own)', () => {
    const inventory = anInventory([
      aPackage('linux-image-amd64', '6.1.153-1', [], {
        versions: [
          {version: '6.1.158-1', requires: [{name: 'linux-image-6.1.0-41-amd64', arch: 'amd64', version: '6.1.158-1'}]},
          {version: '6.1.157-1', requires: [{name: 'linux-image-6.1.0-41-amd64', version: '6.1.157-1'}]},
        ],
      }),
    ]);
    const evaluation = anEvaluation([
      aDecision({name: 'linux-image-6.1.0-41-amd64', installedVersion: null, targetVersion: '6.1.158-1', reason: {code: 'dependency', rule: null, detail: ''}}),
    ]);
    expect(aPlan({inventory, evaluation}).inventory.packages).toEqual([
      {name: 'linux-image-6.1.0-41-amd64', arch: 'amd64', installedVersion: null, candidates: ['6.1.157-1', '6.1.158-1']},
    ]);
  });

  it('hashes the canonical inventory, so collection order does not matter', () => {
    const a = anInventory([aPackage('b', '1', ['2', '1']), aPackage('a', '1', ['1'])]);
    const b = anInventory([aPackage('a', '1', ['1']), aPackage('b', '1', ['1', '2'])]);
    expect(inventorySha256(a)).toBe(inventorySha256(b));
    expect(inventorySha256(a)).not.toBe(inventorySha256(anInventory([aPackage('a', '1', ['1'])])));
    expect(canonicalInventory(a).packages.map((p) => p.name)).toEqual(['a', 'b']);
    expect(aPlan({inventory: a}).inventory.sha256).toBe(inventorySha256(a));
  });

  it('records warnings from the baseline (with source and path) and from the engine', () => {
    const input = aBuildInput();
    const plan = buildPlan({
      ...input,
      baseline: {
        ...input.baseline,
        source: 'baseline.json',
        warnings: [
          {path: 'ApprovalRules.PatchRules[0].ApproveAfterDays', message: 'ignored on apt'},
          {path: '', message: 'no description'},
        ],
      },
      evaluation: {...anEvaluation(), warnings: ['python3-apt is upgraded before the baseline applies']},
    });
    expect(plan.warnings).toEqual([
      'baseline.json: ApprovalRules.PatchRules[0].ApproveAfterDays: ignored on apt',
      'baseline.json: no description',
      'python3-apt is upgraded before the baseline applies',
    ]);
  });

  it('records the override list and options', () => {
    const input = aBuildInput();
    const plan = buildPlan({
      ...input,
      options: {
        ...input.options,
        rebootOption: 'NoReboot',
        installOverrideList: {source: 'override.yaml', sha256: 'a'.repeat(64)},
        lenient: true,
        showNotApplicable: true,
      },
    });
    expect(plan.options).toMatchObject({
      rebootOption: 'NoReboot',
      installOverrideList: {source: 'override.yaml', sha256: 'a'.repeat(64)},
      lenient: true,
      showNotApplicable: true,
    });
  });

  it('writes every compliance state, zeros included', () => {
    const plan = aPlan();
    expect(plan.compliance).toEqual({
      status: 'NON_COMPLIANT',
      severity: 'INFORMATIONAL',
      counts: {
        INSTALLED: 0,
        INSTALLED_OTHER: 1,
        INSTALLED_PENDING_REBOOT: 0,
        INSTALLED_REJECTED: 0,
        MISSING: 2,
        NOT_APPLICABLE: 0,
        FAILED: 0,
        AVAILABLE_SECURITY_UPDATE: 0,
      },
    });
  });

  it('copies decisions instead of sharing the engine arrays', () => {
    const advisories = ['DSA-5999-1'];
    const evaluation = anEvaluation([aDecision({advisories})]);
    const plan = aPlan({evaluation});
    advisories.push('later');
    expect(plan.decisions[0]?.advisories).toEqual(['DSA-5999-1']);
  });
});
