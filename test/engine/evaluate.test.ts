/**
 * The decision engine, one describe per workflow step of spec §6.1 (plus dates, the security
 * test and states), with the per-family differences the spec's "revised" notes call out.
 */
import {describe, expect, it} from 'vitest';

import {evaluateBaseline} from '../../src/engine/evaluate.js';
import {linuxFamilyFor} from '../../src/engine/families/index.js';
import {evaluateWindows} from '../../src/engine/windows.js';
import {
  aBaseline,
  aPackage,
  aVersion,
  anAdvisory,
  anInventory,
  anOverrideList,
  decisionFor,
  evaluate,
  hasDecision,
  predefinedAptRules,
  predefinedRpmRules,
} from './builders.js';

const SEC_IMPORTANT = {type: 'security', severity: 'Important', issued: '2025-03-01T00:00:00Z', updated: '2025-03-01T00:00:00Z'};
const securityRule = {filters: {CLASSIFICATION: ['Security'], SEVERITY: ['Critical', 'Important']}};

describe('family selection and dispatch', () => {
  it.each([
    ['AMAZON_LINUX_2', 'dnf', 'yum'],
    ['AMAZON_LINUX', 'yum', 'yum'],
    ['REDHAT_ENTERPRISE_LINUX', 'yum', 'yum'],
    ['REDHAT_ENTERPRISE_LINUX', 'dnf', 'dnf'],
    ['CENTOS', 'yum', 'yum'],
    ['ORACLE_LINUX', 'dnf', 'dnf'],
    ['AMAZON_LINUX_2023', 'dnf', 'dnf'],
    ['ROCKY_LINUX', 'dnf', 'dnf'],
    ['SUSE', 'zypper', 'zypper'],
    ['UBUNTU', 'apt', 'apt'],
    ['RASPBIAN', 'apt', 'apt'],
    ['WINDOWS', 'windows', null],
    ['MACOS', 'macos', null],
  ] as const)('%s with manager %s → %s', (os, manager, family) => {
    expect(linuxFamilyFor(os, manager)).toBe(family);
  });

  it('hands WINDOWS baselines to the Windows engine', () => {
    const inventory = anInventory({os: 'WINDOWS', product: 'WindowsServer2022'});
    const baseline = aBaseline({operatingSystem: 'WINDOWS'});
    const options = {now: new Date('2025-06-01T00:00:00Z'), operation: 'Scan' as const};
    expect(evaluateBaseline(inventory, baseline, options)).toEqual(evaluateWindows(inventory, baseline, options));
  });
});

describe('step 0: python3-apt prerequisite (apt only, DECISION-18)', () => {
  const ubuntu = (pkgs: Parameters<typeof anInventory>[0]['packages']) =>
    anInventory({os: 'UBUNTU', product: 'Ubuntu22.04', arch: 'amd64', packages: pkgs});
  const baseline = aBaseline({operatingSystem: 'UBUNTU', rules: predefinedAptRules()});

  it.each(['Install', 'Scan'] as const)('upgrades python3-apt to apt\'s candidate on %s', (operation) => {
    const inv = ubuntu([
      aPackage('python3-apt', {
        arch: 'amd64',
        installed: '2.4.0ubuntu3',
        versions: [
          aVersion('2.4.0ubuntu4', {suites: ['jammy-updates'], candidate: true, priority: 'important'}),
          aVersion('2.4.0ubuntu5', {suites: ['jammy-proposed'], priority: 'important'}),
        ],
      }),
    ]);
    const d = decisionFor(evaluate(inv, baseline, {operation}), 'python3-apt');
    expect(d).toMatchObject({
      action: 'install',
      targetVersion: '2.4.0ubuntu4',
      installedVersion: '2.4.0ubuntu3',
      reason: {code: 'python3-apt-prerequisite', rule: null},
      // After the pre-step: 2.4.0ubuntu4 is not security and ubuntu5 is not either (E28).
      state: 'INSTALLED_OTHER',
    });
  });

  it('uses the highest version when no version is marked candidate', () => {
    const inv = ubuntu([aPackage('python3-apt', {arch: 'amd64', installed: '2.4.0ubuntu3', versions: ['2.4.0ubuntu4', '2.4.0ubuntu5']})]);
    expect(decisionFor(evaluate(inv, baseline), 'python3-apt').targetVersion).toBe('2.4.0ubuntu5');
  });

  it('installs python3-apt when it is missing but offered', () => {
    const inv = ubuntu([aPackage('python3-apt', {arch: 'amd64', installed: null, versions: [aVersion('2.4.0ubuntu4', {candidate: true})]})]);
    const ev = evaluate(inv, baseline, {operation: 'Scan'});
    expect(decisionFor(ev, 'python3-apt')).toMatchObject({installedVersion: null, action: 'install', targetVersion: '2.4.0ubuntu4'});
    expect(ev.compliance.counts.INSTALLED_OTHER).toBe(1);
  });

  it('runs even with an InstallOverrideList that does not name it', () => {
    const inv = ubuntu([aPackage('python3-apt', {arch: 'amd64', installed: '2.4.0ubuntu3', versions: [aVersion('2.4.0ubuntu4', {candidate: true})]})]);
    const ev = evaluate(inv, baseline, {installOverrideList: anOverrideList([{id: 'openssl'}])});
    expect(decisionFor(ev, 'python3-apt').reason.code).toBe('python3-apt-prerequisite');
  });

  it('does nothing when python3-apt is already at the candidate', () => {
    const inv = ubuntu([aPackage('python3-apt', {arch: 'amd64', installed: '2.4.0ubuntu4', versions: [aVersion('2.4.0ubuntu4', {candidate: true})]})]);
    expect(hasDecision(evaluate(inv, baseline), 'python3-apt')).toBe(false);
  });

  it('lets the baseline install a higher approved version than the candidate, noting the pre-step', () => {
    const inv = ubuntu([
      aPackage('python3-apt', {
        arch: 'amd64',
        installed: '2.4.0ubuntu3',
        versions: [
          aVersion('2.4.0ubuntu4', {candidate: true, priority: 'important', suites: ['jammy-updates']}),
          aVersion('2.4.0ubuntu5', {priority: 'important', suites: ['jammy-security']}),
        ],
      }),
    ]);
    const d = decisionFor(evaluate(inv, baseline), 'python3-apt');
    expect(d).toMatchObject({targetVersion: '2.4.0ubuntu5', reason: {code: 'approval-rule'}, state: 'MISSING'});
    expect(d.reason.detail).toContain('pre-step first upgrades python3-apt to 2.4.0ubuntu4');
  });

  it('is an ordinary package on rpm families', () => {
    const inv = anInventory({os: 'AMAZON_LINUX_2023', packages: [aPackage('python3-apt', {installed: '1-1', versions: ['1-2']})]});
    const d = decisionFor(evaluate(inv, aBaseline({operatingSystem: 'AMAZON_LINUX_2023', rules: [securityRule]})), 'python3-apt');
    expect(d.action).toBe('skip');
  });
});

describe('step 0a: InstallOverrideList (spec §6.3, DECISION-21)', () => {
  const al2023 = aBaseline({operatingSystem: 'AMAZON_LINUX_2023', rules: predefinedRpmRules()});
  const inventory = anInventory({
    os: 'AMAZON_LINUX_2023',
    packages: [
      aPackage('htop', {installed: '3.2.2-1.amzn2023', versions: ['3.2.3-1.amzn2023', '3.3.0-1.amzn2023']}),
      aPackage('openssl-libs', {
        installed: '1:3.0.8-1.amzn2023.0.16',
        versions: [aVersion('1:3.0.8-1.amzn2023.0.18', {advisories: ['ALAS2023-2025-700']})],
      }),
    ],
    advisories: [anAdvisory('ALAS2023-2025-700', SEC_IMPORTANT)],
  });

  it('installs the highest newer version an entry selects; other packages are not touched', () => {
    const ev = evaluate(inventory, al2023, {now: '2025-03-20T00:00:00Z', installOverrideList: anOverrideList([{id: 'htop.x86_64'}])});
    expect(decisionFor(ev, 'htop')).toMatchObject({
      action: 'install',
      targetVersion: '3.3.0-1.amzn2023',
      fallbackVersions: ['3.2.3-1.amzn2023'],
      reason: {code: 'install-override-list', rule: 'override.yaml: patches[0]'},
      // Not approved by the baseline: the list installs it anyway, a Scan reports INSTALLED_OTHER.
      complianceLevel: 'UNSPECIFIED',
    });
    expect(decisionFor(ev, 'openssl-libs')).toMatchObject({action: 'skip', reason: {code: 'not-in-override-list', rule: null}, state: 'MISSING'});
  });

  it('is ignored by a Scan', () => {
    const ev = evaluate(inventory, al2023, {now: '2025-03-20T00:00:00Z', operation: 'Scan', installOverrideList: anOverrideList([{id: 'htop.x86_64'}])});
    expect(decisionFor(ev, 'htop').reason.code).toBe('not-security-repo');
    expect(decisionFor(ev, 'openssl-libs').reason.code).toBe('approval-rule');
  });

  it('requires id and title to match some rendered form each', () => {
    const pick = (title: string) =>
      decisionFor(evaluate(inventory, al2023, {installOverrideList: anOverrideList([{id: 'htop', title}])}), 'htop');
    expect(pick('*3.2.3-1.amzn2023').targetVersion).toBe('3.2.3-1.amzn2023');
    expect(pick('htop.x86_64:0:3.3.0-1.amzn2023').targetVersion).toBe('3.3.0-1.amzn2023');
    expect(pick('4.0*').reason.code).toBe('not-in-override-list');
  });

  it('ignores RejectedPatches on dnf but not on yum, where rejected versions are excluded', () => {
    const list = anOverrideList([{id: 'htop*'}]);
    const dnf = evaluate(inventory, aBaseline({operatingSystem: 'AMAZON_LINUX_2023', rejectedPatches: ['htop-3.3.0*']}), {installOverrideList: list});
    expect(decisionFor(dnf, 'htop').targetVersion).toBe('3.3.0-1.amzn2023');
    const yumInventory = anInventory({os: 'AMAZON_LINUX_2', packages: [aPackage('htop', {installed: '3.2.2-1.amzn2', versions: ['3.2.3-1.amzn2', '3.3.0-1.amzn2']})]});
    const yum = evaluate(yumInventory, aBaseline({operatingSystem: 'AMAZON_LINUX_2', rejectedPatches: ['htop-3.3.0*']}), {installOverrideList: list});
    expect(decisionFor(yum, 'htop').targetVersion).toBe('3.2.3-1.amzn2');
  });

  it('reports up-to-date for a named package with nothing newer', () => {
    const inv = anInventory({os: 'AMAZON_LINUX_2023', packages: [aPackage('zlib', {installed: '1.2.11-1', versions: ['1.2.11-1']})]});
    const d = decisionFor(evaluate(inv, al2023, {installOverrideList: anOverrideList([{id: 'zlib'}])}), 'zlib');
    expect(d).toMatchObject({action: 'skip', targetVersion: null, reason: {code: 'up-to-date', rule: 'override.yaml: patches[0]'}});
  });

  it('apt BLOCK: a dependency the list pins at another version blocks the target (UG-doc example)', () => {
    const inv = anInventory({
      os: 'UBUNTU',
      arch: 'amd64',
      packages: [
        aPackage('apt', {
          arch: 'amd64',
          installed: '1.2.24',
          versions: [aVersion('1.2.27', {requires: [{name: 'apt-utils', arch: 'amd64', version: '1.2.27'}]})],
        }),
        aPackage('apt-utils', {arch: 'amd64', installed: '1.2.24', versions: ['1.2.25', '1.2.27']}),
      ],
    });
    const list = anOverrideList([{id: 'apt.amd64'}, {id: 'apt-utils', title: '1.2.25'}]);
    const block = evaluate(inv, aBaseline({operatingSystem: 'UBUNTU', rejectedPatchesAction: 'BLOCK'}), {installOverrideList: list});
    expect(decisionFor(block, 'apt')).toMatchObject({action: 'skip', reason: {code: 'blocked-dependency', rule: 'override.yaml: patches[1]'}});
    expect(decisionFor(block, 'apt-utils').targetVersion).toBe('1.2.25');
    const allow = evaluate(inv, aBaseline({operatingSystem: 'UBUNTU'}), {installOverrideList: list});
    expect(decisionFor(allow, 'apt').targetVersion).toBe('1.2.27');
  });
});

