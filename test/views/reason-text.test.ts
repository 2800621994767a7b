import {describe, expect, it} from 'vitest';

import {REASON_CODES} from '../../src/plan/schema.js';
import {describeReason, reasonSentence} from '../../src/views/reason-text.js';

describe('reasonSentence', () => {
  it.each(REASON_CODES)('%s has one sentence of its own', (code) => {
    const sentence = reasonSentence(code);
    expect(sentence).toMatch(/^[a-z].{15,}[^.]$/);
    expect(REASON_CODES.filter((other) => reasonSentence(other) === sentence)).toEqual([code]);
  });
});

describe('describeReason', () => {
  it('gives code, rule and the decision\'s detail', () => {
    expect(describeReason({code: 'approval-rule', rule: 'ApprovalRules.PatchRules[0]', detail: 'from bookworm-security'})).toBe(
      'approval-rule: ApprovalRules.PatchRules[0] — from bookworm-security',
    );
  });

  it('leaves out a missing rule and falls back to the code\'s sentence', () => {
    expect(describeReason({code: 'python3-apt-prerequisite', rule: null, detail: ' '})).toBe(
      'python3-apt-prerequisite — upgraded before the baseline applies, as AWS-RunPatchBaseline does on Debian and Ubuntu',
    );
  });
});
