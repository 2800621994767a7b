import {describe, expect, it} from 'vitest';

import {BASELINE_FILTER_KEYS} from '../../src/baseline/model.js';
import {checkBaselineRules, familyOf, isVersionOnlySpec} from '../../src/baseline/rules.js';
import type {BaselineDocument} from '../../src/baseline/schema.js';
import {OperatingSystemSchema} from '../../src/inventory/schema.js';
import {type OperatingSystem} from '../../src/core/ids.js';
import {aDocument, aRule, errorLine, parse, warningLines} from './support.js';

const APT: OperatingSystem[] = ['UBUNTU', 'DEBIAN', 'RASPBIAN'];
const RPM: OperatingSystem[] = [
  'AMAZON_LINUX',
  'AMAZON_LINUX_2',
  'AMAZON_LINUX_2022',
  'AMAZON_LINUX_2023',
  'REDHAT_ENTERPRISE_LINUX',
  'CENTOS',
  'ORACLE_LINUX',
  'ROCKY_LINUX',
  'ALMA_LINUX',
];

/** A baseline for `os` whose single rule has these filters (timing valid for every family). */
function withRuleFilters(os: OperatingSystem, filters: {Key: string; Values: string[]}[], rule: Record<string, unknown> = {}) {
  const timing = APT.includes(os) ? {ApproveAfterDays: 0} : {};
  return aDocument({OperatingSystem: os, ApprovalRules: {PatchRules: [aRule(filters, {...timing, ...rule})]}});
}

const keyPath = 'baseline.json: ApprovalRules.PatchRules[0].PatchFilterGroup.PatchFilters[0]';