describe('step 1: candidates and the packages that get decisions', () => {
  it('candidateVersion is the highest newer version; older and equal ones are no candidates', () => {
    const inv = anInventory({os: 'AMAZON_LINUX_2023', packages: [aPackage('foo', {installed: '2.0-1', versions: ['1.0-1', '2.0-1', '2.1-1', '2.0-5']})]});
    const d = decisionFor(evaluate(inv, aBaseline({operatingSystem: 'AMAZON_LINUX_2023', rules: [securityRule]})), 'foo');
    expect(d).toMatchObject({candidateVersion: '2.1-1', installedVersion: '2.0-1', action: 'skip'});
  });

  it('a package with nothing newer and not named by the baseline gets no decision but is counted', () => {
    const inv = anInventory({os: 'AMAZON_LINUX_2', packages: [aPackage('zlib', {installed: '1.2.7-19.amzn2.0.3'})]});
    const ev = evaluate(inv, aBaseline({operatingSystem: 'AMAZON_LINUX_2', rules: predefinedRpmRules()}));
    expect(ev.decisions).toEqual([]);
    expect(ev.compliance.counts.INSTALLED_OTHER).toBe(1);
  });

  it('a package named by ApprovedPatches with nothing newer is up-to-date', () => {
    const inv = anInventory({os: 'AMAZON_LINUX_2023', packages: [aPackage('zlib', {installed: '1.2.11-1'})]});
    const d = decisionFor(evaluate(inv, aBaseline({operatingSystem: 'AMAZON_LINUX_2023', approvedPatches: ['zlib']})), 'zlib');
    expect(d).toMatchObject({action: 'skip', reason: {code: 'up-to-date', rule: 'ApprovedPatches[0]'}, candidateVersion: null, advisories: []});
  });

  it('not-installed packages are never targets: NOT_APPLICABLE when approved, decisions only on request', () => {
    const inv = anInventory({
      os: 'AMAZON_LINUX_2023',
      packages: [
        aPackage('telnet', {installed: null, versions: [aVersion('1:0.17-85.amzn2023', {advisories: ['A-1']})]}),
        aPackage('nc', {installed: null, versions: ['1.0-1']}),
      ],
      advisories: [anAdvisory('A-1', SEC_IMPORTANT)],
    });
    const baseline = aBaseline({operatingSystem: 'AMAZON_LINUX_2023', rules: [{...securityRule, complianceLevel: 'HIGH'}]});
    const hidden = evaluate(inv, baseline);
    expect(hidden.decisions).toEqual([]);
    expect(hidden.compliance.counts.NOT_APPLICABLE).toBe(1);
    expect(hidden.compliance.status).toBe('COMPLIANT');
    const shown = evaluate(inv, baseline, {showNotApplicable: true});
    expect(shown.decisions).toHaveLength(1);
    expect(decisionFor(shown, 'telnet')).toMatchObject({
      action: 'skip',
      targetVersion: null,
      installedVersion: null,
      state: 'NOT_APPLICABLE',
      complianceLevel: 'HIGH',
      reason: {code: 'approval-rule'},
    });
  });

  it('apt counts the installed version as a record: offered from a security origin it is INSTALLED', () => {
    const inv = anInventory({
      os: 'DEBIAN',
      arch: 'amd64',
      packages: [aPackage('bash', {arch: 'amd64', installed: '5.2.15-2+b8', versions: [aVersion('5.2.15-2+b8', {suites: ['bookworm-security'], priority: 'required'})]})],
    });
    const ev = evaluate(inv, aBaseline({operatingSystem: 'DEBIAN', rules: predefinedAptRules()}));
    expect(ev.compliance.counts.INSTALLED).toBe(1);
  });

  it('up-to-date with the predefined rpm rules: INSTALLED on yum, INSTALLED_OTHER on dnf (§6.4, §7 9a)', () => {
    const build = (os: 'AMAZON_LINUX_2' | 'AMAZON_LINUX_2023') =>
      evaluate(
        anInventory({
          os,
          packages: [aPackage('openssl-libs', {installed: '1:1.0.2k-24', versions: [aVersion('1:1.0.2k-24', {advisories: ['A-1']})]})],
          advisories: [anAdvisory('A-1', SEC_IMPORTANT)],
        }),
        aBaseline({operatingSystem: os, rules: predefinedRpmRules()}),
      ).compliance.counts;
    expect(build('AMAZON_LINUX_2')).toMatchObject({INSTALLED: 1, INSTALLED_OTHER: 0});
    expect(build('AMAZON_LINUX_2023')).toMatchObject({INSTALLED: 0, INSTALLED_OTHER: 1});
  });

  it('dnf reports INSTALLED when the bare installed version is approved under EnableNonSecurity', () => {
    const inv = anInventory({os: 'CENTOS', packages: [aPackage('bash', {installed: '5.1.8-9.el9'})]});
    const ev = evaluate(inv, aBaseline({operatingSystem: 'CENTOS', rules: [{filters: {CLASSIFICATION: ['*']}, enableNonSecurity: true}]}));
    expect(ev.compliance.counts.INSTALLED).toBe(1);
  });

  it('zypper reports INSTALLED when the installed version is in an approved patch', () => {
    const inv = anInventory({
      os: 'SUSE',
      packages: [aPackage('libopenssl3', {installed: '3.1.4-150600.5.21.1', versions: [aVersion('3.1.4-150600.5.21.1', {advisories: ['SUSE-2025-700']})]})],
      advisories: [anAdvisory('SUSE-2025-700', {type: 'security', severity: 'important', issued: '2025-02-25T00:00:00Z'})],
    });
    const ev = evaluate(inv, aBaseline({operatingSystem: 'SUSE', rules: [{filters: {CLASSIFICATION: ['Security'], SEVERITY: ['Critical', 'Important']}}]}));
    expect(ev.compliance.counts.INSTALLED).toBe(1);
  });

  it('merges an inventory that lists one package twice (install-only kernels), with a warning', () => {
    const inv = anInventory({
      os: 'AMAZON_LINUX_2023',
      packages: [
        aPackage('kernel', {installed: '6.1.1-1', versions: ['6.1.3-1']}),
        aPackage('kernel', {installed: '6.1.2-1', versions: ['6.1.3-1']}),
      ],
    });
    const ev = evaluate(inv, aBaseline({operatingSystem: 'AMAZON_LINUX_2023', approvedPatches: ['kernel'], approvedPatchesEnableNonSecurity: true}));
    expect(ev.decisions).toHaveLength(1);
    expect(decisionFor(ev, 'kernel')).toMatchObject({installedVersion: '6.1.2-1', targetVersion: '6.1.3-1'});
    expect(ev.warnings.some((w) => w.includes('kernel.x86_64 2 times'))).toBe(true);
  });
});

