import {describe, expect, it} from 'vitest';
import type {FilterKey} from '../../src/baseline/model.js';
import type {Package} from '../../src/inventory/schema.js';
import {
  approvalOf,
  checkBaseline,
  installedState,
  namedOnlyDecision,
  subjectOf,
  type OsRules,
} from '../../src/engine/os-engine.js';
import {aBaselineWith, anOverrideList, globalFilters, patchList, rules} from './builders.js';

/** A record with one documented key (CLASSIFICATION) and one DECISION-8 key (NAME). */
interface TestRecord {
  readonly name: string;
  readonly classification: string;
}

const OS: OsRules<TestRecord> = {
  operatingSystem: 'MACOS',
  baselineKeys: new Set<FilterKey>(['CLASSIFICATION']),
  records: 'test updates',
  property: (key, r) => (key === 'CLASSIFICATION' ? [r.classification] : undefined),
  lenientProperty: (key) => (key === 'NAME' ? (r) => [r.name] : undefined),
  baselineWarnings: () => [],
  evaluatePackage: () => ({reported: null, decision: null}),
};

const RECORD: TestRecord = {name: 'git', classification: 'Security'};
const byName = (e: string): boolean => e === RECORD.name;

function aPkg(fields: Partial<Package> = {}): Package {
  return {name: 'git', arch: '', installedVersion: '2.40', versions: [], ...fields} as Package;
}

describe('checkBaseline: lists and filter groups, before the OS gate', () => {
  it('finds list entries by the OS matcher and the rules whose filters accept the record', () => {
    const baseline = aBaselineWith('MACOS', {
      rules: rules({filters: {CLASSIFICATION: ['Security']}}, {filters: {CLASSIFICATION: ['Other']}}, {filters: {NAME: ['git']}}),
      approvedPatches: patchList('ApprovedPatches', 'curl', 'git'),
      rejectedPatches: patchList('RejectedPatches', 'git'),
    });
    const check = checkBaseline(OS, baseline, RECORD, byName);
    expect(check.rejectedBy?.path).toBe('RejectedPatches[0]');
    expect(check.listedBy.map((e) => e.path)).toEqual(['ApprovedPatches[1]']);
    expect(check.globalFailure).toBeNull();
    // The third rule uses a DECISION-8 key: it is evaluated through lenientProperty.
    expect(check.acceptingRules.map((m) => m.rule.path)).toEqual(['ApprovalRules.PatchRules[0]', 'ApprovalRules.PatchRules[2]']);
  });

  it('names the global filter that drops the record, and then no rule accepts it', () => {
    const baseline = aBaselineWith('MACOS', {
      globalFilters: globalFilters({CLASSIFICATION: ['Other']}),
      rules: rules({filters: {CLASSIFICATION: ['Security']}}),
    });
    const check = checkBaseline(OS, baseline, RECORD, byName);
    expect(check.globalFailure?.filter.path).toBe('GlobalFilters.PatchFilters[0]');
    expect(check.acceptingRules).toEqual([]);
  });
});

describe('approvalOf: rejection wins, then the most severe level', () => {
  const baseline = aBaselineWith('MACOS', {
    rules: rules({complianceLevel: 'LOW'}, {complianceLevel: 'HIGH'}),
    approvedPatchesComplianceLevel: 'CRITICAL',
  });
  const matches = baseline.rules.map((rule) => ({rule, verdicts: []}));

  it('takes the most severe of the approving rules and, when listed, ApprovedPatchesComplianceLevel', () => {
    expect(approvalOf(baseline, null, false, matches)).toEqual({approved: true, level: 'HIGH'});
    expect(approvalOf(baseline, null, true, matches)).toEqual({approved: true, level: 'CRITICAL'});
  });

  it('approves nothing that RejectedPatches names, and nothing without an approver', () => {
    const rejected = patchList('RejectedPatches', 'git')[0] ?? null;
    expect(approvalOf(baseline, rejected, true, matches)).toEqual({approved: false, level: 'UNSPECIFIED'});
    expect(approvalOf(baseline, null, false, [])).toEqual({approved: false, level: 'UNSPECIFIED'});
  });
});

describe('installedState: spec §6.4 for an installed package with nothing to install', () => {
  const block = aBaselineWith('MACOS', {rejectedPatchesAction: 'BLOCK'});
  const allow = aBaselineWith('MACOS', {rejectedPatchesAction: 'ALLOW_AS_DEPENDENCY'});
  const rejected = patchList('RejectedPatches', 'git')[0] ?? null;

  it('orders pending reboot, approval, rejection under BLOCK, then the rest', () => {
    expect(installedState(aPkg({pendingReboot: true}), true, null, block)).toBe('INSTALLED_PENDING_REBOOT');
    expect(installedState(aPkg(), true, null, block)).toBe('INSTALLED');
    expect(installedState(aPkg(), false, rejected, block)).toBe('INSTALLED_REJECTED');
    expect(installedState(aPkg(), false, rejected, allow)).toBe('INSTALLED_OTHER');
    expect(installedState(aPkg(), false, null, block)).toBe('INSTALLED_OTHER');
  });
});

describe('namedOnlyDecision: installed with nothing newer', () => {
  const subject = subjectOf(aPkg(), null, 'UNSPECIFIED', 'INSTALLED_OTHER');
  const none = {rejected: null, listed: undefined, override: undefined, overrideIndex: -1, upToDate: 'up to date.', advisories: []};

  it('gives no decision when nothing names the package', () => {
    expect(namedOnlyDecision(subject, none)).toBeNull();
  });

  it('skips as rejected first, then up to date naming the ApprovedPatches entry or the override entry', () => {
    const rejected = {code: 'rejected-patches', rule: 'RejectedPatches[0]', detail: 'rejected.'} as const;
    expect(namedOnlyDecision(subject, {...none, rejected})?.reason).toEqual(rejected);
    const listed = patchList('ApprovedPatches', 'git')[0];
    expect(namedOnlyDecision(subject, {...none, listed})?.reason).toEqual({code: 'up-to-date', rule: 'ApprovedPatches[0]', detail: 'up to date.'});
    const override = anOverrideList([{id: 'curl'}, {id: 'git'}]);
    const decision = namedOnlyDecision(subject, {...none, override, overrideIndex: 1});
    expect(decision?.action).toBe('skip');
    expect(decision?.reason.code).toBe('up-to-date');
    expect(decision?.reason.rule).not.toBeNull();
    expect(namedOnlyDecision(subject, {...none, override, overrideIndex: -1})).toBeNull();
  });
});