describe('filter keys per OS (spec §2.1)', () => {
  it('maps every OperatingSystem to a family', () => {
    const families = Object.fromEntries(OperatingSystemSchema.options.map((os) => [os, familyOf(os)]));
    expect(families).toEqual({
      WINDOWS: 'windows',
      AMAZON_LINUX: 'rpm',
      AMAZON_LINUX_2: 'rpm',
      AMAZON_LINUX_2022: 'rpm',
      AMAZON_LINUX_2023: 'rpm',
      UBUNTU: 'apt',
      REDHAT_ENTERPRISE_LINUX: 'rpm',
      SUSE: 'suse',
      CENTOS: 'rpm',
      ORACLE_LINUX: 'rpm',
      DEBIAN: 'apt',
      MACOS: 'macos',
      RASPBIAN: 'apt',
      ROCKY_LINUX: 'rpm',
      ALMA_LINUX: 'rpm',
    });
  });

  it.each([...RPM, 'SUSE' as const])('%s accepts PRODUCT, CLASSIFICATION, SEVERITY', (os) => {
    const filters = [
      {Key: 'PRODUCT', Values: ['*']},
      {Key: 'CLASSIFICATION', Values: ['Security']},
      {Key: 'SEVERITY', Values: ['Important']},
    ];
    expect(errorLine(withRuleFilters(os, filters))).toBeNull();
  });

  it.each(APT)('%s accepts PRODUCT, PRIORITY, SECTION', (os) => {
    const filters = [
      {Key: 'PRODUCT', Values: ['*']},
      {Key: 'PRIORITY', Values: ['Required']},
      {Key: 'SECTION', Values: ['universe/python']},
    ];
    expect(errorLine(withRuleFilters(os, filters))).toBeNull();
  });

  it('MACOS accepts PRODUCT and CLASSIFICATION; WINDOWS its five keys', () => {
    expect(errorLine(withRuleFilters('MACOS', [{Key: 'PRODUCT', Values: ['*']}, {Key: 'CLASSIFICATION', Values: ['Security']}]))).toBeNull();
    const windows = [
      {Key: 'PATCH_SET', Values: ['APPLICATION']},
      {Key: 'PRODUCT_FAMILY', Values: ['Office']},
      {Key: 'CLASSIFICATION', Values: ['Updates']},
      {Key: 'MSRC_SEVERITY', Values: ['Unspecified']},
    ];
    expect(errorLine(withRuleFilters('WINDOWS', windows))).toBeNull();
    expect(BASELINE_FILTER_KEYS.windows).toEqual(['PATCH_SET', 'PRODUCT', 'PRODUCT_FAMILY', 'CLASSIFICATION', 'MSRC_SEVERITY']);
  });

  it.each([
    ['AMAZON_LINUX_2', 'PRIORITY', 'PRODUCT, CLASSIFICATION, SEVERITY'],
    ['UBUNTU', 'SEVERITY', 'PRODUCT, PRIORITY, SECTION'],
    ['SUSE', 'MSRC_SEVERITY', 'PRODUCT, CLASSIFICATION, SEVERITY'],
    ['MACOS', 'SEVERITY', 'PRODUCT, CLASSIFICATION'],
    ['WINDOWS', 'SEVERITY', 'PATCH_SET, PRODUCT, PRODUCT_FAMILY, CLASSIFICATION, MSRC_SEVERITY'],
  ] as const)('%s refuses %s, another OS\'s key, even with lenient', (os, key, allowed) => {
    const expected = `${keyPath}.Key: ${key} is not a baseline filter key for ${os} (allowed: ${allowed})`;
    const doc = withRuleFilters(os, [{Key: key, Values: ['Critical']}]);
    expect(errorLine(doc)).toBe(expected);
    expect(errorLine(doc, {lenient: true})).toBe(expected);
  });

  it.each(['NAME', 'ARCH', 'EPOCH', 'VERSION', 'RELEASE', 'REPOSITORY', 'ADVISORY_ID', 'CVE_ID', 'BUGZILLA_ID', 'PATCH_ID', 'SECURITY'])(
    'DECISION-8: %s is an error in strict mode and a warning with lenient',
    (key) => {
      const doc = withRuleFilters('AMAZON_LINUX_2023', [{Key: key, Values: ['x']}]);
      expect(errorLine(doc)).toBe(
        `${keyPath}.Key: ${key} is not a baseline filter key for AMAZON_LINUX_2023 (AWS documents it only for DescribeAvailablePatches; allowed: PRODUCT, CLASSIFICATION, SEVERITY; --lenient evaluates it as an exact-or-* match)`,
      );
      expect(warningLines(doc, {lenient: true})).toEqual([
        `ApprovalRules.PatchRules[0].PatchFilterGroup.PatchFilters[0].Key: ${key} is not a baseline filter key for AMAZON_LINUX_2023; evaluated as an exact-or-* match because of --lenient`,
      ]);
      // Lenient keeps the filter for the engine to evaluate.
      expect(parse(doc, {lenient: true}).baseline.rules[0]?.filters[0]?.key).toBe(key);
    },
  );

  it('DECISION-3: a key may appear once per group, in rules and in GlobalFilters', () => {
    const doc = withRuleFilters('AMAZON_LINUX_2', [
      {Key: 'CLASSIFICATION', Values: ['Security']},
      {Key: 'SEVERITY', Values: ['Critical']},
      {Key: 'CLASSIFICATION', Values: ['Bugfix']},
    ]);
    expect(errorLine(doc)).toBe(
      'baseline.json: ApprovalRules.PatchRules[0].PatchFilterGroup.PatchFilters[2].Key: CLASSIFICATION appears twice in this group (also PatchFilters[0]); put all values in one filter',
    );
    const global = aDocument({GlobalFilters: {PatchFilters: [{Key: 'PRODUCT', Values: ['*']}, {Key: 'PRODUCT', Values: ['AmazonLinux2023']}]}});
    expect(errorLine(global)).toBe(
      'baseline.json: GlobalFilters.PatchFilters[1].Key: PRODUCT appears twice in this group (also PatchFilters[0]); put all values in one filter',
    );
  });

  it('the same key in different groups is fine', () => {
    const doc = aDocument({
      GlobalFilters: {PatchFilters: [{Key: 'CLASSIFICATION', Values: ['Security', 'Bugfix']}]},
      ApprovalRules: {PatchRules: [aRule([{Key: 'CLASSIFICATION', Values: ['Security']}]), aRule([{Key: 'CLASSIFICATION', Values: ['Bugfix']}])]},
    });
    expect(errorLine(doc)).toBeNull();
  });
});