describe('step 2: RejectedPatches (§3.6, DECISION-11)', () => {
  const inv = anInventory({
    os: 'AMAZON_LINUX_2023',
    packages: [
      aPackage('nginx', {
        installed: '1:1.22.1-1.amzn2023.0.3',
        versions: [
          aVersion('1:1.24.0-1.amzn2023.0.2', {advisories: ['A-401']}),
          aVersion('1:1.24.0-1.amzn2023.0.4', {advisories: ['A-402']}),
        ],
      }),
    ],
    advisories: [anAdvisory('A-401', SEC_IMPORTANT), anAdvisory('A-402', {...SEC_IMPORTANT, severity: 'Critical'})],
  });

  it('rejection wins over explicit approval', () => {
    const baseline = aBaseline({operatingSystem: 'AMAZON_LINUX_2023', approvedPatches: ['nginx'], rejectedPatches: ['nginx']});
    expect(decisionFor(evaluate(inv, baseline), 'nginx')).toMatchObject({action: 'skip', reason: {code: 'rejected-patches', rule: 'RejectedPatches[0]'}});
  });

  it('falls back to the next approved version and notes the rejected one (E8)', () => {
    const baseline = aBaseline({operatingSystem: 'AMAZON_LINUX_2023', rules: [securityRule], rejectedPatches: ['nginx-1.24.0-1.amzn2023.0.4']});
    const d = decisionFor(evaluate(inv, baseline), 'nginx');
    expect(d).toMatchObject({action: 'install', targetVersion: '1:1.24.0-1.amzn2023.0.2', fallbackVersions: [], advisories: ['A-401']});
    expect(d.reason.detail).toContain('1:1.24.0-1.amzn2023.0.4 is rejected by RejectedPatches[0]');
  });

  it('says BLOCK or ALLOW_AS_DEPENDENCY in the detail', () => {
    for (const action of ['BLOCK', 'ALLOW_AS_DEPENDENCY'] as const) {
      const baseline = aBaseline({operatingSystem: 'AMAZON_LINUX_2023', rules: [securityRule], rejectedPatches: ['nginx*'], rejectedPatchesAction: action});
      const d = decisionFor(evaluate(inv, baseline), 'nginx');
      expect(d.reason.code).toBe('rejected-patches');
      expect(d.reason.detail).toContain(`RejectedPatchesAction ${action}`);
      expect(d.advisories).toEqual(['A-402']);
    }
  });

  it('ID-looking entries reject nothing by id and are warned about', () => {
    const baseline = aBaseline({operatingSystem: 'AMAZON_LINUX_2023', rules: [securityRule], rejectedPatches: ['ALAS2023-2025-402', 'CVE-2025-1111', '123456']});
    const ev = evaluate(inv, baseline);
    expect(decisionFor(ev, 'nginx').targetVersion).toBe('1:1.24.0-1.amzn2023.0.4');
    expect(ev.warnings.filter((w) => w.includes('rejects nothing by id'))).toHaveLength(3);
  });

  it('a name.arch entry rejects one architecture only (E11)', () => {
    const multilib = anInventory({
      os: 'AMAZON_LINUX_2',
      packages: ['x86_64', 'i686'].map((arch) =>
        aPackage('libxslt', {arch, installed: '1.1.28-6.amzn2', versions: [aVersion('1.1.28-7.amzn2', {advisories: ['ALAS2-1']})]}),
      ),
      advisories: [anAdvisory('ALAS2-1', {...SEC_IMPORTANT, severity: 'Critical'})],
    });
    const ev = evaluate(multilib, aBaseline({operatingSystem: 'AMAZON_LINUX_2', rules: [securityRule], rejectedPatches: ['libxslt.i686']}));
    expect(decisionFor(ev, 'libxslt', 'x86_64').action).toBe('install');
    expect(decisionFor(ev, 'libxslt', 'i686')).toMatchObject({action: 'skip', state: 'INSTALLED_OTHER', reason: {code: 'rejected-patches'}});
  });
});

describe('step 3: GlobalFilters and ApprovalRules filters (§1.3, §2.3)', () => {
  const rpmInventory = (os: 'AMAZON_LINUX_2' | 'AMAZON_LINUX_2023', advisory: Parameters<typeof anAdvisory>[1] | null, product = 'AmazonLinux') =>
    anInventory({
      os,
      product,
      packages: [aPackage('foo', {installed: '1.0-1', versions: [aVersion('1.0-2', {advisories: advisory ? ['N-1'] : [], repository: 'amazonlinux'})]})],
      advisories: advisory ? [anAdvisory('N-1', advisory)] : [],
    });
  const code = (os: 'AMAZON_LINUX_2' | 'AMAZON_LINUX_2023', advisory: Parameters<typeof anAdvisory>[1] | null, spec: Parameters<typeof aBaseline>[0], product?: string, lenient = false) =>
    decisionFor(evaluate(rpmInventory(os, advisory, product), aBaseline(spec), {lenient}), 'foo').reason.code;

  it('DECISION-5: a version in no notice passes only a `*` filter', () => {
    const rule = (values: string[]) => ({operatingSystem: 'AMAZON_LINUX_2023' as const, rules: [{filters: {CLASSIFICATION: values}, enableNonSecurity: true}]});
    expect(code('AMAZON_LINUX_2023', null, rule(['Security', 'Bugfix']))).toBe('not-approved');
    expect(code('AMAZON_LINUX_2023', null, rule(['*']))).toBe('approval-rule');
  });

  it('SEVERITY of a notice without <severity>: `None` on yum, absent on dnf', () => {
    const spec = (os: 'AMAZON_LINUX_2' | 'AMAZON_LINUX_2023') => ({operatingSystem: os, rules: [{filters: {SEVERITY: ['None']}, enableNonSecurity: true}]});
    const bugfix = {type: 'bugfix', issued: '2025-03-01T00:00:00Z'};
    expect(code('AMAZON_LINUX_2', bugfix, spec('AMAZON_LINUX_2'))).toBe('approval-rule');
    expect(code('AMAZON_LINUX_2023', bugfix, spec('AMAZON_LINUX_2023'))).toBe('not-approved');
  });

  it('Medium is not Moderate on any family (DECISION-9); dnf compares case-insensitively', () => {
    const medium = (os: 'AMAZON_LINUX_2' | 'AMAZON_LINUX_2023') => ({operatingSystem: os, rules: [{filters: {CLASSIFICATION: ['Security'], SEVERITY: ['Medium']}}]});
    expect(code('AMAZON_LINUX_2023', {...SEC_IMPORTANT, severity: 'Moderate'}, medium('AMAZON_LINUX_2023'))).toBe('not-approved');
    expect(code('AMAZON_LINUX_2', {...SEC_IMPORTANT, severity: 'Moderate'}, medium('AMAZON_LINUX_2'))).toBe('not-approved');
    expect(code('AMAZON_LINUX_2023', {...SEC_IMPORTANT, severity: 'medium'}, medium('AMAZON_LINUX_2023'))).toBe('approval-rule');
    expect(code('AMAZON_LINUX_2', {...SEC_IMPORTANT, severity: 'MEDIUM'}, medium('AMAZON_LINUX_2'))).toBe('approval-rule');
  });

  it('yum title-cases the notice value and compares case-sensitively; dnf ignores case', () => {
    const lower = (os: 'AMAZON_LINUX_2' | 'AMAZON_LINUX_2023') => ({operatingSystem: os, rules: [{filters: {CLASSIFICATION: ['security']}}]});
    expect(code('AMAZON_LINUX_2', SEC_IMPORTANT, lower('AMAZON_LINUX_2'))).toBe('not-approved');
    expect(code('AMAZON_LINUX_2023', SEC_IMPORTANT, lower('AMAZON_LINUX_2023'))).toBe('approval-rule');
  });

  it('PRODUCT is a node property compared exactly on rpm families', () => {
    const spec = {operatingSystem: 'AMAZON_LINUX_2023' as const, globalFilters: {PRODUCT: ['AmazonLinux2023']}, rules: [securityRule]};
    expect(code('AMAZON_LINUX_2023', SEC_IMPORTANT, spec, 'AmazonLinux2023')).toBe('approval-rule');
    expect(code('AMAZON_LINUX_2023', SEC_IMPORTANT, spec, 'amazonlinux2023')).toBe('global-filter');
  });

  it('filters AND across keys and OR within values; an empty group accepts everything', () => {
    const both = {operatingSystem: 'AMAZON_LINUX_2023' as const, rules: [{filters: {CLASSIFICATION: ['Bugfix', 'Security'], SEVERITY: ['Low']}}]};
    expect(code('AMAZON_LINUX_2023', SEC_IMPORTANT, both)).toBe('not-approved');
    expect(code('AMAZON_LINUX_2023', {...SEC_IMPORTANT, severity: 'Low'}, both)).toBe('approval-rule');
    expect(code('AMAZON_LINUX_2023', SEC_IMPORTANT, {operatingSystem: 'AMAZON_LINUX_2023', rules: [{}]})).toBe('approval-rule');
  });

  it('any rule approves; the decision cites the first approving rule', () => {
    const spec = {operatingSystem: 'AMAZON_LINUX_2023' as const, rules: [{filters: {SEVERITY: ['Low']}}, {filters: {SEVERITY: ['Important']}}, {}]};
    const d = decisionFor(evaluate(rpmInventory('AMAZON_LINUX_2023', SEC_IMPORTANT), aBaseline(spec)), 'foo');
    expect(d.reason.rule).toBe('ApprovalRules.PatchRules[1]');
  });

  it('a global filter cites its path and the value that failed', () => {
    const spec = {operatingSystem: 'AMAZON_LINUX_2023' as const, globalFilters: {PRODUCT: ['*'], CLASSIFICATION: ['Bugfix']}, rules: [{}]};
    const d = decisionFor(evaluate(rpmInventory('AMAZON_LINUX_2023', SEC_IMPORTANT), aBaseline(spec)), 'foo');
    expect(d.reason).toMatchObject({code: 'global-filter', rule: 'GlobalFilters.PatchFilters[1]'});
    expect(d.reason.detail).toContain('CLASSIFICATION is security, not one of [Bugfix]');
  });

  it('DECISION-8: NAME/REPOSITORY/… are exact-or-* matches, with a warning unless lenient', () => {
    const spec = (values: string[]) => ({operatingSystem: 'AMAZON_LINUX_2023' as const, rules: [{filters: {NAME: values, REPOSITORY: ['amazonlinux']}}]});
    expect(code('AMAZON_LINUX_2023', SEC_IMPORTANT, spec(['foo']), undefined, true)).toBe('approval-rule');
    expect(code('AMAZON_LINUX_2023', SEC_IMPORTANT, spec(['fo*']), undefined, true)).toBe('not-approved');
    const strict = evaluate(rpmInventory('AMAZON_LINUX_2023', SEC_IMPORTANT), aBaseline(spec(['*'])));
    expect(strict.warnings.filter((w) => w.includes('evaluated as an exact-or-* match'))).toHaveLength(2);
    const lenient = evaluate(rpmInventory('AMAZON_LINUX_2023', SEC_IMPORTANT), aBaseline(spec(['*'])), {lenient: true});
    expect(lenient.warnings.filter((w) => w.includes('evaluated as an exact-or-* match'))).toHaveLength(0);
  });

  it('lenient ADVISORY_ID reads `<id>` on yum and the self references on dnf', () => {
    const advisory = {...SEC_IMPORTANT, selfReferences: ['SELF-1']};
    const spec = (os: 'AMAZON_LINUX_2' | 'AMAZON_LINUX_2023', id: string) => ({operatingSystem: os, rules: [{filters: {ADVISORY_ID: [id]}}]});
    expect(code('AMAZON_LINUX_2', advisory, spec('AMAZON_LINUX_2', 'N-1'), undefined, true)).toBe('approval-rule');
    expect(code('AMAZON_LINUX_2023', advisory, spec('AMAZON_LINUX_2023', 'N-1'), undefined, true)).toBe('not-approved');
    expect(code('AMAZON_LINUX_2023', advisory, spec('AMAZON_LINUX_2023', 'SELF-1'), undefined, true)).toBe('approval-rule');
  });

  it('keys that are no property of rpm packages pass only `*`, with a warning', () => {
    const ev = evaluate(rpmInventory('AMAZON_LINUX_2023', SEC_IMPORTANT), aBaseline({operatingSystem: 'AMAZON_LINUX_2023', rules: [{filters: {PRIORITY: ['Required']}}]}));
    expect(decisionFor(ev, 'foo').reason.code).toBe('not-approved');
    expect(ev.warnings.some((w) => w.includes('PRIORITY is not a property'))).toBe(true);
  });

  describe('apt', () => {
    const debian = (product: string) =>
      anInventory({
        os: 'DEBIAN',
        product,
        arch: 'amd64',
        packages: [aPackage('openssh-client', {arch: 'amd64', installed: '1:9.2p1-2+deb12u3', versions: [aVersion('1:9.2p1-2+deb12u5', {suites: ['bookworm-security'], priority: 'standard', section: 'net'})]})],
      });

    it('compares PRODUCT, PRIORITY and SECTION case-insensitively', () => {
      const baseline = aBaseline({operatingSystem: 'DEBIAN', globalFilters: {PRODUCT: ['DEBIAN12']}, rules: [{filters: {PRIORITY: ['Standard'], SECTION: ['NET']}}]});
      expect(decisionFor(evaluate(debian('Debian12'), baseline), 'openssh-client').reason.code).toBe('approval-rule');
      expect(decisionFor(evaluate(debian('Debian11'), baseline), 'openssh-client').reason.code).toBe('global-filter');
    });

    it('ignores every other key (they accept everything), with a warning', () => {
      const baseline = aBaseline({operatingSystem: 'DEBIAN', rules: [{filters: {CLASSIFICATION: ['Bugfix'], NAME: ['nothing']}}]});
      const ev = evaluate(debian('Debian12'), baseline);
      expect(decisionFor(ev, 'openssh-client').reason.code).toBe('approval-rule');
      expect(ev.warnings.filter((w) => w.includes('is ignored on DEBIAN'))).toHaveLength(2);
    });

    it('a version without Priority passes only PRIORITY=[*]', () => {
      const inv = anInventory({os: 'DEBIAN', arch: 'amd64', packages: [aPackage('x', {arch: 'amd64', installed: '1', versions: [aVersion('2', {suites: ['bookworm-security']})]})]});
      expect(decisionFor(evaluate(inv, aBaseline({operatingSystem: 'DEBIAN', rules: predefinedAptRules()})), 'x').reason.code).toBe('not-approved');
      expect(decisionFor(evaluate(inv, aBaseline({operatingSystem: 'DEBIAN', rules: [{filters: {PRIORITY: ['*']}}]})), 'x').reason.code).toBe('approval-rule');
    });
  });
});

