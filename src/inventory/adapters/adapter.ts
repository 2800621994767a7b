import type {Argv, CommandRunner, RunResult} from '../../system/runner.js';
import type {VersionScheme} from '../../versions/index.js';
import type {InventoryInput, ManagerId, NodeInfo} from '../schema.js';
import type {InstallProgressEvent} from './install-progress.js';

/**
 * One package manager behind one interface (style.md §2). An adapter knows how to read this
 * node, how to build the exact argv its installer needs, and what its tool's exit codes and
 * lock signals mean. It knows nothing about baselines, plans or rendering.
 */

export interface Logger {
  /** Progress for humans (stderr; never stdout). */
  progress(message: string): void;
  debug(message: string): void;
  /**
   * Structured progress while an installer runs (install-progress.ts), read from the tool's
   * own progress output. Optional: a logger without it just gets no events.
   */
  installProgress?(event: InstallProgressEvent): void;
}

export const silentLogger: Logger = {progress: () => {}, debug: () => {}};

/** Reads files of the node (under `root`); tests may give an in-memory one. */
export interface NodeFiles {
  readText(file: string): Promise<string | null>;
  exists(file: string): Promise<boolean>;
  list(dir: string): Promise<string[]>;
}

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
}

export interface CollectOptions {
  /** Refresh the package lists first (`apt-get update`, …). Collection is read-only otherwise. */
  readonly refresh: boolean;
}

/** One exact version the plan installs. */
export interface PlannedInstall {
  readonly name: string;
  readonly arch: string;
  readonly version: string;
}

export interface InstallRun {
  /** Every command run, with what it said (kept for the debug log and the result messages). */
  readonly commands: readonly {readonly argv: Argv; readonly result: RunResult}[];
}

export interface PackageManagerAdapter {
  readonly id: ManagerId;
  readonly versionScheme: VersionScheme;
  /** Binary present and usable (does not take the lock). */
  available(ctx: AdapterContext): Promise<boolean>;
  /** installed + candidates + advisories, read-only unless options.refresh. */
  collect(ctx: AdapterContext, node: NodeInfo, options: CollectOptions): Promise<InventoryInput>;
  /** Pure: the exact commands `install` will run. */
  installArgv(items: readonly PlannedInstall[], ctx: Pick<AdapterContext, 'root' | 'env'>): Argv[];
  install(items: readonly PlannedInstall[], ctx: AdapterContext): Promise<InstallRun>;
  /**
   * Throws (with the repair command in its one line) when the package database is in the
   * middle of an interrupted transaction. Apply calls it before anything else, even when every
   * planned version already reads as installed: after a kill, dpkg may have unpacked the
   * target versions without configuring them. Managers that cannot tell leave it out.
   */
  checkConsistent?(ctx: AdapterContext): Promise<void>;
  /** Whether the OS itself says a reboot is required now. */
  rebootRequired(ctx: AdapterContext): Promise<boolean>;
}
