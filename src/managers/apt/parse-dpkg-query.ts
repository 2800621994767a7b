import {InputError} from '../../errors.js';

/**
 * `dpkg-query -W -f` with DPKG_QUERY_FORMAT (argv.ts): one line per package dpkg knows, tab
 * separated. dpkg-query rather than reading `var/lib/dpkg/status` ourselves because dpkg-query
 * also applies the journal in `updates/` and knows every status spelling; it is ~5 ms for
 * 2,000 packages (labs.md §7). Real output, tabs shown as `→` (fixtures/apt/debian-12-host and
 * debian-12/install-half-configured, dpkg 1.21.23):
 *
 *     apt→amd64→2.6.2→install ok installed→important→admin→no→apt-transport-https (= 2.6.2)
 *     libc6→amd64→2.36-9+deb12u14→install ok installed→optional→libs→same→
 *     mawk→amd64→1.3.4.20200120-3.1→install ok installed→required→interpreters→foreign→awk
 *     broken-pp→all→1.0-1→install ok half-configured→optional→misc→no→
 *
 * dpkg-query prints `no` for a package without a Multi-Arch field.
 */

/** dpkg's package states (`Status:` third word, dpkg-query(1)). */
export type DpkgState =
  | 'not-installed'
  | 'config-files'
  | 'half-installed'
  | 'unpacked'
  | 'half-configured'
  | 'triggers-awaited'
  | 'triggers-pending'
  | 'installed';

const STATES: readonly DpkgState[] = [
  'not-installed',
  'config-files',
  'half-installed',
  'unpacked',
  'half-configured',
  'triggers-awaited',
  'triggers-pending',
  'installed',
];

function isDpkgState(word: string | undefined): word is DpkgState {
  return STATES.some((s) => s === word);
}

/**
 * States in which a dpkg run stopped half way: apt would try to finish them inside the next
 * install, mixing a repair nobody planned into the plan's transaction, so install refuses and
 * names `dpkg --configure -a` instead (triggers-pending is routine and apt processes it).
 */
export const INTERRUPTED_STATES: ReadonlySet<DpkgState> = new Set<DpkgState>([
  'half-installed',
  'unpacked',
  'half-configured',
  'triggers-awaited',
]);

export interface InstalledPackage {
  readonly name: string;
  /** As dpkg reports it: `amd64`, `i386`, `all`. */
  readonly arch: string;
  readonly version: string;
  readonly state: DpkgState;
  /** dpkg's error flag: `ok`, or `reinstreq` (the package must be reinstalled). */
  readonly eflag: string;
  readonly priority: string;
  readonly section: string;
  /** `same`, `foreign`, `allowed` or empty. */
  readonly multiArch: string;
  /** Raw `Provides:` relation list. */
  readonly provides: string;
}

/** States that leave files of a version on disk; `config-files` and `not-installed` do not. */
export function hasInstalledVersion(pkg: InstalledPackage): boolean {
  return pkg.state !== 'not-installed' && pkg.state !== 'config-files' && pkg.version !== '';
}

export function parseDpkgQuery(stdout: string, source = 'dpkg-query'): InstalledPackage[] {
  const out: InstalledPackage[] = [];
  const lines = stdout.split('\n');
  lines.forEach((line, index) => {
    if (line === '') return;
    const cols = line.split('\t');
    const [name, arch, version, status, priority, section, multiArch, provides] = cols;
    if (cols.length !== 8 || name === undefined || arch === undefined || version === undefined || status === undefined) {
      throw new InputError(`${source}: line ${index + 1}`, `expected 8 tab-separated fields, got ${cols.length}: ${JSON.stringify(line)}`);
    }
    const words = status.split(' ');
    const state = words[2];
    if (words.length !== 3 || !isDpkgState(state)) {
      throw new InputError(`${source}: line ${index + 1}`, `unknown dpkg status ${JSON.stringify(status)} for ${name}`);
    }
    out.push({
      name,
      arch,
      version,
      state,
      eflag: words[1] ?? 'ok',
      priority: priority ?? '',
      section: section ?? '',
      multiArch: multiArch ?? '',
      provides: provides ?? '',
    });
  });
  return out;
}