describe('dates: release dates (§4.1) and approval delays (§4.2)', () => {
  const sudo = (os: 'AMAZON_LINUX_2' | 'AMAZON_LINUX_2023', advisory: Parameters<typeof anAdvisory>[1], versionSpec: Parameters<typeof aVersion>[1] = {}) =>
    anInventory({
      os,
      packages: [aPackage('sudo', {installed: '1.9.15-1', versions: [aVersion('1.9.15-2', {advisories: ['N-1'], ...versionSpec})]})],
      advisories: [anAdvisory('N-1', advisory)],
    });
  const afterDays = (os: 'AMAZON_LINUX_2' | 'AMAZON_LINUX_2023', days: number) =>
    aBaseline({operatingSystem: os, rules: [{filters: {CLASSIFICATION: ['Security']}, approveAfterDays: days}]});
  const released = {type: 'security', severity: 'Critical', issued: '2025-03-03T12:00:00Z', updated: '2025-03-03T12:00:00Z'};

  it.each([
    ['2025-03-10T11:59:59Z', 'approval-pending'],
    ['2025-03-10T12:00:00Z', 'approval-pending'],
    ['2025-03-10T12:00:01Z', 'approval-rule'],
  ])('ApproveAfterDays 7 is strict (DECISION-15, E2): now %s → %s', (now, expected) => {
    const d = decisionFor(evaluate(sudo('AMAZON_LINUX_2023', released), afterDays('AMAZON_LINUX_2023', 7), {now}), 'sudo');
    expect(d.reason.code).toBe(expected);
    if (expected === 'approval-pending') {
      expect(d.reason.detail).toContain('after 2025-03-10T12:00:00Z');
      expect(d.state).toBe('INSTALLED_OTHER');
    } else {
      expect(d.state).toBe('MISSING');
      expect(d.reason.detail).toContain('7 days ago');
    }
  });

  it('a notice dated in the future is pending until its release, even with 0 days (E3)', () => {
    const d = decisionFor(evaluate(sudo('AMAZON_LINUX_2023', released), afterDays('AMAZON_LINUX_2023', 0), {now: '2025-03-03T11:00:00Z'}), 'sudo');
    expect(d.reason).toMatchObject({code: 'approval-pending', rule: 'ApprovalRules.PatchRules[0]'});
    expect(d.reason.detail).toContain('after 2025-03-03T12:00:00Z');
  });

  it.each([
    ['2025-02-28T23:59:59Z', 'approval-rule'],
    ['2025-03-01T00:00:00Z', 'approval-cutoff'],
  ])('ApproveUntilDate 2025-02-28 (E4): released %s → %s whatever now is', (date, expected) => {
    const baseline = aBaseline({operatingSystem: 'AMAZON_LINUX_2023', rules: [{filters: {CLASSIFICATION: ['Security']}, approveUntilDate: '2025-02-28'}]});
    for (const now of ['2025-03-02T00:00:00Z', '2030-01-01T00:00:00Z']) {
      const inv = sudo('AMAZON_LINUX_2023', {...released, issued: date, updated: date});
      expect(decisionFor(evaluate(inv, baseline, {now}), 'sudo').reason.code).toBe(expected);
    }
  });

  it('yum dates by `updated`, dnf by `issued` (E5)', () => {
    const notice = {type: 'security', severity: 'Important', issued: '2025-02-01T00:00:00Z', updated: '2025-03-08T00:00:00Z'};
    const now = '2025-03-10T12:00:00Z';
    const yum = decisionFor(evaluate(sudo('AMAZON_LINUX_2', notice), afterDays('AMAZON_LINUX_2', 7), {now}), 'sudo');
    expect(yum.reason.code).toBe('approval-pending');
    expect(yum.reason.detail).toContain('2025-03-15T00:00:00Z');
    expect(yum.reason.detail).toContain('notice updated date');
    const dnf = decisionFor(evaluate(sudo('AMAZON_LINUX_2023', notice), afterDays('AMAZON_LINUX_2023', 7), {now}), 'sudo');
    expect(dnf.reason.code).toBe('approval-rule');
    expect(dnf.reason.detail).toContain('approved since 2025-02-08T00:00:00Z');
  });

  it('yum falls back to `issued` when a notice has no `updated`', () => {
    const d = decisionFor(evaluate(sudo('AMAZON_LINUX_2', {type: 'security', issued: '2025-03-05T00:00:00Z'}), afterDays('AMAZON_LINUX_2', 7), {now: '2025-03-10T00:00:00Z'}), 'sudo');
    expect(d.reason.detail).toContain('after 2025-03-12T00:00:00Z');
  });

  it('notice-less versions: yum uses the build time, dnf has no date (E16, E17, DECISION-14)', () => {
    const centos = (manager: 'yum' | 'dnf', buildTime?: string) =>
      anInventory({os: 'CENTOS', manager, packages: [aPackage('curl', {installed: '7.29.0-59', versions: [aVersion('7.29.0-60', buildTime ? {buildTime} : {})]})]});
    const baseline = aBaseline({operatingSystem: 'CENTOS', rules: [{filters: {PRODUCT: ['*'], CLASSIFICATION: ['*'], SEVERITY: ['*']}, enableNonSecurity: true, approveAfterDays: 7}]});
    const now = '2025-03-10T12:00:00Z';
    expect(decisionFor(evaluate(centos('yum', '2025-03-05T00:00:00Z'), baseline, {now}), 'curl').reason.code).toBe('approval-pending');
    expect(decisionFor(evaluate(centos('yum', '2025-03-01T08:00:00Z'), baseline, {now}), 'curl').reason.code).toBe('approval-rule');
    expect(decisionFor(evaluate(centos('yum'), baseline, {now}), 'curl').reason.code).toBe('approval-rule');
    expect(decisionFor(evaluate(centos('dnf', '2025-03-05T00:00:00Z'), baseline, {now}), 'curl').reason.code).toBe('approval-rule');
  });

  it('zypper dates by the patch creation (issued) date', () => {
    const inv = anInventory({
      os: 'SUSE',
      packages: [aPackage('libxml2-2', {installed: '2.10.3-1', versions: [aVersion('2.10.3-2', {advisories: ['P-702']})]})],
      advisories: [anAdvisory('P-702', {type: 'security', severity: 'critical', issued: '2025-03-05T00:00:00Z'})],
    });
    const baseline = aBaseline({operatingSystem: 'SUSE', rules: [{filters: {CLASSIFICATION: ['Security'], SEVERITY: ['Critical']}, approveAfterDays: 7}]});
    const d = decisionFor(evaluate(inv, baseline, {now: '2025-03-10T00:00:00Z'}), 'libxml2-2');
    expect(d.reason.code).toBe('approval-pending');
    expect(d.reason.detail).toContain('2025-03-12T00:00:00Z');
  });

  it('apt ignores both date options and warns, except for a harmless ApproveAfterDays 0 (DECISION-7, E24)', () => {
    const inv = anInventory({os: 'UBUNTU', arch: 'amd64', packages: [aPackage('sudo', {arch: 'amd64', installed: '1', versions: [aVersion('2', {suites: ['noble-security'], priority: 'optional'})]})]});
    const ev = evaluate(inv, aBaseline({operatingSystem: 'UBUNTU', rules: [{filters: {PRIORITY: ['*']}, approveAfterDays: 7}, {filters: {PRIORITY: ['*']}, approveUntilDate: '2000-01-01'}]}), {now: '2025-01-01T00:00:00Z'});
    expect(decisionFor(ev, 'sudo').action).toBe('install');
    expect(ev.warnings.filter((w) => w.includes('ignored on apt, which has no release dates'))).toHaveLength(2);
    const zero = evaluate(inv, aBaseline({operatingSystem: 'UBUNTU', rules: [{filters: {PRIORITY: ['*']}, approveAfterDays: 0}]}));
    expect(zero.warnings.filter((w) => w.includes('ignored on apt, which has no release dates'))).toHaveLength(0);
  });
});

