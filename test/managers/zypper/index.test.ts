import {gzipSync} from 'node:zlib';

import {describe, expect, it} from 'vitest';

import {ExternalCommandError, InputError, ManagerUnavailableError} from '../../../src/errors.js';
import type {PlannedInstall} from '../../../src/core/install.js';
import type {CollectedNode} from '../../../src/managers/adapter.js';
import {
  buildInstallArgv,
  listPatchesArgv,
  listUpdatesArgv,
  needsRebootingArgv,
  searchVersionsArgv,
  zstdCatArgv,
} from '../../../src/managers/zypper/argv.js';
import {rpmQueryArgv} from '../../../src/managers/rpm-common/index.js';
import {createZypperAdapter} from '../../../src/managers/zypper/index.js';
import {InventorySchema} from '../../../src/inventory/schema.js';
import {FakeRunner} from '../../helpers/fake-runner.js';
import {eventLogger} from '../progress-support.js';
import {CAPTURE_ROOT, context, fixture, memoryFiles, recordingLogger, slesNode} from './support.js';

const ENV = {HOME: '/tmp/zlab/home'};
const RAW = `${CAPTURE_ROOT}/var/cache/zypp/raw`;
const UPDATEINFO = `${RAW}/updates/repodata/1579a577-updateinfo.xml.gz`;
const NAMES = ['epoch-pp', 'feat-pp', 'kernel-pp', 'new-crit-pp', 'noadv-pp', 'rec-pp', 'sec-crit-pp', 'sec-imp-pp', 'sec-low-pp', 'sec-mod-pp', 'tool-pp'];

function testAdapter() {
  const sleeps: number[] = [];
  let now = 0;
  const adapter = createZypperAdapter({
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    monotonicMs: () => now,
  });
  return {adapter, sleeps};
}

/** The lab root's cache: two repositories, one gzipped updateinfo (a fresh fake each time: it records reads). */
function cacheFiles(updateinfo: Buffer = gzipSync(fixture('lab/updateinfo.xml')), maxBytes?: number) {
  return memoryFiles(
    {
      [RAW]: ['updates', 'base'],
      [`${RAW}/base/repodata`]: ['c60e-primary.xml.gz', 'repomd.xml'],
      [`${RAW}/updates/repodata`]: ['1579a577-updateinfo.xml.gz', '3c24-primary.xml.gz', 'repomd.xml'],
    },
    {[UPDATEINFO]: updateinfo},
    maxBytes,
  );
}

/** What the service makes of a collection: stamped with its clock (adapters read none), then parsed. */
function stamped(collected: CollectedNode) {
  expect(collected).not.toHaveProperty('collectedAt');
  return InventorySchema.parse({...collected, collectedAt: '2026-11-24T10:00:00Z'});
}

function collectRunner(): FakeRunner {
  return new FakeRunner()
    .on(rpmQueryArgv(CAPTURE_ROOT, ENV), {stdout: fixture('lab/rpm-qa.stdout')})
    .on(listUpdatesArgv(CAPTURE_ROOT, ENV), {stdout: fixture('lab/list-updates.xml')})
    .on(listPatchesArgv(CAPTURE_ROOT, ENV), {stdout: fixture('lab/list-patches-all.xml')})
    .on(searchVersionsArgv(CAPTURE_ROOT, ENV), {stdout: fixture('lab/search-all-packages.xml')})
    .on(needsRebootingArgv(CAPTURE_ROOT, ENV), {exitCode: 102, stdout: fixture('lab/needs-rebooting-102.stdout')});
}

