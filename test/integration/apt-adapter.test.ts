/**
 * The apt adapter against the real apt, dpkg and python-apt, in sandbox roots (labs.md §1).
 *
 * Needs on the host (Debian/Ubuntu, as root): apt-utils (apt-ftparchive), dpkg-dev (dpkg-deb),
 * gpg, python3-apt for /usr/bin/python3 (scripts/install-test-deps.sh installs them). A missing
 * tool fails the suite with that message rather than skipping it.
 *
 * beforeAll builds the repository and a template root once (fixtures/apt/sandbox/build-sandbox.sh);
 * every test works on its own `cp -a` copy. The host's package database must come out unchanged:
 * the last test compares the checksum of /var/lib/dpkg/status with the one taken first.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {createHash} from 'node:crypto';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {ExternalCommandError, ManagerUnavailableError} from '../../src/errors.js';
import type {AdapterContext} from '../../src/managers/adapter.js';
import type {PlannedInstall} from '../../src/core/install.js';
import {dpkgQueryArgv} from '../../src/managers/apt/argv.js';
import {parseParagraphs} from '../../src/managers/apt/deb822.js';
import {createAptAdapter} from '../../src/managers/apt/index.js';
import {parseDpkgQuery} from '../../src/managers/apt/parse-dpkg-query.js';
import {aptRootConfig, probeRootFacts} from '../../src/managers/apt/root-config.js';
import {InventorySchema, type InventoryInput} from '../../src/inventory/schema.js';
import {nodeFiles} from '../../src/system/node-files.js';
import {execaRunner} from '../../src/system/runner.js';
import {APT_FIXTURES, PythonAptViewSchema, recordingLogger, sandboxNode, type PythonAptView} from '../managers/apt/support.js';
import {run} from './lab/run.js';
import {installedOf} from '../helpers/installed.js';

const HOST_STATUS = '/var/lib/dpkg/status';
const md5 = (file: string): string => createHash('md5').update(readFileSync(file)).digest('hex');
const hostStatusBefore = md5(HOST_STATUS);

let LAB = '';
const adapterFor = () => createAptAdapter({tmpdir: LAB});

/** Adapters leave the collection instant to the service; these tests stamp a fixed one. */
const COLLECTED_AT = '2026-12-03T00:00:00Z';

async function copyRoot(name: string): Promise<string> {
  const root = path.join(LAB, name);
  const result = await run('/bin/cp', ['-a', path.join(LAB, 'template'), root]);
  if (result.code !== 0) throw new Error(`cp -a failed: ${result.stderr}`);
  return root;
}

function ctxFor(root: string, overrides: Partial<AdapterContext> = {}): AdapterContext {
  return {runner: execaRunner, root, files: nodeFiles, log: recordingLogger(), lockTimeoutMs: 10_000, env: {}, userId: process.getuid?.() ?? 0, ...overrides};
}

async function installedVersions(root: string): Promise<Record<string, string>> {
  const out = await run('/usr/bin/dpkg-query', [`--admindir=${root}/var/lib/dpkg`, '-W', '-f', '${Package}:${Architecture}\\t${Version}\\t${db:Status-Abbrev}\\n']);
  const versions: Record<string, string> = {};
  for (const line of out.stdout.split('\n').filter(Boolean)) {
    const [key, version, abbrev] = line.split('\t');
    versions[key ?? ''] = abbrev?.trim() === 'ii' ? (version ?? '') : `${version ?? ''} (${abbrev?.trim() ?? ''})`;
  }
  return versions;
}

/** python-apt's view of a root (the library AWS's payload uses), through fixtures/apt/debian-12/python-apt-view.py. */
async function pythonAptView(aptConfig: string | undefined): Promise<PythonAptView> {
  const env: NodeJS.ProcessEnv = {...process.env, LC_ALL: 'C'};
  if (aptConfig === undefined) delete env.APT_CONFIG;
  else env.APT_CONFIG = aptConfig;
  const out = await run('/usr/bin/python3', [path.join(APT_FIXTURES, 'debian-12/python-apt-view.py')], env);
  if (out.code !== 0) throw new Error(`python-apt-view.py failed (is python3-apt installed?): ${out.stderr}`);
  return PythonAptViewSchema.parse(JSON.parse(out.stdout));
}

