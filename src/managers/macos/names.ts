import {compareVersions} from '../../versions/index.js';
import {osPackageName, releaseLine, type SystemVersion} from './parse-system-version.js';
import type {UpdateItem} from './parse-softwareupdate.js';

/**
 * How softwareupdate items and InstallHistory entries become package names (docs/managers/macos.md).
 * Both name a product by its title with the version at the end (`macOS Sonoma 14.6.1` /
 * `14.6.1`, `Safari` / `17.6`, `XProtectPlistConfigData` / `2192`): the package is the title
 * without that version, so one name carries the installed and the offered version, and the
 * names ApprovedPatches and RejectedPatches give (spec §3.4: `XProtectPlistConfigData`) match.
 */
export function productName(title: string, version: string): string {
  const t = title.trim();
  if (version === '') return t;
  for (const suffix of [` ${version}`, ` (${version})`]) {
    if (t.endsWith(suffix) && t.length > suffix.length) return t.slice(0, -suffix.length).trim();
  }
  return t;
}

/**
 * The package an update belongs to. An update of the running release line (`macOS … 14.7` on
 * 14.6) is the OS package whatever its title calls the release; another release line (an
 * upgrade to macOS 15) is a package of its own, never installed, so never planned.
 */
export function updatePackageName(item: UpdateItem, version: string, system: SystemVersion): string {
  const name = productName(item.title === '' ? item.label : item.title, version);
  if (/^macOS\b/.test(name) && releaseLine(version) === releaseLine(system.productVersion)) return osPackageName(system.productVersion);
  return name;
}

/**
 * DECISION-10: security = a configuration-data update (InstallHistory contentType config-data
 * for the product, or the `…ConfigData` product names Apple uses for XProtect, MRT, Gatekeeper)
 * or an item whose title or label says Security ("Security Update 2023-004", "Rapid Security
 * Response", "Background Security Improvement"). Localized titles are not recognised.
 */
export function isSecurityUpdate(item: UpdateItem, name: string, configData: ReadonlySet<string>): boolean {
  return configData.has(name) || /ConfigData$/.test(name) || /security/i.test(item.title) || /security/i.test(item.label);
}

export function isNewer(a: string, b: string): boolean {
  return compareVersions('generic', a, b) > 0;
}

/** A cask whose token is also a formula's name is reported as `token (cask)`: each name once. */
export function caskPackageName(token: string, formulae: ReadonlySet<string>): string {
  return formulae.has(token) ? `${token} (cask)` : token;
}
