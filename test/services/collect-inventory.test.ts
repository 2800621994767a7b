import {describe, expect, it} from 'vitest';

import type {NodeFiles, PackageManagerAdapter} from '../../src/inventory/adapters/adapter.js';
import type {InventoryInput, ManagerId} from '../../src/inventory/schema.js';
import {collectInventory, type CollectDeps} from '../../src/services/collect-inventory.js';
import type {CommandRunner} from '../../src/system/runner.js';

const DEBIAN_OS_RELEASE = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n';

function memoryFiles(files: Record<string, string>): NodeFiles {
  return {
    readText: async (f) => files[f] ?? null,
    exists: async (f) => f in files || Object.keys(files).some((k) => k.startsWith(`${f === '/' ? '' : f}/`)),
    list: async () => [],
  };
}

const noCommands: CommandRunner = {
  run: async (cmd) => {
    throw new Error(`unexpected command ${cmd.file}`);
  },
};

function fakeAdapter(packages: InventoryInput['packages'], available = true): PackageManagerAdapter & {seenRoot?: string} {
  const adapter: PackageManagerAdapter & {seenRoot?: string} = {
    id: 'apt',
    versionScheme: 'dpkg',
    available: async () => available,
    collect: async (ctx, node) => {
      adapter.seenRoot = ctx.root;
      return {schemaVersion: 1, collectedAt: '1970-01-01T00:00:00Z', node, packages, advisories: []};
    },
    installArgv: () => [],
    install: async () => ({commands: []}),
    rebootRequired: async () => false,
  };
  return adapter;
}

function deps(files: Record<string, string>, adapter: PackageManagerAdapter, seen: ManagerId[] = []): CollectDeps {
  return {
    clock: {now: () => new Date('2026-11-24T10:00:00Z')},
    runner: noCommands,
    nodeFiles: memoryFiles(files),
    hostname: () => 'host-a',
    env: {},
    cwd: '/work',
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
    });
    expect(inventory.packages.map((p) => p.name)).toEqual(['bash', 'zlib1g']);
    expect(inventory.packages[0]?.versions.map((v) => v.version)).toEqual(['5.2.15-2', '5.2.15-2+b8', '5.2.15-2+b10']);
  });

  it('uses the host name of this machine when collecting from /', async () => {
    const {inventory} = await collectInventory(
      {refresh: false},
      deps({'/etc/os-release': DEBIAN_OS_RELEASE, '/etc/machine-id': 'm1'}, fakeAdapter([])),
    );
    expect(inventory.node.hostname).toBe('host-a');
  });

  it('--manager overrides what os-release implies', async () => {
    const seen: ManagerId[] = [];
    await collectInventory(
      {refresh: false, manager: 'apt'},
      deps({'/etc/os-release': 'ID=ubuntu\nVERSION_ID="22.04"\n', '/etc/machine-id': 'm1'}, fakeAdapter([]), seen),
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
});
