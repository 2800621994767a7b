import {describe, expect, it} from 'vitest';
import type {Baseline} from '../../src/baseline/model.js';
import {InputError} from '../../src/errors.js';
import type {Inventory, Package} from '../../src/inventory/schema.js';
import {evaluateMacos} from '../../src/engine/macos.js';
import type {Decision, EvaluateOptions, Evaluation} from '../../src/engine/engine-io.js';
import type {InstallOverrideList} from '../../src/baseline/model.js';
import {aBaselineWith, decisionFor, globalFilters, patchList, rules} from './builders.js';

// ---------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------

const NOW = new Date('2025-03-10T12:00:00Z');
const PRODUCT = 'macOS14';

function aBaseline(fields: Partial<Baseline> = {}): Baseline {
  return aBaselineWith('MACOS', {name: 'test-macos', ...fields});
}

interface VersionSpec {
  readonly version: string;
  readonly security?: boolean;
  readonly source?: string;
  readonly advisories?: string[];
}

interface PackageExtras {
  readonly arch?: string;
  readonly pendingReboot?: boolean;
}

/** A package; a bare version string is a non-security Homebrew update. */
function aPackage(
  name: string,
  installed: string | null,
  versions: readonly (string | VersionSpec)[],
  extras: PackageExtras = {},
): Package {
  return {
    name,
    arch: extras.arch ?? 'arm64',
    installedVersion: installed,
    versions: versions.map((v) => {
      const spec: VersionSpec = typeof v === 'string' ? {version: v} : v;
      return {
        version: spec.version,
        advisories: spec.advisories ?? [],
        security: spec.security ?? false,
        source: spec.source ?? 'brew',
      };
    }),
    ...(extras.pendingReboot === undefined ? {} : {pendingReboot: extras.pendingReboot}),
  };
}

function sec(version: string, source = 'softwareupdate'): VersionSpec {
  return {version, security: true, source};
}

function anInventory(packages: Package[], product = PRODUCT): Inventory {
  return {
    schemaVersion: 1,
    collectedAt: '2025-03-10T00:00:00Z',
    node: {
      hostname: 'mac-1',
      machineId: 'machine-1',
      os: {id: 'macos', versionId: '14.6', name: 'macOS Sonoma'},
      operatingSystem: 'MACOS',
      product,
      arch: 'arm64',
      manager: 'macos',
      root: '/',
      rebootPending: false,
    },
    packages,
    advisories: [],
  };
}

function evaluate(packages: Package[], baseline: Baseline, options: Partial<EvaluateOptions> = {}, product = PRODUCT): Evaluation {
  return evaluateMacos(anInventory(packages, product), baseline, {now: NOW, operation: 'Scan', ...options});
}

function decide(pkg: Package, baseline: Baseline, options: Partial<EvaluateOptions> = {}, product = PRODUCT): Decision {
  return decisionFor(evaluate([pkg], baseline, options, product), pkg.name);
}

/** R1 security only, as most custom macOS baselines start. */
const securityOnly = aBaseline({rules: rules({filters: {CLASSIFICATION: ['Security']}})});
/** A rule that approves everything, security or not. */
const everything = aBaseline({rules: rules({filters: {CLASSIFICATION: ['*']}, enableNonSecurity: true})});

// ---------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------

describe('evaluateMacos: inputs', () => {
  it('refuses a baseline for another operating system', () => {
    expect(() => evaluate([], aBaseline({operatingSystem: 'WINDOWS'}))).toThrow(InputError);
  });

  it('is deterministic and leaves its inputs untouched', () => {
    const packages = [aPackage('wget', '1.0', ['1.1']), aPackage('curl', '8.0', [sec('8.1')])];
    const before = JSON.stringify({packages, securityOnly});
    const first = evaluate(packages, securityOnly);
    expect(evaluate(packages, securityOnly)).toEqual(first);
    expect(JSON.stringify({packages, securityOnly})).toBe(before);
  });
});

