import {describe, expect, it} from 'vitest';

import type {Decision} from '../../src/engine/engine-io.js';
import {withDigest} from '../../src/plan/build.js';
import {canonicalJson, sha256Hex} from '../../src/json/canonical-json.js';
import {comparePlans, diffDocuments, packagesUnchanged, type DecisionSnapshot} from '../../src/plan/compare.js';
import {excludeFromPlan} from '../../src/plan/exclude.js';
import type {Plan, PlanApproval, UnsignedPlan} from '../../src/plan/schema.js';
import {BASELINE_DOCUMENT, aBuildInput, aDecision, aPlan, anEvaluation, defaultDecisions} from '../helpers/plan-builders.js';

/** A plan derived from another by one edit, correctly re-digested (as a re-made plan would be). */
function derive(plan: Plan, edit: (unsigned: UnsignedPlan) => UnsignedPlan): Plan {
  const {digest: _digest, approvals: _approvals, ...unsigned} = plan;
  return withDigest(edit(unsigned));
}

function planWith(decisions: Decision[]): Plan {
  return aPlan({evaluation: anEvaluation(decisions)});
}

/** The default decisions with one of them replaced (or, with null, left out). */
function replacing(name: string, replacement: Decision | null): Decision[] {
  return defaultDecisions().flatMap((d) => (d.name === name ? (replacement ? [replacement] : []) : [d]));
}

const TZDATA = defaultDecisions().find((d) => d.name === 'tzdata') as Decision;

function snapshotOf(d: Decision): DecisionSnapshot {
  return {
    action: d.action,
    installedVersion: d.installedVersion,
    candidateVersion: d.candidateVersion,
    targetVersion: d.targetVersion,
    reason: d.reason,
    reviewer: null,
    excludedVersion: null,
  };
}

const installTzdata = aDecision({
  name: 'tzdata',
  arch: 'all',
  installedVersion: TZDATA.installedVersion,
  candidateVersion: TZDATA.candidateVersion,
  targetVersion: TZDATA.candidateVersion,
  reason: {code: 'approval-rule', rule: 'ApprovalRules.PatchRules[0]', detail: 'approved by this rule'},
});

describe('comparePlans: the same plan', () => {
  it('finds nothing, and the approvals carry over because the digest is the same', () => {
    const plan = aPlan();
    const c = comparePlans(plan, plan);
    expect(packagesUnchanged(c)).toBe(true);
    expect(c).toMatchObject({node: null, baseline: null, options: [], reboot: null, compliance: null, inventory: null, tool: null});
    expect(c.exclusionsAdded).toEqual([]);
    expect(c.exclusionsRemoved).toEqual([]);
    expect(c.approvals).toEqual({old: 0, new: 0, carriedOver: true});
    expect(c.old).toEqual({digest: plan.digest, createdAt: plan.createdAt, hostname: 'web-01', machineId: plan.node.machineId});
    expect(c.manager).toBe('apt');
  });

  it('ignores a change of the detail sentence alone (it states ages and dates that move with `now`)', () => {
    const old = aPlan();
    const reworded = planWith(replacing('tzdata', {...TZDATA, reason: {...TZDATA.reason, detail: 'another sentence'}}));
    expect(packagesUnchanged(comparePlans(old, reworded))).toBe(true);
  });
});

