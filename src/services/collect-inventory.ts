import path from 'node:path';

import type {Runtime} from '../cli/runtime.js';
import {ExternalCommandError, InputError, ManagerUnavailableError} from '../errors.js';
import type {AdapterContext, PackageManagerAdapter} from '../managers/adapter.js';
import type {Logger} from '../core/logger.js';
import {adapterFor} from '../managers/registry.js';
import {detectOs, nativeArch, parseOsRelease} from '../inventory/detect.js';
import {checkManagerOwnsRoot} from '../managers/ownership.js';
import {InventorySchema, type Inventory, type NodeInfo} from '../inventory/schema.js';
import {type ManagerId} from '../core/ids.js';
import {checkTmpdir} from '../system/tmpdir.js';
import {compareVersions, versionSchemeFor} from '../versions/index.js';

export interface CollectInventoryOptions {
  /** `--root`: collect from this directory instead of `/`. */
  readonly root?: string | undefined;
  /** `--manager`: override the manager os-release implies. */
  readonly manager?: ManagerId | undefined;
  /** `--refresh`: update the package lists first (the only write collection ever does). */
  readonly refresh: boolean;
  /** How long to wait for another process's package-manager lock. */
  readonly lockTimeoutMs?: number;
  readonly log?: Logger;
}

export interface CollectedInventory {
  readonly inventory: Inventory;
  readonly adapter: PackageManagerAdapter;
  readonly ctx: AdapterContext;
}

export type CollectDeps = Pick<Runtime, 'clock' | 'runner' | 'nodeFiles' | 'hostname' | 'env' | 'cwd' | 'userId' | 'arch' | 'platform'> & {
  /** The adapter registry; tests give their own. */
  readonly adapterFor?: (manager: ManagerId) => PackageManagerAdapter | Promise<PackageManagerAdapter>;
};

const DEFAULT_LOCK_TIMEOUT_MS = 60_000;

/**
 * Who this node is (os-release, machine-id, host name) and what its package manager knows,
 * as one validated, canonically ordered Inventory. Nothing is installed or changed here.
 */
