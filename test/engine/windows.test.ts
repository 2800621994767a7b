import {describe, expect, it} from 'vitest';
import type {Baseline, FilterKey} from '../../src/baseline/model.js';
import {InputError} from '../../src/errors.js';
import type {Inventory, NodeInfo, Package} from '../../src/inventory/schema.js';
import type {Decision, EvaluateOptions, Evaluation} from '../../src/engine/engine-io.js';
import type {InstallOverrideList} from '../../src/baseline/model.js';
import {evaluateWindows} from '../../src/engine/windows.js';
import {aBaselineWith, decisionFor, globalFilters, patchList, rules, type RuleSpec} from './builders.js';

// ---------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------

const NOW = new Date('2025-03-10T12:00:00Z');

function aBaseline(fields: Partial<Baseline> = {}): Baseline {
  return aBaselineWith('WINDOWS', {name: 'test-windows', ...fields});
}

interface UpdateSpec {
  readonly kb: string;
  readonly installed?: string | null;
  readonly revision?: string;
  readonly classification?: string;
  readonly severity?: string | null;
  readonly products?: string[];
  readonly family?: string | null;
  readonly patchSet?: 'OS' | 'APPLICATION';
  readonly released?: string | null;
  readonly msrc?: string;
  readonly pendingReboot?: boolean;
  readonly arch?: string;
  readonly noMetadata?: boolean;
}

function anUpdate(spec: UpdateSpec): Package {
  const windows = {
    kbId: spec.kb,
    ...(spec.msrc === undefined ? {} : {msrcNumber: spec.msrc}),
    title: `Update ${spec.kb}`,
    classification: spec.classification ?? 'SecurityUpdates',
    ...(spec.severity === null ? {} : {msrcSeverity: spec.severity ?? 'Critical'}),
    products: spec.products ?? ['WindowsServer2022'],
    ...(spec.family === null ? {} : {productFamily: spec.family ?? 'Windows'}),
    patchSet: spec.patchSet ?? 'OS',
    ...(spec.released === null ? {} : {releaseDate: spec.released ?? '2025-02-01T00:00:00Z'}),
  };
  return {
    name: spec.kb,
    arch: spec.arch ?? 'amd64',
    installedVersion: spec.installed ?? null,
    versions: [
      {
        version: spec.revision ?? '1',
        advisories: [],
        ...(spec.noMetadata === true ? {} : {windows}),
      },
    ],
    ...(spec.pendingReboot === undefined ? {} : {pendingReboot: spec.pendingReboot}),
  };
}

function anInventory(packages: Package[], node: Partial<NodeInfo> = {}): Inventory {
  return {
    schemaVersion: 1,
    collectedAt: '2025-03-10T00:00:00Z',
    node: {
      hostname: 'win-1',
      machineId: 'machine-1',
      os: {id: 'windows', versionId: '10.0.20348', name: 'Windows Server 2022'},
      operatingSystem: 'WINDOWS',
      product: 'WindowsServer2022',
      arch: 'amd64',
      manager: 'windows',
      root: '/',
      rebootPending: false,
      ...node,
    },
    packages,
    advisories: [],
  };
}

function evaluate(packages: Package[], baseline: Baseline, options: Partial<EvaluateOptions> = {}): Evaluation {
  return evaluateWindows(anInventory(packages), baseline, {now: NOW, operation: 'Scan', ...options});
}

/** One update against one baseline, returning its decision. */
function decide(spec: UpdateSpec, baseline: Baseline, options: Partial<EvaluateOptions> = {}): Decision {
  return decisionFor(evaluate([anUpdate(spec)], baseline, options), spec.kb);
}

const anyRule = aBaseline({rules: rules({filters: {}})});

// ---------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------

describe('evaluateWindows: inputs', () => {
  it('refuses a baseline for another operating system', () => {
    expect(() => evaluate([], aBaseline({operatingSystem: 'UBUNTU'}))).toThrow(InputError);
  });

  it('refuses an inventory of another operating system', () => {
    const inventory = anInventory([], {operatingSystem: 'MACOS', manager: 'macos'});
    let thrown: unknown;
    try {
      evaluateWindows(inventory, aBaseline(), {now: NOW, operation: 'Scan'});
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).line()).toBe('inventory: node.operatingSystem: is MACOS, but the baseline is for WINDOWS');
  });

  it('is deterministic and leaves its inputs untouched', () => {
    const packages = [anUpdate({kb: 'KB2'}), anUpdate({kb: 'KB1', classification: 'Updates'})];
    const baseline = aBaseline({rules: rules({filters: {CLASSIFICATION: ['SecurityUpdates']}})});
    const before = JSON.stringify({packages, baseline});
    const first = evaluate(packages, baseline);
    expect(evaluate(packages, baseline)).toEqual(first);
    expect(JSON.stringify({packages, baseline})).toBe(before);
  });
});

