import {createPublicKey} from 'node:crypto';

import {fingerprintOf, parsePrivateKeyPem, publicKeyPem, shortFingerprint, signDigest} from '../approval/keys.js';
import {verifyApprovals} from '../approval/verify.js';
import type {Runtime} from '../cli/runtime.js';
import {InputError} from '../errors.js';
import {readInputText} from '../system/input-files.js';
import {parseJsonText} from '../json/parse.js';
import {PLAN_FILE_MODE, parsePlanText} from '../plan/file.js';
import {PlanApprovalSchema, type PlanApproval} from '../plan/schema.js';

export interface ApprovePlanOptions {
  /** The plan file; it is verified first and rewritten with one more approval. */
  readonly planFile: string;
  /** `--key`: the signer's Ed25519 private key (PKCS#8 PEM). */
  readonly keyFile: string;
  /** `--by`; default: the user running patchplan. */
  readonly by?: string | undefined;
  /** `--comment`; default empty. */
  readonly comment?: string | undefined;
}

export interface ApprovePlanResult {
  readonly planFile: string;
  /** The plan's digest: what was signed, unchanged by signing. */
  readonly digest: string;
  readonly approval: PlanApproval;
  /** The signer's key. */
  readonly fingerprint: string;
  /** How many approvals the plan carries now. */
  readonly approvals: number;
}

/**
 * `patchplan approve`: verify the plan (a tampered plan is refused with exit 3, as show and
 * apply refuse it), sign its digest with the private key, and append the approval to the
 * file (atomically, mode 0600). The digest does not cover `approvals`, so it stays as it was.
 *
 * The file is rewritten from its own parsed JSON, not from the schema's output, so nothing
 * the schema might normalize can change what was signed; the result is read back through the
 * same verification before it replaces the file.
 */
export async function approvePlan(options: ApprovePlanOptions, deps: Pick<Runtime, 'fs' | 'clock' | 'userName'>): Promise<ApprovePlanResult> {
  const {planFile} = options;
  const text = await readInputText(deps.fs, planFile, 'plan');
  const plan = parsePlanText(text, planFile);
  const privateKey = parsePrivateKeyPem(await readInputText(deps.fs, options.keyFile, 'key'), options.keyFile);
  const publicKey = createPublicKey(privateKey);
  const fingerprint = fingerprintOf(publicKey);
  const by = (options.by ?? deps.userName()).trim();
  if (by === '') {
    throw new InputError('--by', options.by === undefined ? 'cannot tell who is approving ($USER is not set): pass --by NAME' : 'must not be empty');
  }

  const already = verifyApprovals(plan, null).checks.findIndex((c) => c.fingerprint === fingerprint);
  if (already >= 0) {
    const earlier = plan.approvals?.[already];
    throw new InputError(
      planFile,
      `key ${shortFingerprint(fingerprint)} already approved this plan (approval ${already + 1}, by ${earlier?.by ?? '?'} at ${earlier?.signedAt ?? '?'}); a key counts once, so nothing was changed`,
    );
  }

  const approval = PlanApprovalSchema.parse({
    by,
    comment: options.comment ?? '',
    signedAt: deps.clock.now().toISOString(),
    publicKey: publicKeyPem(publicKey),
    signature: signDigest(plan.digest, privateKey),
  });
  const raw = parseJsonText(text, planFile) as Record<string, unknown>;
  const approvals = Array.isArray(raw.approvals) ? (raw.approvals as unknown[]) : [];
  const updated = `${JSON.stringify({...raw, approvals: [...approvals, approval]}, null, 2)}\n`;
  // Belt and braces: what is written must read back as the same plan, with the same digest.
  const check = parsePlanText(updated, planFile);
  if (check.digest !== plan.digest) throw new Error(`approve: the digest changed while adding the approval (${plan.digest} → ${check.digest})`);
  await deps.fs.writeAtomic(planFile, updated, PLAN_FILE_MODE);
  return {planFile, digest: plan.digest, approval, fingerprint, approvals: approvals.length + 1};
}
