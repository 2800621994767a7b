import type {InventoryInput} from '../../inventory/schema.js';
import type {Logger} from '../../core/logger.js';
import {caskPackageName, isSecurityUpdate, updatePackageName} from './names.js';
import {installedNow, type NodeState} from './installed.js';
import type {BrewLists, BrewOutdated} from './parse-brew.js';
import {versionOf, type UpdateItem} from './parse-softwareupdate.js';

type PackageInput = InventoryInput['packages'][number];
type VersionInput = NonNullable<PackageInput['versions']>[number];

/**
 * The inventory's packages: every installed package (installed.ts) with what softwareupdate
 * and `brew outdated` offer for it. An offer for something not installed (an upgrade to the
 * next macOS, an update for software InstallHistory does not record) is listed with
 * installedVersion null: the engine never installs such a package (spec §6.4 NOT_APPLICABLE).
 */
export function buildPackages(state: NodeState, updates: readonly UpdateItem[], outdated: BrewLists<BrewOutdated>, log: Logger | undefined): PackageInput[] {
  const packages = new Map<string, {installedVersion: string | null; versions: VersionInput[]}>();
  for (const p of installedNow(state)) packages.set(p.name, {installedVersion: p.installedVersion, versions: []});
  const offer = (name: string, installedVersion: string | null, version: VersionInput): void => {
    const pkg = packages.get(name) ?? {installedVersion, versions: []};
    if (!pkg.versions.some((v) => v.version === version.version)) pkg.versions.push(version);
    packages.set(name, pkg);
  };

  for (const item of updates) {
    const version = versionOf(item);
    if (version === null) {
      log?.progress(`warning: softwareupdate item ${JSON.stringify(item.label)} has no version; it cannot be planned`);
      continue;
    }
    const name = updatePackageName(item, version, state.system);
    offer(name, null, {
      version,
      source: 'softwareupdate',
      security: isSecurityUpdate(item, name, state.configData),
      rebootSuggested: item.action !== null,
    });
  }

  const formulae = new Set(state.brewInstalled.formulae.map((f) => f.name));
  const brewOffers = [
    ...outdated.formulae.map((o) => ({o, name: o.name, source: 'brew'})),
    ...outdated.casks.map((o) => ({o, name: caskPackageName(o.name, formulae), source: 'brew-cask'})),
  ];
  for (const {o, name, source} of brewOffers) {
    if (o.pinned) {
      log?.progress(`warning: ${o.name} is pinned in Homebrew (brew upgrade leaves it); its ${o.currentVersion} is not offered`);
      continue;
    }
    offer(name, o.installedVersions[o.installedVersions.length - 1] ?? null, {version: o.currentVersion, source, security: false});
  }

  return [...packages]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, p]) => ({name, arch: '', installedVersion: p.installedVersion, versions: p.versions}));
}
