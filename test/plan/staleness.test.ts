import {describe, expect, it} from 'vitest';

import {PlanRefusedError} from '../../src/errors.js';
import {withDigest} from '../../src/plan/build.js';
import type {Plan} from '../../src/plan/schema.js';
import {checkStaleness, formatDuration, refusalError, type CurrentNode} from '../../src/plan/staleness.js';
import {aDecision, aPackage, anEvaluation, anInventory, aPlan, CREATED_AT, MACHINE_ID} from '../helpers/plan-builders.js';

const DAY = 24 * 60 * 60 * 1000;
const plan = aPlan();

function current(overrides: Partial<CurrentNode> = {}): CurrentNode {
  return {
    machineId: MACHINE_ID,
    inventory: anInventory(),
    now: new Date(CREATED_AT.getTime() + DAY),
    maxAgeMs: 7 * DAY,
    ...overrides,
  };
}

/** The default inventory with libssl3 replaced. */
function withLibssl3(installed: string | null, versions: string[]) {
  return anInventory([
    aPackage('libssl3', installed, versions),
    aPackage('openssl', '3.0.15-1~deb12u1', ['3.0.15-1~deb12u1', '3.0.17-1~deb12u2']),
    aPackage('tzdata', '2024a-0+deb12u1', ['2025b-0+deb12u1'], {arch: 'all'}),
  ]);
}

