/**
 * What verifying one approval of a plan found (src/approval/verify.ts computes it; `show` and
 * the apply refusal render it). One per entry of the plan's `approvals`, in file order.
 */
export interface ApprovalCheck {
  /** As written in the approval (data: views escape it). */
  readonly by: string;
  readonly comment: string;
  readonly signedAt: string;
  /** `sha256:` + hex of the signer's public key (DER SubjectPublicKeyInfo); null when the key cannot be read. */
  readonly fingerprint: string | null;
  /** The signature verifies over the plan's digest with the approval's own public key. */
  readonly valid: boolean;
  /** The key is among the trusted keys; null when no trusted keys were given (show without --trusted-keys). */
  readonly trusted: boolean | null;
  /**
   * It counts towards `--min-approvals`: valid, trusted (when trusted keys were given), and the
   * first valid approval from its key (the same key signing twice is one approval).
   */
  readonly counted: boolean;
  /** Why it does not count, one clause (`the signature does not match this plan's digest`); null when it does. */
  readonly problem: string | null;
}
