import {memoryNodeFiles} from '../helpers/node-files.js';
import type {AdapterContext, InstallRun, PackageManagerAdapter, Recovery, RecoveryRequest} from '../../src/managers/adapter.js';
import type {PlannedInstall} from '../../src/core/install.js';
import {InventorySchema, type Inventory} from '../../src/inventory/schema.js';
import {packageKey} from '../../src/plan/fingerprint.js';
import type {CollectedInventory, CollectInventoryOptions} from '../../src/services/collect-inventory.js';
import type {Argv, CommandRunner, RunOptions, RunResult} from '../../src/system/runner.js';

/**
 * A node for apply tests: a package database (name/arch → installed version) over a base
 * inventory, and an adapter whose `install` changes that database the way the test says.
 * Collection reads the database back, so the service sees exactly what a real read-back would.
 */

export interface InstallOutcome {
  /** What the installer exits with and prints. */
  readonly result: RunResult;
  /** Which of the requested items the database really changes to (default: all of them). */
  readonly applies?: (item: PlannedInstall) => string | null | undefined;
}

export interface FakeNodeOptions {
  readonly install?: (items: readonly PlannedInstall[]) => InstallOutcome;
  readonly rebootRequired?: boolean | (() => Promise<boolean>);
  /** Thrown by install (a held lock: ManagerUnavailableError). */
  readonly installError?: Error;
  /** Thrown by recover (an interrupted dpkg run under --no-repair, a repair that failed). */
  readonly inconsistent?: Error;
  /** What recover ran (a repair after an interrupted run); the node may change in it. */
  readonly recover?: (request: RecoveryRequest, node: FakeNode) => Recovery;
}

export const INSTALL_ARGV: Argv = {file: '/usr/bin/apt-get', args: ['-y', 'install']};

export class FakeNode {
  readonly installs: PlannedInstall[][] = [];
  readonly collects: CollectInventoryOptions[] = [];
  readonly contexts: AdapterContext[] = [];
  readonly recoveries: RecoveryRequest[] = [];
  /** How many times apply read the installed packages back (adapter readInstalled). */
  readBacks = 0;
  private readonly versions = new Map<string, string | null>();
  readonly adapter: PackageManagerAdapter;

  constructor(
    private base: Inventory,
    private readonly options: FakeNodeOptions = {},
  ) {
    for (const p of base.packages) this.versions.set(packageKey(p.name, p.arch), p.installedVersion);
    const node = this;
    this.adapter = {
      id: base.node.manager,
      available: async () => true,
      collect: async () => node.inventory(),
      readInstalled: async (ctx) => {
        // As the real runner does: a command given an aborted signal does not run.
        if (ctx.signal?.aborted) throw new Error('fake readInstalled: called with an aborted signal');
        node.readBacks += 1;
        return node.inventory().packages.flatMap((p) =>
          p.installedVersion === null ? [] : [{name: p.name, arch: p.arch, installedVersion: p.installedVersion, ...(p.unfinished !== undefined ? {unfinished: p.unfinished} : {})}],
        );
      },
      installArgv: async () => [INSTALL_ARGV],
      async install(items, ctx): Promise<InstallRun> {
        node.installs.push([...items]);
        node.contexts.push(ctx);
        if (node.options.installError) throw node.options.installError;
        const outcome = node.options.install?.(items) ?? {result: {exitCode: 0, stdout: '', stderr: ''}};
        for (const item of items) {
          const to = outcome.applies ? outcome.applies(item) : item.version;
          if (to !== undefined) node.versions.set(packageKey(item.name, item.arch), to);
        }
        ctx.log.progress(`Setting up ${items.map((i) => i.name).join(' ')}`);
        return {commands: [{argv: INSTALL_ARGV, result: outcome.result}]};
      },
      recover: async (_ctx, request) => {
        node.recoveries.push(request);
        if (node.options.inconsistent) throw node.options.inconsistent;
        return node.options.recover?.(request, node) ?? {commands: []};
      },
      rebootRequired: async () => {
        const r = node.options.rebootRequired ?? false;
        return typeof r === 'function' ? r() : r;
      },
    };
  }

  /** Sets what the database says now (someone else changed the node). */
  setInstalled(name: string, arch: string, version: string | null): void {
    this.versions.set(packageKey(name, arch), version);
  }

  inventory(): Inventory {
    const known = new Set(this.base.packages.map((p) => packageKey(p.name, p.arch)));
    // A dependency installed for the first time (a new kernel image) gets an entry of its own, as dpkg-query would list it.
    const added = [...this.installs.flat()]
      .filter((item, i, all) => !known.has(packageKey(item.name, item.arch)) && all.findIndex((o) => o.name === item.name && o.arch === item.arch) === i)
      .map((item) => ({name: item.name, arch: item.arch, installedVersion: this.versions.get(packageKey(item.name, item.arch)) ?? null, versions: [{version: item.version}]}));
    return InventorySchema.parse({
      ...this.base,
      packages: [
        ...this.base.packages.map((p) => ({...p, installedVersion: this.versions.get(packageKey(p.name, p.arch)) ?? null})),
        ...added,
      ],
    });
  }

  /** The `collect` dependency of applyPlan. */
  readonly collect = async (options: CollectInventoryOptions): Promise<CollectedInventory> => {
    this.collects.push(options);
    const ctx: AdapterContext = {
      runner: refusingRunner,
      root: this.base.node.root,
      files: memoryNodeFiles(),
      log: options.log ?? {progress: () => {}, debug: () => {}},
      lockTimeoutMs: options.lockTimeoutMs ?? 60_000,
      env: {},
      userId: 0,
    };
    return {inventory: this.inventory(), adapter: this.adapter, ctx};
  };
}

/** The adapter context's runner: the fake adapter never runs commands, so any call is a bug. */
const refusingRunner: CommandRunner = {
  run: async (cmd) => {
    throw new Error(`unexpected command in a fake adapter: ${cmd.file}`);
  },
};

/** Records every command; answers with `respond` (exit 0 by default). Never runs anything. */
export class RecordingRunner implements CommandRunner {
  readonly calls: {argv: Argv; options: RunOptions | undefined}[] = [];
  constructor(private readonly respond: (argv: Argv) => RunResult = () => ({exitCode: 0, stdout: '', stderr: ''})) {}
  async run(argv: Argv, options?: RunOptions): Promise<RunResult> {
    this.calls.push({argv, options});
    return this.respond(argv);
  }
}
