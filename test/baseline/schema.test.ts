import {describe, expect, it} from 'vitest';

import {isCalendarDate, LIMITS} from '../../src/baseline/schema.js';
import {aDocument, aRule, errorLine, repeat, warningLines} from './support.js';

// Every limit of spec §1.6 at the limit, just below or at the minimum, and just past it.

const rule = aRule([{Key: 'CLASSIFICATION', Values: ['Security']}]);
const rules = (count: number) => ({PatchRules: repeat(count, () => rule)});

describe('ApprovalRules.PatchRules count (0..10)', () => {
  it('accepts 0, 1 and 10 rules', () => {
    expect(errorLine(aDocument({ApprovalRules: rules(0), ApprovedPatches: ['kernel']}))).toBeNull();
    expect(errorLine(aDocument({ApprovalRules: rules(1)}))).toBeNull();
    expect(errorLine(aDocument({ApprovalRules: rules(LIMITS.rules)}))).toBeNull();
  });
  it('refuses 11 rules', () => {
    expect(errorLine(aDocument({ApprovalRules: rules(11)}))).toBe('baseline.json: ApprovalRules.PatchRules: at most 10 rules (found 11)');
  });
  it('requires PatchRules inside ApprovalRules and PatchFilterGroup inside a rule', () => {
    expect(errorLine(aDocument({ApprovalRules: {}}))).toBe('baseline.json: ApprovalRules.PatchRules: is required');
    expect(errorLine(aDocument({ApprovalRules: {PatchRules: [{ApproveAfterDays: 7}]}}))).toBe(
      'baseline.json: ApprovalRules.PatchRules[0].PatchFilterGroup: is required',
    );
  });
});

describe('filters per group (0..4)', () => {
  const windows = (filters: unknown[]) => aDocument({OperatingSystem: 'WINDOWS', ApprovalRules: {PatchRules: []}, ApprovedPatches: ['KB1'], GlobalFilters: {PatchFilters: filters}});
  const four = [
    {Key: 'PATCH_SET', Values: ['OS']},
    {Key: 'PRODUCT', Values: ['*']},
    {Key: 'PRODUCT_FAMILY', Values: ['*']},
    {Key: 'CLASSIFICATION', Values: ['SecurityUpdates']},
  ];
  it('accepts 0 and 4 filters', () => {
    expect(errorLine(windows([]))).toBeNull();
    expect(errorLine(windows(four))).toBeNull();
  });
  it('refuses 5 filters in GlobalFilters and in a rule', () => {
    const five = [...four, {Key: 'MSRC_SEVERITY', Values: ['Critical']}];
    expect(errorLine(windows(five))).toBe('baseline.json: GlobalFilters.PatchFilters: at most 4 filters per group (found 5)');
    expect(errorLine(aDocument({OperatingSystem: 'WINDOWS', ApprovalRules: {PatchRules: [aRule(five)]}}))).toBe(
      'baseline.json: ApprovalRules.PatchRules[0].PatchFilterGroup.PatchFilters: at most 4 filters per group (found 5)',
    );
  });
  it('requires PatchFilters in a group', () => {
    expect(errorLine(aDocument({GlobalFilters: {}}))).toBe('baseline.json: GlobalFilters.PatchFilters: is required');
  });
});

