import {describe, expect, it} from 'vitest';
import {livepatchNameFor} from '../../../src/engine/livepatch.js';
import {assess} from '../../../src/engine/steps/assess.js';
import {applyLivePatching} from '../../../src/engine/steps/live-patching.js';
import type {Inventory, KernelLivePatching} from '../../../src/inventory/schema.js';
import {aBaseline, aPackage, aVersion, anAdvisory, anInventory, predefinedRpmRules} from '../builders.js';
import {installedRow, runFor, yumNode} from './helpers.js';

const SEC = {type: 'security', severity: 'Important', issued: '2025-05-01T00:00:00Z', updated: '2025-05-01T00:00:00Z'};
const RUNNING = '4.14.300-230.100.amzn2';
const OTHER_LIVEPATCH = 'kernel-livepatch-4.14.290-229.99';

function al2(klp: Partial<KernelLivePatching> = {}, pendingLivepatch = false): Inventory {
  return anInventory({
    os: 'AMAZON_LINUX_2',
    manager: 'yum',
    packages: [
      aPackage('kernel', {installed: RUNNING, versions: [aVersion(RUNNING), aVersion('4.14.310-231.101.amzn2', {advisories: ['K1']})]}),
      aPackage(livepatchNameFor(RUNNING), {
        installed: '1.0-1.amzn2',
        versions: [aVersion('1.0-1.amzn2', {advisories: ['LP1']})],
        pendingReboot: pendingLivepatch,
      }),
      aPackage(OTHER_LIVEPATCH, {installed: '1.0-0.amzn2', versions: ['1.0-0.amzn2', aVersion('1.0-1.amzn2', {advisories: ['LP2']})]}),
    ],
    advisories: [
      anAdvisory('K1', {...SEC, cves: ['CVE-2025-0001']}),
      anAdvisory('LP1', {...SEC, cves: ['CVE-2025-0001']}),
      anAdvisory('LP2', {...SEC, cves: ['CVE-2025-0009']}),
    ],
    kernelLivePatching: {pluginInstalled: true, serviceEnabled: true, runningKernel: RUNNING, runningKernelBuildTime: '2025-04-15T10:00:00Z', ...klp},
  });
}

const baseline = aBaseline({operatingSystem: 'AMAZON_LINUX_2', rules: predefinedRpmRules(7)});

describe('live patching: spec §6.7 on the assessed table', () => {
  it('leaves a table without live patching as it is, in a new array', () => {
    const {inventory, baseline: yumBaseline} = yumNode();
    const run = runFor(inventory, yumBaseline, {operation: 'Scan'});
    const rows = assess(run);
    const after = applyLivePatching(run, rows);
    expect(after).not.toBe(rows);
    expect(after).toEqual(rows);
  });

  it('on a Scan, reports the kernel INSTALLED with a note when its livepatch covers the CVEs', () => {
    const run = runFor(al2(), baseline, {operation: 'Scan', now: '2025-06-01T00:00:00Z'});
    const rows = assess(run);
    const kernel = installedRow(applyLivePatching(run, rows), 'kernel');
    expect(kernel.assessment.state.state).toBe('INSTALLED');
    expect(kernel.note).toContain('covers all 1 CVEs');
    // The input table is not changed.
    expect(installedRow(rows, 'kernel').assessment.state.state).toBe('MISSING');
  });

  it('takes another kernel\'s livepatch out of the report and, on a Scan, out of the decisions', () => {
    const run = runFor(al2(), baseline, {operation: 'Scan', now: '2025-06-01T00:00:00Z'});
    const other = installedRow(applyLivePatching(run, assess(run)), OTHER_LIVEPATCH);
    expect(other).toMatchObject({reported: false, decides: false});
  });

  it('clears INSTALLED_PENDING_REBOOT from the running kernel\'s livepatch', () => {
    const run = runFor(al2({}, true), baseline, {operation: 'Scan', now: '2025-06-01T00:00:00Z'});
    const rows = assess(run);
    const name = livepatchNameFor(RUNNING);
    expect(installedRow(rows, name).assessment.state.state).toBe('INSTALLED_PENDING_REBOOT');
    expect(installedRow(applyLivePatching(run, rows), name).assessment.state.state).not.toBe('INSTALLED_PENDING_REBOOT');
  });
});
