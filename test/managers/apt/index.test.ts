import fc from 'fast-check';
import {describe, expect, it} from 'vitest';

import {ExternalCommandError, InputError, ManagerUnavailableError} from '../../../src/errors.js';
import type {PlannedInstall} from '../../../src/core/install.js';
import {aptConfigDumpArgv, buildInstallArgv, catFileArgv, dpkgQueryArgv} from '../../../src/managers/apt/argv.js';
import {createAptAdapter, type AptAdapterOptions} from '../../../src/managers/apt/index.js';
import {aptRootConfig, normalizeRoot, type AptRootConfig, type RootFacts} from '../../../src/managers/apt/root-config.js';
import {InventorySchema} from '../../../src/inventory/schema.js';
import {FakeRunner} from '../../helpers/fake-runner.js';
import {memoryNodeFiles} from '../../helpers/node-files.js';
import {eventLogger, expectedEvents, fixtureText, plannedItems, PROGRESS_LAB, recordedProgressCommands, replayProgressCapture} from '../progress-support.js';
import {
  CAPTURE_LAB,
  CAPTURE_ROOT,
  captureListFiles,
  context,
  fixture,
  fixtureJson,
  memoryFiles,
  readCapture,
  recordedCommands,
  recordingLogger,
  replayCapture,
  sandboxNode,
} from './support.js';

const FACTS: RootFacts = {hasShell: false, runningAsRoot: true};
const CONFIG = aptRootConfig(CAPTURE_ROOT, FACTS, CAPTURE_LAB);
const TARGET = {root: CAPTURE_ROOT, config: CONFIG};

/** An adapter whose host facts, config writes and clock are the test's. */
function testAdapter(overrides: AptAdapterOptions = {}) {
  const written: AptRootConfig[] = [];
  const sleeps: number[] = [];
  let now = 0;
  const adapter = createAptAdapter({
    tmpdir: CAPTURE_LAB,
    probeRoot: () => FACTS,
    writeConfig: async (c) => {
      written.push(c);
    },
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    monotonicMs: () => now,
    ...overrides,
  });
  return {adapter, written, sleeps};
}

const ITEMS: PlannedInstall[] = [
  {name: 'hello-pp', arch: 'all', version: '1.0-1+deb12u1'},
  {name: 'libfoo-pp', arch: 'i386', version: '1.1-1+deb12u1'},
];
const INSTALL = buildInstallArgv(ITEMS, TARGET);

/** The commands install runs before apt-get install, answered with the collect capture. */
function installPreamble(runner: FakeRunner, dpkgQuery = fixture('debian-12/collect/dpkg-query.stdout')): FakeRunner {
  return runner
    .on(aptConfigDumpArgv(TARGET), {stdout: fixture('debian-12/collect/apt-config-dump.stdout')})
    .on(dpkgQueryArgv(TARGET), {stdout: dpkgQuery});
}

const LOCKED = {exitCode: 100, ...readCapture('debian-12/install-lock-frontend', 'apt-get-install')};
const LOCK_PID = recordedCommands('debian-12/install-lock-frontend')[0]?.holderPid;

/** The capture's bookworm main list. */
function mainList(lists: Record<string, string>): string {
  const main = Object.keys(lists).find((f) => f.endsWith('_bookworm_main_binary-amd64_Packages'));
  if (main === undefined) throw new Error('no bookworm main list in the capture');
  return main;
}

/** The collect capture, except that apt keeps the bookworm main list as `.lz4` (Acquire::GzipIndexes). */
function compressedMainReplay(main: string): FakeRunner {
  const runner = replayCapture(new FakeRunner(), 'debian-12/collect', (argv) => !argv.args.includes('indextargets'));
  const indextargets = recordedCommands('debian-12/collect').find((c) => c.argv.args.includes('indextargets'));
  if (indextargets === undefined) throw new Error('no indextargets in the capture');
  return runner.on(indextargets.argv, {stdout: readCapture('debian-12/collect', 'apt-get-indextargets').stdout.replaceAll(`${main}\n`, `${main}.lz4\n`)});
}