describe('zypper adapter: collect (lab captures)', () => {
  it('joins rpm, list-updates, list-patches, the cached updateinfo and one search into a valid inventory', async () => {
    const {adapter} = testAdapter();
    const runner = collectRunner();
    const log = recordingLogger();
    const files = cacheFiles();
    const inventory = stamped(await adapter.collect(context(runner, {files, log}), slesNode(CAPTURE_ROOT), {refresh: false}));
    expect(runner.unused()).toEqual([]);
    expect(files.reads).toEqual([UPDATEINFO]);
    expect(inventory.node).toMatchObject({manager: 'zypper', root: CAPTURE_ROOT, rebootPending: true});
    expect(inventory.packages.map((p) => p.name)).toEqual(NAMES);
    const tool = inventory.packages.find((p) => p.name === 'tool-pp');
    expect(tool?.installedVersion).toBe('2.0-150600.1.1');
    expect(tool?.versions).toEqual([
      {version: '2.2-150600.1.1', repository: 'updates', advisories: ['SUSE-SLE-2026-107']},
      {version: '2.1-150600.1.1', repository: 'updates', advisories: ['SUSE-SLE-2026-106']},
      {version: '2.0-150600.1.1', repository: 'base', advisories: []},
    ]);
    expect(inventory.packages.find((p) => p.name === 'epoch-pp')?.versions[0]).toEqual({version: '1:2.0-150600.1.1', repository: 'updates', advisories: ['SUSE-SLE-2026-109']});
    expect(inventory.packages.find((p) => p.name === 'kernel-pp')?.versions[0]).toMatchObject({advisories: ['SUSE-SLE-2026-111'], rebootSuggested: true});
    expect(inventory.packages.find((p) => p.name === 'noadv-pp')?.versions[0]?.advisories).toEqual([]);
    expect(inventory.advisories).toHaveLength(11);
    expect(inventory.advisories.find((a) => a.id === 'SUSE-SLE-2026-105')).toEqual({
      id: 'SUSE-SLE-2026-105',
      type: 'recommended',
      issued: '2026-02-10T10:00:00.000Z',
      title: 'recommended update for rec-pp',
      cves: [],
      bugzillas: [],
      selfReferences: [],
      repository: 'updates',
      rebootSuggested: false,
    });
    expect(inventory.advisories.find((a) => a.id === 'SUSE-SLE-2026-101')).toMatchObject({type: 'security', severity: 'critical', cves: ['CVE-2026-0101']});
    expect(log.progressLines).toEqual(['reading the rpm database', 'zypper list-updates, list-patches', 'zypper search: all versions of 11 packages']);
  });

  it('decompresses a zstd updateinfo with zstd, and warns about patches no cached updateinfo describes', async () => {
    const {adapter} = testAdapter();
    const zst = `${RAW}/updates/repodata/abc-updateinfo.xml.zst`;
    // Only patch 101 is in this file: the other ten are unmapped.
    const only101 = fixture('lab/updateinfo.xml').replace(/<update from="[^"]*" status="stable" type="[a-z]+" version="1">\n<id>SUSE-SLE-2026-1(0[2-9]|1[01])<\/id>[\s\S]*?<\/update>\n/g, '');
    const runner = collectRunner().on(zstdCatArgv(zst), {stdout: only101});
    const log = recordingLogger();
    const files = memoryFiles({[RAW]: ['updates'], [`${RAW}/updates/repodata`]: ['abc-updateinfo.xml.zst', 'repomd.xml']});
    const inventory = stamped(await adapter.collect(context(runner, {files, log}), slesNode(CAPTURE_ROOT), {refresh: false}));
    expect(files.reads).toEqual([]);
    expect(inventory.packages.find((p) => p.name === 'sec-crit-pp')?.versions[0]?.advisories).toEqual(['SUSE-SLE-2026-101']);
    expect(inventory.packages.find((p) => p.name === 'tool-pp')?.versions[0]?.advisories).toEqual([]);
    expect(log.progressLines).toContain(
      'warning: no cached updateinfo lists the packages of zypper patch SUSE-SLE-2026-102, SUSE-SLE-2026-103, SUSE-SLE-2026-104 and 7 more (run `zypper refresh -f`); their versions are planned as in no patch',
    );
  });

  it('waits for the zypp lock during collection, then continues', async () => {
    const {adapter, sleeps} = testAdapter();
    const runner = new FakeRunner()
      .on(rpmQueryArgv(CAPTURE_ROOT, ENV), {stdout: fixture('lab/rpm-qa.stdout')})
      .on(listUpdatesArgv(CAPTURE_ROOT, ENV), {exitCode: 7, stdout: fixture('lab/list-updates-locked.xml')}, {stdout: fixture('lab/list-updates.xml')})
      .on(listPatchesArgv(CAPTURE_ROOT, ENV), {stdout: fixture('lab/list-patches-all.xml')})
      .on(searchVersionsArgv(CAPTURE_ROOT, ENV), {stdout: fixture('lab/search-all-packages.xml')})
      .on(needsRebootingArgv(CAPTURE_ROOT, ENV), {stdout: fixture('lab/needs-rebooting-0.stdout')});
    const inventory = await adapter.collect(context(runner, {files: cacheFiles()}), slesNode(CAPTURE_ROOT), {refresh: false});
    expect(sleeps).toEqual([250]);
    expect(runner.count(listUpdatesArgv(CAPTURE_ROOT, ENV))).toBe(2);
    expect(inventory.node.rebootPending).toBe(false);
  });

  it('says which command printed an unexpected element', async () => {
    const {adapter} = testAdapter();
    const runner = new FakeRunner()
      .on(rpmQueryArgv(CAPTURE_ROOT, ENV), {stdout: fixture('lab/rpm-qa.stdout')})
      .on(listUpdatesArgv(CAPTURE_ROOT, ENV), {stdout: fixture('lab/list-updates.xml').replace('<update-list>', '<update-list><frobnicate/>')});
    const error = await adapter.collect(context(runner, {files: cacheFiles()}), slesNode(CAPTURE_ROOT), {refresh: false}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExternalCommandError);
    expect((error as ExternalCommandError).line()).toBe(
      '/usr/bin/zypper --root /tmp/zlab/template --non-interactive --xmlout list-updates: printed an unexpected <frobnicate> in <stream><update-status><update-list> item 1',
    );
  });

  it('refuses a cached updateinfo.xml.gz that is not gzip, with one line saying how to fetch it again', async () => {
    const {adapter} = testAdapter();
    const runner = collectRunner();
    const files = cacheFiles(gzipSync(fixture('lab/updateinfo.xml')).subarray(0, 20));
    const error = await adapter.collect(context(runner, {files}), slesNode(CAPTURE_ROOT), {refresh: false}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExternalCommandError);
    const line = (error as ExternalCommandError).line();
    expect(line.startsWith(`${UPDATEINFO}: could not be decompressed: `)).toBe(true);
    expect(line).toMatch(/; run `zypper refresh -f`$/);
    expect(line).not.toContain('\n');
    expect(files.reads).toEqual([UPDATEINFO]);
  });

  it('refuses a cached updateinfo that unpacks to more than the node-file limit', async () => {
    const {adapter} = testAdapter();
    const runner = collectRunner();
    const xml = fixture('lab/updateinfo.xml');
    // The compressed file is well under the limit; only what it unpacks to is not.
    const packed = gzipSync(xml);
    const limit = Buffer.byteLength(xml) - 1;
    expect(packed.length).toBeLessThan(limit);
    const error = await adapter.collect(context(runner, {files: cacheFiles(packed, limit)}), slesNode(CAPTURE_ROOT), {refresh: false}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExternalCommandError);
    expect((error as ExternalCommandError).line()).toBe(`${UPDATEINFO}: could not be decompressed: unpacks to more than ${limit} bytes; run \`zypper refresh -f\``);
  });
});