describe('comparePlans: the install set', () => {
  it('a skipped package that the new plan installs enters the install set, with both reasons', () => {
    const c = comparePlans(aPlan(), planWith(replacing('tzdata', installTzdata)));
    expect(c.entered).toEqual([{name: 'tzdata', arch: 'all', old: snapshotOf(TZDATA), new: snapshotOf(installTzdata)}]);
    expect([c.left, c.moved, c.reasonChanged, c.newSkips, c.vanishedSkips]).toEqual([[], [], [], [], []]);
  });

  it('a package the old plan did not list enters with no old decision', () => {
    const curl = aDecision({name: 'curl', installedVersion: '7.88.1-10+deb12u12', targetVersion: '7.88.1-10+deb12u14', candidateVersion: '7.88.1-10+deb12u14'});
    const c = comparePlans(aPlan(), planWith([...defaultDecisions(), curl]));
    expect(c.entered).toEqual([{name: 'curl', arch: 'amd64', old: null, new: snapshotOf(curl)}]);
  });

  it('an install the new plan skips leaves the install set, with the new reason', () => {
    const pending = aDecision({
      name: 'openssl',
      action: 'skip',
      targetVersion: null,
      reason: {code: 'approval-pending', rule: 'ApprovalRules.PatchRules[0]', detail: 'approved from 2026-12-01'},
      state: 'INSTALLED_OTHER',
    });
    const c = comparePlans(aPlan(), planWith(replacing('openssl', pending)));
    expect(c.left).toEqual([{name: 'openssl', arch: 'amd64', old: snapshotOf(aDecision({name: 'openssl'})), new: snapshotOf(pending)}]);
    expect(c.entered).toEqual([]);
  });

  it('an install the new plan does not list leaves with no new decision', () => {
    const c = comparePlans(aPlan(), planWith(replacing('openssl', null)));
    expect(c.left.map((p) => [p.name, p.new])).toEqual([['openssl', null]]);
  });

  it('a target that moved says up or down in the package manager’s order (dpkg: ~ sorts before the release)', () => {
    const old = planWith([aDecision({name: 'a', targetVersion: '1.0~rc1'}), aDecision({name: 'b', targetVersion: '2.0'}), aDecision({name: 'c', targetVersion: '1.0'})]);
    const renewed = planWith([aDecision({name: 'a', targetVersion: '1.0'}), aDecision({name: 'b', targetVersion: '1.9'}), aDecision({name: 'c', targetVersion: '0:1.0'})]);
    const c = comparePlans(old, renewed);
    expect(c.moved.map((p) => [p.name, p.old.targetVersion, p.new.targetVersion, p.direction])).toEqual([
      ['a', '1.0~rc1', '1.0', 'up'],
      ['b', '2.0', '1.9', 'down'],
      // dpkg reads a missing epoch as 0: another string, the same version.
      ['c', '1.0', '0:1.0', 'equal'],
    ]);
    expect(c.reasonChanged).toEqual([]);
  });
});

describe('comparePlans: reasons', () => {
  it('an install decided by another code or rule, to the same target, is a reason change', () => {
    const byList = aDecision({reason: {code: 'approved-patches', rule: 'ApprovedPatches[0]', detail: 'listed'}});
    const byRule1 = aDecision({name: 'openssl', reason: {code: 'approval-rule', rule: 'ApprovalRules.PatchRules[1]', detail: 'x'}});
    const c = comparePlans(aPlan(), planWith([byList, byRule1, TZDATA]));
    expect(c.reasonChanged.map((p) => [p.name, p.old?.reason.code, p.old?.reason.rule, p.new?.reason.code, p.new?.reason.rule])).toEqual([
      ['libssl3', 'approval-rule', 'ApprovalRules.PatchRules[0]', 'approved-patches', 'ApprovedPatches[0]'],
      ['openssl', 'approval-rule', 'ApprovalRules.PatchRules[0]', 'approval-rule', 'ApprovalRules.PatchRules[1]'],
    ]);
  });

  it('a package skipped by both plans for different reasons is a reason change', () => {
    const pending = {...TZDATA, reason: {code: 'approval-pending' as const, rule: 'ApprovalRules.PatchRules[0]', detail: 'approved from 2026-12-01'}};
    const c = comparePlans(aPlan(), planWith(replacing('tzdata', pending)));
    expect(c.reasonChanged).toEqual([{name: 'tzdata', arch: 'all', old: snapshotOf(TZDATA), new: snapshotOf(pending)}]);
  });
});

describe('comparePlans: skips listed by one plan only', () => {
  it('a skip that appears is a new skip, one that disappears a vanished skip', () => {
    const nginx = aDecision({name: 'nginx', action: 'skip', targetVersion: null, reason: {code: 'not-approved', rule: null, detail: ''}});
    const c = comparePlans(aPlan(), planWith([...replacing('tzdata', null), nginx]));
    expect(c.newSkips).toEqual([{name: 'nginx', arch: 'amd64', old: null, new: snapshotOf(nginx)}]);
    expect(c.vanishedSkips).toEqual([{name: 'tzdata', arch: 'all', old: snapshotOf(TZDATA), new: null}]);
  });

  it('matches by name and arch: the same name for another arch is another package', () => {
    const i386 = {...TZDATA, arch: 'i386'};
    const c = comparePlans(aPlan(), planWith(replacing('tzdata', i386)));
    expect(c.newSkips.map((p) => `${p.name}:${p.arch}`)).toEqual(['tzdata:i386']);
    expect(c.vanishedSkips.map((p) => `${p.name}:${p.arch}`)).toEqual(['tzdata:all']);
  });
});