describe('filter Values (1..20 values of 1..64 characters)', () => {
  // PRODUCT values are open-ended (unknown ones only warn), so they isolate the shape limits.
  const withValues = (values: unknown) => aDocument({GlobalFilters: {PatchFilters: [{Key: 'PRODUCT', Values: values}]}});
  it('accepts 1 and 20 values', () => {
    expect(errorLine(withValues(['AmazonLinux2023']))).toBeNull();
    expect(errorLine(withValues(repeat(LIMITS.valuesPerFilter, (i) => `P${i}`)))).toBeNull();
  });
  it('refuses 0 and 21 values', () => {
    expect(errorLine(withValues([]))).toBe('baseline.json: GlobalFilters.PatchFilters[0].Values: must be 1 to 20 values (found 0)');
    expect(errorLine(withValues(repeat(21, (i) => `P${i}`)))).toBe('baseline.json: GlobalFilters.PatchFilters[0].Values: must be 1 to 20 values (found 21)');
  });
  it('accepts values of 1 and 64 characters', () => {
    expect(errorLine(withValues(['x']))).toBeNull();
    expect(errorLine(withValues(['x'.repeat(64)]))).toBeNull();
  });
  it('refuses values of 0 and 65 characters', () => {
    expect(errorLine(withValues(['ok', '']))).toBe('baseline.json: GlobalFilters.PatchFilters[0].Values[1]: must be 1 to 64 characters (found 0)');
    expect(errorLine(withValues(['x'.repeat(65)]))).toBe('baseline.json: GlobalFilters.PatchFilters[0].Values[0]: must be 1 to 64 characters (found 65)');
  });
  it('refuses a value that is not a string, and a missing Values', () => {
    expect(errorLine(withValues([7]))).toBe('baseline.json: GlobalFilters.PatchFilters[0].Values[0]: must be a string');
    expect(errorLine(withValues('Security'))).toBe('baseline.json: GlobalFilters.PatchFilters[0].Values: must be an array of strings');
    expect(errorLine(aDocument({GlobalFilters: {PatchFilters: [{Key: 'PRODUCT'}]}}))).toBe('baseline.json: GlobalFilters.PatchFilters[0].Values: is required');
  });
  it('refuses a Key outside the PatchFilterKey enum, and a missing Key', () => {
    expect(errorLine(aDocument({GlobalFilters: {PatchFilters: [{Key: 'product', Values: ['*']}]}}))).toBe(
      'baseline.json: GlobalFilters.PatchFilters[0].Key: must be one of ARCH, ADVISORY_ID, BUGZILLA_ID, PATCH_SET, PRODUCT, PRODUCT_FAMILY, CLASSIFICATION, CVE_ID, EPOCH, MSRC_SEVERITY, NAME, PATCH_ID, SECTION, PRIORITY, REPOSITORY, RELEASE, SEVERITY, SECURITY, VERSION (found "product")',
    );
    expect(errorLine(aDocument({GlobalFilters: {PatchFilters: [{Values: ['*']}]}}))).toBe('baseline.json: GlobalFilters.PatchFilters[0].Key: is required');
  });
});

describe.each(['ApprovedPatches', 'RejectedPatches'])('%s (0..50 entries of 1..100 characters)', (list) => {
  it('accepts 0 and 50 entries, entries of 1 and 100 characters', () => {
    expect(errorLine(aDocument({[list]: []}))).toBeNull();
    expect(errorLine(aDocument({[list]: repeat(LIMITS.patchListEntries, (i) => `pkg${i}`)}))).toBeNull();
    expect(errorLine(aDocument({[list]: ['k', 'k'.repeat(100)]}))).toBeNull();
  });
  it('refuses 51 entries', () => {
    expect(errorLine(aDocument({[list]: repeat(51, (i) => `pkg${i}`)}))).toBe(`baseline.json: ${list}: at most 50 entries (found 51)`);
  });
  it('refuses entries of 0 and 101 characters', () => {
    expect(errorLine(aDocument({[list]: ['ok', '']}))).toBe(`baseline.json: ${list}[1]: must be 1 to 100 characters (found 0)`);
    expect(errorLine(aDocument({[list]: ['k'.repeat(101)]}))).toBe(`baseline.json: ${list}[0]: must be 1 to 100 characters (found 101)`);
  });
});

describe('ApproveAfterDays (integer 0..360)', () => {
  const days = (value: unknown) => aDocument({ApprovalRules: {PatchRules: [aRule([{Key: 'CLASSIFICATION', Values: ['Security']}], {ApproveAfterDays: value})]}});
  it.each([0, 1, 359, 360])('accepts %s', (value) => {
    expect(errorLine(days(value))).toBeNull();
  });
  it.each([-1, 361, 1.5, '7', null])('refuses %s', (value) => {
    expect(errorLine(days(value))).toBe('baseline.json: ApprovalRules.PatchRules[0].ApproveAfterDays: must be an integer 0..360');
  });
});

describe('ApproveUntilDate (a real YYYY-MM-DD, DECISION-6)', () => {
  const until = (value: unknown) =>
    aDocument({ApprovalRules: {PatchRules: [{PatchFilterGroup: {PatchFilters: []}, ApproveUntilDate: value}]}});
  it.each(['2025-12-31', '2024-02-29', '2000-02-29', '0001-01-01'])('accepts %s', (value) => {
    expect(errorLine(until(value))).toBeNull();
  });
  it.each(['2025-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00'])('refuses the impossible day %s', (value) => {
    expect(errorLine(until(value))).toBe(`baseline.json: ApprovalRules.PatchRules[0].ApproveUntilDate: "${value}" is not a calendar date`);
  });
  it.each(['2025-1-01', '2025-01-01T00:00:00Z', '25-01-01', '', 20250101])('refuses the malformed %s', (value) => {
    expect(errorLine(until(value))).toBe('baseline.json: ApprovalRules.PatchRules[0].ApproveUntilDate: must be a date YYYY-MM-DD');
  });
  it('isCalendarDate knows leap years', () => {
    expect([isCalendarDate('2024-02-29'), isCalendarDate('2023-02-29'), isCalendarDate('2100-02-29')]).toEqual([true, false, false]);
  });
});

