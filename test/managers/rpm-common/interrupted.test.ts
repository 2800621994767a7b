import {describe, expect, it} from 'vitest';

import {duplicateOlderVersions, eraseOlderArgv, nevra, rpmLockFiles} from '../../../src/managers/rpm-common/interrupted.js';
import type {InstalledRpm} from '../../../src/managers/rpm-common/rpm-query.js';
import {compareEvr} from '../../../src/versions/rpm.js';

function rpm(name: string, epoch: number, version: string, release: string, arch = 'noarch'): InstalledRpm {
  return {name, epoch, version, release, arch, evr: `${epoch > 0 ? `${epoch}:` : ''}${version}-${release}`, installTime: 0, buildTime: 0};
}

describe('what a killed rpm transaction leaves', () => {
  it('the older versions of a name.arch installed twice, newest kept; kernels are side by side on purpose', () => {
    const installed = [
      rpm('app-pp', 0, '1.0', '1.amzn2'),
      rpm('app-pp', 0, '1.0', '2.amzn2'),
      rpm('epoch-pp', 1, '2.0', '1.el8'),
      rpm('epoch-pp', 0, '1.5', '1.el8'),
      rpm('kernel', 0, '4.14.0', '1.amzn2', 'x86_64'),
      rpm('kernel', 0, '4.14.1', '1.amzn2', 'x86_64'),
      rpm('multi-pp', 0, '1.0', '1', 'i686'),
      rpm('multi-pp', 0, '1.1', '1', 'x86_64'),
    ];
    expect(duplicateOlderVersions(installed, compareEvr).map(nevra)).toEqual(['app-pp-1.0-1.amzn2.noarch', 'epoch-pp-1.5-1.el8.noarch']);
  });

  it('erases them with rpm itself: exact argv, names after --', () => {
    const older = [rpm('app-pp', 0, '1.0', '1.amzn2'), rpm('epoch-pp', 1, '1.5', '1.el8')];
    expect(eraseOlderArgv('/srv/root', older, {HOME: '/lab/home', PATH: '/bin'})).toEqual({
      file: '/usr/bin/rpm',
      args: ['--root', '/srv/root', '-e', '--nodeps', '--noscripts', '--', 'app-pp-1.0-1.amzn2.noarch', 'epoch-pp-1:1.5-1.el8.noarch'],
      env: {LC_ALL: 'C', TZ: 'UTC', HOME: '/lab/home'},
    });
  });

  it("rpm's transaction lock under the root, in both database places", () => {
    expect(rpmLockFiles('/srv/root')).toEqual(['/srv/root/var/lib/rpm/.rpm.lock', '/srv/root/usr/lib/sysimage/rpm/.rpm.lock']);
  });
});
