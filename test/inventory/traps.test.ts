import {describe, expect, it} from 'vitest';

import {InventorySchema, type InventoryInput} from '../../src/inventory/schema.js';
import {inventoryTraps} from '../../src/inventory/traps.js';

type NodeInput = InventoryInput['node'];

const RHEL9: NodeInput = {
  hostname: 'db-01',
  machineId: 'm',
  os: {id: 'rhel', versionId: '9.4', name: 'Red Hat Enterprise Linux 9.4 (Plow)'},
  operatingSystem: 'REDHAT_ENTERPRISE_LINUX',
  product: 'RedhatEnterpriseLinux9.4',
  arch: 'x86_64',
  manager: 'dnf',
};

const NOBLE: NodeInput = {
  hostname: 'web-01',
  machineId: 'm',
  os: {id: 'ubuntu', versionId: '24.04'},
  operatingSystem: 'UBUNTU',
  product: 'Ubuntu24.04',
  arch: 'amd64',
  manager: 'apt',
};

function traps(input: Partial<InventoryInput> & {node: NodeInput}): string[] {
  return inventoryTraps(InventorySchema.parse({schemaVersion: 1, collectedAt: '2026-01-20T00:00:00Z', packages: [], ...input}));
}

const notice = {id: 'RHSA-2026:0101', type: 'security', severity: 'Important', issued: '2026-01-10T00:00:00Z'};
const krb5 = {name: 'krb5-libs', arch: 'x86_64', installedVersion: '1.21.1-1.el9', versions: [{version: '1.21.1-2.el9', advisories: ['RHSA-2026:0101']}]};

