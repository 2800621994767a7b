import type {PatchListEntry} from '../baseline/model.js';
import {parseEvr, rpmvercmp} from '../versions/rpm.js';
import {entryMatchesAny} from './glob.js';

/**
 * ApprovedPatches / RejectedPatches / InstallOverrideList entry matching (spec §3, §6.3).
 * rpm and apt entries are compared with a fixed set of strings rendered from the package
 * version (AWS payload `patch_common/package_matcher.py`); SUSE entries are package-name
 * regular expressions with optional version constraints (`patch_common/package_range_comparer.py`).
 */

/** The rpm components of a version string, epoch as a number (0 when the version has none). */
function rpmParts(version: string): {epoch: string; version: string; release: string; vr: string} {
  const evr = parseEvr(version);
  const epoch = String(evr.epoch ?? 0);
  const vr = evr.release ? `${evr.version}-${evr.release}` : evr.version;
  return {epoch, version: evr.version, release: evr.release, vr};
}

/** The twelve forms of spec §3.1 (DECISION-12), e.g. for `dbus.x86_64:1:1.12.28-1.amzn2023.0.1`. */
export function renderRpmForms(name: string, arch: string, version: string): string[] {
  const p = rpmParts(version);
  return [
    name,
    `${name}.${arch}`,
    `${name}-${p.vr}.${arch}`,
    `${name}-${p.version}`,
    `${name}-${p.vr}`,
    `${p.epoch}:${name}-${p.vr}.${arch}`,
    `${name}-${p.epoch}:${p.vr}.${arch}`,
    `${name}-${p.epoch}:${p.vr}`,
    p.version,
    p.vr,
    `${p.epoch}:${p.vr}`,
    `${name}.${arch}:${p.epoch}:${p.vr}`,
  ];
}

/** The forms that name no package: an entry matching only these matches any package (§3.1). */
export function renderRpmVersionOnlyForms(version: string): string[] {
  const p = rpmParts(version);
  return [p.version, p.vr, `${p.epoch}:${p.vr}`];
}

/** `name-epoch:version-release.arch`: the only string dnf's BLOCK dependency check compares (§6.1 step 7). */
export function renderRpmNevra(name: string, arch: string, version: string): string {
  const p = rpmParts(version);
  return `${name}-${p.epoch}:${p.vr}.${arch}`;
}

/** The six apt forms of spec §3.2 (DECISION-13). */
export function renderAptForms(name: string, arch: string, version: string): string[] {
  return [name, version, `${name}.${arch}`, `${name}-${version}`, `${arch}:${version}`, `${name}.${arch}:${version}`];
}

export function renderAptVersionOnlyForms(name: string, arch: string, version: string): string[] {
  return [version, `${arch}:${version}`];
}

/** Kinds of id an ApprovedPatches entry can be on rpm (§3.1); only used for warnings. */
export type EntryIdKind = 'bugzilla' | 'cve' | 'advisory';

export function idKindOf(entry: string): EntryIdKind | null {
  if (/^\d+$/.test(entry)) return 'bugzilla';
  if (/^CVE-\d{4}-\d+$/i.test(entry)) return 'cve';
  // RHSA-2017:0864, ALAS-2018-123, ALAS2023-2025-123, ELSA-2025-123, RHBA-2025:1300
  if (/^[A-Za-z][A-Za-z0-9]*-\d{4}[-:]\d+$/.test(entry)) return 'advisory';
  return null;
}

/**
 * A heuristic for the `version` / `version-release` / `epoch:version-release` forms written
 * on purpose (`1.12.28`, `2:1.2-3`): they approve every package with that version (§3.1).
 */
export function looksVersionOnly(entry: string): boolean {
  return /^(\d+:)?\d+(\.\d+)+[0-9A-Za-z.~^_+*?]*(-[0-9A-Za-z.~^_+*?]+)?$/.test(entry);
}

/** The first entry of a list that matches, with its index path. */
export function firstMatchingEntry(
  entries: readonly PatchListEntry[],
  matches: (value: string) => boolean,
): PatchListEntry | null {
  for (const entry of entries) if (matches(entry.value)) return entry;
  return null;
}

export function rpmEntryMatches(entry: string, name: string, arch: string, version: string): boolean {
  return entryMatchesAny(entry, renderRpmForms(name, arch, version));
}

export function aptEntryMatches(entry: string, name: string, arch: string, version: string): boolean {
  return entryMatchesAny(entry, renderAptForms(name, arch, version));
}