describe('step 0a: InstallOverrideList', () => {
  const overrides: InstallOverrideList = {source: 'override.yaml', patches: [{id: 'KB10'}, {id: 'MS25-003'}]};
  const securityOnly = aBaseline({rules: rules({filters: {CLASSIFICATION: ['SecurityUpdates']}})});
  const packages = [
    anUpdate({kb: 'KB10', classification: 'Updates'}),
    anUpdate({kb: 'KB20', msrc: 'MS25-003', classification: 'Updates'}),
    anUpdate({kb: 'KB30'}),
  ];

  it('installs what the list names by KB id or MS bulletin id, ignoring the baseline', () => {
    const result = evaluate(packages, securityOnly, {operation: 'Install', installOverrideList: overrides});
    expect(decisionFor(result, 'KB10')).toMatchObject({
      action: 'install',
      targetVersion: '1',
      reason: {code: 'install-override-list', rule: 'override.yaml: patches[0]'},
      state: 'NOT_APPLICABLE',
    });
    expect(decisionFor(result, 'KB20')).toMatchObject({
      action: 'install',
      reason: {code: 'install-override-list', rule: 'override.yaml: patches[1]'},
      advisories: ['MS25-003'],
    });
  });

  it('leaves an approved update the list does not name, which keeps its MISSING state', () => {
    const result = evaluate(packages, securityOnly, {operation: 'Install', installOverrideList: overrides});
    expect(decisionFor(result, 'KB30')).toMatchObject({
      action: 'skip',
      targetVersion: null,
      reason: {code: 'not-in-override-list', rule: null},
      state: 'MISSING',
    });
  });

  it('is ignored by a Scan', () => {
    const result = evaluate(packages, securityOnly, {operation: 'Scan', installOverrideList: overrides});
    expect(decisionFor(result, 'KB10').reason.code).toBe('not-approved');
    expect(decisionFor(result, 'KB30').reason.code).toBe('approval-rule');
  });

  it('installs a rejected update it names (RejectedPatches does not apply)', () => {
    const baseline = aBaseline({rejectedPatches: patchList('RejectedPatches', 'KB10')});
    const d = decide({kb: 'KB10'}, baseline, {operation: 'Install', installOverrideList: overrides});
    expect(d).toMatchObject({action: 'install', reason: {code: 'install-override-list'}});
    expect(d.reason.detail).toContain("RejectedPatches entry 'KB10' is ignored");
  });

  it('reports an installed update it names as up-to-date', () => {
    const d = decide({kb: 'KB10', installed: '1'}, aBaseline(), {operation: 'Install', installOverrideList: overrides});
    expect(d).toMatchObject({action: 'skip', reason: {code: 'up-to-date', rule: 'override.yaml: patches[0]'}});
  });

  it('does not match an id by prefix or in another case', () => {
    const near: InstallOverrideList = {source: 'o.yaml', patches: [{id: 'KB1'}, {id: 'kb10'}]};
    const d = decide({kb: 'KB10'}, aBaseline(), {operation: 'Install', installOverrideList: near});
    expect(d.reason.code).toBe('not-in-override-list');
  });
});

