import type {Streams} from '../../cli/streams.js';
import type {ApprovePlanResult} from '../../services/approve-plan.js';
import type {KeygenResult} from '../../services/keygen.js';
import {visibleLine} from '../safe-text.js';

/** What `keygen` and `approve` print: one short report on stdout, or its JSON under --json. */
export interface ApprovalCommandsView {
  keygen(result: KeygenResult): void;
  approved(result: ApprovePlanResult): void;
}

export function createApprovalCommandsView(format: 'human' | 'json', streams: Streams): ApprovalCommandsView {
  const write = (text: string): void => streams.stdout.write(text);
  if (format === 'json') {
    return {
      keygen: (r) => write(`${JSON.stringify({privateKey: r.privateKeyFile, publicKey: r.publicKeyFile, fingerprint: r.fingerprint}, null, 2)}\n`),
      approved: (r) =>
        write(`${JSON.stringify({plan: r.planFile, digest: r.digest, fingerprint: r.fingerprint, approvals: r.approvals, approval: r.approval}, null, 2)}\n`),
    };
  }
  return {
    keygen: (r) =>
      write(
        [
          `Private key: ${visibleLine(r.privateKeyFile)} (mode 0600; keep it secret: \`patchplan approve PLAN --key ${visibleLine(r.privateKeyFile)}\`)`,
          `Public key:  ${visibleLine(r.publicKeyFile)} (give it to those who apply plans: \`patchplan apply PLAN --trusted-keys FILE|DIR\`)`,
          `Fingerprint: ${r.fingerprint}`,
          '',
        ].join('\n'),
      ),
    approved: (r) =>
      write(
        [
          `Approved ${visibleLine(r.planFile)} as ${visibleLine(r.approval.by)} (${r.approvals} approval${r.approvals === 1 ? '' : 's'} now).`,
          `Digest:      ${r.digest} (unchanged: approvals are outside it)`,
          `Key:         ${r.fingerprint}`,
          `Signed at:   ${r.approval.signedAt}`,
          '',
        ].join('\n'),
      ),
  };
}