describe('collect (replaying fixtures/apt/debian-12/collect)', () => {
  it('runs exactly the captured commands and builds the reviewed inventory', async () => {
    const runner = replayCapture(new FakeRunner(), 'debian-12/collect');
    const {adapter, written} = testAdapter();
    const inventory = await adapter.collect(context(runner, memoryFiles(captureListFiles())), sandboxNode(), {refresh: false});
    expect(runner.unused()).toEqual([]);
    expect(runner.calls.map((c) => c.argv)).toEqual(recordedCommands('debian-12/collect').map((c) => c.argv));
    expect(inventory.packages).toEqual(fixtureJson('debian-12/expected/packages.json'));
    expect(inventory).toMatchObject({schemaVersion: 1, advisories: [], node: {root: CAPTURE_ROOT, rebootPending: false, manager: 'apt'}});
    // The instant is the service's (its clock); the adapter leaves it out.
    expect(inventory).not.toHaveProperty('collectedAt');
    expect(InventorySchema.safeParse({...inventory, collectedAt: '2026-11-24T10:00:00Z'}).success).toBe(true);
    expect(written).toEqual([CONFIG]);
  });

  it('reports a pending reboot from the root, not from the host', async () => {
    const runner = replayCapture(new FakeRunner(), 'debian-12/collect');
    const files = memoryFiles({...captureListFiles(), [`${CAPTURE_ROOT}/var/run/reboot-required`]: ''});
    const inventory = await testAdapter().adapter.collect(context(runner, files), sandboxNode(), {refresh: false});
    expect(inventory.node.rebootPending).toBe(true);
  });

  it('skips a list apt has not fetched yet and says so in the debug log', async () => {
    const runner = replayCapture(new FakeRunner(), 'debian-12/collect', (argv) => argv.file !== '/usr/bin/apt-cache');
    const policyKeys = ['app-pp', 'epoch-pp', 'hello-pp', 'kernel-pp', 'libfoo-pp', 'libfoo-pp:i386', 'newdep-pp', 'provider-pp', 'python3-apt'];
    const mirrorless = Object.fromEntries(Object.entries(captureListFiles()).filter(([f]) => !f.includes('_mirror_')));
    runner.on(
      {file: '/usr/bin/apt-cache', args: ['-c', CONFIG.path, 'policy', '--', ...policyKeys], env: {LC_ALL: 'C', LANG: 'C', APT_CONFIG: CONFIG.path}},
      {stdout: fixture('debian-12/collect/apt-cache-policy.stdout')},
    );
    const log = recordingLogger();
    const inventory = await testAdapter().adapter.collect(context(runner, memoryFiles(mirrorless), {log}), sandboxNode(), {refresh: false});
    const hello = inventory.packages.find((p) => p.name === 'hello-pp');
    expect(hello?.versions?.map((v) => v.version)).toEqual(['1.0-1+deb12u2', '1.0-1+deb12u1', '1.0-1']);
    expect(log.debugLines).toContain('no local copy of file:/tmp/pp-apt-capture/mirror bookworm-security/main amd64 Packages (apt-get update has not fetched it)');
  });

  it('with refresh, runs apt-get update first and streams its lines as progress', async () => {
    const runner = replayCapture(new FakeRunner(), 'debian-12/collect-refresh');
    const log = recordingLogger();
    const refreshRoot = `${CAPTURE_LAB}/root-refresh`;
    const lists = Object.fromEntries(Object.entries(captureListFiles()).map(([f, text]) => [f.replace(CAPTURE_ROOT, refreshRoot), text]));
    await testAdapter().adapter.collect(context(runner, memoryFiles(lists), {log, root: refreshRoot}), sandboxNode(refreshRoot), {refresh: true});
    const update = recordedCommands('debian-12/collect-refresh').find((c) => c.argv.args.includes('update'));
    expect(update && runner.count(update.argv)).toBe(1);
    const expectedLines = readCapture('debian-12/collect-refresh', 'apt-get-update').stdout.split('\n').filter((l) => l.trim() !== '');
    expect(log.progressLines).toEqual(expectedLines);
  });

  it('refuses to go on when apt-config dump shows apt would not stay in the root, running nothing else', async () => {
    const root = `${CAPTURE_LAB}/root-hooks`;
    const config = aptRootConfig(root, FACTS, CAPTURE_LAB);
    const runner = new FakeRunner().on(aptConfigDumpArgv({root, config}), {stdout: fixture('debian-12/root-hooks/apt-config-dump-without-c.stdout')});
    const error = await testAdapter()
      .adapter.collect(context(runner, memoryFiles({}), {root}), sandboxNode(root), {refresh: true})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExternalCommandError);
    expect(error instanceof ExternalCommandError && error.line()).toMatch(
      /^\/tmp\/pp-apt-capture\/root-hooks: apt would not be confined to this root \(Dir::Bin::dpkg is "\/bin\/false"; DPkg::Options are .*; DPkg::Post-Invoke is set; DPkg::Pre-Install-Pkgs is set\); nothing was run$/,
    );
    expect(runner.calls).toHaveLength(1);
  });

  it('streams a compressed list through apt-helper cat-file into the same inventory', async () => {
    const lists = captureListFiles();
    const main = mainList(lists);
    const runner = compressedMainReplay(main);
    runner.on(catFileArgv(`${main}.lz4`), {stdout: lists[main]});
    const {[main]: text, ...others} = lists;
    const files = memoryFiles({...others, [`${main}.lz4`]: 'lz4 bytes apt-helper reads'});
    const inventory = await testAdapter().adapter.collect(context(runner, files), sandboxNode(), {refresh: false});
    expect(text).toBeDefined();
    expect(runner.count(catFileArgv(`${main}.lz4`))).toBe(1);
    expect(files.reads).not.toContain(`${main}.lz4`);
    expect(inventory.packages).toEqual(fixtureJson('debian-12/expected/packages.json'));
  });

  it('refuses a list larger than the input limit, read or unpacked, in one line naming it', async () => {
    const lists = captureListFiles();
    const main = mainList(lists);
    const limit = Math.max(...Object.values(lists).map((t) => Buffer.byteLength(t))) - 1;
    const plain = await testAdapter()
      .adapter.collect(context(replayCapture(new FakeRunner(), 'debian-12/collect'), memoryNodeFiles(lists, limit)), sandboxNode(), {refresh: false})
      .catch((e: unknown) => e);
    expect(plain).toBeInstanceOf(InputError);
    expect(plain instanceof InputError && plain.line()).toMatch(/_Packages: .* is larger than the .* input limit for the node's package files \(--max-input-size to raise it\)$/);

    const runner = compressedMainReplay(main);
    runner.on(catFileArgv(`${main}.lz4`), {stdout: `${lists[main]}\n`.repeat(50)});
    const files = memoryNodeFiles({...lists, [`${main}.lz4`]: 'small'}, Buffer.byteLength(lists[main] ?? '') * 10);
    const unpacked = await testAdapter()
      .adapter.collect(context(runner, files), sandboxNode(), {refresh: false})
      .catch((e: unknown) => e);
    expect(unpacked instanceof InputError && unpacked.line()).toMatch(
      new RegExp(`^${main.replaceAll('.', '\\.')}\\.lz4: unpacked, larger than the .* input limit for the node's package files \\(--max-input-size to raise it\\)$`),
    );
  });

  it('turns a failing query into one line naming the command and apt\'s error', async () => {
    const runner = new FakeRunner()
      .on(aptConfigDumpArgv(TARGET), {stdout: fixture('debian-12/collect/apt-config-dump.stdout')})
      .on(dpkgQueryArgv(TARGET), {exitCode: 2, stderr: "dpkg-query: error: parsing file '/x/var/lib/dpkg/status' near line 3:\n missing 'Version' field\n"});
    const error = await testAdapter()
      .adapter.collect(context(runner, memoryFiles({})), sandboxNode(), {refresh: false})
      .catch((e: unknown) => e);
    expect(error instanceof ExternalCommandError && error.line()).toBe(
      `/usr/bin/dpkg-query --admindir=${CAPTURE_ROOT}/var/lib/dpkg -W -f '\${Package}\\t\${Architecture}\\t\${Version}\\t\${Status}\\t\${Priority}\\t\${Section}\\t\${Multi-Arch}\\t\${Provides}\\n': exited 2: missing 'Version' field`,
    );
  });
});

