import {describe, expect, it} from 'vitest';

import {forecastReboot, isCorePackage, isKernelPackage} from '../../src/plan/reboot-forecast.js';
import {aPackage, anInventory} from '../helpers/plan-builders.js';

describe('isKernelPackage', () => {
  it.each(['linux-image-amd64', 'linux-image-6.1.0-28-amd64', 'linux-modules-6.8.0-45-generic', 'linux-generic', 'linux-aws', 'linux-signed-image-generic', 'kernel', 'kernel-core', 'kernel-modules-extra', 'kernel-default', 'kernel-uek'])(
    '%s is a kernel',
    (name) => expect(isKernelPackage({name})).toBe(true),
  );

  it.each(['linux-libc-dev', 'linux-firmware', 'linux-base', 'kernel-headers', 'kernel-tools', 'kernelshark', 'openssl', 'libssl3'])('%s is not', (name) =>
    expect(isKernelPackage({name})).toBe(false),
  );
});

describe('isCorePackage', () => {
  it.each([
    ['libc6', 'apt'],
    ['systemd', 'apt'],
    ['dbus', 'apt'],
    ['glibc', 'dnf'],
    ['linux-firmware', 'yum'],
    ['openssl-libs', 'yum'],
    ['dbus-broker', 'dnf'],
    ['glibc', 'zypper'],
    ['dbus-1', 'zypper'],
  ] as const)('%s on %s needs a reboot (the OS tools list it)', (name, manager) => expect(isCorePackage(name, manager)).toBe(true));

  it.each([
    ['libc6-dev', 'apt'],
    ['glibc-common', 'dnf'],
    ['openssl', 'dnf'],
    ['curl', 'zypper'],
    ['glibc', 'apt'],
  ] as const)('%s on %s does not', (name, manager) => expect(isCorePackage(name, manager)).toBe(false));
});

describe('forecastReboot', () => {
  const lib = {name: 'libssl3', arch: 'amd64', targetVersion: '3.0.17-1~deb12u2'};
  const kernel = {name: 'linux-image-amd64', arch: 'amd64', targetVersion: '6.1.158-1'};
  const libc = {name: 'libc6', arch: 'amd64', targetVersion: '2.36-9+deb12u14'};

  it('RebootIfNeeded reboots after any install, and names what needs it', () => {
    expect(forecastReboot({rebootOption: 'RebootIfNeeded', inventory: anInventory(), installs: [lib, kernel, libc]})).toEqual({
      expected: true,
      reason: 'installed-this-run',
      causes: [
        {kind: 'kernel', package: 'linux-image-amd64', advisory: null},
        {kind: 'core-package', package: 'libc6', advisory: null},
      ],
    });
    // AWS reboots whether or not anything needs it; the forecast says so with no causes.
    expect(forecastReboot({rebootOption: 'RebootIfNeeded', inventory: anInventory(), installs: [lib]})).toEqual({
      expected: true,
      reason: 'installed-this-run',
      causes: [],
    });
  });

  it('RebootIfNeeded with nothing to install: no reboot unless an earlier install is still waiting', () => {
    expect(forecastReboot({rebootOption: 'RebootIfNeeded', inventory: anInventory(), installs: []})).toMatchObject({expected: false, reason: 'nothing-installed'});
    const waiting = anInventory(undefined, {
      node: {...anInventory().node, rebootPending: true},
    });
    expect(forecastReboot({rebootOption: 'RebootIfNeeded', inventory: waiting, installs: []})).toEqual({
      expected: true,
      reason: 'pending-from-earlier-install',
      causes: [{kind: 'already-pending', package: null, advisory: null}],
    });
  });

  it('NoReboot never reboots but still says the kernel needs one; RebootIfRequired follows the causes', () => {
    expect(forecastReboot({rebootOption: 'NoReboot', inventory: anInventory(), installs: [kernel]})).toEqual({
      expected: false,
      reason: 'no-reboot-option',
      causes: [{kind: 'kernel', package: 'linux-image-amd64', advisory: null}],
    });
    expect(forecastReboot({rebootOption: 'RebootIfRequired', inventory: anInventory(), installs: [kernel]})).toMatchObject({expected: true, reason: 'required-by-os'});
    expect(forecastReboot({rebootOption: 'RebootIfRequired', inventory: anInventory(), installs: [lib]})).toMatchObject({expected: false, reason: 'not-required-by-os'});
  });

  it('an advisory or version marked reboot_suggested is a cause', () => {
    const inventory = anInventory(
      [
        aPackage('openssl-libs', '1:3.0.8-1.amzn2023.0.14', [], {
          arch: 'x86_64',
          versions: [{version: '1:3.0.8-1.amzn2023.0.16', advisories: ['ALAS2023-2024-700']}],
        }),
        aPackage('curl', '8.5.0-1.amzn2023.0.2', [], {arch: 'x86_64', versions: [{version: '8.5.0-1.amzn2023.0.4', rebootSuggested: true}]}),
      ],
      {advisories: [{id: 'ALAS2023-2024-700', type: 'security', rebootSuggested: true}]},
    );
    const installs = [
      {name: 'openssl-libs', arch: 'x86_64', targetVersion: '1:3.0.8-1.amzn2023.0.16'},
      {name: 'curl', arch: 'x86_64', targetVersion: '8.5.0-1.amzn2023.0.4'},
    ];
    // The inventory is an apt node (the builder's), so openssl-libs is not a core package here.
    expect(forecastReboot({rebootOption: 'NoReboot', inventory, installs}).causes).toEqual([
      {kind: 'reboot-suggested', package: 'openssl-libs', advisory: 'ALAS2023-2024-700'},
      {kind: 'reboot-suggested', package: 'curl', advisory: null},
    ]);
  });

  it('never expects a reboot of a --root image', () => {
    const image = anInventory(undefined, {node: {...anInventory().node, root: '/srv/image'}});
    expect(forecastReboot({rebootOption: 'RebootIfNeeded', inventory: image, installs: [kernel]})).toMatchObject({expected: false, reason: 'alternate-root'});
  });
});