describe('the security test and EnableNonSecurity (§4.4, DECISION-16)', () => {
  const bugfixRule = {filters: {CLASSIFICATION: ['Bugfix']}};
  const rpm = (os: 'AMAZON_LINUX_2' | 'AMAZON_LINUX_2023', severity?: string) =>
    anInventory({
      os,
      packages: [aPackage('tar', {installed: '2:1.34-1', versions: [aVersion('2:1.34-2', {advisories: ['B-1']})]})],
      advisories: [anAdvisory('B-1', {type: 'bugfix', ...(severity ? {severity} : {}), issued: '2025-03-01T00:00:00Z'})],
    });

  it('yum: any notice makes a version security, so a Bugfix rule approves it', () => {
    expect(decisionFor(evaluate(rpm('AMAZON_LINUX_2'), aBaseline({operatingSystem: 'AMAZON_LINUX_2', rules: [bugfixRule]})), 'tar').reason.code).toBe('approval-rule');
  });

  it('dnf: only a notice with a <severity> makes it security (E34 revised)', () => {
    const baseline = aBaseline({operatingSystem: 'AMAZON_LINUX_2023', rules: [bugfixRule]});
    expect(decisionFor(evaluate(rpm('AMAZON_LINUX_2023'), baseline), 'tar').reason.code).toBe('not-security-repo');
    expect(decisionFor(evaluate(rpm('AMAZON_LINUX_2023', 'Low'), baseline), 'tar').reason.code).toBe('approval-rule');
  });

  it('zypper has no security test: EnableNonSecurity false still approves a version in no patch', () => {
    const inv = anInventory({os: 'SUSE', packages: [aPackage('htop', {installed: '3.2-1', versions: ['3.3-1']})]});
    const d = decisionFor(evaluate(inv, aBaseline({operatingSystem: 'SUSE', rules: [{filters: {CLASSIFICATION: ['*']}}]})), 'htop');
    expect(d.action).toBe('install');
    const listed = decisionFor(evaluate(inv, aBaseline({operatingSystem: 'SUSE', approvedPatches: ['htop']})), 'htop');
    expect(listed.action).toBe('install');
  });

  describe('apt origins', () => {
    const offered = (origin: Parameters<typeof aVersion>[1]) =>
      anInventory({os: 'UBUNTU', arch: 'amd64', packages: [aPackage('x', {arch: 'amd64', installed: '1', versions: [aVersion('2', {priority: 'optional', ...origin})]})]});
    const baseline = aBaseline({operatingSystem: 'UBUNTU', rules: predefinedAptRules()});
    it.each([
      ['a trusted -security suite', {suites: ['jammy-security']}, 'approval-rule'],
      ['an ESM apps-security pocket (DECISION-17)', {suites: ['jammy-apps-security']}, 'approval-rule'],
      ['security.debian.org', {origins: [{archive: 'stable', site: 'security.debian.org'}]}, 'approval-rule'],
      ['Security in capitals', {suites: ['Jammy-Security']}, 'approval-rule'],
      ['an untrusted security suite', {origins: [{archive: 'jammy-security', trusted: false}]}, 'not-security-repo'],
      ['-updates only', {suites: ['jammy-updates']}, 'not-security-repo'],
      ['both -updates and -security', {suites: ['jammy-updates', 'jammy-security']}, 'approval-rule'],
    ])('%s', (_label, origin, expected) => {
      expect(decisionFor(evaluate(offered(origin), baseline), 'x').reason.code).toBe(expected);
    });

    it('installs the newest security version, not apt\'s newer -updates candidate (E20)', () => {
      const inv = anInventory({
        os: 'UBUNTU',
        arch: 'amd64',
        packages: [
          aPackage('libc6', {
            arch: 'amd64',
            installed: '2.35-0ubuntu3.7',
            versions: [
              aVersion('2.35-0ubuntu3.8', {suites: ['jammy-security', 'jammy-updates'], priority: 'required'}),
              aVersion('2.35-0ubuntu3.9', {suites: ['jammy-updates'], priority: 'required', candidate: true}),
            ],
          }),
        ],
      });
      const d = decisionFor(evaluate(inv, baseline), 'libc6');
      expect(d).toMatchObject({targetVersion: '2.35-0ubuntu3.8', candidateVersion: '2.35-0ubuntu3.9', state: 'MISSING'});
      expect(d.reason.detail).toContain('2.35-0ubuntu3.9 is not a security update');
    });
  });
});

