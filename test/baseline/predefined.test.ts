import {describe, expect, it} from 'vitest';

import {loadPredefinedBaseline, parseBaseline} from '../../src/baseline/load.js';
import type {Baseline} from '../../src/baseline/model.js';
import {PREDEFINED_BASELINES} from '../../src/baseline/predefined/index.js';
import {OperatingSystemSchema} from '../../src/inventory/schema.js';

/** Spec §5, transcribed independently of the shipped documents: {KEY: values} per rule, days, EnableNonSecurity. */
type ExpectedRule = [filters: Record<string, string[]>, afterDays: number, enableNonSecurity: boolean];

const securityAndBugfix = (severities = ['Critical', 'Important']): ExpectedRule[] => [
  [{CLASSIFICATION: ['Security'], SEVERITY: severities}, 7, false],
  [{CLASSIFICATION: ['Bugfix']}, 7, false],
];
const apt: ExpectedRule[] = [[{PRIORITY: ['Required', 'Important', 'Standard', 'Optional', 'Extra']}, 0, false]];
const windowsOs: ExpectedRule = [
  {PATCH_SET: ['OS'], PRODUCT: ['*'], CLASSIFICATION: ['CriticalUpdates', 'SecurityUpdates'], MSRC_SEVERITY: ['Critical', 'Important']},
  7,
  false,
];

const SPEC_5: Record<string, [os: string, rules: ExpectedRule[]]> = {
  'AWS-AmazonLinuxDefaultPatchBaseline': ['AMAZON_LINUX', securityAndBugfix()],
  'AWS-AmazonLinux2DefaultPatchBaseline': ['AMAZON_LINUX_2', securityAndBugfix()],
  'AWS-AmazonLinux2022DefaultPatchBaseline': ['AMAZON_LINUX_2022', securityAndBugfix()],
  'AWS-AmazonLinux2023DefaultPatchBaseline': ['AMAZON_LINUX_2023', securityAndBugfix()],
  'AWS-RedHatDefaultPatchBaseline': ['REDHAT_ENTERPRISE_LINUX', securityAndBugfix()],
  'AWS-RockyLinuxDefaultPatchBaseline': ['ROCKY_LINUX', securityAndBugfix()],
  'AWS-AlmaLinuxDefaultPatchBaseline': ['ALMA_LINUX', securityAndBugfix()],
  'AWS-OracleLinuxDefaultPatchBaseline': ['ORACLE_LINUX', securityAndBugfix(['Important', 'Moderate'])],
  'AWS-SuseDefaultPatchBaseline': ['SUSE', [[{CLASSIFICATION: ['Security'], SEVERITY: ['Critical', 'Important']}, 7, false]]],
  'AWS-CentOSDefaultPatchBaseline': ['CENTOS', [[{PRODUCT: ['*'], CLASSIFICATION: ['*'], SEVERITY: ['*']}, 7, true]]],
  'AWS-UbuntuDefaultPatchBaseline': ['UBUNTU', apt],
  'AWS-DebianDefaultPatchBaseline': ['DEBIAN', apt],
  'AWS-DefaultRaspbianPatchBaseline': ['RASPBIAN', apt],
  'AWS-MacOSDefaultPatchBaseline': [
    'MACOS',
    [
      [{CLASSIFICATION: ['Security']}, 0, false],
      [{CLASSIFICATION: ['*']}, 0, true],
    ],
  ],
  'AWS-DefaultPatchBaseline': ['WINDOWS', [windowsOs]],
  'AWS-WindowsPredefinedPatchBaseline-OS': ['WINDOWS', [windowsOs]],
  'AWS-WindowsPredefinedPatchBaseline-OS-Applications': [
    'WINDOWS',
    [windowsOs, [{PATCH_SET: ['APPLICATION'], PRODUCT_FAMILY: ['*'], PRODUCT: ['*'], CLASSIFICATION: ['*']}, 7, false]],
  ],
};

const rulesOf = (baseline: Baseline): ExpectedRule[] =>
  baseline.rules.map((r) => [Object.fromEntries(r.filters.map((f) => [f.key, [...f.values]])), r.approveAfterDays ?? -1, r.enableNonSecurity]);

describe('predefined baselines (spec §5, DECISION-19)', () => {
  it('ships exactly the baselines of spec §5', () => {
    expect(PREDEFINED_BASELINES.map((b) => b.name).sort()).toEqual(Object.keys(SPEC_5).sort());
  });

  describe.each(PREDEFINED_BASELINES.map((b) => [b.name, b] as const))('%s', (name, predefined) => {
    it('passes validation with no warnings, also as printed JSON text', () => {
      const loaded = loadPredefinedBaseline(name);
      expect(loaded.warnings).toEqual([]);
      const reparsed = parseBaseline(JSON.stringify(loaded.document, null, 4), `${name}.json`);
      expect(reparsed.warnings).toEqual([]);
      expect(reparsed.sha256).toBe(loaded.sha256);
    });

    it('has the OS and rules spec §5 gives', () => {
      const [os, rules] = SPEC_5[name] ?? ['?', []];
      const {baseline} = loadPredefinedBaseline(name);
      expect(baseline.operatingSystem).toBe(os);
      expect(predefined.operatingSystem).toBe(os);
      expect(rulesOf(baseline)).toEqual(rules);
    });

    it('has the settings common to every predefined baseline', () => {
      const {baseline, document} = loadPredefinedBaseline(name);
      expect(baseline.name).toBe(name);
      expect(baseline.description).toMatch(/^.{20,1024}$/s);
      expect(baseline.globalFilters.map((f) => [f.key, f.values])).toEqual([['PRODUCT', ['*']]]);
      expect(baseline.rules.every((r) => r.complianceLevel === 'UNSPECIFIED' && r.approveUntilDate === null)).toBe(true);
      expect(baseline.approvedPatches).toEqual([]);
      expect(baseline.rejectedPatches).toEqual([]);
      expect(baseline.approvedPatchesComplianceLevel).toBe('UNSPECIFIED');
      expect(baseline.rejectedPatchesAction).toBe('ALLOW_AS_DEPENDENCY');
      expect(baseline.sources).toEqual([]);
      // Written out in get-patch-baseline shape, not left to defaults.
      expect(Object.keys(document)).toEqual([
        'Name',
        'OperatingSystem',
        'Description',
        'GlobalFilters',
        'ApprovalRules',
        'ApprovedPatches',
        'ApprovedPatchesComplianceLevel',
        'ApprovedPatchesEnableNonSecurity',
        'RejectedPatches',
        'RejectedPatchesAction',
        'Sources',
      ]);
    });
  });

  it('marks one default per OperatingSystem, AWS-DefaultPatchBaseline for Windows', () => {
    const defaults = PREDEFINED_BASELINES.filter((b) => b.isDefault);
    expect(defaults.map((b) => b.operatingSystem).sort()).toEqual([...OperatingSystemSchema.options].sort());
    expect(defaults.find((b) => b.operatingSystem === 'WINDOWS')?.name).toBe('AWS-DefaultPatchBaseline');
  });

  it('hands out copies: changing a loaded document does not change the built-in', () => {
    const first = loadPredefinedBaseline('AWS-UbuntuDefaultPatchBaseline');
    first.document.Name = 'changed';
    const second = loadPredefinedBaseline('AWS-UbuntuDefaultPatchBaseline');
    expect(second.document.Name).toBe('AWS-UbuntuDefaultPatchBaseline');
    expect(second.sha256).not.toBe(parseBaseline(JSON.stringify(first.document), 'x.json').sha256);
  });
});
