import {describe, expect, it} from 'vitest';

import {createInstallTracker, plannedIndex} from '../../src/managers/install-progress.js';
import {type InstallProgressEvent} from '../../src/core/install.js';

const items = [
  {name: 'hello-pp', arch: 'all', version: '1.0-1+deb12u1'},
  {name: 'libfoo-pp', arch: 'amd64', version: '1.1-1'},
  {name: 'libfoo-pp', arch: 'i386', version: '1.1-1'},
];

function track() {
  const events: InstallProgressEvent[] = [];
  return {events, tracker: createInstallTracker(items, (e) => events.push(e))};
}

describe('plannedIndex', () => {
  it('finds the only item of a name whatever architecture the tool names', () => {
    expect(plannedIndex(items, {name: 'hello-pp', arch: 'amd64'})).toBe(0);
    expect(plannedIndex(items, {name: 'hello-pp'})).toBe(0);
  });

  it('tells the architectures of one name apart, and refuses to guess without one', () => {
    expect(plannedIndex(items, {name: 'libfoo-pp', arch: 'i386'})).toBe(2);
    expect(plannedIndex(items, {name: 'libfoo-pp', arch: 'amd64'})).toBe(1);
    expect(plannedIndex(items, {name: 'libfoo-pp'})).toBeNull();
    expect(plannedIndex(items, {name: 'libfoo-pp', arch: 'arm64'})).toBeNull();
  });

  it('takes the architecture-independent copy when the tool names another', () => {
    const both = [
      {name: 'x-pp', arch: 'noarch', version: '1-1'},
      {name: 'x-pp', arch: 'x86_64', version: '1-1'},
    ];
    expect(plannedIndex(both, {name: 'x-pp', arch: 'aarch64'})).toBe(0);
    expect(plannedIndex(both, {name: 'x-pp', arch: 'x86_64'})).toBe(1);
  });

  it('does not know names outside the plan', () => {
    expect(plannedIndex(items, {name: 'newdep-pp', arch: 'amd64'})).toBeNull();
  });
});

describe('createInstallTracker', () => {
  it('counts a planned package once, at installed, however often the tool says so', () => {
    const {events, tracker} = track();
    tracker.package({name: 'hello-pp', arch: 'amd64', phase: 'configuring'});
    tracker.package({name: 'hello-pp', arch: 'amd64', phase: 'installed'});
    tracker.package({name: 'hello-pp', arch: 'amd64', phase: 'configuring'});
    tracker.package({name: 'hello-pp', arch: 'amd64', phase: 'installed'});
    expect(events.map((e) => [e.done, e.total, e.kind === 'package' && e.phase])).toEqual([
      [0, 3, 'configuring'],
      [1, 3, 'installed'],
      [1, 3, 'configuring'],
      [1, 3, 'installed'],
    ]);
  });

  it('reports the plan’s name, architecture and version for a planned package', () => {
    const {events, tracker} = track();
    tracker.package({name: 'hello-pp', arch: 'amd64', phase: 'unpacking'});
    expect(events).toEqual([{kind: 'package', done: 0, total: 3, name: 'hello-pp', arch: 'all', version: '1.0-1+deb12u1', phase: 'unpacking', planned: true}]);
  });

  it('never counts a package the plan does not list, and gives it only what the tool said', () => {
    const {events, tracker} = track();
    tracker.package({name: 'newdep-pp', arch: 'amd64', phase: 'installed'});
    expect(events).toEqual([{kind: 'package', done: 0, total: 3, name: 'newdep-pp', arch: 'amd64', version: undefined, phase: 'installed', planned: false}]);
  });

  it('gives a cleanup or verify line without a version none (it may be about the replaced one)', () => {
    const {events, tracker} = track();
    tracker.package({name: 'hello-pp', phase: 'cleanup'});
    tracker.package({name: 'hello-pp', phase: 'verifying'});
    tracker.package({name: 'hello-pp', version: '1.0-1', phase: 'cleanup'});
    expect(events.map((e) => (e.kind === 'package' ? e.version : null))).toEqual([undefined, undefined, '1.0-1']);
  });

  it('does not repeat an event equal to the one before, and carries the count on downloads', () => {
    const {events, tracker} = track();
    tracker.download(1, 3, 0);
    tracker.download(1, 3, 0);
    tracker.package({name: 'libfoo-pp', arch: 'i386', phase: 'installed'});
    tracker.download(2, 3, 50);
    tracker.package({name: 'libfoo-pp', arch: 'i386', phase: 'unpacking'});
    tracker.package({name: 'libfoo-pp', arch: 'i386', phase: 'unpacking'});
    expect(events).toEqual([
      {kind: 'download', file: 1, files: 3, percent: 0, done: 0, total: 3},
      {kind: 'package', done: 1, total: 3, name: 'libfoo-pp', arch: 'i386', version: '1.1-1', phase: 'installed', planned: true},
      {kind: 'download', file: 2, files: 3, percent: 50, done: 1, total: 3},
      {kind: 'package', done: 1, total: 3, name: 'libfoo-pp', arch: 'i386', version: '1.1-1', phase: 'unpacking', planned: true},
    ]);
  });
});
