/**
 * Debian version ordering, as dpkg implements it (lib/dpkg/version.c `dpkg_version_compare`,
 * `verrevcmp`): `[epoch:]upstream_version[-debian_revision]`. Epochs compare numerically; the
 * upstream version and revision alternate non-digit runs (compared by the dpkg character order:
 * `~` sorts before everything including the end of the string, letters before non-letters)
 * and digit runs (compared numerically).
 */

export interface DpkgVersion {
  readonly epoch: number;
  readonly upstream: string;
  readonly revision: string;
}

/** Splits a version; tolerant like dpkg's parser for comparison purposes (missing epoch = 0). */
export function parseDpkgVersion(version: string): DpkgVersion {
  const v = version.trim();
  let epoch = 0;
  let rest = v;
  const colon = v.indexOf(':');
  if (colon >= 0) {
    const e = v.slice(0, colon);
    epoch = /^\d+$/.test(e) ? Number.parseInt(e, 10) : 0;
    rest = v.slice(colon + 1);
  }
  const dash = rest.lastIndexOf('-');
  if (dash >= 0) return {epoch, upstream: rest.slice(0, dash), revision: rest.slice(dash + 1)};
  return {epoch, upstream: rest, revision: ''};
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isAlpha(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/** dpkg's `order()`: weight of one character in a non-digit run; undefined = end of run. */
function order(c: string | undefined): number {
  if (c === undefined || isDigit(c)) return 0;
  if (isAlpha(c)) return c.charCodeAt(0);
  if (c === '~') return -1;
  return c.charCodeAt(0) + 256;
}

/** dpkg `verrevcmp`: compares one upstream version or one revision. */
export function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const ac = order(a[i]);
      const bc = order(b[j]);
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    while (a[i] === '0') i++;
    while (b[j] === '0') j++;
    while (isDigit(a[i]) && isDigit(b[j])) {
      if (firstDiff === 0) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (isDigit(a[i])) return 1;
    if (isDigit(b[j])) return -1;
    if (firstDiff !== 0) return firstDiff;
  }
  return 0;
}

/** Returns <0, 0, >0 as `dpkg --compare-versions a lt|eq|gt b` would decide. */
export function compareDpkgVersions(a: string, b: string): number {
  const va = parseDpkgVersion(a);
  const vb = parseDpkgVersion(b);
  if (va.epoch !== vb.epoch) return va.epoch > vb.epoch ? 1 : -1;
  const up = verrevcmp(va.upstream, vb.upstream);
  if (up !== 0) return Math.sign(up);
  return Math.sign(verrevcmp(va.revision, vb.revision));
}
