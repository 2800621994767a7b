import {describe, expect, it} from 'vitest';

import {readDnfTarget} from '../../../src/managers/dnf/target.js';
import {FakeRunner} from '../../helpers/fake-runner.js';
import {memoryNodeFiles} from '../../helpers/node-files.js';

const AL2023 = 'NAME="Amazon Linux"\nVERSION_ID="2023"\nID="amzn"\n';
const AL2 = 'NAME="Amazon Linux"\nVERSION_ID="2"\nID="amzn"\n';

describe('readDnfTarget', () => {
  it("reads a root's releasever from its os-release, every time it is asked (nothing is cached between calls)", async () => {
    const files = memoryNodeFiles({'/r/etc/os-release': AL2023});
    const ctx = {root: '/r/', env: {}, files, userId: 0, runner: new FakeRunner()};
    expect(await readDnfTarget('dnf', ctx)).toMatchObject({root: '/r', releasever: '2023', yumConf: false});
    expect(await readDnfTarget('dnf', ctx)).toMatchObject({releasever: '2023'});
    expect(files.reads.filter((f) => f === '/r/etc/os-release')).toHaveLength(2);
  });

  it('takes the VERSION_ID collection detected instead of reading it again', async () => {
    const files = memoryNodeFiles({'/r/etc/os-release': AL2023});
    expect(await readDnfTarget('dnf', {root: '/r', env: {}, files, userId: 0, runner: new FakeRunner()}, '2023.6')).toMatchObject({releasever: '2023.6'});
    expect(files.reads).not.toContain('/r/etc/os-release');
  });

  it('reads a yum 3 root (etc/yum.conf, no etc/dnf/dnf.conf) with its yum.conf, and only under the yum dialect', async () => {
    const yumRoot = memoryNodeFiles({'/r/etc/os-release': AL2, '/r/etc/yum.conf': '[main]\n'});
    expect(await readDnfTarget('yum', {root: '/r', env: {}, files: yumRoot, userId: 0, runner: new FakeRunner()})).toMatchObject({releasever: '2', yumConf: true});
    expect(await readDnfTarget('dnf', {root: '/r', env: {}, files: yumRoot, userId: 0, runner: new FakeRunner()})).toMatchObject({yumConf: false});
    const both = memoryNodeFiles({'/r/etc/os-release': AL2, '/r/etc/yum.conf': '', '/r/etc/dnf/dnf.conf': ''});
    expect(await readDnfTarget('yum', {root: '/r', env: {}, files: both, userId: 0, runner: new FakeRunner()})).toMatchObject({yumConf: false});
  });

  it('leaves releasever to dnf itself on / (the system-release package knows it) and reads nothing', async () => {
    const files = memoryNodeFiles({'/etc/os-release': AL2023});
    expect(await readDnfTarget('dnf', {root: '/', env: {}, files, userId: 0, runner: new FakeRunner()})).toMatchObject({root: '/', releasever: null, yumConf: false});
    expect(files.reads).toEqual([]);
  });
});
