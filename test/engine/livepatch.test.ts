/**
 * Kernel live patching on AMAZON_LINUX_2 (spec §6.7; payload facts in src/engine/livepatch.ts).
 */
import {describe, expect, it} from 'vitest';

import {livepatchNameFor, withinSupportWindow} from '../../src/engine/livepatch.js';
import type {KernelLivePatching} from '../../src/inventory/schema.js';
import type {OperatingSystem} from '../../src/core/ids.js';
import {
  aBaseline,
  aPackage,
  aVersion,
  anAdvisory,
  anInventory,
  decisionFor,
  evaluate,
  hasDecision,
  predefinedRpmRules,
} from './builders.js';

const NOW = '2025-06-01T00:00:00Z';
const SEC = {type: 'security', severity: 'Important', issued: '2025-05-01T00:00:00Z', updated: '2025-05-01T00:00:00Z'};
const RUNNING = '4.14.300-230.100.amzn2';
const NEW_KERNEL = '4.14.310-231.101.amzn2';
const OTHER_LIVEPATCH = 'kernel-livepatch-4.14.290-229.99';

interface Scenario {
  readonly os?: OperatingSystem;
  readonly running?: string;
  readonly klp?: Partial<KernelLivePatching> | null;
  /** CVEs of the running kernel's livepatch notice. */
  readonly livepatchCves?: readonly string[];
  readonly livepatchPendingReboot?: boolean;
  readonly shuffle?: boolean;
}

function inventory(s: Scenario = {}) {
  const running = s.running ?? RUNNING;
  const packages = [
    aPackage('kernel', {
      installed: running,
      versions: [aVersion(running), aVersion(NEW_KERNEL, {advisories: ['ALAS2-K1']})],
    }),
    aPackage(livepatchNameFor(running), {
      installed: '1.0-1.amzn2',
      versions: [aVersion('1.0-1.amzn2', {advisories: ['ALAS2LIVEPATCH-1']})],
      ...(s.livepatchPendingReboot === undefined ? {} : {pendingReboot: s.livepatchPendingReboot}),
    }),
    aPackage(OTHER_LIVEPATCH, {
      installed: '1.0-0.amzn2',
      versions: ['1.0-0.amzn2', aVersion('1.0-1.amzn2', {advisories: ['ALAS2LIVEPATCH-2']})],
    }),
    aPackage('bash', {installed: '4.2.46-34.amzn2', versions: ['4.2.46-34.amzn2']}),
  ];
  const klp: KernelLivePatching | undefined =
    s.klp === null
      ? undefined
      : {pluginInstalled: true, serviceEnabled: true, runningKernel: running, runningKernelBuildTime: '2025-04-15T10:00:00Z', ...s.klp};
  return anInventory({
    os: s.os ?? 'AMAZON_LINUX_2',
    manager: 'yum',
    packages: s.shuffle === true ? [...packages].reverse() : packages,
    advisories: [
      anAdvisory('ALAS2-K1', {...SEC, cves: ['CVE-2025-0001', 'CVE-2025-0002']}),
      anAdvisory('ALAS2LIVEPATCH-1', {...SEC, cves: [...(s.livepatchCves ?? ['CVE-2025-0001', 'CVE-2025-0002'])]}),
      anAdvisory('ALAS2LIVEPATCH-2', {...SEC, cves: ['CVE-2025-0009']}),
    ],
    ...(klp === undefined ? {} : {kernelLivePatching: klp}),
  });
}

const baselineFor = (os: OperatingSystem = 'AMAZON_LINUX_2') => aBaseline({operatingSystem: os, rules: predefinedRpmRules(7)});

function run(s: Scenario = {}, options: Parameters<typeof evaluate>[2] = {}) {
  return evaluate(inventory(s), baselineFor(s.os), {now: NOW, ...options});
}

