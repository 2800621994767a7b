import type {PlannedInstall} from '../../core/install.js';
import type {Logger} from '../../core/logger.js';
import {createInstallTracker, type PackageObservation} from '../install-progress.js';
import {type PackagePhase} from '../../core/install.js';
import {formatNevra} from './version.js';

/**
 * What dnf and zypper name in their progress lines is a NEVRA (`epoch-pp-1:2.0-1.el8.noarch`)
 * or a file name without the epoch (`epoch-pp-2.0-1.el8.noarch.rpm`), and dnf cuts either to
 * fit its 80-column lines (`progress-display-long-package-name-for-truncation-`,
 * `progress-display-long-package-name-for-t`: fixtures/dnf/progress). This turns such a text
 * into the package it is about, preferring the plan's own items so a cut name still counts.
 */

/** One progress line of an rpm-family installer: the phase and the package text as printed. */
export interface RpmProgressLine {
  readonly phase: PackagePhase;
  readonly nevra: string;
}

const NEVRA = /^([A-Za-z0-9_+][A-Za-z0-9._+-]*)-((?:\d+:)?[A-Za-z0-9._+~^]+-[A-Za-z0-9._+~^]+)\.([A-Za-z0-9_]+)$/;

/**
 * The architectures rpm knows (its rpmrc `arch_compat` names). A cut text can still look like a
 * NEVRA (`foo-devel-1.1-1.el` would be arch `el`); only a known architecture proves it whole.
 */
const RPM_ARCHES = new Set([
  'noarch', 'src', 'nosrc', 'i386', 'i486', 'i586', 'i686', 'athlon', 'geode', 'pentium3', 'pentium4', 'x86_64', 'x86_64_v2',
  'x86_64_v3', 'x86_64_v4', 'amd64', 'ia32e', 'aarch64', 'armv5tel', 'armv6l', 'armv6hl', 'armv7l', 'armv7hl', 'armv7hnl',
  'armv8l', 'armv8hl', 'ppc', 'ppc64', 'ppc64le', 'ppc64p7', 's390', 's390x', 'riscv64', 'loongarch64', 'mips', 'mipsel',
  'mips64', 'mips64el', 'sparc', 'sparcv9', 'sparc64', 'alpha', 'ia64',
]);

/** `name-[epoch:]version-release.arch` split into its parts, or null (a cut or foreign text). */
export function parseNevra(text: string): {name: string; version: string; arch: string} | null {
  const m = NEVRA.exec(text);
  if (!m || !RPM_ARCHES.has(m[3] ?? '')) return null;
  return {name: m[1] ?? '', version: m[2] ?? '', arch: m[3] ?? ''};
}

/** The spellings of an item a progress line may print: with the epoch, and as in a file name. */
function spellings(item: PlannedInstall): string[] {
  const full = formatNevra(item.name, item.version, item.arch);
  const withoutEpoch = formatNevra(item.name, item.version.replace(/^\d+:/, ''), item.arch);
  return full === withoutEpoch ? [full] : [full, withoutEpoch];
}

/**
 * The observation for one line. In order: the exact spelling of a planned item; a cut text that
 * begins exactly one planned item's spelling; a whole NEVRA (a replaced version, a package the
 * plan does not list); a cut text that begins with a planned name and `-` (the longest such
 * name); else the text itself, as a package the plan does not list. A cut text gives no version
 * (the tracker fills in the planned one where the phase is about the planned version).
 */
export function rpmObservation(line: RpmProgressLine, items: readonly PlannedInstall[]): PackageObservation {
  const {phase, nevra} = line;
  const exact = items.find((item) => spellings(item).includes(nevra));
  if (exact) return {name: exact.name, arch: exact.arch, version: exact.version, phase};
  const cutOf = items.filter((item) => spellings(item).some((s) => s.startsWith(nevra)));
  if (cutOf.length === 1 && cutOf[0] !== undefined) return {name: cutOf[0].name, arch: cutOf[0].arch, phase};
  const parsed = parseNevra(nevra);
  if (parsed !== null) return {...parsed, phase};
  const byName = items.filter((item) => nevra.startsWith(`${item.name}-`)).sort((a, b) => b.name.length - a.name.length)[0];
  if (byName) return {name: byName.name, phase};
  return {name: nevra, phase};
}

/**
 * The stdout handler of an rpm-family install: each line goes to the debug log (the whole
 * output is also kept in the install result), and each line `parse` understands becomes a
 * progress event for the plan's N of M.
 */
export function followRpmInstall(items: readonly PlannedInstall[], log: Logger, parse: (line: string) => RpmProgressLine | null): (line: string) => void {
  const tracker = createInstallTracker(items, (event) => log.installProgress?.(event));
  return (line) => {
    if (line.trim() !== '') log.debug(line);
    const parsed = parse(line);
    if (parsed !== null) tracker.package(rpmObservation(parsed, items));
  };
}