// --------------------------------------------------------------------------------------
// SUSE
// --------------------------------------------------------------------------------------

type ConstraintOp = '=' | '!=' | '<' | '>' | '<=' | '>=';

interface ZypperConstraint {
  readonly op: ConstraintOp;
  readonly version: string;
}

export interface ZypperEntry {
  /** null when the name part is not a valid regular expression (then nothing matches). */
  readonly name: RegExp | null;
  readonly constraints: readonly ZypperConstraint[];
}

/**
 * `rpm* < 2.* > 1.1.1-2.3.1` → name regex `^rpm.+` and two constraints. The payload turns each
 * `*` into "one or more characters" and leaves every other regex character alone, so `.`
 * still matches any character; the regex is anchored at the start only (§3.3).
 */
export function parseZypperEntry(entry: string): ZypperEntry {
  const trimmed = entry.trim();
  const firstOp = trimmed.search(/\s*(!=|<=|>=|=|<|>)/);
  const namePart = (firstOp >= 0 ? trimmed.slice(0, firstOp) : trimmed).trim();
  const rest = firstOp >= 0 ? trimmed.slice(firstOp) : '';
  const constraints: ZypperConstraint[] = [];
  const re = /(!=|<=|>=|=|<|>)\s*([^\s<>=!]+)/g;
  for (let m = re.exec(rest); m !== null; m = re.exec(rest)) {
    const op = m[1] as ConstraintOp;
    const version = m[2];
    if (version !== undefined) constraints.push({op, version});
  }
  let name: RegExp | null;
  try {
    name = new RegExp(`^(?:${namePart.split('*').join('.+')})`);
  } catch {
    name = null;
  }
  return {name, constraints};
}

/** The name part alone: what `zypper addlock` locks before an Install (§6.1 step 7). */
export function zypperNameMatches(entry: ZypperEntry, name: string, arch: string): boolean {
  if (entry.name === null) return false;
  return entry.name.test(name) || entry.name.test(`${name}.${arch}`);
}

/** Number of alphanumeric segments in a version (`2.` → 1), to compare only a `*` prefix. */
function segmentCount(text: string): number {
  return (text.match(/[0-9A-Za-z]+/g) ?? []).length;
}

function truncateSegments(text: string, count: number): string {
  const re = /[0-9A-Za-z]+/g;
  let end = 0;
  for (let k = 0; k < count; k++) {
    const m = re.exec(text);
    if (m === null) return text;
    end = m.index + m[0].length;
  }
  return text.slice(0, end);
}

function holds(op: ConstraintOp, cmp: number): boolean {
  switch (op) {
    case '=':
      return cmp === 0;
    case '!=':
      return cmp !== 0;
    case '<':
      return cmp < 0;
    case '>':
      return cmp > 0;
    case '<=':
      return cmp <= 0;
    case '>=':
      return cmp >= 0;
  }
}

/**
 * One constraint against a package's `version-release`, epochs ignored as the payload does;
 * a constraint without a release compares versions only (rpm's own rule), and a `*` makes it
 * compare only the segments before it.
 */
function constraintHolds(c: ZypperConstraint, version: string): boolean {
  const pkg = parseEvr(version);
  const wanted = c.version;
  const star = wanted.indexOf('*');
  if (star >= 0) {
    const prefix = wanted.slice(0, star).replace(/[^0-9A-Za-z]+$/, '');
    const vr = pkg.release ? `${pkg.version}-${pkg.release}` : pkg.version;
    const truncated = truncateSegments(vr, segmentCount(prefix));
    return holds(c.op, Math.sign(rpmvercmp(truncated, prefix)));
  }
  const want = parseEvr(wanted);
  const v = rpmvercmp(pkg.version, want.version);
  const cmp = v !== 0 || want.release === '' ? v : rpmvercmp(pkg.release, want.release);
  return holds(c.op, Math.sign(cmp));
}

export function zypperEntryMatches(
  entry: ZypperEntry,
  name: string,
  arch: string,
  version: string,
): boolean {
  if (!zypperNameMatches(entry, name, arch)) return false;
  return entry.constraints.every((c) => constraintHolds(c, version));
}

/** Entries written the way AWS documents but the payload never matches (§3.3). */
export function looksLikeSusePatchOrRpmFile(entry: string): boolean {
  return /^(SUSE|openSUSE)-/i.test(entry) || /\.rpm$/i.test(entry);
}
