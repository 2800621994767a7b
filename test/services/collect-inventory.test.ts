import {memoryNodeFiles} from '../helpers/node-files.js';
import os from 'node:os';

import {describe, expect, it} from 'vitest';

import {InputError, ManagerUnavailableError} from '../../src/errors.js';

import type {NodeFiles, NodeIdentity, PackageManagerAdapter} from '../../src/managers/adapter.js';
import {countDpkgInstalled} from '../../src/managers/ownership.js';
import type {InventoryInput} from '../../src/inventory/schema.js';
import type {ManagerId} from '../../src/core/ids.js';
import {collectInventory, type CollectDeps} from '../../src/services/collect-inventory.js';
import type {CommandRunner} from '../../src/system/runner.js';

const DEBIAN_OS_RELEASE = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n';

const ONE_PACKAGE: InventoryInput['packages'] = [{name: 'bash', arch: 'amd64', installedVersion: '5.2.15-2', versions: []}];


const noCommands: CommandRunner = {
  run: async (cmd) => {
    throw new Error(`unexpected command ${cmd.file}`);
  },
};

function fakeAdapter(packages: InventoryInput['packages'], available = true): PackageManagerAdapter & {seenRoot?: string} {
  const adapter: PackageManagerAdapter & {seenRoot?: string} = {
    id: 'apt',
    available: async () => available,
    collect: async (ctx, node) => {
      adapter.seenRoot = ctx.root;
      return {schemaVersion: 1, node, packages, advisories: []};
    },
    installArgv: async () => [],
    readInstalled: async () => [],
    install: async () => ({commands: []}),
    rebootRequired: async () => false,
  };
  return adapter;
}

function deps(files: Record<string, string>, adapter: PackageManagerAdapter, seen: ManagerId[] = []): CollectDeps {
  return {
    clock: {now: () => new Date('2026-11-24T10:00:00Z')},
    runner: noCommands,
    nodeFiles: memoryNodeFiles(files),
    hostname: () => 'host-a',
    env: {},
    cwd: '/work',
    userId: () => 0,
    arch: 'arm64',
    platform: 'linux',
    adapterFor: (m) => {
      seen.push(m);
      return adapter;
    },
  };
}

describe('collectInventory', () => {
  it('identifies the node under --root and orders packages and versions canonically', async () => {
    const adapter = fakeAdapter([
      {name: 'zlib1g', arch: 'amd64', installedVersion: '1:1.2.13.dfsg-1', versions: []},
      {
        name: 'bash',
        arch: 'amd64',
        installedVersion: '5.2.15-2',
        versions: [{version: '5.2.15-2+b8'}, {version: '5.2.15-2+b10'}, {version: '5.2.15-2'}],
      },
    ]);
    const seen: ManagerId[] = [];
    const {inventory} = await collectInventory(
      {root: 'img', refresh: false},
      deps({'/work/img/etc/os-release': DEBIAN_OS_RELEASE, '/work/img/etc/machine-id': 'abc123\n', '/work/img/etc/hostname': 'image\n'}, adapter, seen),
    );
    expect(seen).toEqual(['apt']);
    expect(adapter.seenRoot).toBe('/work/img');
    expect(inventory.collectedAt).toBe('2026-11-24T10:00:00.000Z');
    expect(inventory.node).toMatchObject({
      hostname: 'image',
      machineId: 'abc123',
      operatingSystem: 'DEBIAN',
      product: 'Debian12',
      manager: 'apt',
      root: '/work/img',
      // The runtime's architecture (Node's name), in apt's words.
      arch: 'arm64',
    });
    expect(inventory.packages.map((p) => p.name)).toEqual(['bash', 'zlib1g']);
    expect(inventory.packages[0]?.versions.map((v) => v.version)).toEqual(['5.2.15-2', '5.2.15-2+b8', '5.2.15-2+b10']);
  });

  it('uses the host name of this machine when collecting from /', async () => {
    const {inventory} = await collectInventory(
      {refresh: false},
      deps({'/etc/os-release': DEBIAN_OS_RELEASE, '/etc/machine-id': 'm1'}, fakeAdapter(ONE_PACKAGE)),
    );
    expect(inventory.node.hostname).toBe('host-a');
  });

  it('--manager overrides what os-release implies', async () => {
    const seen: ManagerId[] = [];
    await collectInventory(
      {refresh: false, manager: 'apt'},
      deps({'/etc/os-release': 'ID=ubuntu\nVERSION_ID="22.04"\n', '/etc/machine-id': 'm1'}, fakeAdapter(ONE_PACKAGE), seen),
    );
    expect(seen).toEqual(['apt']);
  });

  it('refuses a root without a machine id (plans are bound to one)', async () => {
    await expect(
      collectInventory({refresh: false}, deps({'/etc/os-release': DEBIAN_OS_RELEASE}, fakeAdapter([]))),
    ).rejects.toMatchObject({where: '/etc/machine-id', message: expect.stringContaining('missing or empty')});
  });

  it('refuses a root without os-release', async () => {
    await expect(collectInventory({refresh: false}, deps({'/etc/machine-id': 'm1'}, fakeAdapter([])))).rejects.toThrow(
      'cannot tell which operating system',
    );
  });

  it('refuses a --root that does not exist', async () => {
    await expect(collectInventory({root: '/nope', refresh: false}, deps({}, fakeAdapter([])))).rejects.toThrow('/nope: no such directory');
  });

  it('reports an unavailable package manager with exit 5', async () => {
    await expect(
      collectInventory({refresh: false}, deps({'/etc/os-release': DEBIAN_OS_RELEASE, '/etc/machine-id': 'm1'}, fakeAdapter([], false))),
    ).rejects.toMatchObject({exitCode: 5});
  });

  it('refuses a collection that read no installed package: the node was not read, so it cannot be COMPLIANT', async () => {
    const notInstalled: InventoryInput['packages'] = [{name: 'bash', arch: 'amd64', installedVersion: null, versions: [{version: '5.2.15-2'}]}];
    for (const packages of [[], notInstalled]) {
      await expect(
        collectInventory({refresh: false}, deps({'/etc/os-release': DEBIAN_OS_RELEASE, '/etc/machine-id': 'm1'}, fakeAdapter(packages))),
      ).rejects.toMatchObject({
        exitCode: 1,
        where: 'apt inventory of /',
        message: 'read no installed packages; refusing to plan for a node that was not read (check --root and --manager)',
      });
    }
  });
});