describe('kernel live patching (spec §6.7)', () => {
  it('names the running kernel\'s livepatch package without .amzn2 (get_livepatch_pkg_name)', () => {
    expect(livepatchNameFor('4.14.165-131.185.amzn2')).toBe('kernel-livepatch-4.14.165-131.185');
  });

  it('3-month window: build date + 3 calendar months, day clamped, the last day included', () => {
    expect(withinSupportWindow('2025-03-01T12:00:00Z', Date.parse('2025-06-01T23:00:00Z'))).toBe(true);
    expect(withinSupportWindow('2025-03-01T12:00:00Z', Date.parse('2025-06-02T00:00:00Z'))).toBe(false);
    expect(withinSupportWindow('2024-11-30T00:00:00Z', Date.parse('2025-02-28T00:00:00Z'))).toBe(true);
    expect(withinSupportWindow('2024-11-30T00:00:00Z', Date.parse('2025-03-01T00:00:00Z'))).toBe(false);
  });

  it('without live patching the kernel is MISSING and both livepatches are evaluated as usual', () => {
    const e = run({klp: null}, {operation: 'Scan'});
    expect(decisionFor(e, 'kernel')).toMatchObject({state: 'MISSING', action: 'install', targetVersion: NEW_KERNEL});
    expect(decisionFor(e, OTHER_LIVEPATCH)).toMatchObject({state: 'MISSING', action: 'install'});
    expect(e.compliance.counts.MISSING).toBe(2);
  });

  it('Scan, livepatches cover the new kernel\'s CVEs: kernel INSTALLED, other kernel\'s livepatch gone', () => {
    const e = run({}, {operation: 'Scan'});
    const kernel = decisionFor(e, 'kernel');
    expect(kernel.state).toBe('INSTALLED');
    expect(kernel.reason.detail).toContain('kernel live patching');
    expect(kernel.reason.detail).toContain('covers all 2 CVEs');
    expect(hasDecision(e, OTHER_LIVEPATCH)).toBe(false);
    expect(e.compliance.counts.MISSING).toBe(0);
    // kernel, the running kernel's livepatch, bash: the other kernel's livepatch is not counted.
    expect(e.compliance.counts.INSTALLED + e.compliance.counts.INSTALLED_OTHER).toBe(3);
    expect(e.compliance.status).toBe('COMPLIANT');
  });

  it('NoReboot Install: the kernel is still installed (AWS adjusts only the report) but reported INSTALLED', () => {
    const e = run({}, {operation: 'Install', rebootOption: 'NoReboot'});
    expect(decisionFor(e, 'kernel')).toMatchObject({state: 'INSTALLED', action: 'install', targetVersion: NEW_KERNEL});
    expect(hasDecision(e, OTHER_LIVEPATCH)).toBe(false);
    expect(e.compliance.status).toBe('COMPLIANT');
  });

  it('Install with RebootIfNeeded (the default): no CVE check; the other livepatch is not installed but still counted', () => {
    for (const e of [run({}, {operation: 'Install', rebootOption: 'RebootIfNeeded'}), run({}, {operation: 'Install'})]) {
      const kernel = decisionFor(e, 'kernel');
      expect(kernel).toMatchObject({state: 'MISSING', action: 'install'});
      expect(kernel.reason.detail).toContain('RebootIfNeeded');
      expect(hasDecision(e, OTHER_LIVEPATCH)).toBe(false);
      expect(e.compliance.counts.MISSING).toBe(2);
    }
  });

  it('plugin not installed: nothing changes', () => {
    const e = run({klp: {pluginInstalled: false}}, {operation: 'Scan'});
    expect(e).toEqual(run({klp: null}, {operation: 'Scan'}));
  });

  it('kpatch.service not enabled: no CVE check, but other kernels\' livepatches still leave the report', () => {
    const scan = run({klp: {serviceEnabled: false}}, {operation: 'Scan'});
    expect(decisionFor(scan, 'kernel').state).toBe('MISSING');
    expect(decisionFor(scan, 'kernel').reason.detail).toContain('kpatch.service is not enabled');
    expect(hasDecision(scan, OTHER_LIVEPATCH)).toBe(false);
    expect(scan.compliance.counts.MISSING).toBe(1);
    // yum is given it (LIVEPATCH_ENABLED needs the service), so an Install still installs it.
    const install = run({klp: {serviceEnabled: false}}, {operation: 'Install', rebootOption: 'NoReboot'});
    expect(decisionFor(install, OTHER_LIVEPATCH).action).toBe('install');
    expect(install.compliance.counts.MISSING).toBe(1);
  });

  it('not AMAZON_LINUX_2: nothing changes', () => {
    const e = run({os: 'AMAZON_LINUX'}, {operation: 'Scan'});
    expect(decisionFor(e, 'kernel').state).toBe('MISSING');
    expect(decisionFor(e, OTHER_LIVEPATCH).state).toBe('MISSING');
    expect(e).toEqual(run({os: 'AMAZON_LINUX', klp: null}, {operation: 'Scan'}));
  });

  it('running kernel older than 4.14.165-131.185: no CVE check', () => {
    const e = run({running: '4.14.160-130.180.amzn2'}, {operation: 'Scan'});
    const kernel = decisionFor(e, 'kernel');
    expect(kernel.state).toBe('MISSING');
    expect(kernel.reason.detail).toContain('older than 4.14.165-131.185.amzn2');
  });

  it('the minimum kernel itself qualifies', () => {
    const e = run({running: '4.14.165-131.185.amzn2'}, {operation: 'Scan'});
    expect(decisionFor(e, 'kernel').state).toBe('INSTALLED');
  });

  it('running kernel built more than 3 months ago: no CVE check', () => {
    const e = run({klp: {runningKernelBuildTime: '2025-02-28T00:00:00Z'}}, {operation: 'Scan'});
    expect(decisionFor(e, 'kernel').state).toBe('MISSING');
    expect(decisionFor(e, 'kernel').reason.detail).toContain('more than 3 months ago');
    // Unknown build time: treated as outside the window.
    const unknown = run({klp: {runningKernelBuildTime: undefined}}, {operation: 'Scan'});
    expect(decisionFor(unknown, 'kernel').state).toBe('MISSING');
  });

  it('one CVE of the new kernel not covered: the kernel stays MISSING and detail names it', () => {
    const e = run({livepatchCves: ['CVE-2025-0001']}, {operation: 'Scan'});
    const kernel = decisionFor(e, 'kernel');
    expect(kernel.state).toBe('MISSING');
    expect(kernel.reason.detail).toContain('CVE-2025-0002');
    expect(e.compliance.status).toBe('NON_COMPLIANT');
  });

  it('the running kernel\'s own notice counts too (cve_set_for_kernel: running through candidate, both included)', () => {
    const inv = inventory();
    const packages = inv.packages.map((p) =>
      p.name === 'kernel' ? {...p, versions: [aVersion(RUNNING, {advisories: ['ALAS2-K0']}), ...p.versions.slice(1)]} : p,
    );
    const advisories = [...inv.advisories, anAdvisory('ALAS2-K0', {...SEC, cves: ['CVE-2024-9999']})];
    const e = evaluate({...inv, packages, advisories}, baselineFor(), {now: NOW, operation: 'Scan'});
    expect(decisionFor(e, 'kernel').state).toBe('MISSING');
    expect(decisionFor(e, 'kernel').reason.detail).toContain('CVE-2024-9999');
  });

  it('the running kernel\'s livepatch not installed: no CVE check', () => {
    const inv = inventory();
    const packages = inv.packages.map((p) => (p.name === livepatchNameFor(RUNNING) ? {...p, installedVersion: null} : p));
    const e = evaluate({...inv, packages}, baselineFor(), {now: NOW, operation: 'Scan'});
    expect(decisionFor(e, 'kernel').state).toBe('MISSING');
    expect(decisionFor(e, 'kernel').reason.detail).toContain('is not installed');
  });

  it('livepatches are never INSTALLED_PENDING_REBOOT', () => {
    expect(run({klp: null, livepatchPendingReboot: true}, {operation: 'Scan'}).compliance.counts.INSTALLED_PENDING_REBOOT).toBe(1);
    const e = run({livepatchPendingReboot: true}, {operation: 'Scan'});
    expect(e.compliance.counts.INSTALLED_PENDING_REBOOT).toBe(0);
    expect(decisionFor(e, 'kernel').state).toBe('INSTALLED');
  });

  it('is deterministic and independent of package order', () => {
    const a = run({}, {operation: 'Scan'});
    expect(run({}, {operation: 'Scan'})).toEqual(a);
    expect(run({shuffle: true}, {operation: 'Scan'})).toEqual(a);
  });
});