describe('step 0a: InstallOverrideList', () => {
  const pkg = aPackage('wget', '1.0', ['1.1', '1.2', '1.3']);

  it('installs the highest newer version for an entry naming the package', () => {
    const overrides: InstallOverrideList = {source: 'o.yaml', patches: [{id: 'curl'}, {id: 'wget'}]};
    expect(decide(pkg, aBaseline(), {operation: 'Install', installOverrideList: overrides})).toMatchObject({
      action: 'install',
      targetVersion: '1.3',
      fallbackVersions: ['1.2', '1.1'],
      reason: {code: 'install-override-list', rule: 'o.yaml: patches[1]'},
      state: 'INSTALLED_OTHER',
    });
  });

  it('installs exactly the version a name.version entry names', () => {
    const overrides: InstallOverrideList = {source: 'o.yaml', patches: [{id: 'wget.1.2'}]};
    expect(decide(pkg, aBaseline(), {operation: 'Install', installOverrideList: overrides})).toMatchObject({
      action: 'install',
      targetVersion: '1.2',
      candidateVersion: '1.3',
      fallbackVersions: [],
    });
  });

  it('leaves a package no entry names, keeping its baseline state', () => {
    const overrides: InstallOverrideList = {source: 'o.yaml', patches: [{id: 'wget.9.9'}, {id: 'wge'}]};
    expect(decide(pkg, everything, {operation: 'Install', installOverrideList: overrides})).toMatchObject({
      action: 'skip',
      reason: {code: 'not-in-override-list', rule: null},
      state: 'MISSING',
    });
  });

  it('is ignored by a Scan', () => {
    const overrides: InstallOverrideList = {source: 'o.yaml', patches: [{id: 'wget'}]};
    expect(decide(pkg, aBaseline(), {operation: 'Scan', installOverrideList: overrides}).reason.code).toBe('not-approved');
  });

  it('never installs a package that is not installed', () => {
    const overrides: InstallOverrideList = {source: 'o.yaml', patches: [{id: 'jq'}]};
    const result = evaluate([aPackage('jq', null, ['1.7'])], aBaseline(), {operation: 'Install', installOverrideList: overrides});
    expect(result.decisions).toEqual([]);
  });
});

describe('step 2: RejectedPatches', () => {
  it('beats a rule and an ApprovedPatches entry (rejected beats approved)', () => {
    const baseline = aBaseline({
      rules: rules({filters: {CLASSIFICATION: ['*']}, enableNonSecurity: true}),
      approvedPatches: patchList('ApprovedPatches', 'MRTConfigData'),
      rejectedPatches: patchList('RejectedPatches', 'XProtectPlistConfigData', 'MRTConfigData'),
    });
    const d = decide(aPackage('MRTConfigData', '1.93', [sec('1.94')]), baseline);
    expect(d).toMatchObject({action: 'skip', reason: {code: 'rejected-patches', rule: 'RejectedPatches[1]'}, state: 'INSTALLED_OTHER'});
    expect(d.reason.detail).toContain('ALLOW_AS_DEPENDENCY');
  });

  it('matches full names exactly: no wildcard, no prefix, no case folding, with a warning for glob-like entries', () => {
    const baseline = aBaseline({
      rules: rules({filters: {CLASSIFICATION: ['*']}, enableNonSecurity: true}),
      rejectedPatches: patchList('RejectedPatches', 'Safari*', 'Safar', 'safari17.6montereyauto'),
    });
    const result = evaluate([aPackage('Safari17.6MontereyAuto', '17.5', [sec('17.6')])], baseline);
    expect(decisionFor(result, 'Safari17.6MontereyAuto').action).toBe('install');
    expect(result.warnings).toEqual([
      "RejectedPatches[0]: 'Safari*' looks like a wildcard, but macOS list entries are exact package names",
    ]);
  });

  it('reports an installed rejected package INSTALLED_REJECTED under BLOCK and INSTALLED_OTHER under ALLOW', () => {
    const pkg = aPackage('node', '20.1', []);
    const allow = evaluate([pkg], aBaseline({rejectedPatches: patchList('RejectedPatches', 'node')}));
    expect(decisionFor(allow, 'node')).toMatchObject({reason: {code: 'rejected-patches'}, state: 'INSTALLED_OTHER'});
    expect(allow.compliance.status).toBe('COMPLIANT');
    const block = evaluate([pkg], aBaseline({rejectedPatches: patchList('RejectedPatches', 'node'), rejectedPatchesAction: 'BLOCK'}));
    expect(decisionFor(block, 'node')).toMatchObject({reason: {code: 'rejected-patches'}, state: 'INSTALLED_REJECTED'});
    expect(block.compliance).toMatchObject({status: 'NON_COMPLIANT', severity: 'INFORMATIONAL'});
  });
});