describe('step 4: ApprovedPatches (§3, §6.1 step 4)', () => {
  const notice = {type: 'bugfix', severity: 'Low', issued: '2025-03-01T00:00:00Z', cves: ['CVE-2025-24928'], bugzillas: ['2211567']};
  const chrony = (os: 'AMAZON_LINUX_2' | 'AMAZON_LINUX_2023', advisory: Parameters<typeof anAdvisory>[1] = notice) =>
    anInventory({
      os,
      packages: [aPackage('chrony', {installed: '4.3-1.0.4', versions: [aVersion('4.3-1.0.5', {advisories: ['ALAS-310']})]})],
      advisories: [anAdvisory('ALAS-310', advisory)],
    });
  const approved = (os: 'AMAZON_LINUX_2' | 'AMAZON_LINUX_2023', entries: string[], extra: Partial<Parameters<typeof aBaseline>[0]> = {}) =>
    decisionFor(evaluate(chrony(os), aBaseline({operatingSystem: os, approvedPatches: entries, ...extra})), 'chrony');

  it.each(['ALAS-310', 'CVE-2025-24928', '2211567', 'chrony', 'CHRONY.x86_64', 'chr*'])('%s approves the version', (entry) => {
    expect(approved('AMAZON_LINUX_2023', [entry]).reason).toMatchObject({code: 'approved-patches', rule: 'ApprovedPatches[0]'});
  });

  it('ID entries are exact and case-sensitive', () => {
    expect(approved('AMAZON_LINUX_2023', ['alas-310']).reason.code).toBe('not-approved');
    expect(approved('AMAZON_LINUX_2023', ['ALAS-31*']).reason.code).toBe('not-approved');
  });

  it('dnf approves advisory ids through the `self` references only', () => {
    const inv = chrony('AMAZON_LINUX_2023', {...notice, selfReferences: []});
    expect(decisionFor(evaluate(inv, aBaseline({operatingSystem: 'AMAZON_LINUX_2023', approvedPatches: ['ALAS-310']})), 'chrony').reason.code).toBe('not-approved');
    const yum = chrony('AMAZON_LINUX_2', {...notice, selfReferences: []});
    expect(decisionFor(evaluate(yum, aBaseline({operatingSystem: 'AMAZON_LINUX_2', approvedPatches: ['ALAS-310']})), 'chrony').reason.code).toBe('approved-patches');
  });

  it('ignores rules and dates, and carries ApprovedPatchesComplianceLevel', () => {
    const future = {...notice, issued: '2099-01-01T00:00:00Z'};
    const inv = chrony('AMAZON_LINUX_2023', future);
    const d = decisionFor(evaluate(inv, aBaseline({operatingSystem: 'AMAZON_LINUX_2023', approvedPatches: ['chrony'], approvedPatchesComplianceLevel: 'HIGH'})), 'chrony');
    expect(d).toMatchObject({action: 'install', complianceLevel: 'HIGH'});
  });

  describe('GlobalFilters versus explicit approval (E6 revised)', () => {
    const globalSecurity = {globalFilters: {CLASSIFICATION: ['Security']}};
    it('dnf: any explicit approval bypasses GlobalFilters', () => {
      const d = approved('AMAZON_LINUX_2023', ['ALAS-310'], globalSecurity);
      expect(d.reason.code).toBe('approved-patches');
      expect(d.reason.detail).toContain('GlobalFilters do not apply');
    });
    it('yum: a package spec bypasses them, an id entry does not', () => {
      expect(approved('AMAZON_LINUX_2', ['chrony'], globalSecurity).reason.code).toBe('approved-patches');
      const byId = approved('AMAZON_LINUX_2', ['ALAS-310'], globalSecurity);
      expect(byId.reason.code).toBe('global-filter');
      expect(byId.reason.detail).toContain('ApprovedPatches[0] matches');
    });
    it('apt: GlobalFilters apply to everything', () => {
      const inv = anInventory({os: 'UBUNTU', product: 'Ubuntu22.04', arch: 'amd64', packages: [aPackage('tzdata', {arch: 'all', installed: '2024a', versions: [aVersion('2025a', {suites: ['jammy-security']})]})]});
      const d = decisionFor(evaluate(inv, aBaseline({operatingSystem: 'UBUNTU', globalFilters: {PRODUCT: ['Ubuntu20.04']}, approvedPatches: ['tzdata']})), 'tzdata');
      expect(d.reason.code).toBe('global-filter');
    });
    it('zypper: explicit approval bypasses them', () => {
      const inv = anInventory({os: 'SUSE', product: 'Suse15.6', packages: [aPackage('timezone', {installed: '2024a-1', versions: ['2025a-1']})]});
      const d = decisionFor(evaluate(inv, aBaseline({operatingSystem: 'SUSE', globalFilters: {PRODUCT: ['Suse12.5']}, approvedPatches: ['time']})), 'timezone');
      expect(d.reason.code).toBe('approved-patches');
    });
  });

  it('needs the security test unless ApprovedPatchesEnableNonSecurity (E12, E13)', () => {
    const inv = anInventory({os: 'AMAZON_LINUX_2023', packages: [aPackage('dbus-broker', {installed: '32-1', versions: ['33-1']})]});
    const off = decisionFor(evaluate(inv, aBaseline({operatingSystem: 'AMAZON_LINUX_2023', approvedPatches: ['dbus*']})), 'dbus-broker');
    expect(off.reason).toMatchObject({code: 'not-security-repo', rule: 'ApprovedPatches[0]'});
    const on = decisionFor(evaluate(inv, aBaseline({operatingSystem: 'AMAZON_LINUX_2023', approvedPatches: ['dbus*'], approvedPatchesEnableNonSecurity: true})), 'dbus-broker');
    expect(on.action).toBe('install');
  });

  it('a version-only spec still needs the security test: a notice without <severity> fails it on dnf only (E35 revised)', () => {
    const bar = (os: 'AMAZON_LINUX_2' | 'AMAZON_LINUX_2023') =>
      anInventory({
        os,
        packages: [aPackage('bar', {installed: '1.12.27-1', versions: [aVersion('1.12.28-4', {advisories: ['E-512']})]})],
        advisories: [anAdvisory('E-512', {type: 'enhancement', issued: '2025-03-01T00:00:00Z'})],
      });
    const dnf = decisionFor(evaluate(bar('AMAZON_LINUX_2023'), aBaseline({operatingSystem: 'AMAZON_LINUX_2023', approvedPatches: ['1.12.28']})), 'bar');
    expect(dnf.reason).toMatchObject({code: 'not-security-repo', rule: 'ApprovedPatches[0]'});
    expect(dnf.reason.detail).toContain('without a <severity>');
    const yum = decisionFor(evaluate(bar('AMAZON_LINUX_2'), aBaseline({operatingSystem: 'AMAZON_LINUX_2', approvedPatches: ['1.12.28']})), 'bar');
    expect(yum.reason.code).toBe('approved-patches');
  });

  it('warns about version-only specs, written or discovered (E35)', () => {
    const inv = anInventory({
      os: 'UBUNTU',
      arch: 'amd64',
      packages: [aPackage('foo', {arch: 'amd64', installed: '1.2-1', versions: [aVersion('1.2-2', {suites: ['jammy-security']})]})],
    });
    const written = evaluate(inv, aBaseline({operatingSystem: 'UBUNTU', approvedPatches: ['1.2-2']}));
    expect(written.warnings.some((w) => w.includes('version-only spec'))).toBe(true);
    const discovered = evaluate(inv, aBaseline({operatingSystem: 'UBUNTU', approvedPatches: ['amd64:1.2*']}));
    expect(decisionFor(discovered, 'foo').action).toBe('install');
    expect(discovered.warnings.some((w) => w.includes('by its version alone'))).toBe(true);
  });
});

describe('step 5: compliance level (DECISION-24)', () => {
  it('takes the most severe approving rule, plus ApprovedPatchesComplianceLevel when listed (E34)', () => {
    const inv = anInventory({
      os: 'AMAZON_LINUX_2023',
      packages: [
        aPackage('kernel', {installed: '6.1-1', versions: [aVersion('6.1-2', {advisories: ['K']})]}),
        aPackage('expat', {installed: '2.5-1', versions: [aVersion('2.5-2', {advisories: ['E']})]}),
      ],
      advisories: [anAdvisory('K', {...SEC_IMPORTANT, severity: 'Critical'}), anAdvisory('E', SEC_IMPORTANT)],
    });
    const baseline = aBaseline({
      operatingSystem: 'AMAZON_LINUX_2023',
      rules: [
        {filters: {CLASSIFICATION: ['Security'], SEVERITY: ['Critical']}, complianceLevel: 'CRITICAL'},
        {filters: {CLASSIFICATION: ['Security'], SEVERITY: ['*']}, complianceLevel: 'MEDIUM'},
      ],
      approvedPatches: ['expat'],
      approvedPatchesComplianceLevel: 'HIGH',
    });
    const ev = evaluate(inv, baseline);
    expect(decisionFor(ev, 'kernel').complianceLevel).toBe('CRITICAL');
    expect(decisionFor(ev, 'expat').complianceLevel).toBe('HIGH');
    expect(ev.compliance).toMatchObject({status: 'NON_COMPLIANT', severity: 'CRITICAL'});
  });
});

describe('step 6: the target (DECISION-26)', () => {
  it('the latest approved version wins; the other approved ones are fallbacks, highest first (E9)', () => {
    const inv = anInventory({
      os: 'AMAZON_LINUX_2023',
      packages: [
        aPackage('openssh', {
          installed: '8.7p1-8.0.7',
          versions: ['8.7p1-8.0.10', '8.7p1-8.0.13', '8.7p1-8.0.14', '8.7p1-8.0.11'].map((v, i) => aVersion(v, {advisories: [`A${i}`]})),
        }),
      ],
      advisories: [
        anAdvisory('A0', SEC_IMPORTANT),
        anAdvisory('A1', {...SEC_IMPORTANT, severity: 'Critical'}),
        anAdvisory('A2', {...SEC_IMPORTANT, severity: 'Low'}),
        anAdvisory('A3', SEC_IMPORTANT),
      ],
    });
    const d = decisionFor(evaluate(inv, aBaseline({operatingSystem: 'AMAZON_LINUX_2023', rules: [securityRule]})), 'openssh');
    expect(d).toMatchObject({targetVersion: '8.7p1-8.0.13', fallbackVersions: ['8.7p1-8.0.11', '8.7p1-8.0.10'], candidateVersion: '8.7p1-8.0.14', advisories: ['A1']});
    expect(d.reason.detail).toContain('8.7p1-8.0.14 is not approved');
    expect(d.reason.detail).toContain('the latest of 3 approved newer versions');
  });

  it('apt: dpkg order, and the detail says AWS\'s string order would choose another version (E36)', () => {
    const inv = anInventory({
      os: 'UBUNTU',
      arch: 'amd64',
      packages: [aPackage('libfoo1', {arch: 'amd64', installed: '1.2-0ubuntu3.8', versions: ['1.2-0ubuntu3.9', '1.2-0ubuntu3.10'].map((v) => aVersion(v, {suites: ['jammy-security'], priority: 'optional'}))})],
    });
    const d = decisionFor(evaluate(inv, aBaseline({operatingSystem: 'UBUNTU', rules: predefinedAptRules()})), 'libfoo1');
    expect(d.targetVersion).toBe('1.2-0ubuntu3.10');
    expect(d.reason.detail).toContain('AWS Patch Manager would choose 1.2-0ubuntu3.9');
  });

  const epochCase = (os: 'REDHAT_ENTERPRISE_LINUX' | 'SUSE', manager: 'yum' | 'dnf' | 'zypper', versions: string[], installed = '0:5.0-1') =>
    anInventory({
      os,
      manager,
      packages: [aPackage('tool', {installed, versions: versions.map((v) => aVersion(v, {advisories: ['R-1']}))})],
      advisories: [anAdvisory('R-1', SEC_IMPORTANT)],
    });
  const rhel = aBaseline({operatingSystem: 'REDHAT_ENTERPRISE_LINUX', rules: [securityRule]});

  it('rpm: full EVR order; dnf notes that AWS (epoch ignored) would not offer the version (E10)', () => {
    const yum = decisionFor(evaluate(epochCase('REDHAT_ENTERPRISE_LINUX', 'yum', ['1:4.9-1']), rhel), 'tool');
    expect(yum.targetVersion).toBe('1:4.9-1');
    expect(yum.reason.detail).not.toContain('AWS Patch Manager');
    const dnf = decisionFor(evaluate(epochCase('REDHAT_ENTERPRISE_LINUX', 'dnf', ['1:4.9-1']), rhel), 'tool');
    expect(dnf.targetVersion).toBe('1:4.9-1');
    expect(dnf.reason.detail).toContain('AWS Patch Manager would not offer this version');
  });

  it('dnf and zypper: says which version AWS would choose when epochs reorder the approved ones', () => {
    const dnf = decisionFor(evaluate(epochCase('REDHAT_ENTERPRISE_LINUX', 'dnf', ['1:2.0-1', '0:3.0-1'], '1:1.0-1'), rhel), 'tool');
    expect(dnf.targetVersion).toBe('1:2.0-1');
    expect(dnf.reason.detail).toContain('AWS Patch Manager would choose 0:3.0-1');
    const suse = aBaseline({operatingSystem: 'SUSE', rules: [{filters: {CLASSIFICATION: ['Security']}}]});
    const zypper = decisionFor(evaluate(epochCase('SUSE', 'zypper', ['1:2.0-1', '0:3.0-1'], '1:1.0-1'), suse), 'tool');
    expect(zypper.reason.detail).toContain('AWS Patch Manager would choose 0:3.0-1');
  });
});