const ITEMS: PlannedInstall[] = [
  {name: 'tool-pp', arch: 'noarch', version: '2.1-150600.1.1'},
  {name: 'epoch-pp', arch: 'noarch', version: '1:2.0-150600.1.1'},
];
const INSTALL = buildInstallArgv(ITEMS, CAPTURE_ROOT, ENV);

describe('zypper adapter: install', () => {
  it('runs one transaction and reports its package lines as progress events', async () => {
    const {adapter} = testAdapter();
    const runner = new FakeRunner().on(rpmQueryArgv(CAPTURE_ROOT, ENV), {stdout: fixture('lab/rpm-qa.stdout')}).on(INSTALL, {stdout: fixture('lab/install-ok.stdout')});
    const log = eventLogger();
    const run = await adapter.install(ITEMS, context(runner, {log}));
    expect(run.commands.map((c) => c.argv)).toEqual([INSTALL]);
    expect(log.events.at(-1)).toMatchObject({kind: 'package', name: 'tool-pp', phase: 'installed', done: 2, total: 2});
    expect(log.debugLines).toContain('(2/2) Installing: tool-pp-2.1-150600.1.1.noarch [......done]');
    expect(await adapter.installArgv(ITEMS, {root: CAPTURE_ROOT, env: ENV, files: memoryFiles({}), userId: 0, runner: new FakeRunner()})).toEqual([INSTALL]);
  });

  it('waits while another process holds the zypp lock, then exits 5 naming the holder pid', async () => {
    const {adapter, sleeps} = testAdapter();
    const runner = new FakeRunner()
      .on(rpmQueryArgv(CAPTURE_ROOT, ENV), {stdout: fixture('lab/rpm-qa.stdout')})
      .on(INSTALL, {exitCode: 7, stderr: fixture('lab/install-locked.stderr')});
    const files = memoryFiles({[`${CAPTURE_ROOT}/var/run/zypp.pid`]: []});
    const error = await adapter.install(ITEMS, context(runner, {lockTimeoutMs: 3_000, files})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManagerUnavailableError);
    expect((error as ManagerUnavailableError).exitCode).toBe(5);
    expect((error as ManagerUnavailableError).line()).toBe(
      // An older system keeps the lock in /var/run: the message names the file that exists.
      '/tmp/zlab/template/var/run/zypp.pid: locked by process 20197 (sleep); gave up after waiting 2 s (lock timeout 3 s)',
    );
    expect(sleeps).toEqual([250, 500, 1000]);
    expect(runner.count(INSTALL)).toBe(4);
  });

  it('succeeds once the lock is released within the timeout', async () => {
    const {adapter, sleeps} = testAdapter();
    const runner = new FakeRunner()
      .on(rpmQueryArgv(CAPTURE_ROOT, ENV), {stdout: fixture('lab/rpm-qa.stdout')})
      .on(INSTALL, {exitCode: 7, stderr: fixture('lab/install-locked.stderr')}, {exitCode: 7, stderr: fixture('lab/install-locked.stderr')}, {stdout: fixture('lab/install-ok.stdout')});
    const run = await adapter.install(ITEMS, context(runner));
    expect(sleeps).toEqual([250, 500]);
    expect(run.commands.map((c) => c.result.exitCode)).toEqual([7, 7, 0]);
  });

  it.each([
    [104, 'lab/install-not-found.stdout'],
    [102, 'lab/install-ok.stdout'],
    [103, 'lab/install-ok.stdout'],
    [8, 'lab/install-ok.stdout'],
  ])('returns exit %i as data for apply to read back, without retrying', async (exitCode, stdout) => {
    const {adapter, sleeps} = testAdapter();
    const runner = new FakeRunner().on(rpmQueryArgv(CAPTURE_ROOT, ENV), {stdout: fixture('lab/rpm-qa.stdout')}).on(INSTALL, {exitCode, stdout: fixture(stdout)});
    const run = await adapter.install(ITEMS, context(runner));
    expect(run.commands.map((c) => c.result.exitCode)).toEqual([exitCode]);
    expect(sleeps).toEqual([]);
  });

  it('refuses an item that is not newer than installed before running zypper', async () => {
    const {adapter} = testAdapter();
    const runner = new FakeRunner().on(rpmQueryArgv(CAPTURE_ROOT, ENV), {stdout: fixture('lab/rpm-qa.stdout')});
    const error = await adapter.install([{name: 'tool-pp', arch: 'noarch', version: '2.0-150600.1.1'}], context(runner)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).line()).toBe('tool-pp=2.0-150600.1.1: is not newer than the installed 2.0-150600.1.1; patchplan never downgrades (no --oldpackage)');
    expect(runner.calls).toHaveLength(1);
  });

  it('runs nothing for an empty plan', async () => {
    const {adapter} = testAdapter();
    const runner = new FakeRunner();
    expect(await adapter.install([], context(runner))).toEqual({commands: []});
    expect(runner.calls).toEqual([]);
  });
});