describe('step 3: GlobalFilters', () => {
  it('PRODUCT compares the node product, accepting every package or none', () => {
    const baseline = aBaseline({globalFilters: globalFilters({PRODUCT: ['macOS14', 'macOS15']}), rules: rules({filters: {}})});
    const pkgs = [aPackage('a', '1', [sec('2')]), aPackage('b', '1', [sec('2')])];
    expect(evaluate(pkgs, baseline).decisions.map((d) => d.action)).toEqual(['install', 'install']);
    const other = evaluate(pkgs, baseline, {}, 'macOS13');
    expect(other.decisions.map((d) => d.reason.code)).toEqual(['global-filter', 'global-filter']);
    expect(other.decisions[0]?.reason.detail).toContain('PRODUCT is macOS13, not one of [macOS14, macOS15]');
  });

  it('CLASSIFICATION=[Security] keeps flagged updates and drops unclassified ones (DECISION-10)', () => {
    const baseline = aBaseline({
      globalFilters: globalFilters({CLASSIFICATION: ['Security']}),
      rules: rules({filters: {}, enableNonSecurity: true}),
    });
    expect(decide(aPackage('XProtectPlistConfigData', '1', [sec('2')]), baseline).action).toBe('install');
    expect(decide(aPackage('wget', '1', ['2']), baseline)).toMatchObject({
      reason: {code: 'global-filter', rule: 'GlobalFilters.PatchFilters[0]'},
    });
  });

  it('accepts an unclassified update with the lone wildcard, and treats a partial wildcard as a literal', () => {
    const wildcard = aBaseline({globalFilters: globalFilters({CLASSIFICATION: ['*']}), rules: rules({enableNonSecurity: true})});
    expect(decide(aPackage('wget', '1', ['2']), wildcard).action).toBe('install');
    const partial = aBaseline({globalFilters: globalFilters({PRODUCT: ['macOS*']}), rules: rules({enableNonSecurity: true})});
    expect(decide(aPackage('wget', '1', ['2']), partial).reason.code).toBe('global-filter');
  });

  it('ORs values and ANDs filters, naming the filter that dropped the update', () => {
    const baseline = aBaseline({
      globalFilters: globalFilters({PRODUCT: ['macOS13', 'macOS14'], CLASSIFICATION: ['Security']}),
      rules: rules({}),
    });
    expect(decide(aPackage('a', '1', [sec('2')]), baseline).action).toBe('install');
    expect(decide(aPackage('a', '1', ['2']), baseline).reason.rule).toBe('GlobalFilters.PatchFilters[1]');
  });

  it('does not stop an ApprovedPatches entry', () => {
    const baseline = aBaseline({
      globalFilters: globalFilters({PRODUCT: ['macOS15']}),
      approvedPatches: patchList('ApprovedPatches', 'curl'),
    });
    expect(decide(aPackage('curl', '8.0', [sec('8.1')]), baseline).reason).toMatchObject({
      code: 'approved-patches',
      rule: 'ApprovedPatches[0]',
    });
  });
});