describe('filter values per OS and key (spec §2.2)', () => {
  const valuePath = `${keyPath}.Values[0]`;

  it('rpm CLASSIFICATION is case-sensitive, with a hint', () => {
    expect(errorLine(withRuleFilters('AMAZON_LINUX_2', [{Key: 'CLASSIFICATION', Values: ['security']}]))).toBe(
      `${valuePath}: "security" is not a CLASSIFICATION value for AMAZON_LINUX_2 (allowed: Security, Bugfix, Enhancement, Recommended, Newpackage, *); values are case-sensitive: did you mean "Security"?`,
    );
    for (const value of ['Security', 'Bugfix', 'Enhancement', 'Recommended', 'Newpackage', '*']) {
      expect(errorLine(withRuleFilters('REDHAT_ENTERPRISE_LINUX', [{Key: 'CLASSIFICATION', Values: [value]}]))).toBeNull();
    }
  });

  it('SEVERITY: None only on AL2022/AL2023; Moderate only on Oracle Linux and SUSE (no Medium/Moderate mapping, DECISION-9)', () => {
    const severity = (os: OperatingSystem, value: string) => errorLine(withRuleFilters(os, [{Key: 'SEVERITY', Values: [value]}]));
    expect(severity('AMAZON_LINUX_2023', 'None')).toBeNull();
    expect(severity('AMAZON_LINUX_2022', 'None')).toBeNull();
    expect(severity('AMAZON_LINUX_2', 'None')).toBe(`${valuePath}: "None" is not a SEVERITY value for AMAZON_LINUX_2 (allowed: Critical, Important, Medium, Low, *)`);
    expect(severity('REDHAT_ENTERPRISE_LINUX', 'Moderate')).toBe(
      `${valuePath}: "Moderate" is not a SEVERITY value for REDHAT_ENTERPRISE_LINUX (allowed: Critical, Important, Medium, Low, *)`,
    );
    expect(severity('REDHAT_ENTERPRISE_LINUX', 'Medium')).toBeNull();
    expect(severity('ORACLE_LINUX', 'Moderate')).toBeNull();
    expect(severity('ORACLE_LINUX', 'N/A')).toBeNull();
    expect(severity('ORACLE_LINUX', 'Medium')).toBe(`${valuePath}: "Medium" is not a SEVERITY value for ORACLE_LINUX (allowed: Critical, Important, Moderate, Low, N/A, *)`);
    expect(severity('SUSE', 'Moderate')).toBeNull();
  });

  it('SUSE CLASSIFICATION has its own set', () => {
    expect(errorLine(withRuleFilters('SUSE', [{Key: 'CLASSIFICATION', Values: ['Yast', 'Optional', 'Feature', 'Document']}]))).toBeNull();
    expect(errorLine(withRuleFilters('SUSE', [{Key: 'CLASSIFICATION', Values: ['Bugfix']}]))).toBe(
      `${valuePath}: "Bugfix" is not a CLASSIFICATION value for SUSE (allowed: Security, Recommended, Optional, Feature, Document, Yast, *)`,
    );
  });

  it('apt PRIORITY is an enum, SECTION is free text', () => {
    expect(errorLine(withRuleFilters('DEBIAN', [{Key: 'PRIORITY', Values: ['optional']}]))).toBe(
      `${valuePath}: "optional" is not a PRIORITY value for DEBIAN (allowed: Required, Important, Standard, Optional, Extra, *); values are case-sensitive: did you mean "Optional"?`,
    );
    expect(errorLine(withRuleFilters('UBUNTU', [{Key: 'SECTION', Values: ['admin', 'contrib/net', 'anything at all']}]))).toBeNull();
  });

  it('Windows CLASSIFICATION, MSRC_SEVERITY and PATCH_SET are enums', () => {
    expect(errorLine(withRuleFilters('WINDOWS', [{Key: 'CLASSIFICATION', Values: ['Security Updates']}]))).toBe(
      `${valuePath}: "Security Updates" is not a CLASSIFICATION value for WINDOWS (allowed: CriticalUpdates, DefinitionUpdates, Drivers, FeaturePacks, SecurityUpdates, ServicePacks, Tools, UpdateRollups, Updates, Upgrades, *)`,
    );
    expect(errorLine(withRuleFilters('WINDOWS', [{Key: 'MSRC_SEVERITY', Values: ['Medium']}]))).toBe(
      `${valuePath}: "Medium" is not a MSRC_SEVERITY value for WINDOWS (allowed: Critical, Important, Moderate, Low, Unspecified, *)`,
    );
    expect(errorLine(withRuleFilters('WINDOWS', [{Key: 'PATCH_SET', Values: ['os']}]))).toBe(
      `${valuePath}: "os" is not a PATCH_SET value for WINDOWS (allowed: OS, APPLICATION, *); values are case-sensitive: did you mean "OS"?`,
    );
  });

  it('an unknown PRODUCT is a warning, a known one is not', () => {
    expect(warningLines(withRuleFilters('UBUNTU', [{Key: 'PRODUCT', Values: ['Ubuntu22.04', 'Ubuntu24.04']}]))).toEqual([]);
    expect(warningLines(withRuleFilters('AMAZON_LINUX_2', [{Key: 'PRODUCT', Values: ['AmazonLinux2']}]))).toEqual([]);
    expect(warningLines(withRuleFilters('UBUNTU', [{Key: 'PRODUCT', Values: ['Ubuntu26.04']}]))).toEqual([
      'ApprovalRules.PatchRules[0].PatchFilterGroup.PatchFilters[0].Values[0]: "Ubuntu26.04" is not a PRODUCT value patchplan knows for UBUNTU (known: Ubuntu14.04, Ubuntu16.04, Ubuntu18.04, Ubuntu20.04, …); it is compared literally',
    ]);
  });

  it('DECISION-4: a partial wildcard is literal; the messages say so', () => {
    expect(warningLines(withRuleFilters('DEBIAN', [{Key: 'PRODUCT', Values: ['Debian*']}]))).toEqual([
      'ApprovalRules.PatchRules[0].PatchFilterGroup.PatchFilters[0].Values[0]: "Debian*" is not a PRODUCT value patchplan knows for DEBIAN (known: Debian8, Debian9, Debian10, Debian11, Debian12); it is compared literally (only a lone "*" is a wildcard)',
    ]);
    expect(errorLine(withRuleFilters('AMAZON_LINUX_2', [{Key: 'CLASSIFICATION', Values: ['Secur*']}]))).toBe(
      `${valuePath}: "Secur*" is not a CLASSIFICATION value for AMAZON_LINUX_2 (allowed: Security, Bugfix, Enhancement, Recommended, Newpackage, *) (only a lone "*" is a wildcard)`,
    );
    expect(warningLines(withRuleFilters('UBUNTU', [{Key: 'SECTION', Values: ['universe/*']}]))).toEqual([
      'ApprovalRules.PatchRules[0].PatchFilterGroup.PatchFilters[0].Values[0]: "universe/*" is matched literally (only a lone "*" is a wildcard)',
    ]);
  });

  it('"*" next to other values is a warning', () => {
    expect(warningLines(withRuleFilters('AMAZON_LINUX_2', [{Key: 'CLASSIFICATION', Values: ['*', 'Security']}]))).toEqual([
      'ApprovalRules.PatchRules[0].PatchFilterGroup.PatchFilters[0].Values: "*" already matches every value; the other values change nothing',
    ]);
  });

  it('macOS: an undocumented CLASSIFICATION warns', () => {
    expect(warningLines(withRuleFilters('MACOS', [{Key: 'CLASSIFICATION', Values: ['Bugfix']}]))).toEqual([
      'ApprovalRules.PatchRules[0].PatchFilterGroup.PatchFilters[0].Values[0]: "Bugfix" is not a CLASSIFICATION value patchplan knows for MACOS (known: Security); patchplan classifies macOS updates only as Security, so it matches nothing',
    ]);
  });

  it('values are checked in GlobalFilters too', () => {
    const doc = aDocument({OperatingSystem: 'SUSE', GlobalFilters: {PatchFilters: [{Key: 'SEVERITY', Values: ['Medium']}]}});
    expect(errorLine(doc)).toBe(
      'baseline.json: GlobalFilters.PatchFilters[0].Values[0]: "Medium" is not a SEVERITY value for SUSE (allowed: Critical, Important, Moderate, Low, *)',
    );
  });
});