describe('Name (3..128 of [a-zA-Z0-9_-.])', () => {
  const message = 'baseline.json: Name: must be 3 to 128 characters: letters, digits, "_", "-", "."';
  it.each(['abc', 'a'.repeat(128), 'My_Baseline-1.0'])('accepts %s', (name) => {
    expect(errorLine(aDocument({Name: name}))).toBeNull();
  });
  it.each(['ab', 'a'.repeat(129), 'has space', 'slash/name', ''])('refuses %j', (name) => {
    expect(errorLine(aDocument({Name: name}))).toBe(message);
  });
});

describe('BaselineId (20..128 of [a-zA-Z0-9_-:/])', () => {
  const message = 'baseline.json: BaselineId: must be 20 to 128 characters: letters, digits, "_", "-", ":", "/"';
  it.each(['pb-0123456789abcdef0', 'arn:aws:ssm:us-east-2:733109147000:patchbaseline/pb-0e392de35e7c563b7', 'b'.repeat(128)])('accepts %s', (id) => {
    expect(errorLine(aDocument({BaselineId: id}))).toBeNull();
  });
  it.each(['pb-0123456789abcdef', 'b'.repeat(129), 'pb-0123456789abcdef0.x'])('refuses %s', (id) => {
    expect(errorLine(aDocument({BaselineId: id}))).toBe(message);
  });
});

describe('Description (1..1024)', () => {
  it('accepts 1 and 1024 characters', () => {
    expect(errorLine(aDocument({Description: 'd'}))).toBeNull();
    expect(errorLine(aDocument({Description: 'd'.repeat(1024)}))).toBeNull();
  });
  it('refuses 0 and 1025 characters', () => {
    expect(errorLine(aDocument({Description: ''}))).toBe('baseline.json: Description: must be 1 to 1024 characters (found 0)');
    expect(errorLine(aDocument({Description: 'd'.repeat(1025)}))).toBe('baseline.json: Description: must be 1 to 1024 characters (found 1025)');
  });
});

describe('Sources (0..20; Name 3..50; Products 1..20 of 1..128; Configuration 1..1024)', () => {
  const source = (overrides: Record<string, unknown> = {}) => ({
    Name: 'my-repo',
    Products: ['AmazonLinux2023'],
    Configuration: '[my-repo]\nname=My repo\nbaseurl=https://repo.example.com/\nenabled=1',
    ...overrides,
  });
  const withSources = (sources: unknown[]) => aDocument({Sources: sources});
  it('accepts 0 and 20 sources', () => {
    expect(errorLine(withSources([]))).toBeNull();
    expect(errorLine(withSources(repeat(LIMITS.sources, (i) => `repo-${i}`).map((Name) => source({Name}))))).toBeNull();
  });
  it('refuses 21 sources', () => {
    expect(errorLine(withSources(repeat(21, (i) => `repo-${i}`).map((Name) => source({Name}))))).toBe('baseline.json: Sources: at most 20 sources (found 21)');
  });
  it('checks the source Name pattern at 3 and 50 characters', () => {
    expect(errorLine(withSources([source({Name: 'abc'})]))).toBeNull();
    expect(errorLine(withSources([source({Name: 'a'.repeat(50)})]))).toBeNull();
    const message = 'baseline.json: Sources[0].Name: must be 3 to 50 characters: letters, digits, "_", "-", "."';
    expect(errorLine(withSources([source({Name: 'ab'})]))).toBe(message);
    expect(errorLine(withSources([source({Name: 'a'.repeat(51)})]))).toBe(message);
  });
  it('checks Products at 1 and 20 entries of up to 128 characters', () => {
    expect(errorLine(withSources([source({Products: repeat(20, (i) => `P${i}`)})]))).toBeNull();
    expect(errorLine(withSources([source({Products: ['p'.repeat(128)]})]))).toBeNull();
    expect(errorLine(withSources([source({Products: []})]))).toBe('baseline.json: Sources[0].Products: must be 1 to 20 products (found 0)');
    expect(errorLine(withSources([source({Products: repeat(21, (i) => `P${i}`)})]))).toBe('baseline.json: Sources[0].Products: must be 1 to 20 products (found 21)');
    expect(errorLine(withSources([source({Products: ['p'.repeat(129)]})]))).toBe('baseline.json: Sources[0].Products[0]: must be 1 to 128 characters (found 129)');
  });
  it('checks Configuration at 1 and 1024 characters', () => {
    expect(errorLine(withSources([source({Configuration: 'c'.repeat(1024)})]))).toBeNull();
    expect(errorLine(withSources([source({Configuration: ''})]))).toBe('baseline.json: Sources[0].Configuration: must be 1 to 1024 characters (found 0)');
    expect(errorLine(withSources([source({Configuration: 'c'.repeat(1025)})]))).toBe('baseline.json: Sources[0].Configuration: must be 1 to 1024 characters (found 1025)');
  });
  it('refuses a source without Configuration', () => {
    const {Configuration: _dropped, ...rest} = source();
    expect(errorLine(withSources([rest]))).toBe('baseline.json: Sources[0].Configuration: is required');
  });
});

