import {describe, expect, it} from 'vitest';

import {ManagerUnavailableError} from '../../../src/errors.js';
import {kpatchEnabledArgv, parseUname, readKernelLivePatching, unameArgv} from '../../../src/managers/dnf/livepatch.js';
import type {Argv, CommandRunner} from '../../../src/system/runner.js';
import {FakeRunner} from '../../helpers/fake-runner.js';

const ENV = {HOME: '/root'};
const UNAME = '4.14.165-131.185.amzn2.x86_64 #1 SMP Sun Feb 9 00:21:30 UTC 2020\n';

describe('parseUname', () => {
  it('splits the running kernel (arch removed) and the build time from `uname -r -v`', () => {
    expect(parseUname(UNAME)).toEqual({runningKernel: '4.14.165-131.185.amzn2', buildTime: '2020-02-09T00:21:30.000Z'});
  });
  it('a version without a date: no build time', () => {
    expect(parseUname('5.10.0-1.amzn2.aarch64 #1 SMP\n')).toEqual({runningKernel: '5.10.0-1.amzn2', buildTime: null});
  });
  it('empty output: null', () => {
    expect(parseUname('\n')).toBeNull();
  });
});

describe('readKernelLivePatching', () => {
  it('plugin (a kernel-livepatch-* package installed), kpatch.service enabled, running kernel and build time', async () => {
    const runner = new FakeRunner().on(unameArgv(ENV), {stdout: UNAME}).on(kpatchEnabledArgv(ENV), {stdout: 'enabled\n'});
    expect(await readKernelLivePatching(runner, ['bash', 'kernel-livepatch-4.14.165-131.185'], ENV)).toEqual({
      pluginInstalled: true,
      serviceEnabled: true,
      runningKernel: '4.14.165-131.185.amzn2',
      runningKernelBuildTime: '2020-02-09T00:21:30.000Z',
    });
  });

  it('kpatch.service disabled (exit 1) and no livepatch installed', async () => {
    const runner = new FakeRunner().on(unameArgv(ENV), {stdout: UNAME}).on(kpatchEnabledArgv(ENV), {exitCode: 1, stdout: 'disabled\n'});
    expect(await readKernelLivePatching(runner, ['bash', 'yum-plugin-kernel-livepatch'], ENV)).toMatchObject({pluginInstalled: false, serviceEnabled: false});
  });

  it('no uname/systemctl on the host: null (the inventory omits the field)', async () => {
    const runner: CommandRunner = {
      run: async (cmd: Argv) => {
        throw new ManagerUnavailableError(cmd.file, 'not found');
      },
    };
    expect(await readKernelLivePatching(runner, [], ENV)).toBeNull();
  });
});