describe('approval timing (spec §1.4)', () => {
  const timed = (os: OperatingSystem, timing: Record<string, unknown>) =>
    aDocument({OperatingSystem: os, ApprovalRules: {PatchRules: [{PatchFilterGroup: {PatchFilters: []}, ...timing}]}});

  it.each([...RPM, 'SUSE', 'MACOS', 'WINDOWS'] as OperatingSystem[])('%s needs exactly one of ApproveAfterDays / ApproveUntilDate', (os) => {
    expect(errorLine(timed(os, {ApproveAfterDays: 7}))).toBeNull();
    expect(errorLine(timed(os, {ApproveUntilDate: '2025-06-30'}))).toBeNull();
    expect(errorLine(timed(os, {ApproveAfterDays: 7, ApproveUntilDate: '2025-06-30'}))).toBe(
      'baseline.json: ApprovalRules.PatchRules[0].ApproveUntilDate: give either ApproveAfterDays or ApproveUntilDate, not both',
    );
    expect(errorLine(timed(os, {}))).toBe(`baseline.json: ApprovalRules.PatchRules[0].ApproveAfterDays: is required on ${os} unless ApproveUntilDate is given`);
  });

  it.each(APT)('DECISION-7: %s ignores date options with a warning, except the ApproveAfterDays 0 AWS echoes', (os) => {
    expect(warningLines(timed(os, {}))).toEqual([]);
    expect(warningLines(timed(os, {ApproveAfterDays: 0}))).toEqual([]);
    const ignored = `ignored on ${os}: apt repositories carry no release dates, so the rule approves at once`;
    expect(warningLines(timed(os, {ApproveAfterDays: 7}))).toEqual([`ApprovalRules.PatchRules[0].ApproveAfterDays: ${ignored}`]);
    expect(warningLines(timed(os, {ApproveAfterDays: 7, ApproveUntilDate: '2025-06-30'}))).toEqual([
      `ApprovalRules.PatchRules[0].ApproveAfterDays: ${ignored}`,
      `ApprovalRules.PatchRules[0].ApproveUntilDate: ${ignored}`,
    ]);
  });
});

