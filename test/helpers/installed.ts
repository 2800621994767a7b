import type {InstalledNow} from '../../src/managers/adapter.js';

interface InstalledLike {
  readonly name: string;
  /** Optional only in an adapter's raw output type; a package without one fails the comparison. */
  readonly arch?: string;
  readonly installedVersion?: string | null;
  readonly unfinished?: string;
}

/**
 * The installed packages of an inventory (or of an adapter's read-back), sorted by name and
 * arch: what `collect` and `readInstalled` must agree on, whatever order each lists them in.
 */
export function installedOf(packages: readonly InstalledLike[]): InstalledNow[] {
  return packages
    .flatMap((p) => (p.installedVersion === null || p.installedVersion === undefined ? [] : [{name: p.name, arch: p.arch ?? '(no arch)', installedVersion: p.installedVersion, ...(p.unfinished !== undefined ? {unfinished: p.unfinished} : {})}]))
    .sort((a, b) => (a.name === b.name ? (a.arch < b.arch ? -1 : a.arch > b.arch ? 1 : 0) : a.name < b.name ? -1 : 1));
}
