import {describe, expect, it} from 'vitest';

import type {Decision} from '../../src/engine/engine-io.js';
import {excludeFromPlan} from '../../src/plan/exclude.js';
import {createFleetAccumulator, fleetExitCode, rebootOptionCounts, type FleetReport} from '../../src/plan/fleet-report.js';
import type {Plan} from '../../src/plan/schema.js';
import {aDecision, anEvaluation, anInventory, aPlan, MACHINE_ID} from '../helpers/plan-builders.js';

/**
 * The pure aggregation behind `fleet report` (src/plan/fleet-report.ts): plans in, counts out.
 * The command tests (test/commands/fleet-report.test.ts) cover reading, verifying and the views.
 */

const skip = (name: string, code: Decision['reason']['code'], extra: Partial<Decision> = {}): Decision =>
  aDecision({name, action: 'skip', targetVersion: null, reason: {code, rule: null, detail: `${name} skipped`}, state: 'INSTALLED_OTHER', ...extra});
const install = (name: string, targetVersion: string, extra: Partial<Decision> = {}): Decision => aDecision({name, targetVersion, candidateVersion: targetVersion, ...extra});

function planFor(hostname: string, decisions: Decision[], machineId = hostname.padEnd(32, '0').slice(0, 32)): Plan {
  const inventory = anInventory(undefined, {node: {...anInventory().node, hostname, machineId}});
  return aPlan({inventory, evaluation: anEvaluation(decisions)});
}

function report(plans: readonly (readonly [string, Plan] | readonly [string, Plan, number])[]): FleetReport {
  const acc = createFleetAccumulator();
  for (const [file, plan, valid] of plans) acc.add(file, plan, valid ?? 0);
  return acc.finish();
}

