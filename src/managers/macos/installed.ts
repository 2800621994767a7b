import {InputError} from '../../errors.js';
import {describeArgv} from '../../system/runner.js';
import type {InstalledNow} from '../adapter.js';
import {pkgInfoArgv, pkgsArgv, type BrewRunAs} from './argv.js';
import {brewInstalled, output, type Facts} from './commands.js';
import {caskPackageName, productName, isNewer} from './names.js';
import {isOsInstall, isSoftwareUpdate, parseInstallHistory, type HistoryEntry} from './parse-install-history.js';
import {parsePkgInfo, parsePkgs} from './parse-pkgutil.js';
import {osPackageName, parseSystemVersion, releaseLine, type SystemVersion} from './parse-system-version.js';
import type {BrewInstalled, BrewLists} from './parse-brew.js';
import {INSTALL_HISTORY_PLIST, SYSTEM_VERSION_PLIST, under} from './paths.js';

/**
 * What is installed now, from the node alone (collect's first half, and apply's read-back):
 *   SystemVersion.plist          the OS package (`macOS Sonoma` at ProductVersion, or at the
 *                                update Software Update installed for the next restart: osVersion)
 *   InstallHistory.plist         every other product Software Update or Installer put on the node,
 *                                at the version of its latest install
 *   pkgutil --pkgs               drops products whose receipts are all gone (pkgutil --forget)
 *   pkgutil --pkg-info ID        the version of an install InstallHistory gives none for
 *   brew info --json=v2 --installed   formulae and casks
 */
export interface NodeState {
  readonly system: SystemVersion;
  readonly osPackage: string;
  /**
   * The OS package's installed version: the update Software Update installed that the next
   * restart applies (stagedOsUpdate), else ProductVersion. Collect and the read-back agree on it.
   */
  readonly osVersion: string;
  readonly history: readonly HistoryEntry[];
  /** Products (not the OS) with their installed version. */
  readonly products: ReadonlyMap<string, string>;
  /** Products whose latest install was a configuration-data update (DECISION-10). */
  readonly configData: ReadonlySet<string>;
  readonly brew: BrewRunAs | null;
  readonly brewInstalled: BrewLists<BrewInstalled>;
}

export async function readSystemVersion(ctx: Facts): Promise<SystemVersion> {
  const file = under(ctx.root, SYSTEM_VERSION_PLIST);
  const text = await ctx.files.readText(file);
  if (text === null) throw new InputError(file, 'is missing: is this a macOS node?');
  return parseSystemVersion(text, file);
}

/** InstallHistory.plist; a node without one has installed nothing through Software Update or Installer. */
export async function readInstallHistory(ctx: Facts): Promise<HistoryEntry[]> {
  const file = under(ctx.root, INSTALL_HISTORY_PLIST);
  const text = await ctx.files.readText(file);
  return text === null ? [] : parseInstallHistory(text, file);
}

export async function readNodeState(ctx: Facts, brew: BrewRunAs | null): Promise<NodeState> {
  const system = await readSystemVersion(ctx);
  const osPackage = osPackageName(system.productVersion);
  const history = await readInstallHistory(ctx);
  const osVersion = stagedOsUpdate(system, history) ?? system.productVersion;
  const {products, configData} = await installedProducts(ctx, history, osPackage);
  const installed = brew === null ? {formulae: [], casks: []} : await brewInstalled(ctx, brew);
  return {system, osPackage, osVersion, history, products, configData, brew, brewInstalled: installed};
}

async function installedProducts(ctx: Facts, history: readonly HistoryEntry[], osPackage: string) {
  const latest = new Map<string, HistoryEntry>();
  for (const entry of history) {
    if (isOsInstall(entry)) continue;
    const name = productName(entry.displayName, entry.displayVersion);
    // The running OS comes from SystemVersion.plist (and stagedOsUpdate); an OS of another
    // release line (an upgrade waiting for its restart) is not installed until it runs.
    if (name === osPackage || (entry.displayVersion !== '' && name === osPackageName(entry.displayVersion))) continue;
    const seen = latest.get(name);
    // ISO 8601 UTC dates order as strings; the file is oldest first, so ties keep the later entry.
    if (seen === undefined || entry.date >= seen.date) latest.set(name, entry);
  }
  const products = new Map<string, string>();
  const configData = new Set<string>();
  if (latest.size === 0) return {products, configData};
  const receipts = parsePkgs(await output(ctx, pkgsArgv()));
  for (const [name, entry] of [...latest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const present = entry.packageIdentifiers.filter((id) => receipts.has(id));
    if (entry.packageIdentifiers.length > 0 && present.length === 0) continue;
    let version = entry.displayVersion;
    const first = present[0];
    if (version === '' && first !== undefined) {
      const argv = pkgInfoArgv(first);
      version = parsePkgInfo(await output(ctx, argv), describeArgv(argv)).version;
    }
    if (version === '') continue;
    products.set(name, version);
    if (entry.contentType === 'config-data') configData.add(name);
  }
  return {products, configData};
}

/** Every installed package as collect names it (arch is empty on macOS: one build per product). */
export function installedNow(state: NodeState): InstalledNow[] {
  const out: InstalledNow[] = [{name: state.osPackage, arch: '', installedVersion: state.osVersion}];
  for (const [name, version] of state.products) out.push({name, arch: '', installedVersion: version});
  const formulae = new Set(state.brewInstalled.formulae.map((f) => f.name));
  for (const f of state.brewInstalled.formulae) out.push({name: f.name, arch: '', installedVersion: f.version});
  for (const c of state.brewInstalled.casks) out.push({name: caskPackageName(c.name, formulae), arch: '', installedVersion: c.version});
  const seen = new Set<string>();
  return out.filter((p) => (seen.has(p.name) ? false : (seen.add(p.name), true)));
}

/**
 * An OS update installed but not yet running (docs/managers/macos.md), as Linux has a kernel
 * installed that the next boot starts: the newest version InstallHistory records as installed
 * by Software Update for the running release line, when it is newer than ProductVersion, else
 * null. macOS applies OS updates while it restarts, so until then SystemVersion.plist still
 * names the old version. Non-null: the OS package reads at this version and a reboot is required.
 */
export function stagedOsUpdate(system: SystemVersion, history: readonly HistoryEntry[]): string | null {
  let newest: string | null = null;
  for (const e of history) {
    if (!isSoftwareUpdate(e) || e.displayVersion === '' || !productName(e.displayName, e.displayVersion).startsWith('macOS')) continue;
    if (releaseLine(e.displayVersion) !== releaseLine(system.productVersion)) continue;
    if (isNewer(e.displayVersion, newest ?? system.productVersion)) newest = e.displayVersion;
  }
  return newest;
}