describe('step 7: dependencies', () => {
  const curlCase = (os: 'AMAZON_LINUX_2' | 'AMAZON_LINUX_2023' | 'SUSE', extra: {libInstalled?: string | null; requires?: {name: string; version: string; arch?: string}[]; extraVersions?: string[]} = {}) => {
    const requires = extra.requires ?? [{name: 'libcurl-minimal', version: '8.5.0-1.0.4'}];
    return anInventory({
      os,
      packages: [
        aPackage('curl-minimal', {
          installed: '8.5.0-1.0.2',
          versions: [
            aVersion('8.5.0-1.0.4', {advisories: ['N-600'], requires}),
            ...(extra.extraVersions ?? []).map((v) => aVersion(v, {advisories: ['N-600']})),
          ],
        }),
        ...(extra.libInstalled === null
          ? []
          : [aPackage('libcurl-minimal', {installed: extra.libInstalled ?? '8.5.0-1.0.2', versions: [aVersion('8.5.0-1.0.4', {advisories: ['N-600']})]})]),
      ],
      advisories: [anAdvisory('N-600', SEC_IMPORTANT)],
    });
  };
  const rejecting = (os: 'AMAZON_LINUX_2' | 'AMAZON_LINUX_2023' | 'SUSE', entry: string, action: 'BLOCK' | 'ALLOW_AS_DEPENDENCY') =>
    aBaseline({operatingSystem: os, rules: [{filters: {CLASSIFICATION: ['Security']}}], rejectedPatches: [entry], rejectedPatchesAction: action});

  it('dnf ALLOW_AS_DEPENDENCY: the rejected dependency gets a dependency decision (E25)', () => {
    const ev = evaluate(curlCase('AMAZON_LINUX_2023'), rejecting('AMAZON_LINUX_2023', 'libcurl-minimal', 'ALLOW_AS_DEPENDENCY'));
    expect(decisionFor(ev, 'curl-minimal')).toMatchObject({action: 'install', reason: {code: 'approval-rule'}});
    const dep = decisionFor(ev, 'libcurl-minimal');
    expect(dep).toMatchObject({
      action: 'install',
      targetVersion: '8.5.0-1.0.4',
      reason: {code: 'dependency', rule: 'curl-minimal.x86_64'},
      state: 'INSTALLED_REJECTED',
    });
    expect(dep.reason.detail).toContain('RejectedPatches[0]');
    expect(ev.decisions).toHaveLength(2);
  });

  it('dnf BLOCK: a bare name misses the full-NEVRA check, a glob blocks (E26)', () => {
    const bare = evaluate(curlCase('AMAZON_LINUX_2023'), rejecting('AMAZON_LINUX_2023', 'libcurl-minimal', 'BLOCK'));
    expect(decisionFor(bare, 'libcurl-minimal').reason.code).toBe('dependency');
    expect(decisionFor(bare, 'libcurl-minimal').reason.detail).toContain('name-epoch:version-release.arch');
    for (const operation of ['Scan', 'Install'] as const) {
      const glob = evaluate(curlCase('AMAZON_LINUX_2023'), rejecting('AMAZON_LINUX_2023', 'libcurl-minimal*', 'BLOCK'), {operation});
      expect(decisionFor(glob, 'curl-minimal')).toMatchObject({action: 'skip', state: 'INSTALLED_OTHER', reason: {code: 'blocked-dependency', rule: 'RejectedPatches[0]'}});
      expect(decisionFor(glob, 'libcurl-minimal')).toMatchObject({reason: {code: 'rejected-patches'}, state: 'INSTALLED_REJECTED'});
      expect(glob.compliance.status).toBe('NON_COMPLIANT');
    }
  });

  it('dnf BLOCK falls back to a lower approved version without the rejected dependency', () => {
    const inv = curlCase('AMAZON_LINUX_2023', {extraVersions: ['8.5.0-1.0.3']});
    const d = decisionFor(evaluate(inv, rejecting('AMAZON_LINUX_2023', 'libcurl-minimal*', 'BLOCK')), 'curl-minimal');
    expect(d).toMatchObject({action: 'install', targetVersion: '8.5.0-1.0.3', state: 'MISSING'});
    expect(d.reason.detail).toContain('needs rejected libcurl-minimal.x86_64 8.5.0-1.0.4');
  });

  it('yum: the rejected dependency is invisible, so the target stays and will fail (E25 yum)', () => {
    const ev = evaluate(curlCase('AMAZON_LINUX_2'), rejecting('AMAZON_LINUX_2', 'libcurl-minimal', 'ALLOW_AS_DEPENDENCY'));
    const d = decisionFor(ev, 'curl-minimal');
    expect(d.action).toBe('install');
    expect(d.reason.detail).toContain('excludes from yum');
    expect(decisionFor(ev, 'libcurl-minimal')).toMatchObject({action: 'skip', reason: {code: 'rejected-patches'}, state: 'INSTALLED_OTHER'});
  });

  it('yum BLOCK skips such a target without fallback; a Scan still reports it MISSING', () => {
    const inv = curlCase('AMAZON_LINUX_2', {extraVersions: ['8.5.0-1.0.3']});
    const d = decisionFor(evaluate(inv, rejecting('AMAZON_LINUX_2', 'libcurl-minimal', 'BLOCK')), 'curl-minimal');
    expect(d).toMatchObject({action: 'skip', reason: {code: 'blocked-dependency'}, state: 'MISSING'});
  });

  it('zypper locks rejected packages whatever the action: the target stays and the transaction fails', () => {
    for (const action of ['BLOCK', 'ALLOW_AS_DEPENDENCY'] as const) {
      const ev = evaluate(curlCase('SUSE', {libInstalled: null}), rejecting('SUSE', 'libcurl', action));
      expect(decisionFor(ev, 'curl-minimal').reason.detail).toContain('zypper locks');
      expect(hasDecision(ev, 'libcurl-minimal')).toBe(false);
      expect(ev.warnings.some((w) => w.includes('one transaction'))).toBe(true);
    }
  });

  it('apt: ALLOW_AS_DEPENDENCY pulls the rejected version in; BLOCK falls back, then skips', () => {
    const apt = (versions: {v: string; dep: string}[]) =>
      anInventory({
        os: 'UBUNTU',
        arch: 'amd64',
        packages: [
          aPackage('curl', {
            arch: 'amd64',
            installed: '7.81.0-1',
            versions: versions.map(({v, dep}) => aVersion(v, {suites: ['jammy-security'], priority: 'optional', requires: [{name: 'libcurl4', version: dep}]})),
          }),
          aPackage('libcurl4', {arch: 'amd64', installed: '7.81.0-1', versions: ['7.81.0-1ubuntu1.15', '7.81.0-1ubuntu1.16']}),
        ],
      });
    const rejectNewest = (action: 'BLOCK' | 'ALLOW_AS_DEPENDENCY') =>
      aBaseline({operatingSystem: 'UBUNTU', rules: predefinedAptRules(), rejectedPatches: ['libcurl4-7.81.0-1ubuntu1.16'], rejectedPatchesAction: action});
    const two = apt([
      {v: '7.81.0-1ubuntu1.16', dep: '7.81.0-1ubuntu1.16'},
      {v: '7.81.0-1ubuntu1.15', dep: '7.81.0-1ubuntu1.15'},
    ]);
    const allow = evaluate(two, rejectNewest('ALLOW_AS_DEPENDENCY'));
    expect(decisionFor(allow, 'curl').targetVersion).toBe('7.81.0-1ubuntu1.16');
    expect(decisionFor(allow, 'libcurl4')).toMatchObject({reason: {code: 'dependency', rule: 'curl.amd64'}, targetVersion: '7.81.0-1ubuntu1.16'});
    const block = evaluate(two, rejectNewest('BLOCK'));
    expect(decisionFor(block, 'curl')).toMatchObject({targetVersion: '7.81.0-1ubuntu1.15', fallbackVersions: []});
    expect(decisionFor(block, 'libcurl4')).toMatchObject({reason: {code: 'dependency'}, targetVersion: '7.81.0-1ubuntu1.15'});
    const only = evaluate(apt([{v: '7.81.0-1ubuntu1.16', dep: '7.81.0-1ubuntu1.16'}]), rejectNewest('BLOCK'));
    // apt checks dependencies on Install only: a Scan still sees the package MISSING.
    expect(decisionFor(only, 'curl')).toMatchObject({action: 'skip', reason: {code: 'blocked-dependency'}, state: 'MISSING'});
  });

  it('pulls in packages that are not installed, skips met requirements and keeps own decisions', () => {
    const inv = anInventory({
      os: 'AMAZON_LINUX_2023',
      packages: [
        aPackage('app', {
          installed: '1-1',
          versions: [
            aVersion('1-2', {
              advisories: ['A'],
              requires: [
                {name: 'newlib', version: '3-1'},
                {name: 'met', version: '2-1'},
                {name: 'own', version: '5-1'},
                {name: 'shared', version: '1-2'},
              ],
            }),
          ],
        }),
        aPackage('other', {installed: '1-1', versions: [aVersion('1-2', {advisories: ['A'], requires: [{name: 'shared', version: '1-3'}]})]}),
        aPackage('met', {installed: '2-1'}),
        aPackage('own', {installed: '4-1', versions: [aVersion('5-1', {advisories: ['A']})]}),
        aPackage('shared', {installed: '1-1', versions: ['1-2', '1-3']}),
      ],
      advisories: [anAdvisory('A', SEC_IMPORTANT)],
    });
    const ev = evaluate(inv, aBaseline({operatingSystem: 'AMAZON_LINUX_2023', rules: [securityRule]}));
    expect(decisionFor(ev, 'newlib')).toMatchObject({installedVersion: null, targetVersion: '3-1', state: 'NOT_APPLICABLE', reason: {code: 'dependency'}});
    expect(hasDecision(ev, 'met')).toBe(false);
    expect(decisionFor(ev, 'own').reason.code).toBe('approval-rule');
    expect(decisionFor(ev, 'shared')).toMatchObject({targetVersion: '1-3', reason: {rule: 'other.x86_64'}});
  });
});

