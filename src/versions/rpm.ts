/**
 * RPM version ordering: `rpmvercmp` (rpmio/rpmvercmp.c, rpm 4.15+ with tilde and caret) and
 * EVR comparison (`[epoch:]version-release`, epoch 0 when absent).
 */

export interface Evr {
  /** null when the string had no epoch (compared as 0). */
  readonly epoch: number | null;
  readonly version: string;
  readonly release: string;
}

/**
 * Parses `[epoch:]version[-release]` as rpm's parseEVR (rpmio/rpmver.c) does: only a run of
 * digits directly before the first `:` is an epoch (`:1.0` has epoch 0), so in `1.0:2-3` or
 * `a:1-1` the colon belongs to the version; the release is after the last `-`. The one
 * difference: `1.0-` (a `-` with an empty release) reads as no release, where rpm orders it
 * just above `1.0`; rpmbuild refuses an empty Release, so no package carries it.
 */
export function parseEvr(evr: string): Evr {
  let epoch: number | null = null;
  let rest = evr.trim();
  const e = /^(\d*):/.exec(rest);
  if (e) {
    epoch = e[1] ? Number.parseInt(e[1], 10) : 0;
    rest = rest.slice(e[0].length);
  }
  const dash = rest.lastIndexOf('-');
  if (dash >= 0) return {epoch, version: rest.slice(0, dash), release: rest.slice(dash + 1)};
  return {epoch, version: rest, release: ''};
}

/** `version-release`, or `epoch:version-release` when the epoch is non-zero. */
export function formatEvr(evr: Evr): string {
  const vr = evr.release ? `${evr.version}-${evr.release}` : evr.version;
  return evr.epoch ? `${evr.epoch}:${vr}` : vr;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isAlnum = (c: string | undefined): boolean => isDigit(c) || isAlpha(c);

/** rpmvercmp: 1 if a is newer, 0 if equal, -1 if b is newer. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    // Skip separators: anything that is not alphanumeric, tilde or caret.
    while (i < a.length && !isAlnum(a[i]) && a[i] !== '~' && a[i] !== '^') i++;
    while (j < b.length && !isAlnum(b[j]) && b[j] !== '~' && b[j] !== '^') j++;

    // Tilde sorts before everything, even the end of the string.
    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1;
      if (b[j] !== '~') return -1;
      i++;
      j++;
      continue;
    }
    // Caret sorts after the end of the string but before anything else.
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== '^') return 1;
      if (b[j] !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (!(i < a.length && j < b.length)) break;

    const numeric = isDigit(a[i]);
    const startA = i;
    const startB = j;
    if (numeric) {
      while (isDigit(a[i])) i++;
      while (isDigit(b[j])) j++;
    } else {
      while (isAlpha(a[i])) i++;
      while (isAlpha(b[j])) j++;
    }
    let segA = a.slice(startA, i);
    let segB = b.slice(startB, j);
    // A segment of one kind that meets nothing of that kind: numeric segments are newer.
    if (segB.length === 0) return numeric ? 1 : -1;
    if (numeric) {
      segA = segA.replace(/^0+/, '');
      segB = segB.replace(/^0+/, '');
      if (segA.length !== segB.length) return segA.length > segB.length ? 1 : -1;
    }
    if (segA !== segB) return segA < segB ? -1 : 1;
  }
  const restA = i < a.length;
  const restB = j < b.length;
  if (!restA && !restB) return 0;
  return restA ? 1 : -1;
}

/** Full EVR order: epoch first (absent = 0), then version, then release (rpmVersionCompare). */
export function compareEvr(a: string | Evr, b: string | Evr): number {
  const ea = typeof a === 'string' ? parseEvr(a) : a;
  const eb = typeof b === 'string' ? parseEvr(b) : b;
  const epA = ea.epoch ?? 0;
  const epB = eb.epoch ?? 0;
  if (epA !== epB) return epA > epB ? 1 : -1;
  const v = rpmvercmp(ea.version, eb.version);
  if (v !== 0) return v;
  return rpmvercmp(ea.release, eb.release);
}
