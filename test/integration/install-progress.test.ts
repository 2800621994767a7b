/**
 * Install progress from the real installers: each adapter's `install` runs the real apt-get/dpkg,
 * dnf/rpm and zypper/rpm against its lab's sandbox root, and the structured events it reports
 * (apt's status fd, dnf's and zypper's transaction lines) must account for the plan: every
 * planned package finishes once, N reaches M, the names are the plan's, and the package
 * database afterwards agrees.
 *
 * Needs the tools of scripts/install-test-deps.sh. The labs are built once (apt and rpm labs by
 * their builders, the zypper lab by test/integration/lab/zypper/build-lab.sh); every install is
 * on a `cp -a` copy of a template root, and the host's dpkg and rpm databases are checked last.
 */
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import type {AdapterContext} from '../../src/managers/adapter.js';
import type {PlannedInstall} from '../../src/core/install.js';
import {createAptAdapter} from '../../src/managers/apt/index.js';
import {createDnfAdapter} from '../../src/managers/dnf/index.js';
import type {InstallProgressEvent, PackageProgressEvent} from '../../src/core/install.js';
import {createZypperAdapter} from '../../src/managers/zypper/index.js';
import {nodeFiles} from '../../src/system/node-files.js';
import {execaRunner} from '../../src/system/runner.js';
import {REPO} from '../helpers/cli.js';
import {eventLogger} from '../managers/progress-support.js';
import {aptLab, installedVersions, md5File, type AptLab} from './lab/apt-lab.js';
import {rpmLab, rpmVersions, type RpmLab} from './lab/rpm/rpm-lab.js';

const HOST_STATUS = '/var/lib/dpkg/status';
const hostStatusBefore = md5File(HOST_STATUS);
/** The host's rpm database files by content (the lab builders' rpmbuild may open it, never write it). */
function rpmdbFingerprint(): string {
  const dir = '/var/lib/rpm';
  if (!existsSync(dir)) return 'absent';
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) {
    if (statSync(path.join(dir, name)).isFile()) hash.update(name).update(readFileSync(path.join(dir, name)));
  }
  return hash.digest('hex');
}
const hostRpmdbBefore = rpmdbFingerprint();

let apt: AptLab;
let rpm: RpmLab;
let zypperLab = '';

beforeAll(async () => {
  [apt, rpm] = await Promise.all([aptLab(), rpmLab()]);
  zypperLab = mkdtempSync(path.join(os.tmpdir(), 'pp-progress-zypper-'));
  execFileSync('/bin/sh', [path.join(REPO, 'test/integration/lab/zypper/build-lab.sh'), zypperLab], {stdio: 'pipe'});
});

afterAll(() => {
  apt?.remove();
  rpm?.remove();
  if (zypperLab !== '') rmSync(zypperLab, {recursive: true, force: true});
});

function context(root: string, log: ReturnType<typeof eventLogger>, env: Record<string, string> = {}): AdapterContext {
  return {runner: execaRunner, root, files: nodeFiles, log, lockTimeoutMs: 30_000, env, userId: process.getuid?.() ?? 0};
}

const packageEvents = (events: readonly InstallProgressEvent[]): PackageProgressEvent[] => events.flatMap((e) => (e.kind === 'package' ? [e] : []));

/** What every real run must show: each planned package finished once, in counting order, and nothing else counted. */
function expectAccountedFor(events: readonly InstallProgressEvent[], items: readonly PlannedInstall[]): void {
  expect(events.length).toBeGreaterThan(0);
  expect(events.every((e) => e.total === items.length)).toBe(true);
  const finished = packageEvents(events).filter((e) => e.planned && e.phase === 'installed');
  const firstTimes = finished.filter((e, i) => finished.findIndex((f) => f.name === e.name && f.arch === e.arch) === i);
  expect(firstTimes.map((e) => `${e.name}:${e.arch}`).sort()).toEqual(items.map((i) => `${i.name}:${i.arch}`).sort());
  expect(firstTimes.map((e) => e.done)).toEqual(items.map((_, i) => i + 1));
  expect(events.map((e) => e.done)).toEqual([...events.map((e) => e.done)].sort((a, b) => a - b));
  expect(events.at(-1)?.done).toBe(items.length);
  for (const e of packageEvents(events).filter((p) => p.planned)) {
    expect(items.some((i) => i.name === e.name && i.arch === e.arch)).toBe(true);
  }
}