describe('compliance states (§6.4)', () => {
  const telnet = (os: 'AMAZON_LINUX_2' | 'AMAZON_LINUX_2023' | 'UBUNTU' | 'SUSE', action: 'BLOCK' | 'ALLOW_AS_DEPENDENCY', versions: string[] = []) =>
    evaluate(
      anInventory({os, packages: [aPackage('telnet', {installed: '1:0.17-85', versions})]}),
      aBaseline({operatingSystem: os, rejectedPatches: ['telnet'], rejectedPatchesAction: action}),
    );

  it.each([
    ['AMAZON_LINUX_2', 'ALLOW_AS_DEPENDENCY', 'INSTALLED_OTHER'],
    ['AMAZON_LINUX_2', 'BLOCK', 'INSTALLED_REJECTED'],
    ['UBUNTU', 'ALLOW_AS_DEPENDENCY', 'INSTALLED_OTHER'],
    ['UBUNTU', 'BLOCK', 'INSTALLED_REJECTED'],
    ['AMAZON_LINUX_2023', 'ALLOW_AS_DEPENDENCY', 'INSTALLED_REJECTED'],
    ['AMAZON_LINUX_2023', 'BLOCK', 'INSTALLED_REJECTED'],
    ['SUSE', 'ALLOW_AS_DEPENDENCY', 'INSTALLED_REJECTED'],
  ] as const)('installed rejected package on %s with %s → %s (E27)', (os, action, state) => {
    const ev = telnet(os, action);
    expect(ev.decisions).toEqual([]);
    expect(ev.compliance.counts[state]).toBe(1);
  });

  it('zypper looks at the highest known version, not the installed one', () => {
    const inv = anInventory({os: 'SUSE', packages: [aPackage('kernel-default', {installed: '5.14-1', versions: ['5.14-2']})]});
    const ev = evaluate(inv, aBaseline({operatingSystem: 'SUSE', rejectedPatches: ['kernel-default > 5.14-1']}));
    expect(ev.compliance.counts.INSTALLED_REJECTED).toBe(1);
    expect(decisionFor(ev, 'kernel-default').reason.code).toBe('not-approved');
  });

  it('MISSING wins over a rejected installed version (DECISION-23)', () => {
    const inv = anInventory({os: 'AMAZON_LINUX_2023', packages: [aPackage('telnet', {installed: '1-1', versions: ['1-2']})]});
    const ev = evaluate(inv, aBaseline({operatingSystem: 'AMAZON_LINUX_2023', approvedPatches: ['telnet-1-2'], approvedPatchesEnableNonSecurity: true, rejectedPatches: ['telnet-1-1']}));
    expect(decisionFor(ev, 'telnet')).toMatchObject({action: 'install', state: 'MISSING'});
  });

  it('a package changed since the last boot is INSTALLED_PENDING_REBOOT unless MISSING (E29)', () => {
    const inv = anInventory({
      os: 'AMAZON_LINUX_2',
      packages: [
        aPackage('openssl-libs', {installed: '1:1.0.2k-24.7', pendingReboot: true, versions: [aVersion('1:1.0.2k-24.7', {advisories: ['A']})]}),
        aPackage('curl', {installed: '8.3-1', pendingReboot: true, versions: [aVersion('8.3-2', {advisories: ['A']})]}),
      ],
      advisories: [anAdvisory('A', SEC_IMPORTANT)],
    });
    const ev = evaluate(inv, aBaseline({operatingSystem: 'AMAZON_LINUX_2', rules: [{...securityRule, complianceLevel: 'LOW'}]}));
    expect(ev.compliance.counts).toMatchObject({INSTALLED_PENDING_REBOOT: 1, MISSING: 1, INSTALLED: 0});
    expect(decisionFor(ev, 'curl').state).toBe('MISSING');
    expect(ev.compliance).toMatchObject({status: 'NON_COMPLIANT', severity: 'LOW'});
  });

  it('the node severity is at least INFORMATIONAL, compliant nodes have none', () => {
    expect(telnet('AMAZON_LINUX_2023', 'BLOCK').compliance).toMatchObject({status: 'NON_COMPLIANT', severity: 'INFORMATIONAL'});
    expect(telnet('AMAZON_LINUX_2', 'ALLOW_AS_DEPENDENCY').compliance).toMatchObject({status: 'COMPLIANT', severity: null});
  });
});

describe('decisions and warnings', () => {
  it('are sorted by name, then arch', () => {
    const inv = anInventory({
      os: 'AMAZON_LINUX_2023',
      packages: [
        aPackage('zz', {installed: '1-1', versions: ['1-2']}),
        aPackage('aa', {arch: 'x86_64', installed: '1-1', versions: ['1-2']}),
        aPackage('aa', {arch: 'i686', installed: '1-1', versions: ['1-2']}),
      ],
    });
    const ev = evaluate(inv, aBaseline({operatingSystem: 'AMAZON_LINUX_2023', rules: [securityRule]}));
    expect(ev.decisions.map((d) => `${d.name}.${d.arch}`)).toEqual(['aa.i686', 'aa.x86_64', 'zz.x86_64']);
  });

  it('warn about advisories the inventory does not describe and about an empty baseline', () => {
    const inv = anInventory({os: 'AMAZON_LINUX_2023', packages: [aPackage('foo', {installed: '1-1', versions: [aVersion('1-2', {advisories: ['GHOST-1']})]})]});
    const ev = evaluate(inv, aBaseline({operatingSystem: 'AMAZON_LINUX_2023'}));
    expect(ev.warnings.some((w) => w.includes('GHOST-1'))).toBe(true);
    expect(ev.warnings.some((w) => w.includes('approves nothing'))).toBe(true);
    expect(decisionFor(ev, 'foo').advisories).toEqual(['GHOST-1']);
  });

  it('warn about SUSE entries written as patch or .rpm names', () => {
    const inv = anInventory({os: 'SUSE', packages: []});
    const ev = evaluate(inv, aBaseline({operatingSystem: 'SUSE', approvedPatches: ['SUSE-SLE-Module-Basesystem-15-SP5-2025-123'], rejectedPatches: ['curl-8.0-1.x86_64.rpm']}));
    expect(ev.warnings.filter((w) => w.includes('matches no package unless a name starts with it'))).toHaveLength(2);
  });
});

describe('family selection (DECISION-25)', () => {
  it('AL2023, Rocky and Alma follow dnf even when the node calls its manager yum', () => {
    expect(linuxFamilyFor('AMAZON_LINUX_2023', 'yum')).toBe('dnf');
    expect(linuxFamilyFor('ROCKY_LINUX', 'yum')).toBe('dnf');
    expect(linuxFamilyFor('ALMA_LINUX', 'yum')).toBe('dnf');
    expect(linuxFamilyFor('AMAZON_LINUX_2', 'dnf')).toBe('yum');
    expect(linuxFamilyFor('REDHAT_ENTERPRISE_LINUX', 'yum')).toBe('yum');
    expect(linuxFamilyFor('REDHAT_ENTERPRISE_LINUX', 'dnf')).toBe('dnf');
  });
});

describe('considered versions: what a reviewer expands a package to see', () => {
  const inv = anInventory({
    os: 'AMAZON_LINUX_2023',
    packages: [
      aPackage('nginx', {
        installed: '1:1.22.1-1.amzn2023.0.3',
        versions: [
          aVersion('1:1.24.0-1.amzn2023.0.1', {advisories: ['A-400']}),
          aVersion('1:1.24.0-1.amzn2023.0.2', {advisories: ['A-401']}),
          aVersion('1:1.24.0-1.amzn2023.0.4', {advisories: ['A-402']}),
        ],
      }),
    ],
    advisories: [
      anAdvisory('A-400', SEC_IMPORTANT),
      anAdvisory('A-401', SEC_IMPORTANT),
      anAdvisory('A-402', {...SEC_IMPORTANT, severity: 'Critical'}),
    ],
  });

  it('lists every newer version, highest first: rejected, chosen, fallback, each with its notice and release date', () => {
    const baseline = aBaseline({operatingSystem: 'AMAZON_LINUX_2023', rules: [securityRule], rejectedPatches: ['nginx-1.24.0-1.amzn2023.0.4']});
    const d = decisionFor(evaluate(inv, baseline), 'nginx');
    expect(d.considered).toEqual([
      {version: '1:1.24.0-1.amzn2023.0.4', chosen: false, approved: false, note: 'is rejected by RejectedPatches[0]', released: '2025-03-01T00:00:00.000Z', advisories: ['A-402']},
      {version: '1:1.24.0-1.amzn2023.0.2', chosen: true, approved: true, note: 'chosen', released: '2025-03-01T00:00:00.000Z', advisories: ['A-401']},
      {
        version: '1:1.24.0-1.amzn2023.0.1',
        chosen: false,
        approved: true,
        note: 'is approved too: a fallback if the target cannot be installed',
        released: '2025-03-01T00:00:00.000Z',
        advisories: ['A-400'],
      },
    ]);
  });

  it('a skip lists the versions with why none was chosen', () => {
    const baseline = aBaseline({operatingSystem: 'AMAZON_LINUX_2023', rules: [{filters: {CLASSIFICATION: ['Bugfix']}}]});
    const d = decisionFor(evaluate(inv, baseline), 'nginx');
    expect(d.action).toBe('skip');
    expect(d.considered?.map((c) => [c.version, c.chosen, c.note])).toEqual([
      ['1:1.24.0-1.amzn2023.0.4', false, 'is not approved'],
      ['1:1.24.0-1.amzn2023.0.2', false, 'is not approved'],
      ['1:1.24.0-1.amzn2023.0.1', false, 'is not approved'],
    ]);
  });
});