describe('Linux-only and Windows-only fields', () => {
  // No rules: the default test rule's CLASSIFICATION=Security is not a Windows classification.
  const onlyList = (os: OperatingSystem, extra: Record<string, unknown>) =>
    aDocument({OperatingSystem: os, ApprovalRules: {PatchRules: []}, ApprovedPatches: ['KB4470788'], ...extra});

  it('EnableNonSecurity true is an error on WINDOWS; false (as AWS echoes it) is fine', () => {
    const doc = (value: boolean) => withRuleFilters('WINDOWS', [{Key: 'PATCH_SET', Values: ['OS']}], {EnableNonSecurity: value});
    expect(errorLine(doc(false))).toBeNull();
    expect(errorLine(doc(true))).toBe('baseline.json: ApprovalRules.PatchRules[0].EnableNonSecurity: is for Linux only; not supported on WINDOWS');
    expect(errorLine(withRuleFilters('MACOS', [], {EnableNonSecurity: true}))).toBeNull();
    expect(errorLine(withRuleFilters('UBUNTU', [], {EnableNonSecurity: true}))).toBeNull();
  });

  it('ApprovedPatchesEnableNonSecurity true is an error on WINDOWS', () => {
    expect(errorLine(onlyList('WINDOWS', {ApprovedPatchesEnableNonSecurity: false}))).toBeNull();
    expect(errorLine(onlyList('WINDOWS', {ApprovedPatchesEnableNonSecurity: true}))).toBe(
      'baseline.json: ApprovedPatchesEnableNonSecurity: is for Linux only; not supported on WINDOWS',
    );
  });

  it('Sources must be empty on WINDOWS and MACOS', () => {
    const source = {Name: 'repo', Products: ['*'], Configuration: 'deb http://example.com/ stable main'};
    expect(errorLine(onlyList('WINDOWS', {Sources: []}))).toBeNull();
    expect(errorLine(onlyList('WINDOWS', {Sources: [source]}))).toBe(
      'baseline.json: Sources: alternative patch sources are for Linux only; not supported on WINDOWS',
    );
    expect(errorLine(onlyList('MACOS', {Sources: [source]}))).toBe(
      'baseline.json: Sources: alternative patch sources are for Linux only; not supported on MACOS',
    );
    expect(errorLine(withRuleFilters('DEBIAN', [], {}))).toBeNull();
    expect(errorLine({...withRuleFilters('DEBIAN', []), Sources: [source]})).toBeNull();
  });

  it('AvailableSecurityUpdatesComplianceStatus is WINDOWS only', () => {
    expect(errorLine(onlyList('WINDOWS', {AvailableSecurityUpdatesComplianceStatus: 'NON_COMPLIANT'}))).toBeNull();
    expect(errorLine(aDocument({OperatingSystem: 'AMAZON_LINUX_2', AvailableSecurityUpdatesComplianceStatus: 'COMPLIANT'}))).toBe(
      'baseline.json: AvailableSecurityUpdatesComplianceStatus: is for WINDOWS only; not supported on AMAZON_LINUX_2',
    );
  });
});

