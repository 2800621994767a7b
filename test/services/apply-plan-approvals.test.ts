import {memoryNodeFiles} from '../helpers/node-files.js';
import {describe, expect, it} from 'vitest';

import {InputError, PlanRefusedError} from '../../src/errors.js';
import {serializePlan} from '../../src/plan/file.js';
import type {Plan} from '../../src/plan/schema.js';
import {applyPlan, type ApplyPlanOptions, type ApplyPlanRuntime} from '../../src/services/apply-plan.js';
import {FakeNode, RecordingRunner} from '../apply/fake-node.js';
import {aSigner, anApproval, MemoryFs} from '../approval/support.js';
import {aPlan, anInventory, CREATED_AT} from '../helpers/plan-builders.js';
import {memoryJournals} from '../helpers/memory-journals.js';

/**
 * apply --trusted-keys in process: the approval gate sits right after the plan is read and
 * verified, so a refused plan never reaches collection, let alone the installer.
 */

const alice = aSigner('alice');
const bob = aSigner('bob');
const DAY = 86_400_000;

function setup(plan: Plan) {
  const node = new FakeNode(anInventory());
  const fs = new MemoryFs({'plan.json': serializePlan(plan), 'keys/alice.pub': alice.pem, 'keys/bob.pub': bob.pem, 'alice.pub': alice.pem});
  const runtime: ApplyPlanRuntime = {
    clock: {now: () => new Date(CREATED_AT.getTime() + 3_600_000)},
    fs,
    runner: new RecordingRunner(),
    nodeFiles: memoryNodeFiles(),
    hostname: () => 'web-01',
    userId: () => process.getuid?.() ?? 0,
    journals: memoryJournals(),
    env: {},
    cwd: '/work',
    arch: 'x64',
    platform: 'linux',
    pid: 4242,
  };
  return {node, runtime, deps: {collect: node.collect}};
}

const base: ApplyPlanOptions = {planFile: 'plan.json', maxAgeMs: 7 * DAY, lockTimeoutMs: 60_000, toolVersion: '9.9.9'};
const plan = aPlan();

describe('applyPlan with trusted keys', () => {
  it('installs a plan approved by a trusted key', async () => {
    const t = setup({...plan, approvals: [anApproval(plan.digest, alice)]});
    const outcome = await applyPlan({...base, trustedKeys: 'alice.pub'}, t.runtime, t.deps);
    expect(outcome.exitCode).toBe(0);
    expect(t.node.installs).toHaveLength(1);
  });

  it('--min-approvals 2 over a directory of keys: two distinct trusted signers pass', async () => {
    const t = setup({...plan, approvals: [anApproval(plan.digest, alice), anApproval(plan.digest, bob)]});
    await applyPlan({...base, trustedKeys: 'keys', minApprovals: 2}, t.runtime, t.deps);
    expect(t.node.installs).toHaveLength(1);
  });

  it.each<[string, Plan, Partial<ApplyPlanOptions>, string]>([
    ['unsigned', plan, {trustedKeys: 'keys'}, 'needs 1 approval from trusted keys, has none: the plan is unsigned (`patchplan approve PLAN --key KEY` signs it)'],
    [
      'approved by an untrusted key',
      {...plan, approvals: [anApproval(plan.digest, bob)]},
      {trustedKeys: 'alice.pub'},
      `needs 1 approval from trusted keys, has none; bob: key ${bob.fingerprint.slice(0, 23)}… is not trusted`,
    ],
    [
      'the same signer twice against --min-approvals 2',
      {...plan, approvals: [anApproval(plan.digest, alice), anApproval(plan.digest, alice)]},
      {trustedKeys: 'keys', minApprovals: 2},
      `needs 2 approvals from trusted keys, has 1 (alice ${alice.fingerprint.slice(0, 23)}…); alice: key ${alice.fingerprint.slice(0, 23)}… already approved this plan (approval 1); a key counts once`,
    ],
  ])('refuses a plan %s with exit 3, before the node is collected', async (_name, p, options, refusal) => {
    const t = setup(p);
    const error = await applyPlan({...base, ...options}, t.runtime, t.deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanRefusedError);
    expect((error as PlanRefusedError).line()).toBe(`plan.json: ${refusal}`);
    expect(t.node.collects).toEqual([]);
    expect(t.node.installs).toEqual([]);
  });

  it('refuses to plan and apply a new plan when trusted keys are configured: it has no approvals', async () => {
    const t = setup(plan);
    let asked = false;
    const options: ApplyPlanOptions = {...base, planFile: undefined, newPlan: {rebootOption: 'NoReboot'}, trustedKeys: 'keys'};
    const error = await applyPlan(options, t.runtime, {...t.deps, approve: async () => (asked = true)}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanRefusedError);
    expect((error as PlanRefusedError).line()).toMatch(/^apply: trusted keys are configured .* a new plan has no approvals: save it with `patchplan plan --out PLAN`/);
    expect(asked).toBe(false);
    expect(t.node.collects).toEqual([]);
  });

  it('a bad trusted-keys file is bad input (exit 1), before anything else', async () => {
    const t = setup(plan);
    const error = await applyPlan({...base, trustedKeys: 'plan.json'}, t.runtime, t.deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).line()).toMatch(/^plan\.json: holds no PEM public key/);
    expect(t.node.collects).toEqual([]);
  });
});