describe('step 3: ApprovalRules and the security gate', () => {
  it('PRODUCT and CLASSIFICATION filters select within a rule', () => {
    const baseline = aBaseline({rules: rules({filters: {PRODUCT: ['macOS14'], CLASSIFICATION: ['Security']}})});
    expect(decide(aPackage('a', '1', [sec('2')]), baseline).reason).toMatchObject({
      code: 'approval-rule',
      rule: 'ApprovalRules.PatchRules[0]',
    });
    expect(decide(aPackage('a', '1', [sec('2')]), baseline, {}, 'macOS15').reason.code).toBe('not-approved');
  });

  it('needs EnableNonSecurity to approve an update that is not flagged as security', () => {
    const gated = aBaseline({rules: rules({filters: {CLASSIFICATION: ['*']}})});
    const d = decide(aPackage('wget', '1.0', ['1.1']), gated);
    expect(d).toMatchObject({action: 'skip', reason: {code: 'not-security-repo', rule: 'ApprovalRules.PatchRules[0]'}});
    expect(d.reason.detail).toContain('EnableNonSecurity false');
    expect(decide(aPackage('wget', '1.0', ['1.1']), everything).action).toBe('install');
  });

  it('reports not-security-repo when a security-only rule exists, even if its filters do not accept the update', () => {
    expect(decide(aPackage('htop', '3.2', ['3.3']), securityOnly).reason).toMatchObject({
      code: 'not-security-repo',
      rule: 'ApprovalRules.PatchRules[0]',
    });
  });

  it('approves when any rule approves, and ignores dates with a warning', () => {
    const baseline = aBaseline({
      rules: rules(
        {filters: {PRODUCT: ['macOS13']}, approveAfterDays: 0},
        {filters: {CLASSIFICATION: ['Security']}, approveAfterDays: 30},
        {filters: {CLASSIFICATION: ['Security']}, approveUntilDate: '2020-01-01'},
      ),
    });
    const result = evaluate([aPackage('a', '1', [sec('2')])], baseline);
    expect(decisionFor(result, 'a')).toMatchObject({action: 'install', reason: {rule: 'ApprovalRules.PatchRules[1]'}});
    expect(decisionFor(result, 'a').reason.detail).toContain('also approved by ApprovalRules.PatchRules[2]');
    expect(result.warnings).toEqual([
      'ApprovalRules.PatchRules[1]: ApproveAfterDays/ApproveUntilDate are ignored on macOS (no release dates); the rule approves immediately',
      'ApprovalRules.PatchRules[2]: ApproveAfterDays/ApproveUntilDate are ignored on macOS (no release dates); the rule approves immediately',
    ]);
  });

  it('evaluates NAME exactly with --lenient, warning without it', () => {
    const baseline = aBaseline({rules: rules({filters: {NAME: ['curl']}, enableNonSecurity: true})});
    const lenient = evaluate([aPackage('curl', '1', ['2']), aPackage('wget', '1', ['2'])], baseline, {lenient: true});
    expect(lenient.decisions.map((d) => `${d.name} ${d.action}`)).toEqual(['curl install', 'wget skip']);
    expect(lenient.warnings).toEqual([]);
    expect(evaluate([], baseline).warnings[0]).toContain('NAME is not a MACOS baseline filter key');
  });

  it('lets only * accept a key macOS updates do not have', () => {
    const baseline = aBaseline({rules: rules({filters: {SEVERITY: ['Critical']}, enableNonSecurity: true})});
    const result = evaluate([aPackage('a', '1', [sec('2')])], baseline);
    expect(decisionFor(result, 'a').reason.code).toBe('not-approved');
    expect(result.warnings[0]).toContain('SEVERITY is not a property of macOS updates');
  });
});