/** Every package, version, origin, Priority, Section and candidate must match python-apt's. */
function expectSameAsPythonApt(inventory: InventoryInput, view: PythonAptView, nativeArch: string): void {
  const mine = new Map(inventory.packages.map((p) => [`${p.name}:${p.arch === 'all' ? nativeArch : p.arch}`, p]));
  expect([...mine.keys()].sort()).toEqual(Object.keys(view).sort());
  for (const [key, theirs] of Object.entries(view)) {
    const pkg = mine.get(key);
    const versions = pkg?.versions ?? [];
    expect({key, installed: pkg?.installedVersion}).toEqual({key, installed: theirs.installed});
    expect({key, versions: versions.map((v) => v.version).sort()}).toEqual({key, versions: Object.keys(theirs.versions).sort()});
    for (const v of versions) {
      const other = theirs.versions[v.version];
      const origins = (v.origins ?? []).map((o) => JSON.stringify([o.archive, o.codename, o.label, o.origin, o.site, o.component, o.trusted])).sort();
      expect({key, version: v.version, origins, priority: v.priority, section: v.section}).toEqual({
        key,
        version: v.version,
        origins: (other?.origins ?? []).map((o) => JSON.stringify(o)).sort(),
        priority: other?.priority,
        section: other?.section,
      });
    }
    const candidate = versions.find((v) => v.candidate)?.version;
    // Packages without anything newer are not asked about (build-inventory.ts); their candidate is the installed version.
    if (candidate !== undefined || versions.some((v) => v.version !== pkg?.installedVersion)) {
      expect({key, candidate}).toEqual({key, candidate: theirs.candidate});
    }
  }
}

/** apt's own closure for one exact version: the Inst lines of `apt-get -s install`. */
async function simulatedInstalls(root: string, spec: string): Promise<{name: string; arch: string; version: string}[]> {
  const config = aptRootConfig(root, await probeRootFacts(root, ctxFor(root)), LAB).path;
  const out = await run('/usr/bin/apt-get', ['-c', config, '-s', '-q', 'install', '--', spec], {...process.env, APT_CONFIG: config, LC_ALL: 'C'});
  return out.stdout
    .split('\n')
    .filter((l) => l.startsWith('Inst '))
    .map((l) => {
      const m = /^Inst (\S+?)(?::(\S+))? (?:\[\S+\] )?\((\S+) .*\[(\S+)\]\)/.exec(l);
      return {name: m?.[1] ?? '', arch: m?.[4] ?? '', version: m?.[3] ?? ''};
    });
}

/** Holds a dpkg lock the way apt and dpkg take it (fcntl), until killed or `seconds` pass. */
async function holdLock(file: string, seconds: number): Promise<ChildProcess> {
  const holder = spawn(
    '/usr/bin/python3',
    ['-c', 'import fcntl,sys,time\nf=open(sys.argv[1],"a")\nfcntl.lockf(f,fcntl.LOCK_EX)\nprint("locked",flush=True)\ntime.sleep(float(sys.argv[2]))', file, String(seconds)],
    {stdio: ['ignore', 'pipe', 'inherit']},
  );
  await new Promise((resolve, reject) => {
    holder.stdout?.once('data', resolve);
    holder.once('error', reject);
  });
  return holder;
}

beforeAll(async () => {
  for (const tool of ['/usr/bin/apt-ftparchive', '/usr/bin/dpkg-deb', '/usr/bin/gpg', '/usr/bin/apt-get', '/usr/lib/apt/apt-helper']) {
    if (!existsSync(tool)) throw new Error(`${tool} is missing: run scripts/install-test-deps.sh (apt-utils, dpkg-dev, gpg)`);
  }
  LAB = mkdtempSync(path.join(os.tmpdir(), 'pp-apt-it-'));
  const built = await run('/bin/sh', [path.join(APT_FIXTURES, 'sandbox/build-sandbox.sh'), LAB]);
  if (built.code !== 0) throw new Error(`build-sandbox.sh failed: ${built.stderr}`);
});

