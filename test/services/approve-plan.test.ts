import {describe, expect, it} from 'vitest';

import {verifyApprovals} from '../../src/approval/verify.js';
import {InputError, PlanRefusedError} from '../../src/errors.js';
import {PLAN_FILE_MODE, parsePlanText, serializePlan} from '../../src/plan/file.js';
import {approvePlan} from '../../src/services/approve-plan.js';
import {aSigner, MemoryFs} from '../approval/support.js';
import {aPlan} from '../helpers/plan-builders.js';

const CLOCK = new Date('2026-11-24T09:30:00Z');
const alice = aSigner('alice');
const bob = aSigner('bob');

function setup(planText = serializePlan(aPlan())) {
  const fs = new MemoryFs({'plan.json': planText, 'alice.key': alice.privatePem, 'bob.key': bob.privatePem, 'alice.pub': alice.pem});
  const deps = {fs, clock: {now: () => CLOCK}, userName: () => 'alice-login'};
  return {fs, deps};
}

describe('approvePlan', () => {
  it('signs the digest, appends the approval, keeps the digest and writes the file atomically at 0600', async () => {
    const {fs, deps} = setup();
    const before = parsePlanText(fs.text('plan.json'), 'plan.json');
    const result = await approvePlan({planFile: 'plan.json', keyFile: 'alice.key', comment: 'CHG-1234'}, deps);
    expect(fs.writes).toEqual([{file: 'plan.json', mode: PLAN_FILE_MODE, how: 'atomic'}]);
    const after = parsePlanText(fs.text('plan.json'), 'plan.json');
    expect(after.digest).toBe(before.digest);
    expect(result).toMatchObject({digest: before.digest, fingerprint: alice.fingerprint, approvals: 1});
    expect(after.approvals).toEqual([
      {by: 'alice-login', comment: 'CHG-1234', signedAt: '2026-11-24T09:30:00.000Z', publicKey: alice.pem, signature: result.approval.signature},
    ]);
    expect(verifyApprovals(after, [alice.trusted]).counted).toHaveLength(1);
    // Everything but the approvals is as it was.
    expect({...after, approvals: undefined}).toEqual({...before, approvals: undefined});
  });

  it('a second key adds a second approval; --by overrides the user name', async () => {
    const {fs, deps} = setup();
    await approvePlan({planFile: 'plan.json', keyFile: 'alice.key'}, deps);
    const result = await approvePlan({planFile: 'plan.json', keyFile: 'bob.key', by: 'Bob B.'}, deps);
    expect(result.approvals).toBe(2);
    const plan = parsePlanText(fs.text('plan.json'), 'plan.json');
    expect(plan.approvals?.map((a) => a.by)).toEqual(['alice-login', 'Bob B.']);
    expect(verifyApprovals(plan, [alice.trusted, bob.trusted]).counted).toHaveLength(2);
  });

  it('refuses a second approval by the same key, and changes nothing', async () => {
    const {fs, deps} = setup();
    await approvePlan({planFile: 'plan.json', keyFile: 'alice.key'}, deps);
    const text = fs.text('plan.json');
    await expect(approvePlan({planFile: 'plan.json', keyFile: 'alice.key', by: 'someone else'}, deps)).rejects.toThrow(
      new InputError(
        'plan.json',
        `key ${alice.fingerprint.slice(0, 23)}… already approved this plan (approval 1, by alice-login at 2026-11-24T09:30:00.000Z); a key counts once, so nothing was changed`,
      ),
    );
    expect(fs.text('plan.json')).toBe(text);
  });

  it('refuses a tampered plan with exit 3 before reading the key', async () => {
    const {fs, deps} = setup(serializePlan(aPlan()).replace('"rebootOption": "RebootIfNeeded"', '"rebootOption": "NoReboot"'));
    const error = await approvePlan({planFile: 'plan.json', keyFile: 'missing.key'}, deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanRefusedError);
    expect((error as PlanRefusedError).line()).toBe('plan.json: digest mismatch: the plan was modified after it was written');
    expect(fs.writes).toEqual([]);
  });

  it.each<[string, string, string]>([
    ['a missing key file', 'missing.key', 'missing.key: cannot read: no such file'],
    ['a public key', 'alice.pub', 'alice.pub: is a public key; --key needs the private key (NAME.key from `patchplan keygen`)'],
  ])('%s: exit 1, one line naming the file', async (_name, keyFile, expected) => {
    const {fs, deps} = setup();
    const error = await approvePlan({planFile: 'plan.json', keyFile}, deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).line()).toBe(expected);
    expect(fs.writes).toEqual([]);
  });

  it('without --by and without a user name, asks for --by', async () => {
    const {deps} = setup();
    await expect(approvePlan({planFile: 'plan.json', keyFile: 'alice.key'}, {...deps, userName: () => ''})).rejects.toThrow(
      'cannot tell who is approving ($USER is not set): pass --by NAME',
    );
  });

  it('keeps the file as written apart from the approvals (key order, fields the schema does not normalize)', async () => {
    const {fs, deps} = setup();
    const original = fs.text('plan.json');
    await approvePlan({planFile: 'plan.json', keyFile: 'alice.key'}, deps);
    const {approvals: _a, ...rest} = JSON.parse(fs.text('plan.json')) as Record<string, unknown>;
    const {approvals: _b, ...restBefore} = JSON.parse(original) as Record<string, unknown>;
    expect(JSON.stringify(rest)).toBe(JSON.stringify(restBefore));
  });
});
