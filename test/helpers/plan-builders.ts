import {emptyCounts} from '../../src/engine/compliance.js';
import type {Decision, Evaluation, NodeCompliance} from '../../src/engine/engine-io.js';
import {InventorySchema, type Inventory, type InventoryInput, type PackageSchema} from '../../src/inventory/schema.js';
import {buildPlan, type BuildPlanInput} from '../../src/plan/build.js';
import {sha256Hex, canonicalJson} from '../../src/json/canonical-json.js';
import type {Plan} from '../../src/plan/schema.js';
import type {z} from 'zod';

/**
 * Builders for plan tests: small, valid by default, overridden per test. They go through the
 * real inventory schema so defaults are filled in exactly as a loaded file would have them.
 */

export const MACHINE_ID = '5f0c3b1e9a2d4c6f8e7b1a0d2c4e6f80';
export const NOW = new Date('2026-11-24T00:00:00Z');
export const CREATED_AT = new Date('2026-11-24T00:05:00Z');

type PackageInput = z.input<typeof PackageSchema>;

export function aPackage(name: string, installedVersion: string | null, versions: string[], extra: Partial<PackageInput> = {}): PackageInput {
  return {name, arch: 'amd64', installedVersion, versions: versions.map((version) => ({version})), ...extra};
}

export function anInventory(packages: PackageInput[] = defaultPackages(), overrides: Partial<InventoryInput> = {}): Inventory {
  return InventorySchema.parse({
    schemaVersion: 1,
    collectedAt: '2026-11-23T23:50:00Z',
    node: {
      hostname: 'web-01',
      machineId: MACHINE_ID,
      os: {id: 'debian', versionId: '12', name: 'Debian GNU/Linux 12 (bookworm)'},
      operatingSystem: 'DEBIAN',
      product: 'Debian12',
      arch: 'amd64',
      manager: 'apt',
    },
    packages,
    ...overrides,
  });
}

function defaultPackages(): PackageInput[] {
  return [
    aPackage('libssl3', '3.0.15-1~deb12u1', ['3.0.15-1~deb12u1', '3.0.17-1~deb12u2']),
    aPackage('openssl', '3.0.15-1~deb12u1', ['3.0.17-1~deb12u2', '3.0.15-1~deb12u1']),
    aPackage('tzdata', '2024a-0+deb12u1', ['2025b-0+deb12u1'], {arch: 'all'}),
    aPackage('bash', '5.2.15-2+b7', ['5.2.15-2+b7']),
  ];
}

export function aDecision(overrides: Partial<Decision> = {}): Decision {
  return {
    name: 'libssl3',
    arch: 'amd64',
    installedVersion: '3.0.15-1~deb12u1',
    candidateVersion: '3.0.17-1~deb12u2',
    action: 'install',
    targetVersion: '3.0.17-1~deb12u2',
    reason: {
      code: 'approval-rule',
      rule: 'ApprovalRules.PatchRules[0]',
      detail: '3.0.17-1~deb12u2 is from a trusted security origin (oldstable-security, security.debian.org)',
    },
    advisories: [],
    complianceLevel: 'UNSPECIFIED',
    state: 'MISSING',
    fallbackVersions: [],
    ...overrides,
  };
}

export function defaultDecisions(): Decision[] {
  return [
    aDecision(),
    aDecision({name: 'openssl'}),
    aDecision({
      name: 'tzdata',
      arch: 'all',
      installedVersion: '2024a-0+deb12u1',
      candidateVersion: '2025b-0+deb12u1',
      action: 'skip',
      targetVersion: null,
      reason: {
        code: 'not-security-repo',
        rule: 'ApprovalRules.PatchRules[0]',
        detail: '2025b-0+deb12u1 is only in oldstable-updates (deb.debian.org), not a security repository',
      },
      state: 'INSTALLED_OTHER',
    }),
  ];
}

export function anEvaluation(decisions: Decision[] = defaultDecisions(), compliance?: Partial<NodeCompliance>): Evaluation {
  const counts = emptyCounts();
  for (const d of decisions) counts[d.state] += 1;
  const missing = counts.MISSING > 0;
  return {
    decisions,
    compliance: {status: missing ? 'NON_COMPLIANT' : 'COMPLIANT', severity: missing ? 'INFORMATIONAL' : null, counts, ...compliance},
    warnings: [],
  };
}

export const BASELINE_DOCUMENT = {
  Name: 'AWS-DebianDefaultPatchBaseline',
  OperatingSystem: 'DEBIAN',
  ApprovalRules: {
    PatchRules: [
      {
        PatchFilterGroup: {PatchFilters: [{Key: 'PRIORITY', Values: ['Required', 'Important', 'Standard', 'Optional', 'Extra']}]},
        ApproveAfterDays: 0,
        ComplianceLevel: 'UNSPECIFIED',
        EnableNonSecurity: false,
      },
    ],
  },
};

export function aBuildInput(overrides: Partial<BuildPlanInput> = {}): BuildPlanInput {
  return {
    inventory: anInventory(),
    baseline: {
      source: 'AWS-DebianDefaultPatchBaseline',
      document: BASELINE_DOCUMENT,
      sha256: sha256Hex(canonicalJson(BASELINE_DOCUMENT)),
      warnings: [],
    },
    evaluation: anEvaluation(),
    options: {rebootOption: 'RebootIfNeeded', installOverrideList: null, now: NOW, lenient: false, showNotApplicable: false},
    createdAt: CREATED_AT,
    toolVersion: '0.1.0',
    ...overrides,
  };
}

export function aPlan(overrides: Partial<BuildPlanInput> = {}): Plan {
  return buildPlan(aBuildInput(overrides));
}
