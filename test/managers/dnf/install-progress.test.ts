import {describe, expect, it} from 'vitest';

import {buildInstallArgv, makeTarget} from '../../../src/managers/dnf/argv.js';
import {createDnfAdapter} from '../../../src/managers/dnf/index.js';
import {FakeRunner} from '../../helpers/fake-runner.js';
import {eventLogger, expectedEvents, fixtureText, plannedItems, PROGRESS_LAB, recordedProgressCommands, replayProgressCapture} from '../progress-support.js';
import {context, memoryFiles} from './support.js';

const DIR = 'dnf/progress/upgrade-http';
const ROOT = `${PROGRESS_LAB}/rpm/root-upgrade`;
const ENV = {HOME: `${PROGRESS_LAB}/rpm/home`};

describe('dnf install progress (replaying fixtures/dnf/progress/upgrade-http)', () => {
  it('runs the captured commands, the install argument by argument, and reports dnf’s lines as the reviewed events', async () => {
    const runner = replayProgressCapture(new FakeRunner(), DIR);
    const log = eventLogger();
    const files = memoryFiles({[`${ROOT}/etc/os-release`]: 'ID="amzn"\nVERSION_ID="2023"\n'});
    const items = plannedItems(DIR);
    await createDnfAdapter('dnf', {pluginDir: null}).install(items, context(runner, files, {root: ROOT, env: ENV, log}));
    expect(runner.unused()).toEqual([]);
    expect(runner.calls.map((c) => c.argv)).toEqual(recordedProgressCommands(DIR).map((c) => c.argv));
    const install = runner.calls[1]?.argv;
    expect(install).toEqual(buildInstallArgv(items, makeTarget('dnf', ROOT, '2023', ENV)));
    expect(install?.args).toEqual([
      '-c',
      `${ROOT}/etc/dnf/dnf.conf`,
      `--installroot=${ROOT}`,
      `--setopt=reposdir=${ROOT}/etc/yum.repos.d`,
      '--releasever=2023',
      '-y',
      '--best',
      '--setopt=exit_on_lock=True',
      'install',
      'app-pp-1.0-2.amzn2.noarch',
      'libfoo-pp-1.1-1.amzn2.noarch',
      'epoch-pp-1:2.0-1.el8.noarch',
      'kernel-4.14.1-1.amzn2.noarch',
      'scriptlet-pp-1.0-2.el9.noarch',
      'progress-display-long-package-name-for-truncation-pp-1.0-2.el9_3.noarch',
    ]);
    // dnf has no status fd: its stdout is what the parser reads.
    expect(runner.calls.every((c) => c.options?.onStatusLine === undefined)).toBe(true);
    expect(log.events).toEqual(expectedEvents('dnf/progress/expected/upgrade-http.events.json'));
    expect(log.debugLines.filter((l) => !l.startsWith('running '))).toEqual(fixtureText(`${DIR}/dnf-install.stdout`).split('\n').filter((l) => l.trim() !== ''));
    expect(log.progressLines).toEqual([]);
  });
});