describe('install', () => {
  it('replays the captured install: checks the dpkg state, then one apt-get install reporting apt’s status fd as events', async () => {
    const dir = 'apt/progress/upgrade';
    const runner = replayProgressCapture(new FakeRunner(), dir);
    const log = eventLogger();
    const recorded = recordedProgressCommands(dir);
    const {adapter} = testAdapter({tmpdir: `${PROGRESS_LAB}/apt`});
    const run = await adapter.install(plannedItems(dir), context(runner, memoryFiles({}), {root: `${PROGRESS_LAB}/apt/root-upgrade`, log}));
    expect(runner.unused()).toEqual([]);
    expect(runner.calls.map((c) => c.argv)).toEqual(recorded.map((c) => c.argv));
    // Only apt-get reads fd 3; the read-only checks before it get none.
    expect(runner.calls.map((c) => c.options?.onStatusLine !== undefined)).toEqual(recorded.map((c) => c.statusFd));
    expect(run.commands.map((c) => c.argv)).toEqual(recorded.filter((c) => c.argv.args.includes('install')).map((c) => c.argv));
    expect(run.commands.at(-1)?.result.exitCode).toBe(0);
    expect(log.events).toEqual(expectedEvents('apt/progress/expected/upgrade.events.json'));
    // apt's words go to the debug log; progress lines are for the lock wait alone.
    const stdoutLines = fixtureText(`${dir}/apt-get-install.stdout`).split('\n').filter((l) => l.trim() !== '');
    expect(log.debugLines.filter((l) => !l.startsWith('running '))).toEqual(stdoutLines);
    expect(log.progressLines).toEqual([]);
  });

  it('waits while another process holds the dpkg lock, with backoff, then installs', async () => {
    const runner = installPreamble(new FakeRunner()).on(INSTALL, LOCKED, LOCKED, {stdout: 'Setting up hello-pp (1.0-1+deb12u1) ...\n'});
    const {adapter, sleeps} = testAdapter();
    const log = recordingLogger();
    const run = await adapter.install(ITEMS, context(runner, memoryFiles({}), {log}));
    expect(sleeps).toEqual([250, 500]);
    expect(run.commands.map((c) => c.result.exitCode)).toEqual([100, 100, 0]);
    expect(log.progressLines).toContain(`waiting for /tmp/pp-apt-capture/root-install-lock-frontend/var/lib/dpkg/lock-frontend, held by process ${LOCK_PID} (python3)`);
  });

  it('gives up with exit 5 naming the holder once the lock timeout would pass', async () => {
    const runner = installPreamble(new FakeRunner()).on(INSTALL, LOCKED);
    const {adapter, sleeps} = testAdapter();
    const error = await adapter.install(ITEMS, context(runner, memoryFiles({}), {lockTimeoutMs: 3_000})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManagerUnavailableError);
    expect(error instanceof ManagerUnavailableError && error.exitCode).toBe(5);
    expect(error instanceof ManagerUnavailableError && error.line()).toBe(
      `/tmp/pp-apt-capture/root-install-lock-frontend/var/lib/dpkg/lock-frontend: locked by process ${LOCK_PID} (python3); gave up after waiting 2 s (lock timeout 3 s)`,
    );
    // 250 + 500 + 1000 waited; the next 2000 would pass 3 s.
    expect(sleeps).toEqual([250, 500, 1000]);
    expect(runner.count(INSTALL)).toBe(4);
  });

  it('gives up at once with exit 5 when this user may not open the lock', async () => {
    const denied = {exitCode: 100, ...readCapture('debian-12/install-not-root', 'apt-get-install')};
    const runner = installPreamble(new FakeRunner()).on(INSTALL, denied);
    const {adapter, sleeps} = testAdapter();
    const error = await adapter.install(ITEMS, context(runner, memoryFiles({}))).catch((e: unknown) => e);
    expect(error instanceof ManagerUnavailableError && error.line()).toBe(
      '/tmp/pp-apt-capture/root-not-owner/var/lib/dpkg/lock-frontend: permission denied: installing needs root (or the owner of --root, which patchplan then runs dpkg for with --force-not-root)',
    );
    expect(sleeps).toEqual([]);
  });

  it('refuses a half-configured package before apt runs, with the exact repair command', async () => {
    const runner = installPreamble(new FakeRunner(), fixture('debian-12/install-half-configured/dpkg-query-after.stdout')).on(INSTALL);
    const error = await testAdapter()
      .adapter.install(ITEMS, context(runner, memoryFiles({})))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExternalCommandError);
    expect(error instanceof ExternalCommandError && error.exitCode).toBe(1);
    expect(error instanceof ExternalCommandError && error.line()).toBe(
      `${CAPTURE_ROOT}/var/lib/dpkg: dpkg was interrupted (broken-pp:all is half-configured); finish it with \`dpkg --root=${CAPTURE_ROOT} --admindir=${CAPTURE_ROOT}/var/lib/dpkg --force-script-chrootless --configure -a\`, then run patchplan again`,
    );
    expect(runner.count(INSTALL)).toBe(0);
  });

  it("refuses when dpkg's journal holds an unfinished run, before asking dpkg-query", async () => {
    const runner = installPreamble(new FakeRunner()).on(INSTALL);
    const files = memoryFiles({[`${CAPTURE_ROOT}/var/lib/dpkg/updates/0001`]: 'Package: hello-pp\n'});
    const error = await testAdapter()
      .adapter.install(ITEMS, context(runner, files))
      .catch((e: unknown) => e);
    expect(error instanceof ExternalCommandError && error.line()).toContain(`dpkg was interrupted (1 unapplied entry in ${CAPTURE_ROOT}/var/lib/dpkg/updates); finish it with`);
    expect(runner.count(dpkgQueryArgv(TARGET))).toBe(0);
    expect(runner.count(INSTALL)).toBe(0);
  });

  it("turns apt-get's own interrupted-dpkg refusal into the same error", async () => {
    const interrupted = {exitCode: 100, ...readCapture('debian-12/install-interrupted', 'apt-get-install')};
    const runner = installPreamble(new FakeRunner()).on(INSTALL, interrupted);
    const error = await testAdapter()
      .adapter.install(ITEMS, context(runner, memoryFiles({})))
      .catch((e: unknown) => e);
    expect(error instanceof ExternalCommandError && error.line()).toBe(
      `${CAPTURE_ROOT}/var/lib/dpkg: dpkg was interrupted (apt-get found an unfinished dpkg run); finish it with \`dpkg --root=${CAPTURE_ROOT} --admindir=${CAPTURE_ROOT}/var/lib/dpkg --force-script-chrootless --configure -a\`, then run patchplan again`,
    );
  });

  it('reports any other apt failure as data (apply reads the versions back)', async () => {
    const failed = {exitCode: 100, ...readCapture('debian-12/install-half-configured', 'apt-get-install')};
    const runner = installPreamble(new FakeRunner()).on(INSTALL, failed);
    const run = await testAdapter().adapter.install(ITEMS, context(runner, memoryFiles({})));
    expect(run.commands.at(-1)?.result).toEqual({exitCode: 100, stdout: failed.stdout, stderr: failed.stderr});
  });

  it('validates every item before running anything', async () => {
    const runner = new FakeRunner();
    await expect(testAdapter().adapter.install([{name: '--allow-downgrades', arch: 'all', version: '1'}], context(runner, memoryFiles({})))).rejects.toThrow(InputError);
    expect(runner.calls).toEqual([]);
  });

  it('does nothing for an empty batch', async () => {
    const runner = new FakeRunner();
    expect(await testAdapter().adapter.install([], context(runner, memoryFiles({})))).toEqual({commands: []});
    expect(runner.calls).toEqual([]);
  });
});

