/**
 * What a plan hands to an installer, and what an installer reports while it runs. Shared by the
 * package managers (which produce the events), apply (which passes them on) and the views
 * (which draw them); defined here so that none of those depends on another.
 */

/** One exact version the plan installs. */
export interface PlannedInstall {
  readonly name: string;
  readonly arch: string;
  readonly version: string;
}

/**
 * Structured progress of one installer run, read from the installer's own progress output
 * (apt's status fd, dnf's and zypper's transaction lines). Adapters report it; views draw it.
 *
 * `done` of `total` counts PLANNED packages only: `total` is the number of planned packages
 * handed to this installer run (packages already at their target are never handed over), and
 * `done` how many of them the installer has reported finished (`installed`). A package the
 * installer touches that the plan does not list (a dependency apt chose by itself, a trigger)
 * is reported with `planned: false` and never counts, so `done` never exceeds `total`.
 */

/**
 * What the installer says it is doing to a package, in its own terms:
 * - `downloading`: fetching the package file (dnf, zypper);
 * - `unpacking`: apt's Preparing/Unpacking/Installing before configuration;
 * - `configuring`: apt's Preparing to configure/Configuring (maintainer scripts run);
 * - `scriptlet`: dnf's Running scriptlet;
 * - `installed`: finished (apt's Installed, dnf's Installing/Upgrading line, which dnf prints
 *   when the element is done, zypper's `(i/n) Installing: … [done]`);
 * - `cleanup`: dnf removing the replaced version;
 * - `verifying`: dnf checking what it installed;
 * - `failed`: the installer reported an error for this package (apt's pmerror).
 */
export type PackagePhase = 'downloading' | 'unpacking' | 'configuring' | 'scriptlet' | 'installed' | 'cleanup' | 'verifying' | 'failed';

export interface PackageProgressEvent {
  readonly kind: 'package';
  /** Planned packages finished so far, this one included when this event finishes it. */
  readonly done: number;
  /** Planned packages in this installer run. */
  readonly total: number;
  readonly name: string;
  /** The plan's architecture for a planned package (`all`, `noarch`), else the one the tool names. */
  readonly arch?: string | undefined;
  /**
   * The version the installer names (the replaced one for `cleanup`); else the planned one, but
   * for `cleanup` and `verifying`, which may be about either.
   */
  readonly version?: string | undefined;
  readonly phase: PackagePhase;
  readonly planned: boolean;
}

/** apt's download pass (`dlstatus`), which names files, not packages. */
export interface DownloadProgressEvent {
  readonly kind: 'download';
  /** The file being fetched, 1-based, of `files`. */
  readonly file: number;
  readonly files: number;
  /** Of all bytes to fetch, as apt computes it (0-100). */
  readonly percent: number;
  /** Planned packages finished so far (0 while downloading) and in this run, as for packages. */
  readonly done: number;
  readonly total: number;
}

export type InstallProgressEvent = PackageProgressEvent | DownloadProgressEvent;
