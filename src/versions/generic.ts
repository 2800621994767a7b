/**
 * Ordering for version strings without a package-manager scheme (macOS `softwareupdate`
 * versions, Homebrew versions such as `1.2.3_1`, Windows update revisions): runs of digits
 * compare numerically, other runs as strings, a longer version with an equal prefix is newer.
 */
export function compareGenericVersions(a: string, b: string): number {
  const ta = a.match(/\d+|[^\d.\-_]+/g) ?? [];
  const tb = b.match(/\d+|[^\d.\-_]+/g) ?? [];
  const n = Math.max(ta.length, tb.length);
  for (let k = 0; k < n; k++) {
    const x = ta[k];
    const y = tb[k];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) {
      const d = BigInt(x) - BigInt(y);
      if (d !== 0n) return d > 0n ? 1 : -1;
    } else if (xn !== yn) {
      return xn ? 1 : -1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}