describe('collectInventory: a --manager other than the OS implies must own the root\'s package database', () => {
  const DPKG_STATUS = 'Package: bash\nStatus: install ok installed\n\nPackage: old\nStatus: deinstall ok config-files\n\nPackage: zlib1g\nStatus: install ok installed\n';
  /** rpm on the host: %_dbpath, and `rpm --root … -qa` printing these names. */
  const rpmRunner = (names: string[] | null): CommandRunner => ({
    run: async (cmd) => {
      if (cmd.file !== '/usr/bin/rpm') throw new Error(`unexpected command ${cmd.file}`);
      if (names === null) throw new ManagerUnavailableError(cmd.file, 'not found');
      const stdout = cmd.args[0] === '--eval' ? '/var/lib/rpm\n' : names.map((n) => `${n}\n`).join('');
      return {exitCode: 0, stdout, stderr: ''};
    },
  });
  const debian = {'/etc/os-release': DEBIAN_OS_RELEASE, '/etc/machine-id': 'm1', '/var/lib/dpkg/status': DPKG_STATUS};
  const rocky = {'/etc/os-release': 'ID=rocky\nVERSION_ID="9.4"\n', '/etc/machine-id': 'm1', '/var/lib/rpm/rpmdb.sqlite': ''};

  it('--manager dnf on a Debian node: exit 1, saying what was found', async () => {
    await expect(
      collectInventory({refresh: false, manager: 'dnf'}, {...deps(debian, fakeAdapter(ONE_PACKAGE)), runner: rpmRunner([])}),
    ).rejects.toMatchObject({
      exitCode: 1,
      where: '--manager',
      message: "dnf: this node's packages are managed by apt (/var/lib/dpkg/status has 2 packages; /var/lib/rpm has no database)",
    });
    await expect(
      collectInventory({refresh: false, manager: 'zypper'}, {...deps({...debian, '/var/lib/rpm/Packages': ''}, fakeAdapter(ONE_PACKAGE)), runner: rpmRunner(['gpg-pubkey'])}),
    ).rejects.toMatchObject({message: "zypper: this node's packages are managed by apt (/var/lib/dpkg/status has 2 packages; /var/lib/rpm has no packages)"});
    await expect(
      collectInventory({refresh: false, manager: 'yum'}, {...deps(debian, fakeAdapter(ONE_PACKAGE)), runner: rpmRunner(null)}),
    ).rejects.toMatchObject({message: expect.stringContaining('/var/lib/rpm has no database')});
  });

  it('--manager apt on an rpm node names the rpm database and the manager the OS implies', async () => {
    await expect(
      collectInventory({refresh: false, manager: 'apt'}, {...deps(rocky, fakeAdapter(ONE_PACKAGE)), runner: rpmRunner(['bash', 'glibc', 'gpg-pubkey'])}),
    ).rejects.toMatchObject({
      where: '--manager',
      message: "apt: this node's packages are managed by dnf (/var/lib/dpkg/status has no database; /var/lib/rpm has 2 packages)",
    });
  });

  it('a root with no packages anywhere says so, under the root', async () => {
    const files = {'/srv/img/etc/os-release': DEBIAN_OS_RELEASE, '/srv/img/etc/machine-id': 'm1'};
    await expect(
      collectInventory({root: '/srv/img', refresh: false, manager: 'dnf'}, {...deps(files, fakeAdapter(ONE_PACKAGE)), runner: rpmRunner([])}),
    ).rejects.toMatchObject({
      message: 'dnf: no package database under /srv/img has packages (/srv/img/var/lib/dpkg/status has no database; /srv/img/var/lib/rpm has no database)',
    });
  });

  it('a manager of the same family that owns the database is accepted (yum on a dnf node)', async () => {
    const {inventory} = await collectInventory({refresh: false, manager: 'yum'}, {...deps(rocky, fakeAdapter(ONE_PACKAGE)), runner: rpmRunner(['bash'])});
    expect(inventory.node.manager).toBe('yum');
  });

  it('a --manager that owns the database but is not installed: exit 1 naming the flag (not 5)', async () => {
    await expect(
      collectInventory({refresh: false, manager: 'yum'}, {...deps(rocky, fakeAdapter(ONE_PACKAGE, false)), runner: rpmRunner(['bash'])}),
    ).rejects.toMatchObject({exitCode: 1, where: '--manager', message: 'yum: the yum package manager is not installed on this node (its OS implies dnf)'});
  });

  it('counts installed dpkg stanzas only', () => {
    expect(countDpkgInstalled(DPKG_STATUS)).toBe(2);
    expect(countDpkgInstalled('Package: a\nStatus: install reinstreq half-installed\n\nPackage: b\nStatus: purge ok not-installed\n')).toBe(1);
  });
});

