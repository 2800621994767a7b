/**
 * The skip-reason precedence of spec §6.6: with several reasons applying at once, the first
 * in the order global-filter → rejected-patches → blocked-dependency → approval-pending →
 * approval-cutoff → not-security-repo → not-approved wins. The ladder below starts with every
 * reason present and removes the winning cause one step at a time.
 */
import {describe, expect, it} from 'vitest';

import type {Package} from '../../src/inventory/schema.js';
import {aBaseline, aPackage, aVersion, anAdvisory, anInventory, decisionFor, evaluate, type BaselineSpec} from './builders.js';

const NOW = '2025-06-01T00:00:00Z';

type Cause = 'rejected' | 'blocked' | 'pending' | 'cutoff' | 'insecure' | 'unapproved';

/**
 * foo 1.0-1 is installed; each cause contributes one newer version:
 * - rejected 1.6-1 (approved by rule 0, matched by RejectedPatches),
 * - blocked 1.7-1 (approved by rule 0, needs bar 2.0-1, rejected under BLOCK),
 * - pending 1.8-1 (rule 1, released two days ago, 7-day delay),
 * - cutoff 1.9-1 (rule 2, released after its ApproveUntilDate),
 * - insecure 2.0-1 (in no notice: fails dnf's security test),
 * - unapproved 2.1-1 (a notice no rule accepts).
 */
function inventory(causes: readonly Cause[]): ReturnType<typeof anInventory> {
  const versions = [];
  const needsBar = [{name: 'bar', version: '2.0-1'}];
  if (causes.includes('rejected')) versions.push(aVersion('1.6-1', {advisories: ['LOW'], requires: needsBar}));
  if (causes.includes('blocked')) versions.push(aVersion('1.7-1', {advisories: ['LOW'], requires: needsBar}));
  if (causes.includes('pending')) versions.push(aVersion('1.8-1', {advisories: ['IMPORTANT']}));
  if (causes.includes('cutoff')) versions.push(aVersion('1.9-1', {advisories: ['CRITICAL']}));
  if (causes.includes('insecure')) versions.push(aVersion('2.0-1'));
  if (causes.includes('unapproved')) versions.push(aVersion('2.1-1', {advisories: ['ENHANCEMENT']}));
  const packages: Package[] = [
    aPackage('foo', {installed: '1.0-1', versions}),
    aPackage('bar', {installed: '1.0-1', versions: ['2.0-1']}),
  ];
  return anInventory({
    os: 'AMAZON_LINUX_2023',
    product: 'AmazonLinux2023',
    packages,
    advisories: [
      anAdvisory('LOW', {type: 'security', severity: 'Low', issued: '2025-01-01T00:00:00Z'}),
      anAdvisory('IMPORTANT', {type: 'security', severity: 'Important', issued: '2025-05-30T00:00:00Z'}),
      anAdvisory('CRITICAL', {type: 'security', severity: 'Critical', issued: '2025-05-01T00:00:00Z'}),
      anAdvisory('ENHANCEMENT', {type: 'enhancement', severity: 'Moderate', issued: '2025-01-01T00:00:00Z'}),
    ],
  });
}

function baseline(extra: Partial<BaselineSpec> = {}): ReturnType<typeof aBaseline> {
  return aBaseline({
    operatingSystem: 'AMAZON_LINUX_2023',
    rules: [
      {filters: {CLASSIFICATION: ['Security'], SEVERITY: ['Low']}, approveAfterDays: 0},
      {filters: {CLASSIFICATION: ['Security'], SEVERITY: ['Important']}, approveAfterDays: 7},
      {filters: {CLASSIFICATION: ['Security'], SEVERITY: ['Critical']}, approveUntilDate: '2025-04-01'},
    ],
    rejectedPatches: ['foo-1.6-1', 'bar*'],
    rejectedPatchesAction: 'BLOCK',
    ...extra,
  });
}

const reasonOf = (causes: readonly Cause[], extra: Partial<BaselineSpec> = {}) =>
  decisionFor(evaluate(inventory(causes), baseline(extra), {now: NOW}), 'foo').reason;

