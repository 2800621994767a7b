import {describe, expect, it} from 'vitest';

import {parseStatusFdLine} from '../../../src/managers/apt/parse-status-fd.js';
import {aptEvents, expectedEvents, fixtureText, plannedItems} from '../progress-support.js';

/** Golden tests on apt 2.6.2's fd 3 as the adapter's own install produced it (fixtures/apt/progress). */
describe('apt status fd: captured installs through the tracker', () => {
  it.each(['upgrade', 'unplanned', 'failed'])('%s: the reviewed events', (scenario) => {
    const dir = `apt/progress/${scenario}`;
    const events = aptEvents(fixtureText(`${dir}/apt-get-install.status`), plannedItems(dir));
    expect(events).toEqual(expectedEvents(`apt/progress/expected/${scenario}.events.json`));
  });

  it('upgrade: N reaches M = the 8 planned packages, both architectures of libfoo-pp counted apart', () => {
    const dir = 'apt/progress/upgrade';
    const events = aptEvents(fixtureText(`${dir}/apt-get-install.status`), plannedItems(dir));
    const finished = events.flatMap((e) => (e.kind === 'package' && e.phase === 'installed' ? [`${e.name}:${e.arch}`] : []));
    expect(finished).toEqual(['hello-pp:all', 'kernel-pp:all', 'libfoo-pp:amd64', 'libfoo-pp:i386', 'provider-pp:all', 'epoch-pp:all', 'newdep-pp:all', 'app-pp:all']);
    expect(events.at(-1)).toMatchObject({done: 8, total: 8});
  });

  it('unplanned: the dependencies apt chose itself are reported but never counted', () => {
    const dir = 'apt/progress/unplanned';
    const events = aptEvents(fixtureText(`${dir}/apt-get-install.status`), plannedItems(dir));
    const unplanned = new Set(events.flatMap((e) => (e.kind === 'package' && !e.planned ? [e.name] : [])));
    expect([...unplanned].sort()).toEqual(['newdep-pp', 'provider-pp']);
    expect(Math.max(...events.map((e) => e.done))).toBe(3);
    expect(events.at(-1)).toMatchObject({name: 'app-pp', phase: 'installed', done: 3, total: 3});
  });

  it('failed: the failing package ends failed, not counted', () => {
    const dir = 'apt/progress/failed';
    const events = aptEvents(fixtureText(`${dir}/apt-get-install.status`), plannedItems(dir));
    expect(events.at(-1)).toMatchObject({name: 'broken-pp', phase: 'failed', done: 1, total: 2});
  });
});

describe('parseStatusFdLine', () => {
  it.each([
    ['dlstatus:2:16.3477:Retrieving file 2 of 6', {kind: 'download', file: 2, files: 6, percent: 16.3477}],
    ['pmstatus:libssl-pp:0.0000:Preparing libssl-pp (amd64)', {kind: 'package', observation: {name: 'libssl-pp', arch: 'amd64', phase: 'unpacking'}}],
    ['pmstatus:libssl-pp:4.0000:Unpacking libssl-pp (amd64)', {kind: 'package', observation: {name: 'libssl-pp', arch: 'amd64', phase: 'unpacking'}}],
    ['pmstatus:libssl-pp:8.0000:Installing libssl-pp (amd64)', {kind: 'package', observation: {name: 'libssl-pp', arch: 'amd64', phase: 'unpacking'}}],
    ['pmstatus:hello-pp:48.0000:Preparing to configure hello-pp (amd64)', {kind: 'package', observation: {name: 'hello-pp', arch: 'amd64', phase: 'configuring'}}],
    ['pmstatus:hello-pp:52.0000:Configuring hello-pp (amd64)', {kind: 'package', observation: {name: 'hello-pp', arch: 'amd64', phase: 'configuring'}}],
    ['pmstatus:hello-pp:56.0000:Installed hello-pp (amd64)', {kind: 'package', observation: {name: 'hello-pp', arch: 'amd64', phase: 'installed'}}],
    ['pmstatus:libfoo-pp:0.0000:Preparing libfoo-pp (i386)', {kind: 'package', observation: {name: 'libfoo-pp', arch: 'i386', phase: 'unpacking'}}],
    [
      'pmerror:broken-pp:77.7778:installed broken-pp package post-installation script subprocess returned error exit status 1',
      {kind: 'package', observation: {name: 'broken-pp', arch: undefined, phase: 'failed'}},
    ],
  ])('%s', (line, expected) => {
    expect(parseStatusFdLine(line)).toEqual(expected);
  });

  it.each([
    'pmstatus:dpkg-exec:0.0000:Running dpkg',
    'pmstatus:dpkg-exec:48.4848:Running dpkg',
    '',
    'Reading package lists...',
    'pmstatus:hello-pp:56.0000:Installed hello-pp',
    'dlstatus:1:0.0000:Retrieving',
  ])('says nothing about a package for %j', (line) => {
    expect(parseStatusFdLine(line)).toBeNull();
  });
});
