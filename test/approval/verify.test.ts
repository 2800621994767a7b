import {describe, expect, it} from 'vitest';

import {shortFingerprint} from '../../src/approval/keys.js';
import {approvalRefusals, requireApprovals, verifyApprovals} from '../../src/approval/verify.js';
import {PlanRefusedError} from '../../src/errors.js';
import {digestOf} from '../../src/json/canonical-json.js';
import type {Plan, PlanApproval} from '../../src/plan/schema.js';
import {aPlan} from '../helpers/plan-builders.js';
import {aSigner, anApproval} from './support.js';

const alice = aSigner('alice');
const bob = aSigner('bob');
const carol = aSigner('carol');
const plan = aPlan();

function withApprovals(approvals: PlanApproval[], base: Plan = plan): Plan {
  return {...base, approvals};
}

function refusalLine(p: Plan, trusted: typeof alice[], min: number): string {
  try {
    requireApprovals(p, 'plan.json', {trustedKeys: trusted.map((s) => s.trusted), minApprovals: min});
  } catch (error) {
    expect(error).toBeInstanceOf(PlanRefusedError);
    expect((error as PlanRefusedError).exitCode).toBe(3);
    return (error as PlanRefusedError).line();
  }
  throw new Error('expected a refusal');
}

const short = (s: {fingerprint: string}): string => shortFingerprint(s.fingerprint);