describe('step 2: RejectedPatches', () => {
  it('beats a rule and an ApprovedPatches entry (rejected beats approved)', () => {
    const baseline = aBaseline({
      rules: rules({filters: {}}),
      approvedPatches: patchList('ApprovedPatches', 'KB1'),
      rejectedPatches: patchList('RejectedPatches', 'KB9', 'KB1'),
    });
    const d = decide({kb: 'KB1'}, baseline);
    expect(d).toMatchObject({
      action: 'skip',
      targetVersion: null,
      reason: {code: 'rejected-patches', rule: 'RejectedPatches[1]'},
      state: 'AVAILABLE_SECURITY_UPDATE',
      complianceLevel: 'UNSPECIFIED',
    });
    expect(d.reason.detail).toContain('ALLOW_AS_DEPENDENCY');
  });

  it('matches the MS bulletin id', () => {
    const baseline = aBaseline({rules: rules({}), rejectedPatches: patchList('RejectedPatches', 'MS10-048')});
    expect(decide({kb: 'KB2032276', msrc: 'MS10-048'}, baseline).reason).toMatchObject({
      code: 'rejected-patches',
      rule: 'RejectedPatches[0]',
    });
  });

  it('matches exactly: no prefix, no wildcard, no case folding', () => {
    const baseline = aBaseline({rules: rules({}), rejectedPatches: patchList('RejectedPatches', 'KB503136', 'KB5*', 'kb5031364')});
    expect(decide({kb: 'KB5031364'}, baseline).action).toBe('install');
  });

  it('skips a rejected update that is not installed under either action', () => {
    for (const action of ['ALLOW_AS_DEPENDENCY', 'BLOCK'] as const) {
      const baseline = aBaseline({rules: rules({}), rejectedPatches: patchList('RejectedPatches', 'KB1'), rejectedPatchesAction: action});
      const d = decide({kb: 'KB1', classification: 'Updates'}, baseline);
      expect(d).toMatchObject({action: 'skip', reason: {code: 'rejected-patches'}, state: 'NOT_APPLICABLE'});
      expect(d.reason.detail).toContain(action);
    }
  });

  it('reports an installed rejected update INSTALLED_OTHER under ALLOW_AS_DEPENDENCY', () => {
    const baseline = aBaseline({rules: rules({}), rejectedPatches: patchList('RejectedPatches', 'KB1')});
    const result = evaluate([anUpdate({kb: 'KB1', installed: '1'})], baseline);
    expect(decisionFor(result, 'KB1')).toMatchObject({action: 'skip', reason: {code: 'rejected-patches'}, state: 'INSTALLED_OTHER'});
    expect(result.compliance).toMatchObject({status: 'COMPLIANT', severity: null});
  });

  it('reports an installed rejected update INSTALLED_REJECTED under BLOCK, making the node non-compliant', () => {
    const baseline = aBaseline({
      rules: rules({}),
      rejectedPatches: patchList('RejectedPatches', 'KB1'),
      rejectedPatchesAction: 'BLOCK',
    });
    const result = evaluate([anUpdate({kb: 'KB1', installed: '1'})], baseline);
    expect(decisionFor(result, 'KB1')).toMatchObject({state: 'INSTALLED_REJECTED'});
    expect(decisionFor(result, 'KB1').reason.detail).toContain('INSTALLED_REJECTED');
    expect(result.compliance).toMatchObject({status: 'NON_COMPLIANT', severity: 'INFORMATIONAL'});
  });
});

describe('step 3: GlobalFilters', () => {
  const cases: {key: FilterKey; pass: UpdateSpec; fail: UpdateSpec; values: string[]}[] = [
    {key: 'PATCH_SET', values: ['OS'], pass: {kb: 'KB1'}, fail: {kb: 'KB1', patchSet: 'APPLICATION'}},
    {
      key: 'PRODUCT',
      values: ['WindowsServer2022'],
      pass: {kb: 'KB1', products: ['WindowsServer2019', 'WindowsServer2022']},
      fail: {kb: 'KB1', products: ['WindowsServer2019']},
    },
    {key: 'PRODUCT_FAMILY', values: ['Windows'], pass: {kb: 'KB1'}, fail: {kb: 'KB1', family: 'Office'}},
    {key: 'CLASSIFICATION', values: ['SecurityUpdates'], pass: {kb: 'KB1'}, fail: {kb: 'KB1', classification: 'Updates'}},
    {key: 'MSRC_SEVERITY', values: ['Critical'], pass: {kb: 'KB1'}, fail: {kb: 'KB1', severity: 'Important'}},
    {key: 'MSRC_SEVERITY', values: ['Unspecified'], pass: {kb: 'KB1', severity: null}, fail: {kb: 'KB1'}},
  ];
  for (const c of cases) {
    it(`${c.key}=[${c.values.join(',')}] keeps a matching update and drops the others`, () => {
      const baseline = aBaseline({globalFilters: globalFilters({[c.key]: c.values}), rules: rules({})});
      expect(decide(c.pass, baseline).action).toBe('install');
      expect(decide(c.fail, baseline)).toMatchObject({
        action: 'skip',
        reason: {code: 'global-filter', rule: 'GlobalFilters.PatchFilters[0]'},
      });
    });
  }

  it('accepts any value, or a missing property, with the lone wildcard', () => {
    const baseline = aBaseline({globalFilters: globalFilters({PRODUCT_FAMILY: ['*'], PRODUCT: ['*']}), rules: rules({})});
    expect(decide({kb: 'KB1', family: null, products: []}, baseline).action).toBe('install');
  });

  it('drops an update that lacks the property unless the value is *', () => {
    const baseline = aBaseline({globalFilters: globalFilters({PRODUCT_FAMILY: ['Windows']}), rules: rules({})});
    expect(decide({kb: 'KB1', family: null}, baseline).reason.code).toBe('global-filter');
  });

  it('treats a partial wildcard as a literal value', () => {
    const baseline = aBaseline({globalFilters: globalFilters({PRODUCT: ['WindowsServer*']}), rules: rules({})});
    expect(decide({kb: 'KB1'}, baseline).reason.code).toBe('global-filter');
  });

  it('ORs the values of one filter and ANDs the filters, naming the filter that dropped it', () => {
    const baseline = aBaseline({
      globalFilters: globalFilters({CLASSIFICATION: ['CriticalUpdates', 'SecurityUpdates'], MSRC_SEVERITY: ['Critical']}),
      rules: rules({}),
    });
    expect(decide({kb: 'KB1', classification: 'CriticalUpdates'}, baseline).action).toBe('install');
    const d = decide({kb: 'KB1', severity: 'Low'}, baseline);
    expect(d.reason).toMatchObject({code: 'global-filter', rule: 'GlobalFilters.PatchFilters[1]'});
    expect(d.reason.detail).toContain('MSRC_SEVERITY is Low, not one of [Critical]');
  });

  it('does not stop an ApprovedPatches entry', () => {
    const baseline = aBaseline({
      globalFilters: globalFilters({CLASSIFICATION: ['SecurityUpdates']}),
      approvedPatches: patchList('ApprovedPatches', 'KB1'),
    });
    expect(decide({kb: 'KB1', classification: 'Updates'}, baseline)).toMatchObject({
      action: 'install',
      reason: {code: 'approved-patches', rule: 'ApprovedPatches[0]'},
    });
  });
});