describe('checkStaleness', () => {
  it.each<[string, Partial<CurrentNode>, string[]]>([
    ['the node as planned', {}, []],
    ['exactly at the maximum age', {now: new Date(CREATED_AT.getTime() + 7 * DAY)}, []],
    ['one second past the maximum age', {now: new Date(CREATED_AT.getTime() + 7 * DAY + 1000)}, ['too-old']],
    ['a shorter --max-age', {maxAgeMs: 60 * 60 * 1000}, ['too-old']],
    // A node clock a little behind the planner's is normal; a plan from days ahead is not.
    ['made 5 minutes ahead of this clock', {now: new Date(CREATED_AT.getTime() - 5 * 60_000)}, []],
    ['made a year ahead of this clock', {now: new Date(CREATED_AT.getTime() - 365 * DAY)}, ['created-in-the-future']],
    ['another machine', {machineId: '0'.repeat(32)}, ['other-machine']],
    ['installed version changed', {inventory: withLibssl3('3.0.16-1~deb12u1', ['3.0.16-1~deb12u1', '3.0.17-1~deb12u2'])}, ['installed-version-changed']],
    ['package removed', {inventory: withLibssl3(null, ['3.0.17-1~deb12u2'])}, ['installed-version-changed']],
    ['package gone from the inventory', {inventory: anInventory([aPackage('openssl', '3.0.15-1~deb12u1', ['3.0.17-1~deb12u2'])])}, ['installed-version-changed']],
    ['target no longer offered', {inventory: withLibssl3('3.0.15-1~deb12u1', ['3.0.15-1~deb12u1', '3.0.18-1~deb12u1'])}, ['target-unavailable']],
    // A rerun after an interrupted apply: the package is already at its target.
    ['already at the target, even if no longer offered', {inventory: withLibssl3('3.0.17-1~deb12u2', ['3.0.17-1~deb12u2'])}, []],
    // Skipped packages are not touched by apply, so their changes do not matter.
    [
      'a skipped package changed',
      {
        inventory: anInventory([
          aPackage('libssl3', '3.0.15-1~deb12u1', ['3.0.17-1~deb12u2']),
          aPackage('openssl', '3.0.15-1~deb12u1', ['3.0.17-1~deb12u2']),
          aPackage('tzdata', '2025b-0+deb12u1', ['2025b-0+deb12u1'], {arch: 'all'}),
        ]),
      },
      [],
    ],
    [
      'several problems at once, every one listed',
      {machineId: 'other', now: new Date(CREATED_AT.getTime() + 30 * DAY), inventory: anInventory([aPackage('tzdata', '1', [], {arch: 'all'})])},
      ['other-machine', 'too-old', 'installed-version-changed', 'installed-version-changed'],
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(checkStaleness(plan, current(overrides)).map((r) => r.code)).toEqual(expected);
  });

  it('names the package and both versions', () => {
    const [refusal] = checkStaleness(plan, current({inventory: withLibssl3('3.0.16-1~deb12u1', ['3.0.17-1~deb12u2'])}));
    expect(refusal).toEqual({
      code: 'installed-version-changed',
      package: {name: 'libssl3', arch: 'amd64'},
      message: 'libssl3 (amd64): installed version is now 3.0.16-1~deb12u1, the plan was made for 3.0.15-1~deb12u1',
    });
  });

  it('says which target is gone', () => {
    const [refusal] = checkStaleness(plan, current({inventory: withLibssl3('3.0.15-1~deb12u1', [])}));
    expect(refusal?.message).toBe('libssl3 (amd64): planned version 3.0.17-1~deb12u2 is no longer offered by the repositories');
  });

  it('says how old the plan is', () => {
    const [refusal] = checkStaleness(plan, current({now: new Date(CREATED_AT.getTime() + 8 * DAY + 3 * 3600_000)}));
    expect(refusal?.message).toBe(
      'the plan was created 8d 3h ago (2026-11-24T00:05:00.000Z), more than the maximum age of 7d (--max-age)',
    );
  });

  it('refuses a modified plan and an unknown format version', () => {
    const tampered: Plan = {...plan, options: {...plan.options, rebootOption: 'NoReboot'}};
    expect(checkStaleness(tampered, current()).map((r) => r.code)).toEqual(['digest-mismatch']);
    const {digest: _d, ...unsigned} = plan;
    const future = withDigest({...unsigned, formatVersion: 2 as 1});
    expect(checkStaleness(future, current()).map((r) => r.code)).toEqual(['unknown-format-version']);
  });

  it('compares a dependency install like any other install', () => {
    const dependencyPlan = aPlan({
      evaluation: anEvaluation([
        aDecision({name: 'libssl3', reason: {code: 'dependency', rule: 'openssl', detail: 'needed by openssl 3.0.17-1~deb12u2'}}),
      ]),
    });
    expect(checkStaleness(dependencyPlan, current({inventory: withLibssl3('3.0.16-1~deb12u1', [])})).map((r) => r.code)).toEqual([
      'installed-version-changed',
    ]);
  });
});

describe('checkStaleness with a dependency that is not installed yet', () => {
  const requiring = (version: string) =>
    anInventory([
      aPackage('linux-image-amd64', '6.1.153-1', [], {
        versions: [{version: '6.1.158-1', requires: [{name: 'linux-image-6.1.0-41-amd64', arch: 'amd64', version}]}],
      }),
    ]);
  const dependencyPlan = aPlan({
    inventory: requiring('6.1.158-1'),
    evaluation: anEvaluation([
      aDecision({
        name: 'linux-image-6.1.0-41-amd64',
        installedVersion: null,
        candidateVersion: '6.1.158-1',
        targetVersion: '6.1.158-1',
        reason: {code: 'dependency', rule: 'linux-image-amd64', detail: ''},
      }),
    ]),
  });

  it('accepts it while an offered version still requires the planned version', () => {
    expect(checkStaleness(dependencyPlan, current({inventory: requiring('6.1.158-1')}))).toEqual([]);
  });

  it('refuses it when nothing offers the planned version any more', () => {
    expect(checkStaleness(dependencyPlan, current({inventory: requiring('6.1.159-1')})).map((r) => r.code)).toEqual(['target-unavailable']);
  });
});

describe('refusalError', () => {
  it('is a PlanRefusedError (exit 3) listing every refusal on one line', () => {
    const refusals = checkStaleness(plan, current({machineId: 'other', inventory: withLibssl3(null, [])}));
    const error = refusalError('plan.json', refusals);
    expect(error).toBeInstanceOf(PlanRefusedError);
    expect(error.exitCode).toBe(3);
    expect(error.line()).toBe(
      `plan.json: the plan was made for machine ${MACHINE_ID} (web-01), this node is other; libssl3 (amd64): no longer installed (the plan was made for 3.0.15-1~deb12u1)`,
    );
  });
});

describe('formatDuration', () => {
  it.each([
    [7 * DAY, '7d'],
    [DAY + 3_600_000 + 60_000, '1d 1h 1m'],
    [90 * 60_000, '1h 30m'],
    [42_000, '42s'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