describe('fleet report aggregation', () => {
  it('counts nodes per package and target, most nodes first, then by version text', () => {
    const r = report([
      ['a.json', planFor('a', [install('openssl', '3.0.17-1'), install('curl', '7.88.1-10')])],
      ['b.json', planFor('b', [install('openssl', '3.0.17-1')])],
      ['c.json', planFor('c', [install('openssl', '3.0.16-1'), skip('curl', 'not-approved')])],
      ['d.json', planFor('d', [install('openssl', '3.0.16-1')])],
      ['e.json', planFor('e', [install('openssl', '3.0.15-9')])],
    ]);
    expect(r.packages.map((p) => [p.name, p.installNodes, p.install.map((t) => [t.targetVersion, t.nodes])])).toEqual([
      // 2 and 2 nodes: ties go by version text; nodes are indexes in the order plans were added.
      ['openssl', 5, [['3.0.16-1', [2, 3]], ['3.0.17-1', [0, 1]], ['3.0.15-9', [4]]]],
      ['curl', 1, [['7.88.1-10', [0]]]],
    ]);
    const curl = r.packages.find((p) => p.name === 'curl');
    expect(curl?.skipNodes).toEqual([2]);
    expect(curl?.skipReasons).toEqual({'not-approved': 1});
    expect(r.nodes.map((n) => [n.hostname, n.installs, n.skips])).toEqual([['a', 2, 0], ['b', 1, 0], ['c', 1, 1], ['d', 1, 0], ['e', 1, 0]]);
  });

  it('counts a node once per package, whatever its architectures and targets', () => {
    const r = report([
      ['a.json', planFor('a', [install('libc6', '2.36-9', {arch: 'amd64'}), install('libc6', '2.36-9', {arch: 'i386'})])],
      ['b.json', planFor('b', [install('libc6', '2.36-9', {arch: 'amd64'}), install('libc6', '2.36-8', {arch: 'i386'})])],
      ['c.json', planFor('c', [skip('libc6', 'rejected-patches', {arch: 'amd64'}), skip('libc6', 'rejected-patches', {arch: 'i386'})])],
    ]);
    const [libc] = r.packages;
    expect(libc?.install.map((t) => [t.targetVersion, t.nodes])).toEqual([['2.36-9', [0, 1]], ['2.36-8', [1]]]);
    expect(libc?.installNodes).toBe(2); // node b has two targets: counted once
    expect(libc?.skipNodes).toEqual([2]);
    // Reasons count decisions, not nodes: two architectures skipped on one node.
    expect(libc?.skipReasons).toEqual({'rejected-patches': 2});
    expect(r.nodes[0]?.installs).toBe(2);
  });

  it('lists packages every plan skips apart, most skips first, then by name', () => {
    const r = report([
      ['a.json', planFor('a', [skip('tzdata', 'not-security-repo'), skip('vim', 'not-approved'), install('bash', '5.2-1')])],
      ['b.json', planFor('b', [skip('tzdata', 'not-security-repo'), skip('apt', 'not-approved')])],
    ]);
    expect(r.packages.map((p) => p.name)).toEqual(['bash']);
    expect(r.skippedOnly.map((p) => [p.name, p.skipNodes.length])).toEqual([['tzdata', 2], ['apt', 1], ['vim', 1]]);
    expect(r.nodes[1]).toMatchObject({hostname: 'b', installs: 0, skips: 2});
  });

  it('keeps every reviewer exclusion with its node, version, reviewer and note', () => {
    // The exclusion as `plan --exclude` / review makes it.
    const excluded = excludeFromPlan(planFor('b', [install('openssl', '3.0.17-1')]), [{spec: 'openssl', note: 'waiting for the vendor', reviewer: 'alice'}], () => []);
    if (!excluded.ok) throw new Error(excluded.problem);
    const r = report([
      ['a.json', planFor('a', [install('openssl', '3.0.17-1')])],
      ['b.json', excluded.plan],
    ]);
    expect(r.exclusions).toEqual([{node: 1, package: 'openssl', excludedVersion: '3.0.17-1', reviewer: 'alice', note: 'waiting for the vendor'}]);
    expect(r.packages[0]?.skipReasons).toEqual({'excluded-by-reviewer': 1});
  });

  it('flags machine ids that more than one plan is for, and records approvals and reboot facts per node', () => {
    // The aggregation counts approvals; whether they verify is the caller's check, passed in.
    const approval = {by: 'cab', comment: 'CHG-1', signedAt: '2026-11-24T01:00:00Z', publicKey: `sha256:${'0'.repeat(64)}`, signature: 'AAAA'};
    const signed: Plan = {...planFor('a', [install('bash', '5.2-1')], MACHINE_ID), approvals: [approval, {...approval, by: 'sec'}]};
    const noForecast: Plan = {...planFor('c', [])};
    delete (noForecast as {reboot?: unknown}).reboot;
    const r = report([
      ['a.json', signed, 1],
      ['a-old.json', planFor('a', [install('bash', '5.1-1')], MACHINE_ID)],
      ['c.json', noForecast],
    ]);
    expect(r.duplicateMachineIds).toEqual([{machineId: MACHINE_ID, nodes: [0, 1]}]);
    expect(r.nodes.map((n) => n.rebootExpected)).toEqual([true, true, null]);
    expect(r.nodes.map((n) => [n.file, n.os, n.manager, n.approvals, n.validApprovals])).toEqual([
      ['a.json', 'debian 12', 'apt', 2, 1],
      ['a-old.json', 'debian 12', 'apt', 0, 0],
      ['c.json', 'debian 12', 'apt', 0, 0],
    ]);
    expect(rebootOptionCounts(r.nodes)).toEqual({RebootIfNeeded: 3, NoReboot: 0, RebootIfRequired: 0});
  });

  it('exit code: 3 when any plan failed its integrity check, else 1 for any other refusal, else 0', () => {
    const acc = createFleetAccumulator();
    acc.add('a.json', planFor('a', []), 0);
    expect(fleetExitCode(acc.finish())).toBe(0);
    acc.refuse({file: 'b.json', exitCode: 1, error: 'error: b.json: not JSON'});
    expect(fleetExitCode(acc.finish())).toBe(1);
    acc.refuse({file: 'c.json', exitCode: 3, error: 'error: c.json: digest mismatch'});
    const finished = acc.finish();
    expect(fleetExitCode(finished)).toBe(3);
    // A refused plan is named, and counted nowhere else.
    expect(finished.refused.map((x) => x.file)).toEqual(['b.json', 'c.json']);
    expect(finished.nodes.map((n) => n.file)).toEqual(['a.json']);
  });
});