describe('step 3: ApprovalRules filters', () => {
  const cases: {key: FilterKey; values: string[]; pass: UpdateSpec; fail: UpdateSpec}[] = [
    {key: 'PATCH_SET', values: ['APPLICATION'], pass: {kb: 'KB1', patchSet: 'APPLICATION'}, fail: {kb: 'KB1'}},
    {key: 'PRODUCT', values: ['Office 2016'], pass: {kb: 'KB1', products: ['Office 2016']}, fail: {kb: 'KB1'}},
    {key: 'PRODUCT_FAMILY', values: ['Office'], pass: {kb: 'KB1', family: 'Office'}, fail: {kb: 'KB1'}},
    {key: 'CLASSIFICATION', values: ['Updates'], pass: {kb: 'KB1', classification: 'Updates'}, fail: {kb: 'KB1'}},
    {key: 'MSRC_SEVERITY', values: ['Moderate'], pass: {kb: 'KB1', severity: 'Moderate'}, fail: {kb: 'KB1'}},
  ];
  for (const c of cases) {
    it(`${c.key}=[${c.values.join(',')}] approves only matching updates`, () => {
      const baseline = aBaseline({rules: rules({filters: {[c.key]: c.values}})});
      expect(decide(c.pass, baseline).reason).toMatchObject({code: 'approval-rule', rule: 'ApprovalRules.PatchRules[0]'});
      expect(decide(c.fail, baseline)).toMatchObject({action: 'skip', reason: {code: 'not-approved', rule: null}});
    });
  }

  it('approves with an empty filter group (DECISION-2)', () => {
    expect(decide({kb: 'KB1', classification: 'Drivers', severity: null}, anyRule).action).toBe('install');
  });

  it('approves when any one rule approves, naming the first and listing the others', () => {
    const baseline = aBaseline({
      rules: rules({filters: {CLASSIFICATION: ['Updates']}}, {filters: {MSRC_SEVERITY: ['Critical']}}, {filters: {}}),
    });
    const d = decide({kb: 'KB1'}, baseline);
    expect(d.reason).toMatchObject({code: 'approval-rule', rule: 'ApprovalRules.PatchRules[1]'});
    expect(d.reason.detail).toContain('MSRC_SEVERITY=Critical');
    expect(d.reason.detail).toContain('also approved by ApprovalRules.PatchRules[2]');
  });

  it('says when nothing approves and no rule exists', () => {
    expect(decide({kb: 'KB1'}, aBaseline()).reason.detail).toContain('no approval rules');
  });

  it('warns about a rule without PATCH_SET unless the global filters set it', () => {
    expect(evaluate([], anyRule).warnings).toEqual([
      'ApprovalRules.PatchRules[0]: no PATCH_SET filter, so it accepts OS and APPLICATION updates alike (AWS may default PATCH_SET to OS)',
    ]);
    const withGlobal = aBaseline({globalFilters: globalFilters({PATCH_SET: ['OS']}), rules: rules({})});
    expect(evaluate([], withGlobal).warnings).toEqual([]);
  });

  it('evaluates DescribeAvailablePatches keys exactly with --lenient, and warns without it', () => {
    const baseline = aBaseline({rules: rules({filters: {PATCH_SET: ['OS'], PATCH_ID: ['KB1']}})});
    const lenient = evaluate([anUpdate({kb: 'KB1'}), anUpdate({kb: 'KB2'})], baseline, {lenient: true});
    expect(decisionFor(lenient, 'KB1').action).toBe('install');
    expect(decisionFor(lenient, 'KB2').action).toBe('skip');
    expect(lenient.warnings).toEqual([]);
    expect(evaluate([], baseline).warnings[0]).toContain('PATCH_ID is not a WINDOWS baseline filter key');
  });

  it('lets only * accept a key Windows updates do not have', () => {
    const baseline = aBaseline({rules: rules({filters: {PATCH_SET: ['OS'], SEVERITY: ['Critical']}})});
    const result = evaluate([anUpdate({kb: 'KB1'})], baseline);
    expect(decisionFor(result, 'KB1').reason.code).toBe('not-approved');
    expect(result.warnings[0]).toContain('SEVERITY is not a property of Windows updates');
  });
});