describe('enums are exact', () => {
  it.each([
    ['OperatingSystem', 'ubuntu', 'must be one of WINDOWS, AMAZON_LINUX, AMAZON_LINUX_2, AMAZON_LINUX_2022, UBUNTU, REDHAT_ENTERPRISE_LINUX, SUSE, CENTOS, ORACLE_LINUX, DEBIAN, MACOS, RASPBIAN, ROCKY_LINUX, ALMA_LINUX, AMAZON_LINUX_2023 (found "ubuntu")'],
    ['ApprovedPatchesComplianceLevel', 'SEVERE', 'must be one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNSPECIFIED (found "SEVERE")'],
    ['RejectedPatchesAction', 'ALLOW', 'must be one of ALLOW_AS_DEPENDENCY, BLOCK (found "ALLOW")'],
    ['AvailableSecurityUpdatesComplianceStatus', 'compliant', 'must be one of COMPLIANT, NON_COMPLIANT (found "compliant")'],
  ])('%s %j', (field, value, message) => {
    expect(errorLine(aDocument({[field]: value}))).toBe(`baseline.json: ${field}: ${message}`);
  });
  it('ComplianceLevel of a rule', () => {
    const doc = aDocument({ApprovalRules: {PatchRules: [aRule([], {ComplianceLevel: 'critical'})]}});
    expect(errorLine(doc)).toBe(
      'baseline.json: ApprovalRules.PatchRules[0].ComplianceLevel: must be one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNSPECIFIED (found "critical")',
    );
  });
  it('booleans must be JSON booleans', () => {
    expect(errorLine(aDocument({ApprovedPatchesEnableNonSecurity: 'true'}))).toBe('baseline.json: ApprovedPatchesEnableNonSecurity: must be true or false');
    const doc = aDocument({ApprovalRules: {PatchRules: [aRule([], {EnableNonSecurity: 1})]}});
    expect(errorLine(doc)).toBe('baseline.json: ApprovalRules.PatchRules[0].EnableNonSecurity: must be true or false');
  });
});

describe('fields', () => {
  it('refuses unknown fields inside the document, naming the field', () => {
    const doc = aDocument({ApprovalRules: {PatchRules: [aRule([], {EnableNonSecurty: true})]}});
    expect(errorLine(doc)).toBe('baseline.json: ApprovalRules.PatchRules[0].EnableNonSecurty: unknown field "EnableNonSecurty"');
    expect(errorLine(aDocument({GlobalFilters: {PatchFilters: [{Key: 'PRODUCT', Value: ['*'], Values: ['*']}]}}))).toBe(
      'baseline.json: GlobalFilters.PatchFilters[0].Value: unknown field "Value"',
    );
  });
  it('ignores unknown top-level fields with a warning, and the known envelope without one', () => {
    expect(warningLines(aDocument({Approvedpatches: ['x']}))).toEqual(['Approvedpatches: unknown field, ignored']);
    expect(warningLines(aDocument({ResponseMetadata: {RequestId: 'x'}, Tags: [{Key: 'a', Value: 'b'}], ClientToken: 'tok', PatchGroups: ['QA']}))).toEqual([]);
  });
  it('accepts CreatedDate/ModifiedDate as epoch seconds or ISO 8601, and refuses anything else', () => {
    expect(errorLine(aDocument({CreatedDate: 1550244180.465, ModifiedDate: '2019-02-15T15:23:00.465000+00:00'}))).toBeNull();
    expect(errorLine(aDocument({CreatedDate: true}))).toBe('baseline.json: CreatedDate: must be epoch seconds or an ISO 8601 date-time');
    expect(errorLine(aDocument({ModifiedDate: 'yesterday'}))).toBe('baseline.json: ModifiedDate: must be epoch seconds or an ISO 8601 date-time');
  });
  it('refuses a document that is not an object', () => {
    expect(errorLine('a string')).toBe('baseline.json: must be a JSON object in the shape `aws ssm get-patch-baseline` prints');
    expect(errorLine(null)).toBe('baseline.json: must be a JSON object in the shape `aws ssm get-patch-baseline` prints');
  });
  it('reports the first problem in document order', () => {
    const doc = {Name: 'x', OperatingSystem: 'UBUNTU', Description: ''};
    expect(errorLine(doc)).toBe('baseline.json: Name: must be 3 to 128 characters: letters, digits, "_", "-", "."');
    const reversed = {Description: '', OperatingSystem: 'UBUNTU', Name: 'x'};
    expect(errorLine(reversed)).toBe('baseline.json: Description: must be 1 to 1024 characters (found 0)');
  });
});