export async function collectInventory(options: CollectInventoryOptions, deps: CollectDeps): Promise<CollectedInventory> {
  const root = path.resolve(deps.cwd, options.root ?? '/');
  if (!(await deps.nodeFiles.exists(root))) throw new InputError('--root', `${root}: no such directory`);
  await checkTmpdir(deps.env);
  const ctxFor = (): AdapterContext => ({
    runner: deps.runner,
    root,
    files: deps.nodeFiles,
    log: options.log ?? {progress: () => {}, debug: () => {}},
    lockTimeoutMs: options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
    env: deps.env,
    userId: deps.userId(),
  });
  const ownManager = OWN_IDENTITY_MANAGERS[deps.platform];
  const {adapter, node} = ownManager === undefined ? await linuxNode(root, options, deps, ctxFor()) : await selfIdentifiedNode(ownManager, root, options, deps, ctxFor());
  const ctx = ctxFor();
  const collected = await adapter.collect(ctx, node, {refresh: options.refresh});
  const parsed = InventorySchema.safeParse({...collected, collectedAt: deps.clock.now().toISOString()});
  if (!parsed.success) {
    // The adapter produced something the model refuses: a bug or a corrupt package database.
    const issue = parsed.error.issues[0];
    throw new InputError(`${node.manager} inventory`, `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  if (!parsed.data.packages.some((p) => p.installedVersion !== null)) {
    // A node without a single installed package is one that was not read (a wrong --root, an
    // rpm database elsewhere): planning against it would report it COMPLIANT.
    throw new ExternalCommandError(
      `${node.manager} inventory of ${root}`,
      'read no installed packages; refusing to plan for a node that was not read (check --root and --manager)',
    );
  }
  return {inventory: canonicalOrder(parsed.data), adapter, ctx};
}

/** Systems without os-release, whose adapter says which OS and machine this is (`identify`). */
const OWN_IDENTITY_MANAGERS: Partial<Record<NodeJS.Platform, ManagerId>> = {darwin: 'macos', win32: 'windows'};

interface IdentifiedNode {
  readonly adapter: PackageManagerAdapter;
  readonly node: NodeInfo;
}

/** Linux: os-release names the OS and its manager; machine-id and the host name come from the root. */
async function linuxNode(root: string, options: CollectInventoryOptions, deps: CollectDeps, ctx: AdapterContext): Promise<IdentifiedNode> {
  const files = deps.nodeFiles;
  const inRoot = (p: string): string => path.join(root, p);
  const osReleaseFile = (await files.exists(inRoot('etc/os-release'))) ? inRoot('etc/os-release') : inRoot('usr/lib/os-release');
  const osReleaseText = await files.readText(osReleaseFile);
  if (osReleaseText === null) throw new InputError(osReleaseFile, 'missing: cannot tell which operating system this root holds');
  const detected = detectOs(parseOsRelease(osReleaseText, osReleaseFile), {
    raspberryPiOs: await files.exists(inRoot('etc/rpi-issue')),
  });
  const manager = options.manager ?? detected.manager;
  const adapter = await (deps.adapterFor ?? adapterFor)(manager);
  // A manager other than the one os-release implies must own the root's package database:
  // an empty rpm database read on a Debian node would plan nothing and say COMPLIANT.
  const overridden = manager !== detected.manager;
  if (overridden) await checkManagerOwnsRoot(manager, detected.manager, {root, files, runner: deps.runner, env: deps.env});

  const machineId = await readMachineId(root, deps);
  const hostname = root === '/' ? deps.hostname() : ((await files.readText(inRoot('etc/hostname')))?.trim() || path.basename(root));
  if (!(await adapter.available(ctx))) {
    // Named by --manager against what the node says: a wrong flag (exit 1), not a broken node (exit 5).
    if (overridden) throw new InputError('--manager', `${manager}: the ${manager} package manager is not installed on this node (its OS implies ${detected.manager})`);
    throw new ManagerUnavailableError(manager, `the ${manager} package manager is not available on this node`);
  }
  const {os, operatingSystem, product} = detected;
  return {adapter, node: {hostname, machineId, os, operatingSystem, product, arch: nativeArch(manager, deps.arch), manager, root, rebootPending: false}};
}

/**
 * macOS and Windows: one manager per system, no alternative root (neither softwareupdate nor the
 * Windows Update API installs into one), and the adapter reads who the node is.
 */
async function selfIdentifiedNode(manager: ManagerId, root: string, options: CollectInventoryOptions, deps: CollectDeps, ctx: AdapterContext): Promise<IdentifiedNode> {
  if (options.manager !== undefined && options.manager !== manager) {
    throw new InputError('--manager', `${options.manager}: this node runs ${manager}, the only package manager patchplan drives here`);
  }
  if (root !== path.resolve(deps.cwd, '/')) throw new InputError('--root', `${root}: not supported on ${manager} (its installer has no alternative root)`);
  const adapter = await (deps.adapterFor ?? adapterFor)(manager);
  if (!(await adapter.available(ctx))) throw new ManagerUnavailableError(manager, `the ${manager} package manager is not available on this node`);
  if (adapter.identify === undefined) throw new ManagerUnavailableError(manager, 'this adapter cannot tell which system it runs on');
  const identity = await adapter.identify(ctx);
  return {
    adapter,
    node: {
      hostname: deps.hostname(),
      machineId: identity.machineId,
      os: identity.os,
      operatingSystem: identity.operatingSystem,
      product: identity.product,
      arch: nativeArch(manager, deps.arch),
      manager,
      root,
      rebootPending: false,
    },
  };
}

async function readMachineId(root: string, deps: CollectDeps): Promise<string> {
  for (const candidate of ['etc/machine-id', 'var/lib/dbus/machine-id']) {
    const text = (await deps.nodeFiles.readText(path.join(root, candidate)))?.trim();
    if (text) return text;
  }
  throw new InputError(
    path.join(root, 'etc/machine-id'),
    'missing or empty: plans are bound to a machine id (systemd-machine-id-setup creates one)',
  );
}

/** Same node state → byte-identical inventory, so fingerprints and digests are stable. */
export function canonicalOrder(inventory: Inventory): Inventory {
  const scheme = versionSchemeFor(inventory.node.manager);
  const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return {
    ...inventory,
    packages: [...inventory.packages]
      .map((p) => ({...p, versions: [...p.versions].sort((a, b) => compareVersions(scheme, a.version, b.version))}))
      .sort((a, b) => byText(a.name, b.name) || byText(a.arch, b.arch)),
    advisories: [...inventory.advisories].sort((a, b) => byText(a.id, b.id)),
  };
}

/** Adapts collectInventory to the `collectLive` dependency of makePlan. */
export function liveCollector(deps: CollectDeps, log?: Logger): (request: {
  root?: string | undefined;
  manager?: ManagerId | undefined;
  refresh: boolean;
}) => Promise<Inventory> {
  return async (request) => {
    const collected = await collectInventory({root: request.root, manager: request.manager, refresh: request.refresh, log}, deps);
    return collected.inventory;
  };
}