describe('inventoryTraps', () => {
  it('finds nothing in a complete rpm inventory', () => {
    expect(traps({node: RHEL9, packages: [krb5], advisories: [{...notice, selfReferences: ['RHSA-2026:0101']}]})).toEqual([]);
  });

  it('dnf advisories without selfReferences: approving by advisory id does nothing', () => {
    expect(traps({node: RHEL9, packages: [krb5], advisories: [notice]})).toEqual([
      'none of the 1 advisories has selfReferences, and dnf matches advisory ids (ApprovedPatches, ADVISORY_ID filters) only through them, so approving by advisory id approves nothing: write "selfReferences": ["RHSA-2026:0101"] (the notice\'s own id) on each advisory',
    ]);
  });

  it('yum reads the notice id itself, so it needs no selfReferences', () => {
    const centos7: NodeInput = {...RHEL9, os: {id: 'centos', versionId: '7'}, operatingSystem: 'CENTOS', product: 'CentOS7', manager: 'yum'};
    expect(traps({node: centos7, packages: [krb5], advisories: [notice]})).toEqual([]);
  });

  it('rpm packages without arch: arch-qualified RejectedPatches match nothing', () => {
    const noArch = [{...krb5, arch: undefined}, {name: 'bash', installedVersion: '5.1.8-9.el9'}];
    expect(traps({node: RHEL9, packages: noArch, advisories: [{...notice, selfReferences: ['RHSA-2026:0101']}]})).toEqual([
      '2 packages (krb5-libs, …) have no arch, so ApprovedPatches and RejectedPatches entries with an arch (such as "krb5-libs.x86_64") never match them: write "arch" on every package ("x86_64", "noarch", …)',
    ]);
    // apt compares no arch in package specs this way: no warning.
    expect(traps({node: NOBLE, packages: [{name: 'bash', installedVersion: '5.2.21-2ubuntu4'}]})).toEqual([]);
  });

  const complete = {packages: [krb5], advisories: [{...notice, selfReferences: ['RHSA-2026:0101']}]};

  it.each([
    ['yum on RHEL 9', {...RHEL9, manager: 'yum'}, 'yum', 'dnf', 'REDHAT_ENTERPRISE_LINUX 9.4'],
    ['yum on CentOS Stream 9', {...RHEL9, os: {id: 'centos', versionId: '9', name: 'CentOS Stream 9'}, operatingSystem: 'CENTOS', product: 'CentOSStream9', manager: 'yum'}, 'yum', 'dnf', 'CENTOS 9'],
    ['dnf on Oracle Linux 7', {...RHEL9, os: {id: 'ol', versionId: '7.9'}, operatingSystem: 'ORACLE_LINUX', product: 'OracleLinux7.9', manager: 'dnf'}, 'dnf', 'yum', 'ORACLE_LINUX 7.9'],
  ] as const)('%s: the manager picks the wrong rules, so say what the OS implies', (_name, node: NodeInput, rules, implied, os) => {
    expect(traps({node, ...complete})).toEqual([
      `node.manager "${rules}" makes patchplan evaluate ${os} with ${rules}'s rules (advisory ids, release dates and the security test differ from ${implied}'s), but that release uses ${implied}: write "manager": "${implied}"`,
    ]);
  });

  it.each([
    ['dnf on Amazon Linux 2', {...RHEL9, os: {id: 'amzn', versionId: '2'}, operatingSystem: 'AMAZON_LINUX_2', product: 'AmazonLinux2', manager: 'dnf'}, 'yum', 'AMAZON_LINUX_2 2'],
    ['yum on AL2023', {...RHEL9, os: {id: 'amzn', versionId: '2023'}, operatingSystem: 'AMAZON_LINUX_2023', manager: 'yum'}, 'dnf', 'AMAZON_LINUX_2023 2023'],
    ['yum on Rocky 8', {...RHEL9, os: {id: 'rocky', versionId: '8.10'}, operatingSystem: 'ROCKY_LINUX', manager: 'yum'}, 'dnf', 'ROCKY_LINUX 8.10'],
  ] as const)('%s: the rules are fixed for the OS, but apply would run the wrong manager', (_name, node: NodeInput, implied, os) => {
    expect(traps({node, ...complete})).toEqual([
      `node.manager is "${node.manager}" but ${os} uses ${implied}: the baseline is evaluated with ${implied}'s rules whatever the manager says, but apply would install with ${node.manager}: write "manager": "${implied}"`,
    ]);
  });

  it.each([
    ['RHEL 7 with yum', {...RHEL9, os: {id: 'rhel', versionId: '7.9'}, manager: 'yum'}],
    ['AL2 with yum', {...RHEL9, os: {id: 'amzn', versionId: '2'}, operatingSystem: 'AMAZON_LINUX_2', manager: 'yum'}],
    ['SUSE with zypper', {...RHEL9, os: {id: 'sles', versionId: '15.6'}, operatingSystem: 'SUSE', manager: 'zypper'}],
  ] as const)('%s is what the OS implies: no warning', (_name, node: NodeInput) => {
    expect(traps({node, ...complete})).toEqual([]);
  });

  it('apt versions with a repository but no origins are never security: say what to add', () => {
    const packages = [
      {name: 'openssl', arch: 'amd64', installedVersion: '3.0.13-0ubuntu3.4', versions: [{version: '3.0.13-0ubuntu3.5', repository: 'noble-security'}]},
      {name: 'tzdata', arch: 'all', installedVersion: '2024a-3ubuntu1', versions: [{version: '2025a-0ubuntu0.24.04', repository: 'noble-updates'}]},
    ];
    expect(traps({node: NOBLE, packages})).toEqual([
      '2 apt versions have a repository but no origins, and apt decides security only by origins, so every update among them is not-security-repo: write "origins": [{"archive": "noble-security", "trusted": true}] on each version (the suite and whether it is signed)',
    ]);
    const withOrigins = packages.map((p) => ({...p, versions: p.versions.map((v) => ({...v, origins: [{archive: v.repository, trusted: true}]}))}));
    expect(traps({node: NOBLE, packages: withOrigins})).toEqual([]);
  });
});