describe('skip-reason precedence (§6.6)', () => {
  const all: Cause[] = ['rejected', 'blocked', 'pending', 'cutoff', 'insecure', 'unapproved'];

  it('1. global-filter beats everything when every newer version is dropped', () => {
    expect(reasonOf(all, {globalFilters: {PRODUCT: ['AmazonLinux2']}})).toMatchObject({code: 'global-filter', rule: 'GlobalFilters.PatchFilters[0]'});
  });

  it('   … but not when some newer version passes the global filters', () => {
    expect(reasonOf(all, {globalFilters: {CLASSIFICATION: ['Security']}}).code).toBe('rejected-patches');
  });

  it('2. rejected-patches beats blocked-dependency, pending, cutoff, not-security and not-approved', () => {
    const reason = reasonOf(all);
    expect(reason).toMatchObject({code: 'rejected-patches', rule: 'RejectedPatches[0]'});
    expect(reason.detail).toContain('1.6-1');
    expect(reason.detail).toContain('BLOCK');
  });

  it('3. blocked-dependency beats pending, cutoff, not-security and not-approved', () => {
    const reason = reasonOf(all.filter((c) => c !== 'rejected'));
    expect(reason).toMatchObject({code: 'blocked-dependency', rule: 'RejectedPatches[1]'});
    expect(reason.detail).toContain('bar.x86_64 2.0-1');
  });

  it('4. approval-pending beats cutoff, not-security and not-approved', () => {
    const reason = reasonOf(['pending', 'cutoff', 'insecure', 'unapproved']);
    expect(reason).toMatchObject({code: 'approval-pending', rule: 'ApprovalRules.PatchRules[1]'});
    expect(reason.detail).toContain('2025-06-06T00:00:00Z');
  });

  it('5. approval-cutoff beats not-security and not-approved', () => {
    const reason = reasonOf(['cutoff', 'insecure', 'unapproved']);
    expect(reason).toMatchObject({code: 'approval-cutoff', rule: 'ApprovalRules.PatchRules[2]'});
    expect(reason.detail).toContain('2025-04-01');
  });

  it('6. not-security-repo beats not-approved', () => {
    expect(reasonOf(['insecure', 'unapproved'])).toMatchObject({code: 'not-security-repo', rule: 'ApprovalRules.PatchRules[0]'});
  });

  it('7. not-approved when nothing else applies', () => {
    const reason = reasonOf(['unapproved']);
    expect(reason).toMatchObject({code: 'not-approved', rule: null});
    expect(reason.detail).toContain('ENHANCEMENT (enhancement/Moderate)');
  });

  it('not-security needs a security-only approver: with only EnableNonSecurity rules it is not-approved', () => {
    const rules = [{filters: {CLASSIFICATION: ['Bugfix']}, enableNonSecurity: true}];
    expect(reasonOf(['insecure'], {rules}).code).toBe('not-approved');
  });

  it('reports the earliest pending instant among versions and rules', () => {
    const inv = anInventory({
      os: 'AMAZON_LINUX_2023',
      packages: [aPackage('foo', {installed: '1-1', versions: [aVersion('1-2', {advisories: ['X']}), aVersion('1-3', {advisories: ['Y']})]})],
      advisories: [
        anAdvisory('X', {type: 'security', severity: 'Low', issued: '2025-05-31T00:00:00Z'}),
        anAdvisory('Y', {type: 'security', severity: 'Low', issued: '2025-05-30T00:00:00Z'}),
      ],
    });
    const b = aBaseline({
      operatingSystem: 'AMAZON_LINUX_2023',
      rules: [
        {filters: {CLASSIFICATION: ['Security']}, approveAfterDays: 10},
        {filters: {CLASSIFICATION: ['Security']}, approveAfterDays: 3},
      ],
    });
    const reason = decisionFor(evaluate(inv, b, {now: NOW}), 'foo').reason;
    expect(reason).toMatchObject({code: 'approval-pending', rule: 'ApprovalRules.PatchRules[1]'});
    expect(reason.detail).toContain('1-3 matches');
    expect(reason.detail).toContain('after 2025-06-02T00:00:00Z');
  });

  it('the same order holds on yum (rejected before pending)', () => {
    const inv = anInventory({
      os: 'AMAZON_LINUX_2',
      packages: [aPackage('foo', {installed: '1-1', versions: [aVersion('1-2', {advisories: ['OLD']}), aVersion('1-3', {advisories: ['NEW']})]})],
      advisories: [
        anAdvisory('OLD', {type: 'security', severity: 'Important', updated: '2025-01-01T00:00:00Z'}),
        anAdvisory('NEW', {type: 'security', severity: 'Important', updated: '2025-05-31T00:00:00Z'}),
      ],
    });
    const b = aBaseline({operatingSystem: 'AMAZON_LINUX_2', rules: [{filters: {CLASSIFICATION: ['Security']}, approveAfterDays: 7}], rejectedPatches: ['foo-1-2']});
    expect(decisionFor(evaluate(inv, b, {now: NOW}), 'foo').reason.code).toBe('rejected-patches');
  });
});