describe('step 4: ApprovedPatches', () => {
  it('approves a security update by exact name', () => {
    const baseline = aBaseline({approvedPatches: patchList('ApprovedPatches', 'other', 'XProtectPlistConfigData')});
    expect(decide(aPackage('XProtectPlistConfigData', '2180', [sec('2192')]), baseline)).toMatchObject({
      action: 'install',
      targetVersion: '2192',
      reason: {code: 'approved-patches', rule: 'ApprovedPatches[1]'},
    });
  });

  it('needs ApprovedPatchesEnableNonSecurity for a non-security update', () => {
    const listed = aBaseline({approvedPatches: patchList('ApprovedPatches', 'wget')});
    expect(decide(aPackage('wget', '1.0', ['1.1']), listed).reason).toMatchObject({
      code: 'not-security-repo',
      rule: 'ApprovedPatches[0]',
    });
    const enabled = aBaseline({...listed, approvedPatchesEnableNonSecurity: true});
    expect(decide(aPackage('wget', '1.0', ['1.1']), enabled)).toMatchObject({action: 'install', reason: {code: 'approved-patches'}});
  });

  it('approves what no rule approves (approved beats not approved)', () => {
    const baseline = aBaseline({
      rules: rules({filters: {PRODUCT: ['macOS13']}}),
      approvedPatches: patchList('ApprovedPatches', 'curl'),
    });
    expect(decide(aPackage('curl', '8.0', [sec('8.1')]), baseline).action).toBe('install');
  });

  it('reports an installed listed package with nothing newer as up-to-date', () => {
    const baseline = aBaseline({approvedPatches: patchList('ApprovedPatches', 'curl'), approvedPatchesEnableNonSecurity: true});
    expect(decide(aPackage('curl', '8.1', []), baseline)).toMatchObject({
      action: 'skip',
      candidateVersion: null,
      reason: {code: 'up-to-date', rule: 'ApprovedPatches[0]'},
      state: 'INSTALLED',
    });
  });
});

describe('step 5: compliance level', () => {
  it('takes the most severe of approving rules and ApprovedPatchesComplianceLevel (DECISION-24)', () => {
    const baseline = aBaseline({
      rules: rules(
        {filters: {CLASSIFICATION: ['Security']}, complianceLevel: 'HIGH'},
        {filters: {CLASSIFICATION: ['*']}, enableNonSecurity: true, complianceLevel: 'LOW'},
      ),
      approvedPatches: patchList('ApprovedPatches', 'b'),
      approvedPatchesComplianceLevel: 'CRITICAL',
    });
    const result = evaluate([aPackage('a', '1', [sec('2')]), aPackage('b', '1', [sec('2')]), aPackage('c', '1', ['2'])], baseline);
    expect(result.decisions.map((d) => `${d.name} ${d.complianceLevel}`)).toEqual(['a HIGH', 'b CRITICAL', 'c LOW']);
  });

  it('does not count the level of a rule whose security gate fails', () => {
    const baseline = aBaseline({
      rules: rules({filters: {CLASSIFICATION: ['*']}, complianceLevel: 'CRITICAL'}, {filters: {CLASSIFICATION: ['*']}, enableNonSecurity: true, complianceLevel: 'LOW'}),
    });
    expect(decide(aPackage('c', '1', ['2']), baseline).complianceLevel).toBe('LOW');
  });
});

describe('step 6: target version', () => {
  it('installs the highest approved newer version and ignores a newer unapproved one', () => {
    const d = decide(aPackage('curl', '8.0', [sec('8.1'), sec('8.3'), '8.4', sec('8.2')]), securityOnly);
    expect(d).toMatchObject({
      action: 'install',
      candidateVersion: '8.4',
      targetVersion: '8.3',
      fallbackVersions: ['8.2', '8.1'],
      state: 'MISSING',
    });
    expect(d.reason.detail).toContain('also approved: 8.2, 8.1');
  });

  it('orders versions numerically (1.10 above 1.9)', () => {
    expect(decide(aPackage('x', '1.8', ['1.9', '1.10']), everything).targetVersion).toBe('1.10');
  });

  it('does not offer versions at or below the installed one', () => {
    const result = evaluate([aPackage('x', '2.0', ['1.9', '2.0'])], everything);
    expect(result.decisions).toEqual([]);
    expect(result.compliance.counts.INSTALLED).toBe(1);
  });

  it('uses the target version advisories', () => {
    const pkg = aPackage('x', '1', [{version: '2', security: true, advisories: ['ADV-2']}, {version: '3', advisories: ['ADV-3']}]);
    expect(decide(pkg, securityOnly).advisories).toEqual(['ADV-2']);
    expect(decide(pkg, aBaseline()).advisories).toEqual(['ADV-3']);
  });
});