describe('apt: progress from the status fd of a real apt-get install', () => {
  const items: PlannedInstall[] = [
    {name: 'app-pp', arch: 'all', version: '1.0-1+deb12u1'},
    {name: 'hello-pp', arch: 'all', version: '1.0-1+deb12u1'},
    {name: 'kernel-pp', arch: 'all', version: '6.1.0-2'},
    {name: 'libfoo-pp', arch: 'all', version: '1.1-1+deb12u1'},
    {name: 'libssl-pp', arch: 'all', version: '3.0.1-1+deb12u1'},
    {name: 'newlib-pp', arch: 'all', version: '1.0-1'},
  ];

  it('downloads, unpacks, configures and finishes each planned package; N reaches M = 6', async () => {
    const r = await apt.copyRoot('progress-apt');
    const log = eventLogger();
    const run = await createAptAdapter({tmpdir: apt.tmpdir}).install(items, context(r.root, log));
    expect(run.commands.at(-1)?.result.exitCode).toBe(0);
    expectAccountedFor(log.events, items);
    // apt's own steps, in its order: all downloads first, then unpacking before configuring for each package.
    const kinds = log.events.map((e) => (e.kind === 'download' ? 'download' : e.phase));
    expect(kinds.lastIndexOf('download')).toBeLessThan(kinds.indexOf('unpacking'));
    expect(log.events.filter((e) => e.kind === 'download').at(-1)).toMatchObject({file: 6, files: 6, percent: 100});
    for (const item of items) {
      const phases = packageEvents(log.events).filter((e) => e.name === item.name).map((e) => e.phase);
      expect(phases.indexOf('unpacking')).toBeLessThan(phases.indexOf('configuring'));
      expect(phases.indexOf('configuring')).toBeLessThan(phases.indexOf('installed'));
    }
    expect(packageEvents(log.events).every((e) => e.planned)).toBe(true);
    const versions = await installedVersions(r.root);
    for (const item of items) expect(versions[item.name]).toBe(item.version);
  });

  it('reports a dependency apt adds by itself as not planned, and M stays the plan’s', async () => {
    const r = await apt.copyRoot('progress-apt-unplanned');
    const log = eventLogger();
    const planned = items.filter((i) => i.name !== 'newlib-pp');
    await createAptAdapter({tmpdir: apt.tmpdir}).install(planned, context(r.root, log));
    expectAccountedFor(log.events, planned);
    const outside = packageEvents(log.events).filter((e) => !e.planned);
    expect(new Set(outside.map((e) => e.name))).toEqual(new Set(['newlib-pp']));
    expect(outside.map((e) => e.phase)).toContain('installed');
    expect((await installedVersions(r.root))['newlib-pp']).toBe('1.0-1');
  });
});

describe('dnf: progress from the transaction lines of a real dnf install', () => {
  it('finishes each planned package (an upgrade, an epoch, a new install), then cleans up and verifies; N reaches M = 4', async () => {
    const r = await rpm.copyRoot('al2023', 'progress-dnf');
    const items: PlannedInstall[] = [
      {name: 'app-pp', arch: 'noarch', version: '1.0-2.amzn2'},
      {name: 'libfoo-pp', arch: 'noarch', version: '1.1-1.amzn2'},
      {name: 'epoch-pp', arch: 'noarch', version: '1:2.0-1.el8'},
      {name: 'kernel', arch: 'noarch', version: '4.14.1-1.amzn2'},
    ];
    const log = eventLogger();
    const run = await createDnfAdapter('dnf', {pluginDir: null}).install(items, context(r.root, log, {...rpm.env}));
    expect(run.commands.at(-1)?.result.exitCode).toBe(0);
    expectAccountedFor(log.events, items);
    const phases = packageEvents(log.events).map((e) => e.phase);
    expect(phases.lastIndexOf('installed')).toBeLessThan(phases.indexOf('cleanup'));
    expect(phases.lastIndexOf('cleanup')).toBeLessThan(phases.indexOf('verifying'));
    // Cleanup removes the replaced versions: three upgrades, three old versions named by dnf.
    expect(packageEvents(log.events).filter((e) => e.phase === 'cleanup').map((e) => `${e.name} ${e.version}`).sort()).toEqual([
      'app-pp 1.0-1.amzn2',
      'epoch-pp 1.5-1.el8',
      'libfoo-pp 1.0-1.amzn2',
    ]);
    const versions = await rpmVersions(rpm, r.root);
    for (const item of items) expect(versions[item.name]).toBe(item.version);
  });
});

describe('zypper: progress from the install lines of a real zypper install', () => {
  it('finishes each planned package; N reaches M = 3', async () => {
    const root = path.join(zypperLab, 'progress-root');
    execFileSync('/bin/cp', ['-a', path.join(zypperLab, 'template'), root]);
    const home = path.join(zypperLab, 'home');
    const items: PlannedInstall[] = [
      {name: 'sec-crit-pp', arch: 'noarch', version: '1.0-150600.3.1'},
      {name: 'epoch-pp', arch: 'noarch', version: '1:2.0-150600.1.1'},
      {name: 'tool-pp', arch: 'noarch', version: '2.1-150600.1.1'},
    ];
    const log = eventLogger();
    const run = await createZypperAdapter().install(items, context(root, log, {HOME: home}));
    expect(run.commands.at(-1)?.result.exitCode).toBe(0);
    expectAccountedFor(log.events, items);
    for (const item of items) {
      const phases = packageEvents(log.events).filter((e) => e.name === item.name).map((e) => e.phase);
      expect(phases).toEqual(['downloading', 'installed']);
    }
    const rpmQa = execFileSync('/usr/bin/rpm', ['--root', root, '-q', '--qf', '%{NAME} %{EPOCHNUM}:%{VERSION}-%{RELEASE}\n', ...items.map((i) => i.name)], {
      env: {...process.env, HOME: home},
      encoding: 'utf8',
    });
    expect(rpmQa.trim().split('\n').sort()).toEqual(['epoch-pp 1:2.0-150600.1.1', 'sec-crit-pp 0:1.0-150600.3.1', 'tool-pp 0:2.1-150600.1.1']);
  });
});

describe('host safety', () => {
  it('left the host’s dpkg status and rpm database as they were', () => {
    expect(md5File(HOST_STATUS)).toBe(hostStatusBefore);
    expect(rpmdbFingerprint()).toBe(hostRpmdbBefore);
    expect(readFileSync(HOST_STATUS, 'utf8')).not.toMatch(/^Package: (app|hello|kernel|libfoo|libssl|newlib)-pp$/m);
  });
});