describe('verifyApprovals', () => {
  it('a valid signature from a trusted key counts', () => {
    const result = verifyApprovals(withApprovals([anApproval(plan.digest, alice, {comment: 'CHG-1'})]), [alice.trusted]);
    expect(result.checks).toEqual([
      {by: 'alice', comment: 'CHG-1', signedAt: '2026-11-24T09:00:00.000Z', fingerprint: alice.fingerprint, valid: true, trusted: true, counted: true, problem: null},
    ]);
    expect(result.counted).toHaveLength(1);
    expect(approvalRefusals(result, 1)).toEqual([]);
  });

  it('without trusted keys (show): a valid signature counts, trusted is null', () => {
    const [check] = verifyApprovals(withApprovals([anApproval(plan.digest, alice)]), null).checks;
    expect(check).toMatchObject({valid: true, trusted: null, counted: true, problem: null});
  });

  it('unsigned: no approvals at all is refused, and the refusal says how to sign', () => {
    for (const p of [plan, withApprovals([])]) {
      expect(verifyApprovals(p, [alice.trusted]).checks).toEqual([]);
      expect(refusalLine(p, [alice], 1)).toBe(
        'plan.json: needs 1 approval from trusted keys, has none: the plan is unsigned (`patchplan approve PLAN --key KEY` signs it)',
      );
    }
  });

  it('tampered plan: approvals copied onto a changed plan (re-digested) no longer verify', () => {
    const approvals = [anApproval(plan.digest, alice)];
    const {digest: _d, approvals: _a, ...rest} = plan;
    const changedBody = {...rest, options: {...rest.options, rebootOption: 'NoReboot' as const}};
    const changed: Plan = {...changedBody, digest: digestOf(changedBody), approvals};
    expect(changed.digest).not.toBe(plan.digest);
    const [check] = verifyApprovals(changed, [alice.trusted]).checks;
    expect(check).toMatchObject({valid: false, trusted: true, counted: false, problem: "the signature does not match this plan's digest"});
    expect(refusalLine(changed, [alice], 1)).toBe("plan.json: needs 1 approval from trusted keys, has none; alice: the signature does not match this plan's digest");
  });

  it('tampered approval: a changed signature does not verify', () => {
    const approval = anApproval(plan.digest, alice);
    const bytes = Buffer.from(approval.signature, 'base64');
    bytes[10] = (bytes[10] ?? 0) ^ 0x01;
    const [check] = verifyApprovals(withApprovals([{...approval, signature: bytes.toString('base64')}]), [alice.trusted]).checks;
    expect(check).toMatchObject({valid: false, counted: false, problem: "the signature does not match this plan's digest"});
  });

  it.each([
    ['not base64', '!!not base64!!'],
    ['too short', Buffer.alloc(32).toString('base64')],
    ['base64 with stray characters', 'AAAA AAAA'],
  ])('tampered approval: a signature that is %s is invalid, not an exception', (_name, signature) => {
    const [check] = verifyApprovals(withApprovals([anApproval(plan.digest, alice, {signature})]), [alice.trusted]).checks;
    expect(check).toMatchObject({valid: false, counted: false, problem: "the signature does not match this plan's digest"});
  });

  it("tampered approval: another key put in place of the signer's does not verify the signature", () => {
    const forged = anApproval(plan.digest, alice, {publicKey: bob.pem});
    const [check] = verifyApprovals(withApprovals([forged]), [alice.trusted, bob.trusted]).checks;
    expect(check).toMatchObject({fingerprint: bob.fingerprint, valid: false, counted: false});
  });

  it('tampered approval: by, comment and signedAt are not signed; the key is the identity', () => {
    const renamed = anApproval(plan.digest, alice, {by: 'mallory', comment: 'edited', signedAt: '2030-01-01T00:00:00Z'});
    const [check] = verifyApprovals(withApprovals([renamed]), [alice.trusted]).checks;
    expect(check).toMatchObject({by: 'mallory', fingerprint: alice.fingerprint, valid: true, counted: true});
  });

  it('wrong key: signed by one key, naming another, or signed by an untrusted key', () => {
    const wrong = anApproval(plan.digest, bob, {by: 'alice', publicKey: alice.pem});
    expect(verifyApprovals(withApprovals([wrong]), [alice.trusted]).checks[0]).toMatchObject({valid: false, trusted: true, counted: false});
    expect(refusalLine(withApprovals([wrong]), [alice], 1)).toBe(
      "plan.json: needs 1 approval from trusted keys, has none; alice: the signature does not match this plan's digest",
    );
  });

  it('untrusted key: valid, but does not count', () => {
    const result = verifyApprovals(withApprovals([anApproval(plan.digest, carol)]), [alice.trusted]);
    expect(result.checks[0]).toMatchObject({valid: true, trusted: false, counted: false, problem: `key ${short(carol)} is not trusted`});
    expect(refusalLine(withApprovals([anApproval(plan.digest, carol)]), [alice], 1)).toBe(
      `plan.json: needs 1 approval from trusted keys, has none; carol: key ${short(carol)} is not trusted`,
    );
  });

  it('duplicate signer counted once: the same key twice is one approval', () => {
    const twice = withApprovals([
      anApproval(plan.digest, alice),
      anApproval(plan.digest, alice, {by: 'alice again', signedAt: '2026-11-24T10:00:00Z'}),
    ]);
    const result = verifyApprovals(twice, [alice.trusted, bob.trusted]);
    expect(result.counted.map((c) => c.by)).toEqual(['alice']);
    expect(result.checks[1]).toMatchObject({
      valid: true,
      trusted: true,
      counted: false,
      problem: `key ${short(alice)} already approved this plan (approval 1); a key counts once`,
    });
    expect(refusalLine(twice, [alice, bob], 2)).toBe(
      `plan.json: needs 2 approvals from trusted keys, has 1 (alice ${short(alice)}); alice again: key ${short(alice)} already approved this plan (approval 1); a key counts once`,
    );
  });

  it('duplicate signer: an invalid first approval does not stop a valid second one from counting', () => {
    const bad = anApproval(plan.digest, alice, {signature: anApproval('sha256:other', alice).signature});
    const result = verifyApprovals(withApprovals([bad, anApproval(plan.digest, alice)]), [alice.trusted]);
    expect(result.checks.map((c) => c.counted)).toEqual([false, true]);
  });

  it('min-approvals not met: names who counted and each approval that did not', () => {
    const p = withApprovals([anApproval(plan.digest, alice), anApproval('sha256:not-this-plan', bob), anApproval(plan.digest, carol)]);
    expect(refusalLine(p, [alice, bob], 3)).toBe(
      `plan.json: needs 3 approvals from trusted keys, has 1 (alice ${short(alice)}); bob: the signature does not match this plan's digest; carol: key ${short(carol)} is not trusted`,
    );
  });

  it('min-approvals met by distinct trusted keys', () => {
    const p = withApprovals([anApproval(plan.digest, alice), anApproval(plan.digest, bob)]);
    expect(requireApprovals(p, 'plan.json', {trustedKeys: [alice.trusted, bob.trusted], minApprovals: 2}).counted).toHaveLength(2);
  });

  describe('fingerprint-only publicKey', () => {
    const byFingerprint = withApprovals([anApproval(plan.digest, alice, {publicKey: alice.fingerprint})]);

    it('verifies with the trusted key of that fingerprint', () => {
      expect(verifyApprovals(byFingerprint, [alice.trusted]).checks[0]).toMatchObject({
        fingerprint: alice.fingerprint,
        valid: true,
        trusted: true,
        counted: true,
      });
    });

    it('without trusted keys it cannot be verified, and says so', () => {
      expect(verifyApprovals(byFingerprint, null).checks[0]).toMatchObject({
        fingerprint: alice.fingerprint,
        valid: false,
        trusted: null,
        counted: false,
        problem: `names its key by fingerprint only (${short(alice)}); only --trusted-keys holding that key can verify it`,
      });
    });

    it('with trusted keys that do not include it, the key is not trusted', () => {
      expect(verifyApprovals(byFingerprint, [bob.trusted]).checks[0]).toMatchObject({
        valid: false,
        trusted: false,
        problem: `key ${short(alice)} is not trusted`,
      });
    });

    it('a fingerprint in upper case is the same fingerprint', () => {
      const upper = withApprovals([anApproval(plan.digest, alice, {publicKey: alice.fingerprint.toUpperCase()})]);
      expect(verifyApprovals(upper, [alice.trusted]).checks[0]).toMatchObject({counted: true});
    });

    it('a signature by another key under that fingerprint does not verify', () => {
      const forged = withApprovals([anApproval(plan.digest, bob, {publicKey: alice.fingerprint})]);
      expect(verifyApprovals(forged, [alice.trusted]).checks[0]).toMatchObject({valid: false, counted: false});
    });
  });

  it.each([
    ['not PEM', 'hello', 'its publicKey is not a PEM public key'],
    ['a malformed fingerprint', 'sha256:abc', 'its publicKey is neither a PEM public key nor a "sha256:<64 hex digits>" fingerprint'],
    ['a private key', alice.privatePem, 'its publicKey holds a private key; trusted keys and approvals hold public keys only (`openssl pkey -in KEY -pubout`)'],
  ])('a publicKey that is %s: unreadable key, no exception', (_name, publicKey, problem) => {
    const [check] = verifyApprovals(withApprovals([anApproval(plan.digest, alice, {publicKey})]), [alice.trusted]).checks;
    expect(check).toMatchObject({fingerprint: null, valid: false, trusted: false, counted: false, problem});
  });
});
