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

  it('refers back to the rule when the detail names it again', () => {
    expect(
      describeReason({code: 'approval-rule', rule: 'ApprovalRules.PatchRules[0]', detail: '7.88.1-10+deb12u14 approved by ApprovalRules.PatchRules[0] (PRIORITY optional).'}),
    ).toBe('approval-rule: ApprovalRules.PatchRules[0] — 7.88.1-10+deb12u14 approved by this rule (PRIORITY optional)');
    expect(describeReason({code: 'approved-patches', rule: 'ApprovedPatches[1]', detail: '1.2 explicitly approved by ApprovedPatches[1] "curl"'})).toBe(
      'approved-patches: ApprovedPatches[1] — 1.2 explicitly approved by this entry "curl"',
    );
    expect(describeReason({code: 'global-filter', rule: 'GlobalFilters.PatchFilters[0]', detail: 'dropped by GlobalFilters.PatchFilters[0].'})).toBe(
      'global-filter: GlobalFilters.PatchFilters[0] — dropped by this filter',
    );
  });

  it('leaves other paths, longer paths and non-baseline rules as written', () => {
    expect(
      describeReason({code: 'approval-rule', rule: 'ApprovalRules.PatchRules[1]', detail: 'see ApprovalRules.PatchRules[1].PatchFilterGroup and ApprovalRules.PatchRules[10]'}),
    ).toBe('approval-rule: ApprovalRules.PatchRules[1] — see ApprovalRules.PatchRules[1].PatchFilterGroup and ApprovalRules.PatchRules[10]');
    expect(describeReason({code: 'dependency', rule: 'openssl.amd64', detail: 'installed because openssl.amd64 3.0 requires it'})).toBe(
      'dependency: openssl.amd64 — installed because openssl.amd64 3.0 requires it',
    );
  });
});