describe('step 3: ApproveAfterDays and ApproveUntilDate', () => {
  const sevenDays = aBaseline({rules: rules({approveAfterDays: 7, filters: {PATCH_SET: ['OS']}})});
  const released = '2025-03-03T12:00:00Z';

  it('is still pending one second before R + N days', () => {
    const d = decide({kb: 'KB1', released}, sevenDays, {now: new Date('2025-03-10T11:59:59Z')});
    expect(d).toMatchObject({action: 'skip', reason: {code: 'approval-pending', rule: 'ApprovalRules.PatchRules[0]'}});
    expect(d.reason.detail).toContain('approved after 2025-03-10T12:00:00Z');
    expect(d.reason.detail).toContain('released 2025-03-03T12:00:00Z, 6 days ago');
  });

  it('is still pending at exactly R + N days (strict, DECISION-15)', () => {
    const d = decide({kb: 'KB1', released}, sevenDays, {now: new Date('2025-03-10T12:00:00Z')});
    expect(d.reason.code).toBe('approval-pending');
  });

  it('approves one second after R + N days', () => {
    const d = decide({kb: 'KB1', released}, sevenDays, {now: new Date('2025-03-10T12:00:01Z')});
    expect(d).toMatchObject({action: 'install', targetVersion: '1', state: 'MISSING', reason: {code: 'approval-rule'}});
    expect(d.reason.detail).toContain('approved since 2025-03-10T12:00:00Z (ApproveAfterDays 7)');
  });

  it('does not approve a future release with ApproveAfterDays 0', () => {
    const zero = aBaseline({rules: rules({approveAfterDays: 0})});
    const d = decide({kb: 'KB1', released: '2025-03-10T12:00:01Z'}, zero);
    expect(d.reason.code).toBe('approval-pending');
    expect(d.reason.detail).toContain('in the future');
    expect(decide({kb: 'KB1', released: '2025-03-10T11:59:59Z'}, zero).action).toBe('install');
  });

  it('treats a missing release date as 1970-01-01', () => {
    const year = aBaseline({rules: rules({approveAfterDays: 360})});
    const d = decide({kb: 'KB1', released: null}, year);
    expect(d.action).toBe('install');
    expect(d.reason.detail).toContain('no release date');
  });

  it('reports the earliest instant when several rules are pending', () => {
    const baseline = aBaseline({rules: rules({approveAfterDays: 30}, {approveAfterDays: 10}, {approveAfterDays: 20})});
    const d = decide({kb: 'KB1', released: '2025-03-01T00:00:00Z'}, baseline);
    expect(d.reason).toMatchObject({code: 'approval-pending', rule: 'ApprovalRules.PatchRules[1]'});
    expect(d.reason.detail).toContain('2025-03-11T00:00:00Z');
  });

  const untilFeb28 = aBaseline({rules: rules({approveUntilDate: '2025-02-28'})});

  it('approves a release one second before the day after ApproveUntilDate', () => {
    const d = decide({kb: 'KB1', released: '2025-02-28T23:59:59Z'}, untilFeb28, {now: new Date('2026-01-01T00:00:00Z')});
    expect(d.action).toBe('install');
    expect(d.reason.detail).toContain('on or before ApproveUntilDate 2025-02-28');
  });

  it('never approves a release at or after the day after ApproveUntilDate', () => {
    for (const r of ['2025-03-01T00:00:00Z', '2025-03-01T00:00:01Z']) {
      const d = decide({kb: 'KB1', released: r}, untilFeb28);
      expect(d.reason).toMatchObject({code: 'approval-cutoff', rule: 'ApprovalRules.PatchRules[0]'});
    }
  });

  it('prefers approval-pending over approval-cutoff (spec §6.6 order)', () => {
    const baseline = aBaseline({rules: rules({approveUntilDate: '2025-02-28'}, {approveAfterDays: 30})});
    expect(decide({kb: 'KB1', released: '2025-03-05T00:00:00Z'}, baseline).reason).toMatchObject({
      code: 'approval-pending',
      rule: 'ApprovalRules.PatchRules[1]',
    });
  });

  it('prefers rejected-patches over approval-pending, and global-filter over both', () => {
    const pendingRejected = aBaseline({rules: rules({approveAfterDays: 30}), rejectedPatches: patchList('RejectedPatches', 'KB1')});
    expect(decide({kb: 'KB1'}, pendingRejected).reason.code).toBe('rejected-patches');
    const filteredRejected = aBaseline({
      ...pendingRejected,
      globalFilters: globalFilters({CLASSIFICATION: ['Updates']}),
    });
    expect(decide({kb: 'KB1'}, filteredRejected).reason.code).toBe('global-filter');
  });
});

