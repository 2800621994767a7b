import {describe, expect, it} from 'vitest';

import {InputError, ManagerUnavailableError} from '../../../src/errors.js';
import {createDnfAdapter, dnfCacheDir} from '../../../src/managers/dnf/index.js';
import {buildInstallArgv, listAvailableArgv, makeTarget, needsRestartingArgv, repoqueryArgv, updateinfoListArgv} from '../../../src/managers/dnf/argv.js';
import {rpmQueryArgv} from '../../../src/managers/rpm-common/index.js';
import {FakeRunner} from '../../helpers/fake-runner.js';
import {captured, context, fixture, memoryFiles, NODE} from './support.js';

const LAB = 'dnf/lab-al2023';
const ROOT = '/ROOTDIR';
const ENV = {HOME: '/LAB/home', PATH: '/usr/bin'};
const TARGET = makeTarget('dnf', ROOT, '2023', ENV);
const UPDATES_DIR = `${ROOT}/var/cache/dnf/amzn-updates-6dfaed8e77e5265e/repodata`;
const UPDATEINFO = `${UPDATES_DIR}/d637b976-updateinfo.xml.gz`;
const FILES = {
  [`${ROOT}/etc/os-release`]: 'ID="amzn"\nVERSION_ID="2023"\n',
  [`${ROOT}/etc/dnf/dnf.conf`]: '[main]\ncachedir=/var/cache/dnf\n',
  [`${UPDATES_DIR}/repomd.xml`]: '',
  [UPDATEINFO]: '(binary)',
  [`${ROOT}/var/cache/dnf/amzn-core-7c7a3e97c041df7e/repodata/repomd.xml`]: '',
  [`${ROOT}/var/cache/dnf/amzn-updates.solv`]: '',
};
const NO_PLUGIN = {pluginDir: null};

function collectRunner(): FakeRunner {
  return new FakeRunner()
    .on(rpmQueryArgv(ROOT, ENV), captured(LAB, 'rpm-qa'))
    .on(repoqueryArgv(TARGET), captured(LAB, 'repoquery'))
    .on({file: '/usr/bin/gzip', args: ['-dc', '--', UPDATEINFO]}, {stdout: fixture('rpm/updateinfo-lab.xml')})
    .on(needsRestartingArgv(TARGET, null), captured(LAB, 'needs-restarting-no-plugin'));
}

describe('collect (captured lab outputs)', () => {
  it('links each version to the notices listing its exact NEVRA and writes the advisories', async () => {
    const adapter = createDnfAdapter('dnf', NO_PLUGIN);
    const inventory = await adapter.collect(context(collectRunner(), memoryFiles(FILES)), NODE, {refresh: false});
    const pkg = (name: string) => inventory.packages.find((p) => p.name === name);
    expect(pkg('tool-pp')).toMatchObject({arch: 'noarch', installedVersion: '2.0-1.el8'});
    expect(pkg('tool-pp')?.versions?.map((v) => [v.version, v.repository, v.advisories])).toEqual([
      ['2.0-1.el8', 'amzn-core', []],
      ['2.1-1.el8', 'amzn-updates', ['ALBA-2026-005']],
      ['2.2-1.el8', 'amzn-updates', ['ALEA-2026-006']],
    ]);
    expect(pkg('epoch-pp')?.versions?.find((v) => v.version === '1:2.0-1.el8')?.advisories).toEqual(['ALBA-2026-008']);
    expect(pkg('app-pp')?.versions?.find((v) => v.version === '1.0-2.amzn2')?.requires).toEqual([{name: 'libfoo-pp', arch: 'noarch', version: '1.1-1.amzn2'}]);
    expect(pkg('kernel-pp')?.versions?.find((v) => v.version === '4.14.0-2.amzn2')?.rebootSuggested).toBe(true);
    expect(pkg('kernel')).toMatchObject({installedVersion: null});
    const advisory = (id: string) => inventory.advisories?.find((a) => a.id === id);
    expect(advisory('ALBA-2026-005')).not.toHaveProperty('severity');
    expect(advisory('ALAS-2026-010')).toMatchObject({severity: 'Medium', repository: 'amzn-updates'});
    expect(advisory('ALAS-2026-002')).toMatchObject({issued: '2026-02-01T10:00:00.000Z', updated: '2026-02-05T12:00:00.000Z', bugzillas: ['1463241'], selfReferences: ['ALAS-2026-002']});
    expect(inventory.node).toMatchObject({manager: 'dnf', root: ROOT, rebootPending: false});
  });

  it('runs one repoquery, no per-package calls, and nothing that writes', async () => {
    const runner = collectRunner();
    await createDnfAdapter('dnf', NO_PLUGIN).collect(context(runner, memoryFiles(FILES)), NODE, {refresh: false});
    expect(runner.calls.map((c) => c.argv.args.find((a) => ['repoquery', 'install', 'makecache', '-qa', '-dc', 'needs-restarting'].includes(a)))).toEqual([
      '-qa',
      'repoquery',
      'needs-restarting',
      '-dc',
    ]);
  });
});

