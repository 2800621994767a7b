import {describe, expect, it} from 'vitest';
import {assess, assessPackage} from '../../../src/engine/steps/assess.js';
import {aBaseline, aPackage, aVersion, anInventory, predefinedAptRules} from '../builders.js';
import {installedRow, notInstalledRow, runFor, yumNode} from './helpers.js';

describe('assess: spec §6.1 steps 0–6 and the §6.4 state, one row per package', () => {
  const {inventory, baseline} = yumNode();

  it('gives every package one row, in inventory order', () => {
    const rows = assess(runFor(inventory, baseline));
    expect(rows.map((r) => [r.pkg.name, r.kind])).toEqual([
      ['bash', 'installed'],
      ['curl', 'installed'],
      ['libcurl', 'not-installed'],
      ['wget', 'not-installed'],
    ]);
  });

  it('lists the newer versions highest first, picks the highest approved one and reports MISSING', () => {
    const curl = installedRow(assess(runFor(inventory, baseline)), 'curl');
    expect(curl.assessment.newer.map((v) => v.version.version)).toEqual(['8.5.0-1.amzn2', '8.4.0-1.amzn2']);
    expect(curl.assessment.choice.target?.version.version).toBe('8.5.0-1.amzn2');
    expect(curl.assessment.choice.fallbacks.map((v) => v.version.version)).toEqual(['8.4.0-1.amzn2']);
    expect(curl.assessment.state.state).toBe('MISSING');
    expect(curl).toMatchObject({reported: true, decides: true, note: null});
  });

  it('gives an up-to-date package no newer versions and no target', () => {
    const bash = installedRow(assess(runFor(inventory, baseline)), 'bash');
    expect(bash.assessment.newer).toEqual([]);
    expect(bash.assessment.choice.target).toBeNull();
    expect(bash.assessment.scanTarget).toBeNull();
  });

  it('keeps only the approved versions of a package that is not installed', () => {
    const wget = notInstalledRow(assess(runFor(inventory, baseline)), 'wget');
    expect(wget.approved.map((v) => v.version.version)).toEqual(['1.21-1.amzn2']);
  });

  it('counts python3-apt as installed at the pre-step target when apt will install it (step 0)', () => {
    const ubuntu = anInventory({
      os: 'UBUNTU',
      arch: 'amd64',
      packages: [aPackage('python3-apt', {arch: 'amd64', installed: null, versions: [aVersion('2.4.0ubuntu4', {candidate: true})]})],
    });
    const run = runFor(ubuntu, aBaseline({operatingSystem: 'UBUNTU', rules: predefinedAptRules()}));
    const pkg = run.packages[0];
    if (pkg === undefined) throw new Error('no package');
    const row = assessPackage(run, pkg);
    expect(row.kind).toBe('installed');
    if (row.kind !== 'installed') return;
    expect(row.pkg.installedVersion).toBeNull();
    expect(row.assessment.view.installedVersion).toBe('2.4.0ubuntu4');
    expect(row.assessment.prerequisite?.version).toBe('2.4.0ubuntu4');
  });

  it('returns the same rows for the same run, without changing the packages', () => {
    const run = runFor(inventory, baseline);
    const before = JSON.stringify(run.packages);
    expect(assess(run)).toEqual(assess(run));
    expect(JSON.stringify(run.packages)).toBe(before);
  });
});