describe('zypper adapter: needs-rebooting', () => {
  it.each([
    [102, true],
    [0, false],
  ])('exit %i → %s', async (exitCode, expected) => {
    const {adapter} = testAdapter();
    const runner = new FakeRunner().on(needsRebootingArgv(CAPTURE_ROOT, ENV), {exitCode});
    expect(await adapter.rebootRequired(context(runner))).toBe(expected);
  });

  it('any other exit is no answer', async () => {
    const {adapter} = testAdapter();
    const runner = new FakeRunner().on(needsRebootingArgv(CAPTURE_ROOT, ENV), {exitCode: 1, stderr: 'Unexpected exception.\n'});
    await expect(adapter.rebootRequired(context(runner))).rejects.toThrow(/exit 1: Unexpected exception\./);
  });
});

describe('available', () => {
  it('is available when zypper and rpm are there, checked without starting them (the FakeRunner has no commands)', async () => {
    const both = memoryFiles({}, {'/usr/bin/zypper': Buffer.from(''), '/usr/bin/rpm': Buffer.from('')});
    expect(await createZypperAdapter().available(context(new FakeRunner(), {files: both}))).toBe(true);
  });

  it('is not available when a binary is missing', async () => {
    expect(await createZypperAdapter().available(context(new FakeRunner(), {files: memoryFiles({}, {'/usr/bin/rpm': Buffer.from('')})}))).toBe(false);
    expect(await createZypperAdapter().available(context(new FakeRunner(), {files: memoryFiles({}, {'/usr/bin/zypper': Buffer.from('')})}))).toBe(false);
  });
});