describe('comparePlans: reviewer exclusions', () => {
  const alice = {note: 'breaks our TLS pinning; INC-42', reviewer: 'alice'};

  function excluded(plan: Plan, spec: string, who = alice): Plan {
    const outcome = excludeFromPlan(plan, [{spec, ...who}], () => []);
    if (!outcome.ok) throw new Error(outcome.problem);
    return outcome.plan;
  }

  it('an exclusion the new plan makes: the package leaves, and the exclusion is listed with reviewer and note', () => {
    const c = comparePlans(aPlan(), excluded(aPlan(), 'openssl'));
    expect(c.left.map((p) => [p.name, p.new?.reason.code, p.new?.reviewer, p.new?.excludedVersion])).toEqual([
      ['openssl', 'excluded-by-reviewer', 'alice', '3.0.17-1~deb12u2'],
    ]);
    expect(c.exclusionsAdded).toEqual([{name: 'openssl', arch: 'amd64', version: '3.0.17-1~deb12u2', reviewer: 'alice', note: alice.note}]);
    expect(c.exclusionsRemoved).toEqual([]);
  });

  it('an exclusion the new plan no longer makes is removed, and the package enters again', () => {
    const c = comparePlans(excluded(aPlan(), 'openssl'), aPlan());
    expect(c.exclusionsRemoved).toEqual([{name: 'openssl', arch: 'amd64', version: '3.0.17-1~deb12u2', reviewer: 'alice', note: alice.note}]);
    expect(c.entered.map((p) => p.name)).toEqual(['openssl']);
  });

  it('the same exclusion by another reviewer: a reason change, the old exclusion removed and the new one added', () => {
    const c = comparePlans(excluded(aPlan(), 'openssl'), excluded(aPlan(), 'openssl', {note: 'still broken', reviewer: 'bob'}));
    expect(c.reasonChanged.map((p) => [p.name, p.old?.reviewer, p.new?.reviewer])).toEqual([['openssl', 'alice', 'bob']]);
    expect(c.exclusionsRemoved.map((e) => e.reviewer)).toEqual(['alice']);
    expect(c.exclusionsAdded.map((e) => [e.reviewer, e.note])).toEqual([['bob', 'still broken']]);
  });

  it('the same exclusion in both plans is no change', () => {
    const c = comparePlans(excluded(aPlan(), 'openssl'), excluded(aPlan(), 'openssl'));
    expect(packagesUnchanged(c)).toBe(true);
    expect([c.exclusionsAdded, c.exclusionsRemoved]).toEqual([[], []]);
  });
});

describe('comparePlans: baseline', () => {
  function withBaseline(source: string, document: Record<string, unknown>): Plan {
    const input = aBuildInput();
    return aPlan({baseline: {...input.baseline, source, document, sha256: sha256Hex(canonicalJson(document))}});
  }

  it('another source with the same document: the names differ, the documents do not', () => {
    const c = comparePlans(aPlan(), withBaseline('baseline.json', BASELINE_DOCUMENT));
    expect(c.baseline).toEqual({
      old: {source: 'AWS-DebianDefaultPatchBaseline', sha256: aPlan().baseline.sha256},
      new: {source: 'baseline.json', sha256: aPlan().baseline.sha256},
      documentChanges: [],
    });
  });

  it('another document: each changed, added and removed value with its path', () => {
    const [rule] = BASELINE_DOCUMENT.ApprovalRules.PatchRules;
    const {Name: _name, ...rest} = BASELINE_DOCUMENT;
    const changed = {
      ...rest,
      Description: 'weekly',
      ApprovalRules: {PatchRules: [{...rule, ApproveAfterDays: 7}, {...rule, ApproveAfterDays: 30}]},
    };
    const c = comparePlans(aPlan(), withBaseline('AWS-DebianDefaultPatchBaseline', changed));
    expect(c.baseline?.documentChanges).toEqual([
      {path: 'ApprovalRules.PatchRules[0].ApproveAfterDays', kind: 'changed', old: 0, new: 7},
      {path: 'ApprovalRules.PatchRules[1]', kind: 'added', new: {...rule, ApproveAfterDays: 30}},
      {path: 'Description', kind: 'added', new: 'weekly'},
      {path: 'Name', kind: 'removed', old: 'AWS-DebianDefaultPatchBaseline'},
    ]);
  });

  it('diffDocuments reports a value that changed type at its own path, as a whole', () => {
    expect(diffDocuments({A: {B: [1, 2]}}, {A: {B: 'all'}}, [])).toEqual([{path: 'A.B', kind: 'changed', old: [1, 2], new: 'all'}]);
    expect(diffDocuments({A: [1, 2]}, {A: [1]}, [])).toEqual([{path: 'A[1]', kind: 'removed', old: 2}]);
    expect(diffDocuments({A: [{X: null}]}, {A: [{X: null}]}, [])).toEqual([]);
  });
});

