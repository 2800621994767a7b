/**
 * `plan --pin` in the engine (docs/fleet.md "Rings that do not drift"): a pinned package never
 * targets a version newer than its pin; the pins are a pure input, like the baseline.
 */
import {describe, expect, it} from 'vitest';

import type {VersionPin} from '../../src/engine/engine-io.js';
import {aBaseline, aPackage, anInventory, decisionFor, evaluate} from './builders.js';

// Every newer version is approved (ApprovedPatches names the packages; non-security allowed).
const baseline = aBaseline({
  operatingSystem: 'AMAZON_LINUX_2023',
  approvedPatches: ['curl', 'zlib'],
  approvedPatchesEnableNonSecurity: true,
});
const inventory = anInventory({
  os: 'AMAZON_LINUX_2023',
  packages: [
    aPackage('curl', {installed: '8.0-1', versions: ['8.0-2', '8.0-3', '8.0-10']}),
    aPackage('zlib', {installed: '1.2-1', versions: ['1.2-2']}),
  ],
});
const pin = (name: string, version: string, more: Partial<VersionPin> = {}): VersionPin => ({manager: 'dnf', name, arch: 'x86_64', version, ...more});

describe('pins (plan --pin)', () => {
  it('without pins, the baseline targets the newest approved version', () => {
    expect(decisionFor(evaluate(inventory, baseline), 'curl').targetVersion).toBe('8.0-10');
  });

  it('targets the newest approved version at or below the pin, in the manager\'s order (8.0-3 < 8.0-10)', () => {
    const d = decisionFor(evaluate(inventory, baseline, {pins: [pin('curl', '8.0-3')]}), 'curl');
    expect(d).toMatchObject({action: 'install', targetVersion: '8.0-3', fallbackVersions: ['8.0-2'], candidateVersion: '8.0-10'});
    expect(d.reason.code).toBe('approved-patches');
    expect(d.reason.detail).toContain('held at or below the pin 8.0-3 (--pin); newer approved 8.0-10 is not targeted');
    expect(d.considered?.map((c) => [c.version, c.chosen, c.note])).toEqual([
      ['8.0-10', false, 'is newer than the pin 8.0-3 (--pin)'],
      ['8.0-3', true, 'chosen'],
      ['8.0-2', false, 'is approved too: a fallback if the target cannot be installed'],
    ]);
  });

  it('a pin between offered versions holds the target below it', () => {
    expect(decisionFor(evaluate(inventory, baseline, {pins: [pin('curl', '8.0-5')]}), 'curl').targetVersion).toBe('8.0-3');
  });

  it('a pin at or above the target changes nothing', () => {
    for (const version of ['8.0-10', '9.0-1']) {
      expect(evaluate(inventory, baseline, {pins: [pin('curl', version)]})).toEqual(evaluate(inventory, baseline));
    }
  });

  it('a pin equal to the installed version skips the package: pinned', () => {
    const d = decisionFor(evaluate(inventory, baseline, {pins: [pin('zlib', '1.2-1')]}), 'zlib');
    expect(d).toMatchObject({action: 'skip', targetVersion: null, candidateVersion: '1.2-2'});
    expect(d.considered?.map((c) => c.note)).toEqual(['is newer than the pin 1.2-1 (--pin)']);
    expect(d.reason).toEqual({
      code: 'pinned',
      rule: null,
      detail: 'pinned at 1.2-1 by --pin, and no approved version newer than the installed 1.2-1 is at or below the pin (newest available 1.2-2).',
    });
  });

  it('a pin for another arch, another manager or another package has no effect', () => {
    const before = evaluate(inventory, baseline);
    const pins = [pin('curl', '8.0-2', {arch: 'aarch64'}), pin('curl', '8.0-2', {manager: 'yum'}), pin('zlib', '1.2-1', {manager: 'apt'}), pin('bash', '1')];
    expect(evaluate(inventory, baseline, {pins})).toEqual(before);
  });

  it('no pins (absent or empty): the same decisions as before', () => {
    expect(evaluate(inventory, baseline, {pins: []})).toEqual(evaluate(inventory, baseline));
  });

  it('pins do not change the compliance the node would report', () => {
    expect(evaluate(inventory, baseline, {pins: [pin('zlib', '1.2-1'), pin('curl', '8.0-2')]}).compliance).toEqual(evaluate(inventory, baseline).compliance);
  });
});