describe('skip reasons in the order of spec §6.6', () => {
  it('prefers global-filter over rejected-patches when no ApprovedPatches entry names the package', () => {
    const baseline = aBaseline({
      globalFilters: globalFilters({CLASSIFICATION: ['Security']}),
      rules: rules({enableNonSecurity: true}),
      rejectedPatches: patchList('RejectedPatches', 'wget'),
    });
    expect(decide(aPackage('wget', '1', ['2']), baseline).reason.code).toBe('global-filter');
    const listed = aBaseline({...baseline, approvedPatches: patchList('ApprovedPatches', 'wget')});
    expect(decide(aPackage('wget', '1', ['2']), listed).reason.code).toBe('rejected-patches');
  });

  it('prefers rejected-patches over not-security-repo, and not-security-repo over not-approved', () => {
    const rejected = aBaseline({...securityOnly, rejectedPatches: patchList('RejectedPatches', 'wget')});
    expect(decide(aPackage('wget', '1', ['2']), rejected).reason.code).toBe('rejected-patches');
    expect(decide(aPackage('wget', '1', ['2']), securityOnly).reason.code).toBe('not-security-repo');
    const lenientRule = aBaseline({rules: rules({filters: {PRODUCT: ['macOS13']}, enableNonSecurity: true})});
    expect(decide(aPackage('wget', '1', ['2']), lenientRule)).toMatchObject({reason: {code: 'not-approved', rule: null}});
  });
});

describe('§6.4/§6.5: states and node compliance', () => {
  it('reports INSTALLED when the installed version itself is approved, INSTALLED_OTHER otherwise', () => {
    const result = evaluate(
      [aPackage('a', '2', [sec('2')]), aPackage('b', '2', []), aPackage('c', '2', [])],
      aBaseline({...securityOnly, approvedPatches: patchList('ApprovedPatches', 'c'), approvedPatchesEnableNonSecurity: true}),
    );
    expect(result.compliance.counts).toMatchObject({INSTALLED: 2, INSTALLED_OTHER: 1});
    expect(result.compliance).toMatchObject({status: 'COMPLIANT', severity: null});
  });

  it('reports INSTALLED_PENDING_REBOOT for an installed package awaiting a reboot', () => {
    const result = evaluate([aPackage('a', '2', [], {pendingReboot: true})], everything);
    expect(result.compliance.counts.INSTALLED_PENDING_REBOOT).toBe(1);
    expect(result.compliance).toMatchObject({status: 'NON_COMPLIANT', severity: 'INFORMATIONAL'});
  });

  it('reports the most severe level of the missing packages', () => {
    const baseline = aBaseline({
      rules: rules({filters: {CLASSIFICATION: ['Security']}, complianceLevel: 'CRITICAL'}, {filters: {}, enableNonSecurity: true, complianceLevel: 'MEDIUM'}),
    });
    const result = evaluate([aPackage('a', '1', [sec('2')]), aPackage('b', '1', ['2'])], baseline);
    expect(result.compliance).toMatchObject({status: 'NON_COMPLIANT', severity: 'CRITICAL'});
    expect(result.compliance.counts.MISSING).toBe(2);
  });

  it('counts an approved package that is not installed NOT_APPLICABLE, with a decision only on request (DECISION-22)', () => {
    const pkgs = [aPackage('jq', null, [sec('1.7')]), aPackage('yq', null, ['4.0'])];
    const hidden = evaluate(pkgs, securityOnly);
    expect(hidden.decisions).toEqual([]);
    expect(hidden.compliance.counts.NOT_APPLICABLE).toBe(1);
    expect(hidden.compliance.status).toBe('COMPLIANT');
    const shown = evaluate(pkgs, securityOnly, {showNotApplicable: true});
    expect(shown.decisions).toHaveLength(1);
    expect(decisionFor(shown, 'jq')).toMatchObject({
      action: 'skip',
      targetVersion: null,
      candidateVersion: '1.7',
      state: 'NOT_APPLICABLE',
      reason: {code: 'approval-rule', rule: 'ApprovalRules.PatchRules[0]'},
    });
    expect(decisionFor(shown, 'jq').reason.detail).toContain('not installed');
  });

  it('counts every compliance state, zero included', () => {
    expect(Object.keys(evaluate([], aBaseline()).compliance.counts).sort()).toEqual([
      'AVAILABLE_SECURITY_UPDATE',
      'FAILED',
      'INSTALLED',
      'INSTALLED_OTHER',
      'INSTALLED_PENDING_REBOOT',
      'INSTALLED_REJECTED',
      'MISSING',
      'NOT_APPLICABLE',
    ]);
  });

  it('sorts decisions by name, then arch', () => {
    const result = evaluate(
      [aPackage('b', '1', ['2']), aPackage('a', '1', ['2'], {arch: 'x86_64'}), aPackage('a', '1', ['2'], {arch: 'arm64'})],
      everything,
    );
    expect(result.decisions.map((d) => `${d.name}/${d.arch}`)).toEqual(['a/arm64', 'a/x86_64', 'b/arm64']);
  });
});

