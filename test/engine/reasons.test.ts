import {describe, expect, it} from 'vitest';

import {
  approvalPendingReason,
  describeAge,
  describeRelease,
  formatInstant,
  rejectedPatchesReason,
  sentence,
} from '../../src/engine/reasons.js';
import {aRule} from './builders.js';

const DAY = 86_400_000;

describe('reason details', () => {
  it('formats instants without milliseconds unless they matter', () => {
    expect(formatInstant(Date.UTC(2025, 2, 10, 12))).toBe('2025-03-10T12:00:00Z');
    expect(formatInstant(Date.UTC(2025, 2, 10, 12, 0, 0, 5))).toBe('2025-03-10T12:00:00.005Z');
  });

  it('describes ages in whole days, and future releases as such', () => {
    const now = Date.UTC(2025, 2, 10);
    expect(describeAge(now - 9 * DAY, now)).toBe('9 days ago');
    expect(describeAge(now - DAY - 1, now)).toBe('1 day ago');
    expect(describeAge(now + 1000, now)).toBe('in the future');
    expect(describeRelease({instant: now - 2 * DAY, source: 'updated'}, now)).toBe('released 2025-03-08T00:00:00Z (notice updated date, 2 days ago)');
    expect(describeRelease({instant: 0, source: 'unknown'}, now)).toContain('1970-01-01');
  });

  it('joins clauses into one sentence with a single final period', () => {
    expect(sentence('a', ['b', 'c'])).toBe('a; b; c.');
    expect(sentence('done.')).toBe('done.');
  });

  it('approval-pending names the instant after which the version is approved', () => {
    const reason = approvalPendingReason({
      rule: aRule({approveAfterDays: 7}),
      version: '1.0-2',
      matched: 'CLASSIFICATION Security',
      release: {instant: Date.UTC(2025, 2, 5), source: 'issued'},
      approvedAfter: Date.UTC(2025, 2, 12),
      now: Date.UTC(2025, 2, 10),
    });
    expect(reason).toEqual({
      code: 'approval-pending',
      rule: 'ApprovalRules.PatchRules[0]',
      detail:
        '1.0-2 matches ApprovalRules.PatchRules[0] (CLASSIFICATION Security) and becomes approved after 2025-03-12T00:00:00Z: released 2025-03-05T00:00:00Z (notice issued date, 5 days ago), ApproveAfterDays 7.',
    });
  });

  it('rejected-patches says which action applies', () => {
    const reason = rejectedPatchesReason({
      entry: {value: 'nginx*', path: 'RejectedPatches[2]'},
      version: '1.24-1',
      action: 'BLOCK',
      effect: 'it is never installed, not even as a dependency',
    });
    expect(reason.rule).toBe('RejectedPatches[2]');
    expect(reason.detail).toContain('RejectedPatchesAction BLOCK');
    expect(reason.detail.split('. ')).toHaveLength(1);
  });
});