describe('installArgv', () => {
  // No command may run to build an apt argv: the empty FakeRunner throws on any.
  const installContext = (root: string) => ({root, env: {}, files: memoryFiles({}), userId: 0, runner: new FakeRunner()});

  it('for a root: one command that reads the generated configuration (APT_CONFIG and -c)', async () => {
    const [argv, ...rest] = await testAdapter().adapter.installArgv(ITEMS, installContext(`${CAPTURE_ROOT}/`));
    expect(rest).toEqual([]);
    expect(argv).toEqual(INSTALL);
    expect(argv?.env?.APT_CONFIG).toBe(CONFIG.path);
    expect(argv?.args.slice(0, 2)).toEqual(['-c', CONFIG.path]);
  });

  it('for /: the system apt, no generated configuration', async () => {
    const [argv] = await testAdapter().adapter.installArgv(ITEMS, installContext('/'));
    expect(argv?.env?.APT_CONFIG).toBeUndefined();
    expect(argv?.args).not.toContain('-c');
  });

  it('can never leave a root without --root/--admindir for dpkg (any root, any host facts)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.stringMatching(/^[a-z0-9._-]{1,6}$/), {minLength: 1, maxLength: 3}), fc.boolean(), fc.boolean(), async (parts, hasShell, runningAsRoot) => {
        const root = normalizeRoot(`/${parts.join('/')}`);
        if (root === '/') return;
        const facts = {hasShell, runningAsRoot};
        const [argv] = await createAptAdapter({tmpdir: '/tmp', probeRoot: () => facts}).installArgv(ITEMS, installContext(root));
        const config = aptRootConfig(root, facts, '/tmp');
        expect(argv?.env?.APT_CONFIG).toBe(config.path);
        expect(argv?.args.slice(0, 2)).toEqual(['-c', config.path]);
        expect(config.content).toContain(`"--root=${root}"; "--admindir=${root}/var/lib/dpkg";`);
      }),
    );
  });

  it('is empty for an empty batch', async () => {
    expect(await testAdapter().adapter.installArgv([], installContext('/'))).toEqual([]);
  });
});

describe('available and rebootRequired', () => {
  it('is available when apt-get and dpkg-query are there, checked without starting them (the FakeRunner has no commands)', async () => {
    const both = memoryFiles({'/usr/bin/apt-get': '', '/usr/bin/dpkg-query': ''});
    expect(await testAdapter().adapter.available(context(new FakeRunner(), both))).toBe(true);
  });

  it('is not available when a binary is missing', async () => {
    expect(await testAdapter().adapter.available(context(new FakeRunner(), memoryFiles({'/usr/bin/dpkg-query': ''})))).toBe(false);
    expect(await testAdapter().adapter.available(context(new FakeRunner(), memoryFiles({'/usr/bin/apt-get': ''})))).toBe(false);
  });

  it('reads the reboot-required file of the root', async () => {
    const {adapter} = testAdapter();
    expect(await adapter.rebootRequired(context(new FakeRunner(), memoryFiles({[`${CAPTURE_ROOT}/run/reboot-required`]: ''})))).toBe(true);
    expect(await adapter.rebootRequired(context(new FakeRunner(), memoryFiles({'/run/reboot-required': ''})))).toBe(false);
  });

  it('has the apt identity', () => {
    const {adapter} = testAdapter();
    expect(adapter.id).toBe('apt');
  });
});
