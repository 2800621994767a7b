import {verify, type KeyObject} from 'node:crypto';

import {PlanRefusedError} from '../errors.js';
import type {PlanApproval} from '../plan/schema.js';
import type {ApprovalCheck} from './check.js';
import {FINGERPRINT_PATTERN, fingerprintOf, parsePublicKeyPem, shortFingerprint} from './keys.js';

/**
 * Verifying a plan's approvals: pure (node:crypto, no I/O, no clock). An approval is a
 * detached Ed25519 signature over the UTF-8 bytes of the plan's `digest` string; the digest
 * covers everything in the plan but the approvals, so a valid signature means "this key
 * approved exactly this plan". `by`, `comment` and `signedAt` are not signed (the contract
 * signs the digest alone): they say what the signer wrote, while the key's fingerprint is who
 * signed.
 */

/** A public key an operator trusts to approve plans (`--trusted-keys`). */
export interface TrustedKey {
  readonly fingerprint: string;
  readonly key: KeyObject;
  /** Where it was read from, for messages. */
  readonly source: string;
}

export interface ApprovalVerification {
  /** One per approval, in file order. */
  readonly checks: readonly ApprovalCheck[];
  /** The approvals that count: one per distinct key, valid and (given trusted keys) trusted. */
  readonly counted: readonly ApprovalCheck[];
}

/** What a plan must carry before `apply` installs it (`--trusted-keys`, `--min-approvals`). */
export interface ApprovalPolicy {
  readonly trustedKeys: readonly TrustedKey[];
  /** At least 1. */
  readonly minApprovals: number;
}

type Signed = Pick<PlanApproval, 'by' | 'comment' | 'signedAt' | 'publicKey' | 'signature'>;

/**
 * Checks every approval of the plan. With `trustedKeys` null (show without --trusted-keys),
 * an approval counts when its signature verifies with its own public key; with trusted keys,
 * only when the key is one of them. An approval that names its key by fingerprint only can be
 * verified only with the trusted key of that fingerprint. A key counts once, however many
 * approvals it signed.
 */
export function verifyApprovals(
  plan: {readonly digest: string; readonly approvals?: readonly Signed[] | undefined},
  trustedKeys: readonly TrustedKey[] | null,
): ApprovalVerification {
  const trusted = trustedKeys === null ? null : new Map(trustedKeys.map((k) => [k.fingerprint, k]));
  const message = Buffer.from(plan.digest, 'utf8');
  const firstFrom = new Map<string, number>();
  const checks = (plan.approvals ?? []).map((approval, index): ApprovalCheck => {
    const base = {by: approval.by, comment: approval.comment, signedAt: approval.signedAt};
    const signer = resolveKey(approval.publicKey, trusted);
    if (!signer.ok) {
      return {...base, fingerprint: signer.fingerprint, valid: false, trusted: isTrusted(signer.fingerprint, trusted), counted: false, problem: signer.problem};
    }
    const fingerprint = signer.fingerprint;
    const valid = verifySignature(message, signer.key, approval.signature);
    const isKeyTrusted = isTrusted(fingerprint, trusted);
    const earlier = firstFrom.get(fingerprint);
    let problem: string | null = null;
    if (!valid) problem = "the signature does not match this plan's digest";
    else if (isKeyTrusted === false) problem = `key ${shortFingerprint(fingerprint)} is not trusted`;
    else if (earlier !== undefined) problem = `key ${shortFingerprint(fingerprint)} already approved this plan (approval ${earlier + 1}); a key counts once`;
    else firstFrom.set(fingerprint, index);
    return {...base, fingerprint, valid, trusted: isKeyTrusted, counted: problem === null, problem};
  });
  return {checks, counted: checks.filter((c) => c.counted)};
}

/**
 * Why the plan does not meet the policy, one clause each (empty when it does): first how many
 * approvals it needs and has, then every approval that does not count and why.
 */
export function approvalRefusals(verification: ApprovalVerification, minApprovals: number): string[] {
  const {checks, counted} = verification;
  if (counted.length >= minApprovals) return [];
  const needs = `needs ${minApprovals} approval${minApprovals === 1 ? '' : 's'} from trusted keys`;
  if (checks.length === 0) return [`${needs}, has none: the plan is unsigned (\`patchplan approve PLAN --key KEY\` signs it)`];
  const has =
    counted.length === 0 ? 'has none' : `has ${counted.length} (${counted.map((c) => `${c.by} ${shortFingerprint(c.fingerprint ?? '')}`).join(', ')})`;
  return [`${needs}, ${has}`, ...checks.filter((c) => !c.counted).map((c) => `${c.by}: ${c.problem ?? 'does not count'}`)];
}

/**
 * `apply`'s gate: throws PlanRefusedError (exit 3) naming what is missing when the plan does
 * not carry `minApprovals` valid signatures from distinct trusted keys.
 */
export function requireApprovals(
  plan: {readonly digest: string; readonly approvals?: readonly Signed[] | undefined},
  source: string,
  policy: ApprovalPolicy,
): ApprovalVerification {
  const verification = verifyApprovals(plan, policy.trustedKeys);
  const refusals = approvalRefusals(verification, policy.minApprovals);
  if (refusals.length > 0) throw new PlanRefusedError(source, refusals);
  return verification;
}

/** The approval's key and its fingerprint, or why there is no key to verify with. */
type Resolved =
  | {readonly ok: true; readonly key: KeyObject; readonly fingerprint: string}
  | {readonly ok: false; readonly problem: string; readonly fingerprint: string | null};

function resolveKey(publicKey: string, trusted: ReadonlyMap<string, TrustedKey> | null): Resolved {
  const text = publicKey.trim();
  if (text.toLowerCase().startsWith('sha256:')) {
    const fingerprint = text.toLowerCase();
    if (!FINGERPRINT_PATTERN.test(fingerprint)) {
      return {ok: false, problem: 'its publicKey is neither a PEM public key nor a "sha256:<64 hex digits>" fingerprint', fingerprint: null};
    }
    const key = trusted?.get(fingerprint)?.key;
    if (key !== undefined) return {ok: true, key, fingerprint};
    return {
      ok: false,
      problem:
        trusted === null
          ? `names its key by fingerprint only (${shortFingerprint(fingerprint)}); only --trusted-keys holding that key can verify it`
          : `key ${shortFingerprint(fingerprint)} is not trusted`,
      fingerprint,
    };
  }
  const key = parsePublicKeyPem(text);
  if (typeof key === 'string') return {ok: false, problem: `its publicKey ${key}`, fingerprint: null};
  return {ok: true, key, fingerprint: fingerprintOf(key)};
}

function isTrusted(fingerprint: string | null, trusted: ReadonlyMap<string, TrustedKey> | null): boolean | null {
  if (trusted === null) return null;
  return fingerprint !== null && trusted.has(fingerprint);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ED25519_SIGNATURE_BYTES = 64;

/** Strict base64 (Buffer.from ignores stray characters, so two texts could decode alike) of exactly 64 bytes. */
function verifySignature(message: Buffer, key: KeyObject, signature: string): boolean {
  if (!BASE64.test(signature)) return false;
  const bytes = Buffer.from(signature, 'base64');
  if (bytes.length !== ED25519_SIGNATURE_BYTES) return false;
  try {
    return verify(null, message, key, bytes);
  } catch {
    return false;
  }
}