describe('install', () => {
  const items = [
    {name: 'app-pp', arch: 'noarch', version: '1.0-2.amzn2'},
    {name: 'epoch-pp', arch: 'noarch', version: '1:2.0-1.el8'},
  ];

  it('one dnf transaction after reading the database; dnf output is returned, not judged', async () => {
    const runner = new FakeRunner().on(rpmQueryArgv(ROOT, ENV), captured(LAB, 'rpm-qa')).on(buildInstallArgv(items, TARGET), captured(LAB, 'install'));
    const run = await createDnfAdapter('dnf', NO_PLUGIN).install(items, context(runner, memoryFiles(FILES)));
    expect(run.commands).toHaveLength(1);
    expect(run.commands[0]?.result.stdout).toContain('Complete!');
  });

  it.each([
    ['an older version', '1.0-1.amzn2', 'app-pp'],
    ['the installed version', '1.5-1.el8', 'epoch-pp'],
  ])('refuses %s before running dnf (dnf would downgrade silently)', async (_what, version, name) => {
    const runner = new FakeRunner().on(rpmQueryArgv(ROOT, ENV), captured(LAB, 'rpm-qa'));
    const error = await createDnfAdapter('dnf', NO_PLUGIN)
      .install([{name, arch: 'noarch', version}], context(runner, memoryFiles(FILES)))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({where: `install ${name}.noarch`});
    expect((error as Error).message).toMatch(/is not newer than the installed/);
    expect(runner.calls.every((c) => !c.argv.args.includes('install'))).toBe(true);
  });

  it('a held rpmdb lock: retries with backoff, then exit 5 naming the holder pid', async () => {
    let now = 0;
    const sleeps: number[] = [];
    const adapter = createDnfAdapter('dnf', {pluginDir: null, monotonicMs: () => now, sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    }});
    const runner = new FakeRunner().on(rpmQueryArgv(ROOT, ENV), captured(LAB, 'rpm-qa')).on(buildInstallArgv(items, TARGET), captured(LAB, 'install-lock'));
    const error = await adapter.install(items, context(runner, memoryFiles(FILES), {lockTimeoutMs: 2_000})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManagerUnavailableError);
    expect((error as Error).message).toMatch(/^RPMDB held by process 4242; gave up after waiting/);
    expect(sleeps).toEqual([250, 500, 1000]);
  });

  it('a lock released while waiting: the second attempt runs', async () => {
    const adapter = createDnfAdapter('dnf', {pluginDir: null, monotonicMs: () => 0, sleep: async () => {}});
    const runner = new FakeRunner()
      .on(rpmQueryArgv(ROOT, ENV), captured(LAB, 'rpm-qa'))
      .on(buildInstallArgv(items, TARGET), captured(LAB, 'install-lock'), captured(LAB, 'install'));
    const run = await adapter.install(items, context(runner, memoryFiles(FILES)));
    expect(run.commands.map((c) => c.result.exitCode)).toEqual([200, 0]);
  });
});

describe('rebootRequired', () => {
  it('asks needs-restarting through the unpacked plugin', async () => {
    const runner = new FakeRunner().on(needsRestartingArgv(TARGET, '/opt/pc'), captured(LAB, 'needs-restarting-reboot'));
    expect(await createDnfAdapter('dnf', {pluginDir: '/opt/pc'}).rebootRequired(context(runner, memoryFiles(FILES)))).toBe(true);
  });

  it('a root without the plugin: false (the host boot time says nothing about a root)', async () => {
    const runner = new FakeRunner().on(needsRestartingArgv(TARGET, null), captured(LAB, 'needs-restarting-no-plugin'));
    expect(await createDnfAdapter('dnf', NO_PLUGIN).rebootRequired(context(runner, memoryFiles(FILES)))).toBe(false);
  });

  it('/ without the plugin: a core package installed after boot', async () => {
    const target = makeTarget('dnf', '/', null, ENV);
    const runner = new FakeRunner()
      .on(needsRestartingArgv(target, null), captured(LAB, 'needs-restarting-no-plugin'))
      .on(rpmQueryArgv('/', ENV), {stdout: 'kernel|0|4.14.1|1.amzn2|noarch|2000|1\nfoo|0|1|1|noarch|9000|1\n'});
    const files = memoryFiles({'/proc/stat': 'cpu 1\nbtime 1500\n', '/etc/os-release': 'ID=amzn\nVERSION_ID=2023\n'});
    expect(await createDnfAdapter('dnf', NO_PLUGIN).rebootRequired(context(runner, files, {root: '/'}))).toBe(true);
  });
});

