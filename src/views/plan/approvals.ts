import type {ApprovalCheck} from '../../approval/check.js';
import {visibleLine} from '../safe-text.js';
import type {Style} from '../style.js';

/**
 * The approvals of a saved plan as `show` lists them: who signed, when, with which key, and
 * whether the signature verifies (and, given trusted keys, whether the key is trusted). What
 * the signers wrote is data: shown escaped.
 */
export function approvalLinesHuman(checks: readonly ApprovalCheck[], style: Style): string[] {
  if (checks.length === 0) return [`${style.bold('Approvals:')} none (add one with \`patchplan approve PLAN --key KEY.pem\`)`];
  const counted = checks.filter(counts).length;
  const lines = [`${style.bold('Approvals:')} ${counted} of ${checks.length} ${verdictWord(checks)}`];
  for (const c of checks) {
    const mark = counts(c) ? style.green('✓') : style.red('✗');
    const comment = c.comment === '' ? '' : ` "${visibleLine(c.comment)}"`;
    const status = c.problem === null ? (c.trusted === true ? 'valid, trusted key' : 'valid') : style.red(c.problem);
    lines.push(`  ${mark} ${visibleLine(c.by)}, ${c.signedAt}, key ${shortFingerprint(c.fingerprint)}: ${status}${comment}`);
  }
  return lines;
}

export function approvalLinesMarkdown(checks: readonly ApprovalCheck[], cell: (text: string) => string): string[] {
  if (checks.length === 0) return ['No approvals yet (`patchplan approve PLAN --key KEY.pem` adds one).', ''];
  return [
    '| Approved by | Signed at | Key | Verifies | Comment |',
    '|---|---|---|---|---|',
    ...checks.map(
      (c) =>
        `| ${cell(c.by)} | ${c.signedAt} | ${c.fingerprint === null ? 'unreadable' : `\`${c.fingerprint}\``} | ${c.problem === null ? (c.trusted === true ? 'yes (trusted key)' : 'yes') : `no: ${cell(c.problem)}`} | ${cell(c.comment)} |`,
    ),
    '',
  ];
}

function counts(c: ApprovalCheck): boolean {
  return c.counted;
}

function verdictWord(checks: readonly ApprovalCheck[]): string {
  return checks.some((c) => c.trusted !== null) ? 'valid from trusted keys' : 'valid';
}

function shortFingerprint(fingerprint: string | null): string {
  return fingerprint === null ? 'unreadable' : `${fingerprint.slice(0, 'sha256:'.length + 16)}…`;
}
