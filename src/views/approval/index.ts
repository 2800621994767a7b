import type {Streams} from '../../cli/streams.js';
import type {ApprovePlanResult} from '../../services/approve-plan.js';
import type {KeygenResult} from '../../services/keygen.js';
import {visibleLine} from '../safe-text.js';
import {labelled, wrapHanging} from '../text.js';

/**
 * What `keygen` and `approve` print: one short report on stdout, every line within
 * streams.width (values wrapped at word boundaries, hashes kept whole), or its JSON under --json.
 */
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
  const width = streams.width;
  const lines = (...parts: string[][]): void => write(`${[...parts.flat(), ''].join('\n')}`);
  return {
    keygen: (r) =>
      lines(
        labelled('Private key: ', `${visibleLine(r.privateKeyFile)} (mode 0600; keep it secret: \`patchplan approve PLAN --key ${visibleLine(r.privateKeyFile)}\`)`, width),
        labelled('Public key:  ', `${visibleLine(r.publicKeyFile)} (give it to those who apply plans: \`patchplan apply PLAN --trusted-keys FILE|DIR\`)`, width),
        labelled('Fingerprint: ', r.fingerprint, width),
      ),
    approved: (r) =>
      lines(
        wrapHanging(`Approved ${visibleLine(r.planFile)} as ${visibleLine(r.approval.by)} (${r.approvals} approval${r.approvals === 1 ? '' : 's'} now).`, width, '', '  '),
        labelled('Digest:      ', `${r.digest} (unchanged: approvals are outside it)`, width),
        labelled('Key:         ', r.fingerprint, width),
        labelled('Signed at:   ', r.approval.signedAt, width),
      ),
  };
}
