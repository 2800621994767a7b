import {describe, expect, it} from 'vitest';

import {parseDnfProgressLine} from '../../../src/managers/dnf/parse-dnf-progress.js';
import {dnfEvents, expectedEvents, fixtureText, plannedItems} from '../progress-support.js';

describe('dnf install stdout: captured runs through the tracker', () => {
  it('upgrade over HTTP (fixtures/dnf/progress/upgrade-http): the reviewed events', () => {
    const dir = 'dnf/progress/upgrade-http';
    expect(dnfEvents(fixtureText(`${dir}/dnf-install.stdout`), plannedItems(dir))).toEqual(expectedEvents('dnf/progress/expected/upgrade-http.events.json'));
  });

  it('upgrade over HTTP: every planned package is downloaded, then installed once; N reaches M = 6 with the cut long name counted', () => {
    const dir = 'dnf/progress/upgrade-http';
    const events = dnfEvents(fixtureText(`${dir}/dnf-install.stdout`), plannedItems(dir));
    const names = (phase: string): string[] => events.flatMap((e) => (e.kind === 'package' && e.phase === phase ? [e.name] : []));
    const planned = plannedItems(dir).map((i) => i.name).sort();
    expect([...names('downloading')].sort()).toEqual(planned);
    expect([...names('installed')].sort()).toEqual(planned);
    expect(events.every((e) => e.kind === 'package' && e.planned && e.total === 6)).toBe(true);
    expect(events.at(-1)?.done).toBe(6);
  });

  it('a file:// repository prints no downloads (fixtures/dnf/lab-al2023/install.stdout)', () => {
    const items = [
      {name: 'app-pp', arch: 'noarch', version: '1.0-2.amzn2'},
      {name: 'libfoo-pp', arch: 'noarch', version: '1.1-1.amzn2'},
      {name: 'epoch-pp', arch: 'noarch', version: '1:2.0-1.el8'},
    ];
    const events = dnfEvents(fixtureText('dnf/lab-al2023/install.stdout'), items);
    expect(events.map((e) => (e.kind === 'package' ? `${e.done}/${e.total} ${e.name} ${e.version ?? '?'} ${e.phase}` : ''))).toEqual([
      '1/3 libfoo-pp 1.1-1.amzn2 installed',
      '2/3 app-pp 1.0-2.amzn2 installed',
      '3/3 epoch-pp 1:2.0-1.el8 installed',
      '3/3 app-pp 1.0-1.amzn2 cleanup',
      '3/3 libfoo-pp 1.0-1.amzn2 cleanup',
      '3/3 epoch-pp 1.5-1.el8 cleanup',
      '3/3 app-pp 1.0-2.amzn2 verifying',
      '3/3 app-pp 1.0-1.amzn2 verifying',
      '3/3 epoch-pp 1:2.0-1.el8 verifying',
      '3/3 epoch-pp 1.5-1.el8 verifying',
      '3/3 libfoo-pp 1.1-1.amzn2 verifying',
      '3/3 libfoo-pp 1.0-1.amzn2 verifying',
    ]);
  });
});

describe('parseDnfProgressLine', () => {
  it.each([
    ['(3/6): epoch-pp-2.0-1.el8.noarch.rpm            898 kB/s | 6.0 kB     00:00    ', 'downloading', 'epoch-pp-2.0-1.el8.noarch'],
    ['(5/6): progress-display-long-package-name-for-t 1.8 MB/s | 6.4 kB     00:00    ', 'downloading', 'progress-display-long-package-name-for-t'],
    ['  Upgrading        : libfoo-pp-1.1-1.amzn2.noarch                          1/11 ', 'installed', 'libfoo-pp-1.1-1.amzn2.noarch'],
    ['  Installing       : kernel-4.14.1-1.amzn2.noarch                          6/11 ', 'installed', 'kernel-4.14.1-1.amzn2.noarch'],
    ['  Running scriptlet: scriptlet-pp-1.0-2.el9.noarch                         3/11 ', 'scriptlet', 'scriptlet-pp-1.0-2.el9.noarch'],
    ['  Upgrading        : progress-display-long-package-name-for-truncation-    4/11 ', 'installed', 'progress-display-long-package-name-for-truncation-'],
    ['  Cleanup          : app-pp-1.0-1.amzn2.noarch                             7/11 ', 'cleanup', 'app-pp-1.0-1.amzn2.noarch'],
    ['  Verifying        : epoch-pp-1:2.0-1.el8.noarch                           4/11 ', 'verifying', 'epoch-pp-1:2.0-1.el8.noarch'],
  ])('%j', (line, phase, nevra) => {
    expect(parseDnfProgressLine(line)).toEqual({phase, nevra});
  });

  it.each([
    '  Preparing        :                                                        1/1 ',
    'Total                                           1.6 MB/s |  37 kB     00:00     ',
    'scriptlet-pp 1.0-2.el9 post',
    ' app-pp                                                 noarch  1.0-2.amzn2    amzn-updates  6.0 k',
    '  app-pp-1.0-2.amzn2.noarch                                                     ',
    'Complete!',
  ])('says nothing about a package step for %j', (line) => {
    expect(parseDnfProgressLine(line)).toBeNull();
  });
});