afterAll(() => {
  if (LAB !== '') rmSync(LAB, {recursive: true, force: true});
});

describe('collect on a sandbox root', () => {
  it('agrees with python-apt version by version: origins, trust, suites, Priority, Section, candidate', async () => {
    const root = await copyRoot('collect');
    const inventory = InventorySchema.parse({...(await adapterFor().collect(ctxFor(root), sandboxNode(root), {refresh: false})), collectedAt: COLLECTED_AT});
    expectSameAsPythonApt(inventory, await pythonAptView(aptRootConfig(root, await probeRootFacts(root, ctxFor(root)), LAB).path), 'amd64');

    const hello = inventory.packages.find((p) => p.name === 'hello-pp');
    const v = (version: string) => hello?.versions?.find((x) => x.version === version);
    // The pin keeps the mirror's higher version from being apt's candidate.
    expect(v('1.0-1+deb12u2')?.candidate).toBe(true);
    expect(v('1.0-1+deb12u3')?.origins).toEqual([
      {archive: 'stable-security', codename: 'bookworm-security', label: 'Internal-Mirror', origin: 'Internal', site: '', component: 'main', trusted: false},
    ]);
    expect(v('1.0-1+deb12u1')?.origins?.map((o) => [o.label, o.trusted])).toEqual([
      ['Debian-Security', true],
      ['Internal-Mirror', false],
    ]);
    const libfooI386 = inventory.packages.find((p) => p.name === 'libfoo-pp' && p.arch === 'i386');
    expect(libfooI386?.versions?.[0]).toMatchObject({version: '1.1-1+deb12u1', priority: 'important', section: 'libs', candidate: true});
    expect(inventory.packages.find((p) => p.name === 'python3-apt')).toMatchObject({installedVersion: null});
    expect(inventory.node.rebootPending).toBe(false);
  });

  it("computes the same dependency closure as apt-get -s install for every newer version", async () => {
    const root = await copyRoot('requires');
    const inventory = await adapterFor().collect(ctxFor(root), sandboxNode(root), {refresh: false});
    let checked = 0;
    for (const pkg of inventory.packages) {
      for (const version of pkg.versions ?? []) {
        if (version.requires === undefined) continue;
        const spec = pkg.arch === 'all' ? `${pkg.name}=${version.version}` : `${pkg.name}:${pkg.arch}=${version.version}`;
        const apt = (await simulatedInstalls(root, spec)).filter((d) => !(d.name === pkg.name && d.arch === pkg.arch));
        const sort = (list: readonly {name: string; arch?: string | undefined}[]) => [...list].sort((a, b) => `${a.name}:${a.arch}`.localeCompare(`${b.name}:${b.arch}`));
        expect({spec, requires: sort(version.requires)}).toEqual({spec, requires: sort(apt)});
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it('is read-only: the root\'s dpkg status and lists are unchanged', async () => {
    const root = await copyRoot('read-only');
    const status = md5(`${root}/var/lib/dpkg/status`);
    const lists = (await run('/bin/ls', ['-l', '--time-style=full-iso', `${root}/var/lib/apt/lists`])).stdout;
    await adapterFor().collect(ctxFor(root), sandboxNode(root), {refresh: false});
    expect(md5(`${root}/var/lib/dpkg/status`)).toBe(status);
    expect((await run('/bin/ls', ['-l', '--time-style=full-iso', `${root}/var/lib/apt/lists`])).stdout).toBe(lists);
  });

  it('refresh fetches the lists (apt-get update) and streams its lines as progress', async () => {
    const root = await copyRoot('refresh');
    await run('/usr/bin/find', [`${root}/var/lib/apt/lists`, '-maxdepth', '1', '-type', 'f', '-name', '_*', '-delete']);
    await run('/usr/bin/find', [`${root}/var/lib/apt/lists`, '-maxdepth', '1', '-type', 'l', '-delete']);
    const stale = await adapterFor().collect(ctxFor(root), sandboxNode(root), {refresh: false});
    expect(stale.packages.find((p) => p.name === 'hello-pp')?.versions?.map((v) => v.version)).toEqual(['1.0-1']);
    const log = recordingLogger();
    const fresh = await adapterFor().collect(ctxFor(root, {log}), sandboxNode(root), {refresh: true});
    expect(fresh.packages.find((p) => p.name === 'hello-pp')?.versions?.map((v) => v.version)).toEqual(['1.0-1+deb12u3', '1.0-1+deb12u2', '1.0-1+deb12u1', '1.0-1']);
    expect(log.progressLines.some((l) => /^Get:\d+ file:.* bookworm InRelease/.test(l))).toBe(true);
  });
});

describe('install into a sandbox root', () => {
  it('installs exact versions (not the candidate, an epoch, new dependencies, python3-apt) and nothing reaches the host', async () => {
    const root = await copyRoot('install');
    // The root's own configuration tries to act on the host; -c must neutralise all of it.
    const hookMarker = path.join(LAB, 'HOOK-RAN');
    writeFileSync(
      `${root}/etc/apt/apt.conf.d/70hooks`,
      `DPkg::Post-Invoke {"touch ${hookMarker}";};\nDPkg::Pre-Install-Pkgs {"touch ${hookMarker}.pre";};\nDir::Bin::dpkg "/bin/false";\nDPkg::Options {"--force-confnew";};\n`,
    );
    const adapter = adapterFor();
    const inventory = await adapter.collect(ctxFor(root), sandboxNode(root), {refresh: false});
    const app = inventory.packages.find((p) => p.name === 'app-pp')?.versions?.find((v) => v.version === '1.0-1+deb12u1');
    const items: PlannedInstall[] = [
      {name: 'hello-pp', arch: 'all', version: '1.0-1+deb12u1'},
      {name: 'epoch-pp', arch: 'all', version: '1:2.0-1'},
      {name: 'kernel-pp', arch: 'all', version: '6.1.0-2'},
      {name: 'python3-apt', arch: 'all', version: '2.6.0+deb12u1'},
      {name: 'app-pp', arch: 'all', version: '1.0-1+deb12u1'},
      ...(app?.requires ?? []).map((d) => ({name: d.name, arch: d.arch ?? '', version: d.version})),
    ];
    const log = recordingLogger();
    const result = await adapter.install(items, ctxFor(root, {log}));
    expect(result.commands.at(-1)?.result.exitCode).toBe(0);
    expect(await installedVersions(root)).toEqual({
      'app-pp:all': '1.0-1+deb12u1',
      'epoch-pp:all': '1:2.0-1',
      'hello-pp:all': '1.0-1+deb12u1',
      'kernel-pp:all': '6.1.0-2',
      'libfoo-pp:amd64': '1.1-1+deb12u1',
      'libfoo-pp:i386': '1.1-1+deb12u1',
      'newdep-pp:all': '2.0-1',
      'provider-pp:all': '1.0-1',
      'python3-apt:all': '2.6.0+deb12u1',
    });
    // apt's own words go to the debug log; the progress display reads its status fd (install-progress.test.ts).
    expect(log.debugLines).toContain('Setting up hello-pp (1.0-1+deb12u1) ...');
    expect(await adapter.rebootRequired(ctxFor(root))).toBe(true);
    expect(existsSync(hookMarker) || existsSync(`${hookMarker}.pre`)).toBe(false);
    expect(existsSync('/var/run/reboot-required.pkgs') && readFileSync('/var/run/reboot-required.pkgs', 'utf8').includes('kernel-pp')).toBe(false);

    const after = await adapter.collect(ctxFor(root), sandboxNode(root), {refresh: false});
    expect(after.packages.find((p) => p.name === 'hello-pp')?.installedVersion).toBe('1.0-1+deb12u1');
    expect(after.node.rebootPending).toBe(true);
    // apply's read-back (dpkg-query alone) says what the full collection says is installed.
    expect(installedOf(await adapter.readInstalled(ctxFor(root)))).toEqual(installedOf(after.packages));
  });

  it('never downgrades: apt refuses and the installed version stays', async () => {
    const root = await copyRoot('downgrade');
    const adapter = adapterFor();
    await adapter.install([{name: 'hello-pp', arch: 'all', version: '1.0-1+deb12u2'}], ctxFor(root));
    const result = await adapter.install([{name: 'hello-pp', arch: 'all', version: '1.0-1'}], ctxFor(root));
    expect(result.commands.at(-1)?.result.exitCode).toBe(100);
    expect(result.commands.at(-1)?.result.stderr).toContain('E: Packages were downgraded and -y was used without --allow-downgrades.');
    expect((await installedVersions(root))['hello-pp:all']).toBe('1.0-1+deb12u2');
  });

  it('a root with its own /bin/sh gets plain --root: dpkg chroots into it for maintainer scripts', async () => {
    const root = await copyRoot('full-root');
    // A minimal "full" root: the host's dash and the libraries ldd names, enough for chroot(2).
    const libraries = (await run('/usr/bin/ldd', ['/bin/dash'])).stdout.match(/\/\S+/g) ?? [];
    await run('/usr/bin/install', ['-D', '/bin/dash', path.join(root, 'bin/sh')]);
    for (const library of libraries) await run('/usr/bin/install', ['-D', library, path.join(root, library)]);
    expect((await probeRootFacts(root, ctxFor(root))).hasShell).toBe(true);
    const [argv] = await adapterFor().installArgv([{name: 'broken-pp', arch: 'all', version: '1.0-1'}], ctxFor(root));
    const config = aptRootConfig(root, await probeRootFacts(root, ctxFor(root)), LAB);
    expect(argv?.env?.APT_CONFIG).toBe(config.path);
    expect(config.dpkgOptions).toEqual([`--root=${root}`, `--admindir=${root}/var/lib/dpkg`, `--log=${root}/var/log/dpkg.log`]);

    // The postinst checks "$DPKG_ROOT/etc/broken-pp.fail": chrooted, it sees the root's /etc.
    writeFileSync(`${root}/etc/broken-pp.fail`, '');
    const failed = await adapterFor().install([{name: 'broken-pp', arch: 'all', version: '1.0-1'}], ctxFor(root));
    expect(failed.commands.at(-1)?.result.exitCode).toBe(100);
    expect(failed.commands.at(-1)?.result.stderr).toContain('broken-pp: /etc/broken-pp.fail exists, failing on purpose');
    rmSync(`${root}/etc/broken-pp.fail`);
    const error = await adapterFor().install([{name: 'hello-pp', arch: 'all', version: '1.0-1+deb12u1'}], ctxFor(root)).catch((e: unknown) => e);
    const repair = /`([^`]+)`/.exec(error instanceof ExternalCommandError ? error.line() : '')?.[1] ?? '';
    expect(repair).toBe(`dpkg --root=${root} --admindir=${root}/var/lib/dpkg --configure -a`);
    expect((await run('/usr/bin/dpkg', repair.split(' ').slice(1))).code).toBe(0);
    expect((await installedVersions(root))['broken-pp:all']).toBe('1.0-1');
  });

  it("gives apt's dpkg the root options (apt-config dump with the argv's own environment)", async () => {
    const root = await copyRoot('argv');
    const [argv] = await adapterFor().installArgv([{name: 'hello-pp', arch: 'all', version: '1.0-1+deb12u1'}], ctxFor(root));
    await adapterFor().collect(ctxFor(root), sandboxNode(root), {refresh: false}); // writes the configuration
    const dump = await run('/usr/bin/apt-config', ['-c', argv?.args[1] ?? '', 'dump'], {...process.env, ...argv?.env});
    const options = dump.stdout.split('\n').filter((l) => l.startsWith('DPkg::Options:: '));
    expect(options.slice(0, 2)).toEqual([`DPkg::Options:: "--root=${root}";`, `DPkg::Options:: "--admindir=${root}/var/lib/dpkg";`]);
  });
});

describe('dpkg locks and interrupted runs', () => {
  it('exits 5 naming the holder when another process keeps the lock past the timeout; nothing installed', async () => {
    const root = await copyRoot('locked');
    const holder = await holdLock(`${root}/var/lib/dpkg/lock-frontend`, 60);
    try {
      const started = performance.now();
      const error = await adapterFor()
        .install([{name: 'hello-pp', arch: 'all', version: '1.0-1+deb12u1'}], ctxFor(root, {lockTimeoutMs: 1_500}))
        .catch((e: unknown) => e);
      const elapsed = performance.now() - started;
      expect(error).toBeInstanceOf(ManagerUnavailableError);
      expect(error instanceof ManagerUnavailableError && error.exitCode).toBe(5);
      expect(error instanceof ManagerUnavailableError && error.line()).toContain(`${root}/var/lib/dpkg/lock-frontend: locked by process ${holder.pid} (python3)`);
      expect(elapsed).toBeGreaterThan(700);
      expect(elapsed).toBeLessThan(10_000);
    } finally {
      holder.kill();
    }
    expect((await installedVersions(root))['hello-pp:all']).toBe('1.0-1');
  });

  it('waits for the holder to let go (locks first: before reading dpkg), then installs in one run', async () => {
    const root = await copyRoot('lock-released');
    const holder = await holdLock(`${root}/var/lib/dpkg/lock`, 1.2);
    const log = recordingLogger();
    const result = await adapterFor().install([{name: 'hello-pp', arch: 'all', version: '1.0-1+deb12u1'}], ctxFor(root, {lockTimeoutMs: 20_000, log}));
    holder.kill();
    expect(log.progressLines).toContainEqual(`locked, waiting: ${root}/var/lib/dpkg/lock is held by process ${holder.pid} (python3)`);
    const installs = result.commands.filter((c) => c.argv.args.includes('install'));
    expect(installs).toHaveLength(1);
    expect(installs.at(-1)?.result.exitCode).toBe(0);
    expect((await installedVersions(root))['hello-pp:all']).toBe('1.0-1+deb12u1');
  });

  it('refuses a half-configured package with the repair command, which then works', async () => {
    const root = await copyRoot('half-configured');
    const adapter = adapterFor();
    writeFileSync(`${root}/etc/broken-pp.fail`, '');
    const failed = await adapter.install([{name: 'broken-pp', arch: 'all', version: '1.0-1'}], ctxFor(root));
    expect(failed.commands.at(-1)?.result.exitCode).toBe(100);
    expect((await installedVersions(root))['broken-pp:all']).toBe('1.0-1 (iF)');
    const collected = await adapter.collect(ctxFor(root), sandboxNode(root), {refresh: false});
    const readBack = await adapter.readInstalled(ctxFor(root));
    expect(installedOf(readBack)).toEqual(installedOf(collected.packages));
    expect(readBack.find((p) => p.name === 'broken-pp')).toEqual({name: 'broken-pp', arch: 'all', installedVersion: '1.0-1', unfinished: 'half-configured'});

    const error = await adapter.install([{name: 'hello-pp', arch: 'all', version: '1.0-1+deb12u1'}], ctxFor(root)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExternalCommandError);
    const line = error instanceof ExternalCommandError ? error.line() : '';
    expect(line).toContain('dpkg was interrupted (broken-pp:all is half-configured)');
    const repair = /`([^`]+)`/.exec(line)?.[1] ?? '';
    expect(repair).toBe(`dpkg --root=${root} --admindir=${root}/var/lib/dpkg --force-script-chrootless --configure -a`);
    expect((await installedVersions(root))['hello-pp:all']).toBe('1.0-1');

    rmSync(`${root}/etc/broken-pp.fail`);
    const [, ...repairArgs] = repair.split(' ');
    expect((await run('/usr/bin/dpkg', repairArgs)).code).toBe(0);
    await adapter.install([{name: 'hello-pp', arch: 'all', version: '1.0-1+deb12u1'}], ctxFor(root));
    expect(await installedVersions(root)).toMatchObject({'broken-pp:all': '1.0-1', 'hello-pp:all': '1.0-1+deb12u1'});
  });

  it("refuses when dpkg's journal holds an unfinished run", async () => {
    const root = await copyRoot('journal');
    const status = await run('/usr/bin/dpkg-query', [`--admindir=${root}/var/lib/dpkg`, '-s', 'hello-pp']);
    writeFileSync(`${root}/var/lib/dpkg/updates/0001`, `${status.stdout}\n`);
    const error = await adapterFor()
      .install([{name: 'hello-pp', arch: 'all', version: '1.0-1+deb12u1'}], ctxFor(root))
      .catch((e: unknown) => e);
    expect(error instanceof ExternalCommandError && error.line()).toContain(`dpkg was interrupted (1 unapplied entry in ${root}/var/lib/dpkg/updates)`);
  });
});

/**
 * The adapter reads installed packages with dpkg-query (parse-dpkg-query.ts). Reading the status
 * file as deb822 must give the same answer, on a root left half-configured and on the host.
 */
describe('dpkg-query agrees with the dpkg status file read directly', () => {
  async function bothWays(root: string): Promise<[string[], string[]]> {
    const admin = root === '/' ? '/var/lib/dpkg' : `${root}/var/lib/dpkg`;
    const argv = dpkgQueryArgv({root, config: null});
    const query = await run(argv.file, [...argv.args], {...process.env, ...argv.env});
    const viaQuery = parseDpkgQuery(query.stdout).map((p) => `${p.name}:${p.arch} ${p.version} ${p.state} ${p.eflag}`);
    const viaFile = parseParagraphs(readFileSync(`${admin}/status`, 'utf8'))
      .filter((p) => !(p.get('status') ?? '').endsWith(' not-installed'))
      .map((p) => {
        const [, eflag, state] = (p.get('status') ?? '').split(' ');
        return `${p.get('package')}:${p.get('architecture')} ${p.get('version') ?? ''} ${state} ${eflag}`;
      });
    return [viaQuery.sort(), viaFile.sort()];
  }

  it('on a sandbox root with a half-configured package', async () => {
    const root = await copyRoot('status-file');
    writeFileSync(`${root}/etc/broken-pp.fail`, '');
    await adapterFor().install([{name: 'broken-pp', arch: 'all', version: '1.0-1'}], ctxFor(root));
    const [viaQuery, viaFile] = await bothWays(root);
    expect(viaQuery).toContain('broken-pp:all 1.0-1 half-configured ok');
    expect(viaQuery).toEqual(viaFile);
  });

  it('on the host', async () => {
    const [viaQuery, viaFile] = await bothWays('/');
    expect(viaQuery.length).toBeGreaterThan(50);
    expect(viaQuery).toEqual(viaFile);
  });
});

describe('the host itself, read-only', () => {
  it("collect on / agrees with python-apt on the host's real lists", async () => {
    const before = md5(HOST_STATUS);
    const inventory = InventorySchema.parse({...(await adapterFor().collect(ctxFor('/'), {...sandboxNode('/'), hostname: os.hostname()}, {refresh: false})), collectedAt: COLLECTED_AT});
    const view = await pythonAptView(undefined);
    // Another process may install on the host meanwhile; only compare an unchanged database.
    expect(md5(HOST_STATUS)).toBe(before);
    expect(inventory.packages.length).toBeGreaterThan(50);
    expectSameAsPythonApt(inventory, view, (await run('/usr/bin/dpkg', ['--print-architecture'])).stdout.trim());
  });
});

describe('host safety', () => {
  it('left the host dpkg database untouched', () => {
    expect(md5(HOST_STATUS)).toBe(hostStatusBefore);
  });
});