describe('step 4: ApprovedPatches', () => {
  it('approves by KB id with no rule, whatever the release date', () => {
    const baseline = aBaseline({approvedPatches: patchList('ApprovedPatches', 'KB1')});
    const d = decide({kb: 'KB1', released: '2025-03-10T12:00:01Z', classification: 'Updates'}, baseline);
    expect(d).toMatchObject({action: 'install', state: 'MISSING', reason: {code: 'approved-patches', rule: 'ApprovedPatches[0]'}});
  });

  it('approves by MS bulletin id', () => {
    const baseline = aBaseline({approvedPatches: patchList('ApprovedPatches', 'KB9', 'MS10-048')});
    expect(decide({kb: 'KB2032276', msrc: 'MS10-048'}, baseline).reason).toMatchObject({
      code: 'approved-patches',
      rule: 'ApprovedPatches[1]',
    });
  });

  it('approves what no rule approves (approved beats not approved)', () => {
    const baseline = aBaseline({
      rules: rules({filters: {CLASSIFICATION: ['SecurityUpdates']}, approveAfterDays: 30}),
      approvedPatches: patchList('ApprovedPatches', 'KB1'),
    });
    expect(decide({kb: 'KB1'}, baseline).action).toBe('install');
  });

  it('approves an update without catalog metadata, which only the list can name', () => {
    const baseline = aBaseline({rules: rules({filters: {CLASSIFICATION: ['SecurityUpdates']}}), approvedPatches: patchList('ApprovedPatches', 'KB7')});
    const result = evaluate([anUpdate({kb: 'KB7', noMetadata: true}), anUpdate({kb: 'KB8', noMetadata: true})], baseline);
    expect(decisionFor(result, 'KB7').action).toBe('install');
    expect(decisionFor(result, 'KB8')).toMatchObject({action: 'skip', state: 'NOT_APPLICABLE'});
    expect(result.warnings).toContain("KB8: no Windows update metadata; only ApprovedPatches and '*' filters can approve it");
  });

  it('reports an installed listed update as up-to-date and INSTALLED', () => {
    const baseline = aBaseline({approvedPatches: patchList('ApprovedPatches', 'KB1')});
    expect(decide({kb: 'KB1', installed: '1'}, baseline)).toMatchObject({
      action: 'skip',
      candidateVersion: null,
      reason: {code: 'up-to-date', rule: 'ApprovedPatches[0]'},
      state: 'INSTALLED',
    });
  });
});

describe('step 5: compliance level', () => {
  it('takes the most severe of the approving rules and ApprovedPatchesComplianceLevel (DECISION-24)', () => {
    const baseline = aBaseline({
      rules: rules({complianceLevel: 'LOW'}, {complianceLevel: 'HIGH', filters: {MSRC_SEVERITY: ['Critical']}}, {complianceLevel: 'MEDIUM'}),
    });
    expect(decide({kb: 'KB1'}, baseline).complianceLevel).toBe('HIGH');
    const listed = aBaseline({
      ...baseline,
      approvedPatches: patchList('ApprovedPatches', 'KB1'),
      approvedPatchesComplianceLevel: 'CRITICAL',
    });
    expect(decide({kb: 'KB1'}, listed).complianceLevel).toBe('CRITICAL');
  });

  it('ignores the level of a rule that is still pending', () => {
    const baseline = aBaseline({rules: rules({complianceLevel: 'LOW'}, {complianceLevel: 'CRITICAL', approveAfterDays: 300})});
    expect(decide({kb: 'KB1'}, baseline).complianceLevel).toBe('LOW');
  });

  it('gives unapproved updates UNSPECIFIED', () => {
    expect(decide({kb: 'KB1'}, aBaseline()).complianceLevel).toBe('UNSPECIFIED');
  });
});