describe('document-level warnings', () => {
  it('DECISION-1: a missing OperatingSystem warns and means WINDOWS', () => {
    const {OperatingSystem: _dropped, ...doc} = aDocument({ApprovalRules: {PatchRules: []}, ApprovedPatches: ['KB4470788']});
    const loaded = parse(doc);
    expect(loaded.baseline.operatingSystem).toBe('WINDOWS');
    expect(loaded.warnings).toEqual([{path: 'OperatingSystem', message: 'is missing; assuming WINDOWS, as the AWS API does'}]);
  });

  it('an empty baseline warns that it approves nothing', () => {
    expect(warningLines({OperatingSystem: 'UBUNTU'})).toEqual(['approves nothing: no ApprovalRules.PatchRules and no ApprovedPatches']);
    expect(warningLines({OperatingSystem: 'UBUNTU', ApprovalRules: {PatchRules: []}, ApprovedPatches: []})).toEqual([
      'approves nothing: no ApprovalRules.PatchRules and no ApprovedPatches',
    ]);
    expect(warningLines({OperatingSystem: 'UBUNTU', ApprovedPatches: ['openssl']})).toEqual([]);
  });
});

describe('ApprovedPatches / RejectedPatches entries (spec §3)', () => {
  const lists = (os: OperatingSystem, approved: string[], rejected: string[] = []) =>
    aDocument({OperatingSystem: os, ApprovalRules: {PatchRules: []}, ApprovedPatches: approved, RejectedPatches: rejected});

  it.each([
    ['1.12.28', true],
    ['1.12.28-1.amzn2023.0.1', true],
    ['1:1.12.28-1.amzn2023.0.1', true],
    ['1.12.*', true],
    ['amd64:3.0.2-0ubuntu1.18', true],
    ['3.0.2-0ubuntu1.18', true],
    ['1:2', true],
    ['dbus', false],
    ['dbus-1.12.28', false],
    ['dbus.x86_64:1:1.12.28-1.amzn2023.0.1', false],
    ['389-ds-base', false],
    ['7zip', false],
    ['1234567', false],
    ['libfoo1:amd64', false],
  ])('isVersionOnlySpec(%j) is %s', (entry, expected) => {
    expect(isVersionOnlySpec(entry)).toBe(expected);
  });

  it('rpm: version-only specs warn in both lists; names, name-version and Bugzilla ids do not', () => {
    expect(warningLines(lists('AMAZON_LINUX_2023', ['dbus', 'dbus-1.12.28', '1234567', 'CVE-2024-1234', 'ALAS2023-2025-123', '1.12.28'], ['1.12.28-1.amzn2023.0.1']))).toEqual([
      'ApprovedPatches[5]: "1.12.28" names only a version: it matches every package with that version',
      'RejectedPatches[0]: "1.12.28-1.amzn2023.0.1" names only a version: it matches every package with that version',
    ]);
  });

  it('DECISION-11: ids in RejectedPatches warn that they reject nothing', () => {
    const ids = ['CVE-2024-1234', 'ALAS2-2021-1594', 'RHSA-2017:0864', 'ELSA-2025-123', '1234567'];
    expect(warningLines(lists('REDHAT_ENTERPRISE_LINUX', ['kernel'], ids))).toEqual(
      ids.map(
        (id, i) => `RejectedPatches[${i}]: "${id}" looks like an advisory, CVE or Bugzilla id; RejectedPatches match package specs only, so it rejects nothing`,
      ),
    );
  });

  it('apt: version-only and advisory-id entries warn', () => {
    expect(warningLines(lists('UBUNTU', ['openssl', 'openssl.amd64', 'openssl-3.0.2-0ubuntu1.18', 'amd64:3.0.2-0ubuntu1.18', 'USN-6986-1'], ['CVE-2024-1234']))).toEqual([
      'ApprovedPatches[3]: "amd64:3.0.2-0ubuntu1.18" names only a version: it matches every package with that version',
      'ApprovedPatches[4]: "USN-6986-1" looks like an advisory or CVE id; apt lists match package names and versions only, so it matches nothing',
      'RejectedPatches[0]: "CVE-2024-1234" looks like an advisory or CVE id; apt lists match package names and versions only, so it matches nothing',
    ]);
  });

  it('SUSE: patch names and .rpm file names warn (spec §3.3); name patterns with constraints do not', () => {
    expect(
      warningLines(
        lists('SUSE', ['kernel-default', 'curl*.x86_64', 'kernel-default > 4.12.14-122.37.1', 'SUSE-SLE-Module-Basesystem-15-SP5-2025-123'], ['example-pkg-2023.15.4-46.17.1.x86_64.rpm']),
      ),
    ).toEqual([
      'ApprovedPatches[3]: "SUSE-SLE-Module-Basesystem-15-SP5-2025-123" looks like a patch name; zypper entries are package-name patterns, so it matches no package',
      'RejectedPatches[0]: "example-pkg-2023.15.4-46.17.1.x86_64.rpm" is an .rpm file name; zypper entries are package-name patterns, so it matches no package',
    ]);
  });

  it('macOS: wildcards are an error (spec §3.4), exact names are fine', () => {
    expect(errorLine(lists('MACOS', ['XProtectPlistConfigData', 'MRTConfigData']))).toBeNull();
    expect(errorLine(lists('MACOS', ['XProtect*']))).toBe('baseline.json: ApprovedPatches[0]: "XProtect*": wildcards are not supported on MACOS; give the exact package name');
    expect(errorLine(lists('MACOS', ['ok'], ['Safari?']))).toBe('baseline.json: RejectedPatches[0]: "Safari?": wildcards are not supported on MACOS; give the exact package name');
  });

  it('Windows: entries that are not KB or MS bulletin ids warn', () => {
    expect(warningLines(lists('WINDOWS', ['KB2032276', 'MS10-048', 'kb4470788'], ['Office']))).toEqual([
      'RejectedPatches[0]: "Office" is neither a KB id (KB1234567) nor an MS bulletin id (MS10-048), the only forms Windows matches',
    ]);
  });
});

