import {describe, expect, it} from 'vitest';

import {parseZypperProgressLine} from '../../../src/managers/zypper/parse-zypper-progress.js';
import {expectedEvents, fixtureText, plannedItems, zypperEvents} from '../progress-support.js';

describe('zypper install stdout: captured runs through the tracker', () => {
  it('upgrade over HTTP (fixtures/zypper/progress/upgrade-http): the reviewed events', () => {
    const dir = 'zypper/progress/upgrade-http';
    expect(zypperEvents(fixtureText(`${dir}/zypper-install.stdout`), plannedItems(dir))).toEqual(expectedEvents('zypper/progress/expected/upgrade-http.events.json'));
  });

  it('upgrade over HTTP: each planned package is fetched, then installed; N reaches M = 7', () => {
    const dir = 'zypper/progress/upgrade-http';
    const events = zypperEvents(fixtureText(`${dir}/zypper-install.stdout`), plannedItems(dir));
    expect(events.map((e) => (e.kind === 'package' ? e.phase : e.kind))).toEqual(Array.from({length: 7}, () => ['downloading', 'installed']).flat());
    expect(events.map((e) => e.done)).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7]);
  });

  it('a file:// repository (fixtures/zypper/lab/install-ok.stdout)', () => {
    const items = [
      {name: 'tool-pp', arch: 'noarch', version: '2.1-150600.1.1'},
      {name: 'epoch-pp', arch: 'noarch', version: '1:2.0-150600.1.1'},
    ];
    const events = zypperEvents(fixtureText('zypper/lab/install-ok.stdout'), items);
    expect(events.map((e) => (e.kind === 'package' ? `${e.done}/${e.total} ${e.name} ${e.version ?? '?'} ${e.phase}` : ''))).toEqual([
      '0/2 epoch-pp 1:2.0-150600.1.1 downloading',
      '1/2 epoch-pp 1:2.0-150600.1.1 installed',
      '1/2 tool-pp 2.1-150600.1.1 downloading',
      '2/2 tool-pp 2.1-150600.1.1 installed',
    ]);
  });
});

describe('parseZypperProgressLine', () => {
  it.each([
    ['Retrieving package epoch-pp-1:2.0-150600.1.1.noarch (3/7),   6.0 KiB (   24   B unpacked)', 'downloading', 'epoch-pp-1:2.0-150600.1.1.noarch'],
    ['(3/7) Installing: epoch-pp-1:2.0-150600.1.1.noarch [......done]', 'installed', 'epoch-pp-1:2.0-150600.1.1.noarch'],
    [
      '(1/7) Installing: progress-display-long-package-name-for-truncation-pp-1.0-2.el9_3.noarch [.......done]',
      'installed',
      'progress-display-long-package-name-for-truncation-pp-1.0-2.el9_3.noarch',
    ],
  ])('%j', (line, phase, nevra) => {
    expect(parseZypperProgressLine(line)).toEqual({phase, nevra});
  });

  it.each([
    'Retrieving: epoch-pp-2.0-150600.1.1.noarch.rpm [done]',
    'Checking for file conflicts: [...........done]',
    'rpm: RPM should not be used directly install RPM packages, use Alien instead!',
    'scriptlet-pp 1.0-2.el9 post',
    '  epoch-pp kernel-pp progress-display-long-package-name-for-truncation-pp scriptlet-pp sec-crit-pp sec-imp-pp tool-pp',
    '(3/7) Installing: epoch-pp-1:2.0-150600.1.1.noarch [......',
  ])('says nothing about a package step for %j', (line) => {
    expect(parseZypperProgressLine(line)).toBeNull();
  });
});
