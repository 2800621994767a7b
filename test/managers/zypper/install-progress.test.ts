import {describe, expect, it} from 'vitest';

import {buildInstallArgv} from '../../../src/managers/zypper/argv.js';
import {createZypperAdapter} from '../../../src/managers/zypper/index.js';
import {FakeRunner} from '../../helpers/fake-runner.js';
import {eventLogger, expectedEvents, fixtureText, plannedItems, PROGRESS_LAB, recordedProgressCommands, replayProgressCapture} from '../progress-support.js';
import {context} from './support.js';

const DIR = 'zypper/progress/upgrade-http';
const ROOT = `${PROGRESS_LAB}/zypper/root-upgrade`;
const ENV = {HOME: `${PROGRESS_LAB}/zypper/home`};

describe('zypper install progress (replaying fixtures/zypper/progress/upgrade-http)', () => {
  it('runs the captured commands, the install argument by argument, and reports zypper’s lines as the reviewed events', async () => {
    const runner = replayProgressCapture(new FakeRunner(), DIR);
    const log = eventLogger();
    const items = plannedItems(DIR);
    await createZypperAdapter().install(items, context(runner, {root: ROOT, env: ENV, log}));
    expect(runner.unused()).toEqual([]);
    expect(runner.calls.map((c) => c.argv)).toEqual(recordedProgressCommands(DIR).map((c) => c.argv));
    const install = runner.calls[1]?.argv;
    expect(install).toEqual(buildInstallArgv(items, ROOT, ENV));
    expect(install?.args).toEqual([
      '--root',
      ROOT,
      '--non-interactive',
      'install',
      '--no-recommends',
      '--',
      'sec-crit-pp=1.0-150600.3.1',
      'sec-imp-pp=1.1-150600.1.1',
      'epoch-pp=1:2.0-150600.1.1',
      'tool-pp=2.1-150600.1.1',
      'kernel-pp=6.4.0-150600.2.1',
      'scriptlet-pp=1.0-2.el9',
      'progress-display-long-package-name-for-truncation-pp=1.0-2.el9_3',
    ]);
    expect(runner.calls.every((c) => c.options?.onStatusLine === undefined)).toBe(true);
    expect(log.events).toEqual(expectedEvents('zypper/progress/expected/upgrade-http.events.json'));
    expect(log.debugLines.filter((l) => !l.startsWith('running ') && !l.startsWith('zypper install: '))).toEqual(fixtureText(`${DIR}/zypper-install.stdout`).split('\n').filter((l) => l.trim() !== ''));
    expect(log.progressLines).toEqual([]);
  });
});