describe('collecting every issue', () => {
  it('returns every error and warning, and load reports the first error in document order', () => {
    const doc = {
      OperatingSystem: 'WINDOWS',
      ApprovedPatchesEnableNonSecurity: true,
      GlobalFilters: {PatchFilters: [{Key: 'SEVERITY', Values: ['x']}]},
      ApprovalRules: {PatchRules: [{PatchFilterGroup: {PatchFilters: [{Key: 'PRODUCT', Values: ['WindowsServer1999']}]}}]},
      RejectedPatches: ['notakb'],
    } satisfies BaselineDocument;
    const findings = checkBaselineRules(doc);
    expect(findings.errors.map((e) => e.path.join('.'))).toEqual([
      'GlobalFilters.PatchFilters.0.Key',
      'ApprovalRules.PatchRules.0.ApproveAfterDays',
      'ApprovedPatchesEnableNonSecurity',
    ]);
    expect(findings.warnings.map((w) => w.path.join('.'))).toEqual(['ApprovalRules.PatchRules.0.PatchFilterGroup.PatchFilters.0.Values.0', 'RejectedPatches.0']);
    // ApprovedPatchesEnableNonSecurity is written first, so it is the error reported.
    expect(errorLine(doc)).toBe('baseline.json: ApprovedPatchesEnableNonSecurity: is for Linux only; not supported on WINDOWS');
  });
});