describe('comparePlans: options, forecast, compliance, inventory, tool', () => {
  it('lists each option that differs, in the plan file’s order', () => {
    const renewed = aPlan({
      options: {
        rebootOption: 'NoReboot',
        installOverrideList: {source: 'list.yaml', sha256: 'a'.repeat(64)},
        now: new Date('2026-12-01T00:00:00Z'),
        lenient: false,
        showNotApplicable: true,
      },
    });
    expect(comparePlans(aPlan(), renewed).options).toEqual([
      {option: 'rebootOption', old: 'RebootIfNeeded', new: 'NoReboot'},
      {option: 'installOverrideList', old: null, new: {source: 'list.yaml', sha256: 'a'.repeat(64)}},
      {option: 'now', old: '2026-11-24T00:00:00.000Z', new: '2026-12-01T00:00:00.000Z'},
      {option: 'showNotApplicable', old: false, new: true},
    ]);
  });

  it('reports the reboot forecast, the compliance, the inventory and the tool when they differ', () => {
    const old = aPlan();
    const renewed = derive(old, (u) => ({
      ...u,
      reboot: {expected: false, reason: 'nothing-installed', causes: []},
      compliance: {...u.compliance, status: 'COMPLIANT', severity: null},
      inventory: {...u.inventory, collectedAt: '2026-12-01T00:00:00Z'},
      tool: {name: 'patchplan', version: '0.2.0'},
    }));
    const c = comparePlans(old, renewed);
    expect(c.reboot).toEqual({old: old.reboot, new: {expected: false, reason: 'nothing-installed', causes: []}});
    expect(c.compliance).toEqual({old: old.compliance, new: {...old.compliance, status: 'COMPLIANT', severity: null}});
    expect(c.inventory).toEqual({
      old: {collectedAt: old.inventory.collectedAt, sha256: old.inventory.sha256},
      new: {collectedAt: '2026-12-01T00:00:00Z', sha256: old.inventory.sha256},
    });
    expect(c.tool).toEqual({old: {name: 'patchplan', version: '0.1.0'}, new: {name: 'patchplan', version: '0.2.0'}});
  });

  it('a plan written before reboot forecasts existed compares as "no forecast"', () => {
    const old = derive(aPlan(), ({reboot: _reboot, ...u}) => u);
    expect(comparePlans(old, aPlan()).reboot).toEqual({old: null, new: aPlan().reboot});
  });
});

describe('comparePlans: node and approvals', () => {
  it('another machine: the node change says so', () => {
    const old = aPlan();
    const other = derive(old, (u) => ({...u, node: {...u.node, hostname: 'web-02', machineId: '0b5e7d9f1a3c4e6f8a0b2c4d6e8f0a1b'}}));
    expect(comparePlans(old, other).node).toEqual({old: old.node, new: other.node, sameMachine: false});
  });

  it('the same machine renamed: a node change on the same machine', () => {
    const old = aPlan();
    const renamed = derive(old, (u) => ({...u, node: {...u.node, hostname: 'web-01.example.org'}}));
    expect(comparePlans(old, renamed).node?.sameMachine).toBe(true);
  });

  it('the old plan’s approvals do not carry over to a plan with another digest', () => {
    const approval: PlanApproval = {by: 'alice', comment: '', signedAt: '2026-11-24T01:00:00Z', publicKey: `sha256:${'b'.repeat(64)}`, signature: 'c2ln'};
    const old = {...aPlan(), approvals: [approval, {...approval, by: 'bob'}]};
    const renewed = aPlan({createdAt: new Date('2026-12-01T00:00:00Z')});
    expect(comparePlans(old, renewed).approvals).toEqual({old: 2, new: 0, carriedOver: false});
    expect(comparePlans(old, {...old, approvals: [approval]}).approvals).toEqual({old: 2, new: 1, carriedOver: true});
  });
});