describe('step 6: target, states and decisions', () => {
  it('installs an approved, applicable update although nothing of it is installed', () => {
    expect(decide({kb: 'KB1', revision: '3'}, anyRule)).toEqual({
      name: 'KB1',
      arch: 'amd64',
      installedVersion: null,
      candidateVersion: '3',
      action: 'install',
      targetVersion: '3',
      reason: {
        code: 'approval-rule',
        rule: 'ApprovalRules.PatchRules[0]',
        detail:
          'KB1 (SecurityUpdates, MSRC Critical) released 2025-02-01T00:00:00Z, 37 days ago, matched an empty filter group (accepts every update) and is approved since 2025-02-01T00:00:00Z (ApproveAfterDays 0).',
      },
      advisories: [],
      complianceLevel: 'UNSPECIFIED',
      state: 'MISSING',
      fallbackVersions: [],
    });
  });

  it('installs a newer revision of an installed approved update', () => {
    expect(decide({kb: 'KB1', installed: '1', revision: '2'}, anyRule)).toMatchObject({
      action: 'install',
      installedVersion: '1',
      candidateVersion: '2',
      targetVersion: '2',
      state: 'MISSING',
    });
  });

  it('gives no decision to an installed update nothing names, but counts its state', () => {
    const result = evaluate(
      [
        anUpdate({kb: 'KB1', installed: '1'}),
        anUpdate({kb: 'KB2', installed: '1', classification: 'Updates'}),
      ],
      aBaseline({rules: rules({filters: {CLASSIFICATION: ['SecurityUpdates']}})}),
    );
    expect(result.decisions).toEqual([]);
    expect(result.compliance.counts).toMatchObject({INSTALLED: 1, INSTALLED_OTHER: 1});
    expect(result.compliance.status).toBe('COMPLIANT');
  });

  it('reports INSTALLED_PENDING_REBOOT for an installed update awaiting a reboot', () => {
    const result = evaluate(
      [anUpdate({kb: 'KB1', installed: '1', pendingReboot: true}), anUpdate({kb: 'KB2', installed: '1', pendingReboot: false})],
      aBaseline({rules: rules({complianceLevel: 'HIGH'})}),
    );
    expect(result.compliance.counts).toMatchObject({INSTALLED_PENDING_REBOOT: 1, INSTALLED: 1});
    expect(result.compliance).toMatchObject({status: 'NON_COMPLIANT', severity: 'HIGH'});
  });

  it('sorts decisions by name, then arch', () => {
    const result = evaluate(
      [anUpdate({kb: 'KB2'}), anUpdate({kb: 'KB1', arch: 'x86'}), anUpdate({kb: 'KB1', arch: 'arm64'})],
      anyRule,
    );
    expect(result.decisions.map((d) => `${d.name}/${d.arch}`)).toEqual(['KB1/arm64', 'KB1/x86', 'KB2/amd64']);
  });

  it('records the MS bulletin id among the advisories', () => {
    expect(decide({kb: 'KB1', msrc: 'MS25-001'}, anyRule).advisories).toEqual(['MS25-001']);
  });
});

describe('§6.5: node compliance and AVAILABLE_SECURITY_UPDATE', () => {
  const pendingSecurity = (status: 'COMPLIANT' | 'NON_COMPLIANT'): Baseline =>
    aBaseline({rules: rules({approveAfterDays: 90}), availableSecurityUpdatesComplianceStatus: status});

  it('marks an unapproved security update AVAILABLE_SECURITY_UPDATE, compliant by default', () => {
    const result = evaluate([anUpdate({kb: 'KB1'})], pendingSecurity('COMPLIANT'));
    expect(decisionFor(result, 'KB1')).toMatchObject({state: 'AVAILABLE_SECURITY_UPDATE', reason: {code: 'approval-pending'}});
    expect(result.compliance).toMatchObject({status: 'COMPLIANT', severity: null});
    expect(result.compliance.counts.AVAILABLE_SECURITY_UPDATE).toBe(1);
  });

  it('counts it as non-compliant (INFORMATIONAL) when the baseline says NON_COMPLIANT', () => {
    const result = evaluate([anUpdate({kb: 'KB1'})], pendingSecurity('NON_COMPLIANT'));
    expect(result.compliance).toMatchObject({status: 'NON_COMPLIANT', severity: 'INFORMATIONAL'});
  });

  it('does not treat other unapproved classifications as security updates', () => {
    const result = evaluate([anUpdate({kb: 'KB1', classification: 'CriticalUpdates'})], pendingSecurity('NON_COMPLIANT'));
    expect(decisionFor(result, 'KB1').state).toBe('NOT_APPLICABLE');
    expect(result.compliance.status).toBe('COMPLIANT');
  });

  it('reports the most severe level among non-compliant updates, at least INFORMATIONAL', () => {
    const baseline = aBaseline({
      rules: rules(
        {complianceLevel: 'CRITICAL', filters: {MSRC_SEVERITY: ['Critical']}},
        {complianceLevel: 'LOW', filters: {MSRC_SEVERITY: ['Low']}},
        {complianceLevel: 'UNSPECIFIED', filters: {MSRC_SEVERITY: ['Moderate']}},
      ),
    });
    const both = evaluate([anUpdate({kb: 'KB1'}), anUpdate({kb: 'KB2', severity: 'Low'})], baseline);
    expect(both.compliance).toMatchObject({status: 'NON_COMPLIANT', severity: 'CRITICAL'});
    expect(both.compliance.counts.MISSING).toBe(2);
    const unspecified = evaluate([anUpdate({kb: 'KB3', severity: 'Moderate'})], baseline);
    expect(unspecified.compliance).toMatchObject({status: 'NON_COMPLIANT', severity: 'INFORMATIONAL'});
  });

  it('counts every compliance state, zero included', () => {
    expect(evaluate([], aBaseline()).compliance).toEqual({
      status: 'COMPLIANT',
      severity: null,
      counts: {
        INSTALLED: 0,
        INSTALLED_OTHER: 0,
        INSTALLED_PENDING_REBOOT: 0,
        INSTALLED_REJECTED: 0,
        MISSING: 0,
        NOT_APPLICABLE: 0,
        FAILED: 0,
        AVAILABLE_SECURITY_UPDATE: 0,
      },
    });
  });
});