describe('§5: AWS-MacOSDefaultPatchBaseline (DECISION-20)', () => {
  const predefined = aBaseline({
    name: 'AWS-MacOSDefaultPatchBaseline',
    globalFilters: globalFilters({PRODUCT: ['*']}),
    rules: rules(
      {filters: {CLASSIFICATION: ['Security']}, approveAfterDays: 0},
      {filters: {CLASSIFICATION: ['*']}, enableNonSecurity: true, approveAfterDays: 0},
    ),
  });

  it('approves every available update, security or not, from every source', () => {
    const result = evaluate(
      [
        aPackage('XProtectPlistConfigData', '2180', [sec('2192')]),
        aPackage('Safari17.6MontereyAuto', '17.5', [{version: '17.6', source: 'softwareupdate'}]),
        aPackage('wget', '1.24.4', ['1.24.5']),
        aPackage('firefox', '130.0', [{version: '131.0', source: 'brew-cask'}]),
        aPackage('git', '2.46.0', []),
      ],
      predefined,
    );
    expect(result.decisions.map((d) => `${d.name} ${d.action} ${d.targetVersion ?? '-'} ${d.reason.rule ?? '-'}`)).toEqual([
      'Safari17.6MontereyAuto install 17.6 ApprovalRules.PatchRules[1]',
      'XProtectPlistConfigData install 2192 ApprovalRules.PatchRules[0]',
      'firefox install 131.0 ApprovalRules.PatchRules[1]',
      'wget install 1.24.5 ApprovalRules.PatchRules[1]',
    ]);
    expect(result.compliance).toEqual({
      status: 'NON_COMPLIANT',
      severity: 'INFORMATIONAL',
      counts: {
        INSTALLED: 1,
        INSTALLED_OTHER: 0,
        INSTALLED_PENDING_REBOOT: 0,
        INSTALLED_REJECTED: 0,
        MISSING: 4,
        NOT_APPLICABLE: 0,
        FAILED: 0,
        AVAILABLE_SECURITY_UPDATE: 0,
      },
    });
    expect(result.warnings).toEqual([]);
  });

  it('explains the approval with the matched filter and the gate', () => {
    const d = decide(aPackage('wget', '1.24.4', ['1.24.5']), predefined);
    expect(d.reason.detail).toBe(
      'wget 1.24.5 (non-security update from brew) matched CLASSIFICATION=* (EnableNonSecurity true; macOS has no release dates).',
    );
  });
});
