import type {Interrupts} from '../system/interrupts.js';
import type {NodeFiles} from '../system/node-files.js';
import type {Argv, CommandRunner, RunResult} from '../system/runner.js';
import type {InventoryInput, NodeInfo} from '../inventory/schema.js';
import type {ManagerId, OperatingSystem} from '../core/ids.js';
import type {PlannedInstall} from '../core/install.js';
import type {Logger} from '../core/logger.js';

/**
 * One package manager behind one interface (style.md §2). An adapter knows how to read this
 * node, how to build the exact argv its installer needs, and what its tool's exit codes and
 * lock signals mean. It knows nothing about baselines, plans or rendering.
 */


/** The node's files, as the system layer reads them (defined there: system/ does not depend on adapters). */
export type {NodeFiles} from '../system/node-files.js';

export interface AdapterContext {
  readonly runner: CommandRunner;
  /** `/` or the `--root` directory (absolute). */
  readonly root: string;
  readonly files: NodeFiles;
  readonly log: Logger;
  readonly signal?: AbortSignal;
  /** How long to wait for another process's package-manager lock before exit 5. */
  readonly lockTimeoutMs: number;
  /** Environment for the manager's commands (HOME for rpm, etc.). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The uid patchplan runs as (the runtime's): apt runs dpkg with --force-not-root for a root's owner. */
  readonly userId: number;
  /**
   * While installing: the installer runs in its own process group; `stop` asks it to finish the
   * package in progress and exit at a safe point, `abort` kills its group (system/interrupts.ts).
   * An adapter starts no further installer command once `stop` is aborted.
   */
  readonly interrupts?: Pick<Interrupts, 'stop' | 'abort'>;
}

/**
 * What a manager reads from the node: the inventory without the collection instant, which the
 * service stamps from its injected clock (adapters never read a clock).
 */
export type CollectedNode = Omit<InventoryInput, 'collectedAt'>;

/**
 * What an install's argv depends on besides the packages: read from the node, as `install`
 * reads it. The runner is the context's, for adapters that must ask the node's tools which
 * label or name an item is (macOS: softwareupdate --list, brew outdated); no adapter ever
 * reaches the machine except through it.
 */
export type InstallContext = Pick<AdapterContext, 'root' | 'env' | 'files' | 'userId' | 'runner'>;

export interface CollectOptions {
  /** Refresh the package lists first (`apt-get update`, …). Collection is read-only otherwise. */
  readonly refresh: boolean;
}


/** Who a node without os-release is (macOS, Windows), as its own tools say. */
export interface NodeIdentity {
  readonly os: {readonly id: string; readonly versionId: string; readonly name: string};
  readonly operatingSystem: OperatingSystem;
  /** The AWS PRODUCT value PRODUCT filters match (`macOS14`, `WindowsServer2022`). */
  readonly product: string;
  /** A stable id of this machine (macOS: IOPlatformUUID; Windows: MachineGuid). */
  readonly machineId: string;
}

/** One package as the package database says it is installed now. */
export interface InstalledNow {
  readonly name: string;
  readonly arch: string;
  readonly installedVersion: string;
  /** As `collect` reports it: the manager's word for an installation it did not finish (dpkg: unpacked, …). */
  readonly unfinished?: string;
}

export interface CommandRun {
  readonly argv: Argv;
  readonly result: RunResult;
}

export interface InstallRun {
  /** Every command run, with what it said (kept for the debug log and the result messages). */
  readonly commands: readonly CommandRun[];
  /** Packages whose maintainer scripts (scriptlets) failed in this run, with the installer's line. */
  readonly scriptFailures?: readonly ScriptFailure[];
}

export interface ScriptFailure {
  readonly name: string;
  /** The installer's own line about it. */
  readonly line: string;
}

export interface RecoveryRequest {
  /** The plan's installs: a package left reinstall-required is reinstalled at its planned version. */
  readonly planned: readonly PlannedInstall[];
  /** False under `--no-repair`: refuse with the repair command instead of running it. */
  readonly repair: boolean;
}

export interface Recovery {
  /** The repair commands run, with what they said; empty when nothing needed repair. */
  readonly commands: readonly CommandRun[];
}

export interface PackageManagerAdapter {
  readonly id: ManagerId;
  /**
   * macOS and Windows, which have no os-release: which OS, version, product and machine this
   * node is. Linux adapters leave it out (collect-inventory reads os-release for them).
   */
  identify?(ctx: AdapterContext): Promise<NodeIdentity>;
  /** Binary present and usable (does not take the lock). */
  available(ctx: AdapterContext): Promise<boolean>;
  /** installed + candidates + advisories, read-only unless options.refresh. */
  collect(ctx: AdapterContext, node: NodeInfo, options: CollectOptions): Promise<CollectedNode>;
  /**
   * The exact commands `install` will run for these items, from the same facts of the node that
   * `install` reads (nothing is cached between calls); installs nothing.
   */
  installArgv(items: readonly PlannedInstall[], ctx: InstallContext): Promise<Argv[]>;
  /**
   * What is installed now, from the package database alone (dpkg-query, rpm -qa): apply's
   * read-back after the installer, where the offered versions no longer matter. Every package
   * `collect` would report installed, with the same name, arch, version and unfinished state.
   */
  readInstalled(ctx: AdapterContext): Promise<InstalledNow[]>;
  install(items: readonly PlannedInstall[], ctx: AdapterContext): Promise<InstallRun>;
  /**
   * Finishes what an interrupted transaction left in the package database (apt: dpkg's journal,
   * unpacked, half-configured and reinstall-required packages; rpm: duplicate versions), after
   * waiting for the manager's lock. Apply calls it before it reads anything that decides, even
   * when every planned version already reads as installed: after a kill, dpkg may have unpacked
   * the targets without configuring them. Throws, with one repair command in its line, when the
   * database needs repair and `request.repair` is false, or when the repair did not succeed (a
   * package whose scripts keep failing is named as the cause). Managers that cannot tell leave
   * it out.
   */
  recover?(ctx: AdapterContext, request: RecoveryRequest): Promise<Recovery>;
  /** Whether the OS itself says a reboot is required now. */
  rebootRequired(ctx: AdapterContext): Promise<boolean>;
}