describe('dnfCacheDir', () => {
  it('reads cachedir from [main] only', () => {
    expect(dnfCacheDir('[main]\ncachedir=/var/cache/x\n[repo]\ncachedir=/nope\n')).toBe('/var/cache/x');
    expect(dnfCacheDir('[main]\ngpgcheck=1\n')).toBe('/var/cache/dnf');
    expect(dnfCacheDir(null)).toBe('/var/cache/dnf');
  });
});

describe('collect, yum dialect', () => {
  const YUM_TARGET = makeTarget('yum', ROOT, '2', ENV);
  const yumNode = {...NODE, os: {id: 'amzn', versionId: '2', name: 'Amazon Linux 2'}, operatingSystem: 'AMAZON_LINUX_2' as const, product: 'AmazonLinux2', manager: 'yum' as const};

  it('without a cached updateinfo.xml: versions from `yum list`, notices from `yum updateinfo list` (no dates, severity as printed)', async () => {
    const runner = new FakeRunner()
      .on(rpmQueryArgv(ROOT, ENV), captured(LAB, 'rpm-qa'))
      .on(listAvailableArgv(YUM_TARGET), captured('yum/lab-dnf3-as-yum', 'list-available'))
      .on(updateinfoListArgv(YUM_TARGET), captured('yum/lab-dnf3-as-yum', 'updateinfo-list'))
      .on(needsRestartingArgv({...YUM_TARGET, dialect: 'dnf'}, null), captured(LAB, 'needs-restarting-no-plugin'));
    const files = memoryFiles({[`${ROOT}/etc/os-release`]: 'ID="amzn"\nVERSION_ID="2"\n'});
    const inventory = await createDnfAdapter('yum', NO_PLUGIN).collect(context(runner, files), yumNode, {refresh: false});
    const multi = inventory.packages.find((p) => p.name === 'multi-pp');
    expect(multi?.versions?.map((v) => [v.version, v.advisories])).toEqual([
      ['1.0-1.amzn2', []],
      ['1.1-1.amzn2', ['ALAS-2026-011']],
      ['1.2-1.amzn2', ['ALAS-2026-011']],
      ['1.3-1.amzn2', ['ALEA-2026-012']],
    ]);
    // yum's list has no requires: none is written rather than a wrong empty closure.
    expect(multi?.versions?.[1]).not.toHaveProperty('requires');
    expect(inventory.advisories?.find((a) => a.id === 'ALAS-2026-001')).toMatchObject({type: 'security', severity: 'Critical'});
    expect(inventory.advisories?.find((a) => a.id === 'ALAS-2026-001')).not.toHaveProperty('issued');
    expect(inventory.node.manager).toBe('yum');
  });
});

describe('available', () => {
  const ctxWith = (files: Record<string, string>, PATH?: string) => ({...context(new FakeRunner(), memoryFiles(files)), env: PATH === undefined ? {} : {PATH}});

  it('dnf: /usr/bin/dnf and /usr/bin/rpm are there, checked without starting either (the FakeRunner has no commands)', async () => {
    expect(await createDnfAdapter('dnf').available(ctxWith({'/usr/bin/dnf': '', '/usr/bin/rpm': ''}))).toBe(true);
    expect(await createDnfAdapter('dnf').available(ctxWith({'/usr/bin/rpm': ''}))).toBe(false);
    expect(await createDnfAdapter('dnf').available(ctxWith({'/usr/bin/dnf': ''}))).toBe(false);
  });

  it('yum: found on PATH, where the runner will look for it (a yum → dnf-3 symlink first on PATH counts)', async () => {
    expect(await createDnfAdapter('yum').available(ctxWith({'/lab/bin/yum': '', '/usr/bin/rpm': ''}, '/lab/bin:/usr/bin'))).toBe(true);
    expect(await createDnfAdapter('yum').available(ctxWith({'/lab/bin/yum': '', '/usr/bin/rpm': ''}, '/usr/bin'))).toBe(false);
    expect(await createDnfAdapter('yum').available(ctxWith({'/usr/bin/yum': '', '/usr/bin/rpm': ''}))).toBe(true);
  });
});