describe('collectInventory: TMPDIR', () => {
  const files = {'/etc/os-release': DEBIAN_OS_RELEASE, '/etc/machine-id': 'm1'};

  it('a TMPDIR that does not exist, or is not a directory, is one line naming TMPDIR before the manager is asked anything', async () => {
    const adapter = fakeAdapter(ONE_PACKAGE);
    let asked = false;
    adapter.available = async () => ((asked = true), true);
    await expect(collectInventory({refresh: false}, {...deps(files, adapter), env: {TMPDIR: '/nonexistent/tmp/'}})).rejects.toMatchObject({
      exitCode: 1,
      where: 'TMPDIR',
      message: '/nonexistent/tmp is missing (point TMPDIR at a directory patchplan can write)',
    });
    await expect(collectInventory({refresh: false}, {...deps(files, adapter), env: {TMPDIR: '/etc/passwd'}})).rejects.toMatchObject({
      where: 'TMPDIR',
      message: '/etc/passwd is not a directory (point TMPDIR at a directory patchplan can write)',
    });
    expect(asked).toBe(false);
  });

  it('an existing writable TMPDIR (or none: /tmp) passes', async () => {
    await expect(collectInventory({refresh: false}, {...deps(files, fakeAdapter(ONE_PACKAGE)), env: {TMPDIR: os.tmpdir()}})).resolves.toBeDefined();
    await expect(collectInventory({refresh: false}, deps(files, fakeAdapter(ONE_PACKAGE)))).resolves.toBeDefined();
  });
});

describe('collectInventory on systems without os-release (macOS, Windows)', () => {
  const SONOMA: NodeIdentity = {
    os: {id: 'macos', versionId: '14.6', name: 'macOS Sonoma'},
    operatingSystem: 'MACOS',
    product: 'macOS14',
    machineId: '4A3B2C1D-0E9F-4A8B-9C7D-6E5F4A3B2C1D',
  };
  const GIT: InventoryInput['packages'] = [{name: 'git', arch: 'arm64', installedVersion: '2.47.0', versions: []}];
  // A file of the node, so that `/` exists in the in-memory files.
  const onMac = (adapter: PackageManagerAdapter, seen: ManagerId[] = []): CollectDeps => ({...deps({'/Users/.localized': ''}, adapter, seen), platform: 'darwin', cwd: '/'});
  const identifying = (identity: NodeIdentity | null): PackageManagerAdapter => {
    const adapter = fakeAdapter(GIT);
    return identity === null ? adapter : {...adapter, id: 'macos', identify: async () => identity};
  };

  it('takes who the node is from the adapter, which the platform picks; no os-release or machine-id file is read', async () => {
    const seen: ManagerId[] = [];
    const files = memoryNodeFiles({'/Users/.localized': ''});
    const {inventory} = await collectInventory({refresh: false}, {...onMac(identifying(SONOMA), seen), nodeFiles: files});
    expect(seen).toEqual(['macos']);
    expect(inventory.node).toMatchObject({...SONOMA, hostname: 'host-a', arch: 'arm64', manager: 'macos', root: '/'});
    expect(files.reads).toEqual([]);
  });

  it('refuses another --manager and an alternative --root, naming the flag (exit 1)', async () => {
    const wrongManager = await collectInventory({refresh: false, manager: 'apt'}, onMac(identifying(SONOMA))).catch((e: unknown) => e);
    expect((wrongManager as InputError).line()).toBe('--manager: apt: this node runs macos, the only package manager patchplan drives here');
    const files = memoryNodeFiles({'/srv/img/x': ''});
    const wrongRoot = await collectInventory({refresh: false, root: '/srv/img'}, {...onMac(identifying(SONOMA)), nodeFiles: files}).catch((e: unknown) => e);
    expect((wrongRoot as InputError).line()).toBe('--root: /srv/img: not supported on macos (its installer has no alternative root)');
    expect((wrongRoot as InputError).exitCode).toBe(1);
  });

  it('an adapter that cannot identify the node is exit 5', async () => {
    const error = await collectInventory({refresh: false}, onMac(identifying(null))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManagerUnavailableError);
    expect((error as ManagerUnavailableError).exitCode).toBe(5);
  });
});