describe('§5: predefined Windows baselines as written', () => {
  // R1 of AWS-DefaultPatchBaseline / AWS-WindowsPredefinedPatchBaseline-OS.
  const osRule: RuleSpec = {
    approveAfterDays: 7,
    filters: {
      PATCH_SET: ['OS'],
      PRODUCT: ['*'],
      CLASSIFICATION: ['CriticalUpdates', 'SecurityUpdates'],
      MSRC_SEVERITY: ['Critical', 'Important'],
    },
  };
  const predefined = (name: string, ...specs: RuleSpec[]): Baseline =>
    aBaseline({name, globalFilters: globalFilters({PRODUCT: ['*']}), rules: rules(...specs)});
  const defaultBaseline = predefined('AWS-DefaultPatchBaseline', osRule);
  const osApplications = predefined('AWS-WindowsPredefinedPatchBaseline-OS-Applications', osRule, {
    approveAfterDays: 7,
    filters: {PATCH_SET: ['APPLICATION'], PRODUCT_FAMILY: ['*'], PRODUCT: ['*'], CLASSIFICATION: ['*']},
  });

  const updates = [
    anUpdate({kb: 'KB1', released: '2025-03-01T00:00:00Z'}),
    anUpdate({kb: 'KB2', severity: 'Important', released: '2025-03-05T00:00:00Z'}),
    anUpdate({kb: 'KB3', severity: 'Moderate', released: '2025-02-01T00:00:00Z'}),
    anUpdate({kb: 'KB4', classification: 'CriticalUpdates', severity: null, released: '2025-02-01T00:00:00Z'}),
    anUpdate({kb: 'KB5', classification: 'CriticalUpdates', severity: 'Important', released: '2025-02-01T00:00:00Z'}),
    anUpdate({
      kb: 'KB6',
      patchSet: 'APPLICATION',
      family: 'Office',
      products: ['Office 2016'],
      classification: 'Updates',
      severity: null,
      released: '2025-02-01T00:00:00Z',
    }),
    anUpdate({kb: 'KB7', classification: 'Updates', severity: null, released: '2025-02-01T00:00:00Z'}),
  ];

  it('AWS-DefaultPatchBaseline approves Critical/Important security and critical OS updates after 7 days', () => {
    const result = evaluate(updates, defaultBaseline);
    const outcome = result.decisions.map((d) => `${d.name} ${d.action} ${d.reason.code} ${d.state}`);
    expect(outcome).toEqual([
      'KB1 install approval-rule MISSING',
      'KB2 skip approval-pending AVAILABLE_SECURITY_UPDATE',
      'KB3 skip not-approved AVAILABLE_SECURITY_UPDATE',
      'KB4 skip not-approved NOT_APPLICABLE',
      'KB5 install approval-rule MISSING',
      'KB6 skip not-approved NOT_APPLICABLE',
      'KB7 skip not-approved NOT_APPLICABLE',
    ]);
    expect(decisionFor(result, 'KB2').reason.detail).toContain('approved after 2025-03-12T00:00:00Z');
    expect(result.compliance).toMatchObject({status: 'NON_COMPLIANT', severity: 'INFORMATIONAL'});
    expect(result.warnings).toEqual([]);
  });

  it('AWS-WindowsPredefinedPatchBaseline-OS-Applications also approves every application update', () => {
    const result = evaluate(updates, osApplications);
    expect(decisionFor(result, 'KB6')).toMatchObject({
      action: 'install',
      reason: {code: 'approval-rule', rule: 'ApprovalRules.PatchRules[1]'},
      complianceLevel: 'UNSPECIFIED',
    });
    expect(decisionFor(result, 'KB7').action).toBe('skip');
    expect(decisionFor(result, 'KB1').reason.rule).toBe('ApprovalRules.PatchRules[0]');
  });
});
