/**
 * Seeded generators of version pairs for the differential tests (against the real dpkg and
 * rpm) and the order-property unit tests. Random independent strings almost always differ
 * in their first character, which tests nothing, so most pairs are one version and a small
 * mutation of it: a digit run moved by one or padded with zeros, a `~`/`^`/`+` suffix added,
 * an epoch or revision added or dropped, a letter swapped for a digit.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: tiny, fast, and the same sequence on every platform for a given seed. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(0, items.length - 1)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  return {next, int, pick, chance: (p) => next() < p};
}

export interface VersionPair {
  readonly a: string;
  readonly b: string;
}

type TokenKind = 'num' | 'alpha' | 'sep';

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
}

/** Words that occur in real versions, plus single letters around the case boundary. */
const WORDS = ['a', 'b', 'z', 'A', 'Z', 'p', 'rc', 'pre', 'git', 'dfsg', 'nmu', 'ubuntu', 'deb', 'el', 'fc', 'GA', 'svn', 'bpo', 'amzn'];

function digitRun(rng: Rng): string {
  const r = rng.next();
  if (r < 0.45) return String(rng.int(0, 12));
  if (r < 0.6) return '0'.repeat(rng.int(1, 3)) + String(rng.int(0, 99));
  if (r < 0.8) return String(rng.int(0, 99999));
  // Long runs: past 2^53, so a Number-based comparison would round; some with leading zeros.
  let s = rng.chance(0.2) ? '0'.repeat(rng.int(1, 4)) : String(rng.int(1, 9));
  const n = rng.int(14, 30);
  for (let k = 0; k < n; k++) s += String(rng.int(0, 9));
  return s;
}

function alphaRun(rng: Rng): string {
  if (rng.chance(0.7)) return rng.pick(WORDS);
  let s = '';
  const n = rng.int(1, 3);
  for (let k = 0; k < n; k++) s += rng.pick(['a', 'b', 'x', 'y', 'A', 'B', 'Y', 'z', 'Z']);
  return s;
}

function word(rng: Rng, kind: 'num' | 'alpha'): Token {
  return {kind, text: kind === 'num' ? digitRun(rng) : alphaRun(rng)};
}

/** A run of tokens: words with separators (or none) between them, maybe a trailing separator. */
function tokens(rng: Rng, seps: readonly string[], firstKind: 'num' | 'alpha', maxWords: number): Token[] {
  const out: Token[] = [word(rng, firstKind)];
  const words = rng.int(0, maxWords);
  for (let k = 0; k < words; k++) {
    const last = out[out.length - 1];
    if (rng.chance(0.25) && last?.kind !== 'sep') {
      // Adjacent runs of the other kind (`5p1`, `1a`, `0ubuntu3`): the alpha/digit boundary.
      out.push(word(rng, last?.kind === 'num' ? 'alpha' : 'num'));
    } else {
      out.push({kind: 'sep', text: rng.pick(seps)});
      if (rng.chance(0.1)) out.push({kind: 'sep', text: rng.pick(seps)});
      out.push(word(rng, rng.chance(0.7) ? 'num' : 'alpha'));
    }
  }
  if (rng.chance(0.1)) out.push({kind: 'sep', text: rng.pick(seps)});
  return out;
}

const render = (ts: readonly Token[]): string => ts.map((t) => t.text).join('');

/** Rewrites one token of a copy: the small edits that decide comparisons deep in a string. */
function mutateTokens(rng: Rng, ts: readonly Token[], seps: readonly string[], keepFirstNumeric: boolean): Token[] {
  const out = [...ts];
  const i = rng.int(0, out.length - 1);
  const t = out[i];
  if (t === undefined) return out;
  const r = rng.next();
  if (r < 0.15) {
    out.push({kind: 'sep', text: rng.pick(['~', '~', '^', '+', '.'].filter((s) => seps.includes(s)))});
    if (rng.chance(0.6)) out.push(word(rng, rng.chance(0.5) ? 'num' : 'alpha'));
  } else if (r < 0.25 && out.length > 1) {
    out.pop();
  } else if (t.kind === 'num') {
    const d = rng.next();
    if (d < 0.35) out[i] = {kind: 'num', text: `0${t.text}`};
    else if (d < 0.55) out[i] = {kind: 'num', text: t.text.replace(/^0+(?=\d)/, '')};
    else if (d < 0.85) out[i] = {kind: 'num', text: bumpDigits(t.text, rng.chance(0.5) ? 1 : -1)};
    else if (!(keepFirstNumeric && i === 0)) out[i] = word(rng, 'alpha');
    else out[i] = word(rng, 'num');
  } else if (t.kind === 'alpha') {
    const d = rng.next();
    if (d < 0.3) out[i] = {kind: 'alpha', text: t.text.toUpperCase() === t.text ? t.text.toLowerCase() : t.text.toUpperCase()};
    else if (d < 0.6) out[i] = {kind: 'alpha', text: t.text + rng.pick(['a', 'z', 'A'])};
    else if (d < 0.8) out[i] = word(rng, 'num');
    else out[i] = word(rng, 'alpha');
  } else {
    out[i] = {kind: 'sep', text: rng.pick(seps)};
  }
  return out;
}

/** Adds delta to a decimal string without Number rounding; never goes below zero. */
function bumpDigits(text: string, delta: 1 | -1): string {
  const n = BigInt(text) + BigInt(delta);
  const v = n < 0n ? 0n : n;
  const s = v.toString();
  // Keep the original width when it had leading zeros, so `009` becomes `010`, not `10`.
  return s.length < text.length ? s.padStart(text.length, '0') : s;
}

// ---------------------------------------------------------------- dpkg

interface DpkgParts {
  readonly epoch: string | null;
  readonly upstream: readonly Token[];
  readonly revision: readonly Token[] | null;
}

const DPKG_SEPS = ['.', '.', '.', '+', '~'];

function renderDpkg(p: DpkgParts): string {
  const e = p.epoch === null ? '' : `${p.epoch}:`;
  const r = p.revision === null ? '' : `-${render(p.revision)}`;
  return `${e}${render(p.upstream)}${r}`;
}

/**
 * dpkg's parseversion rules (lib/dpkg/parsehelp.c), which are stricter than Debian policy in
 * one respect we must honour: `dpkg --compare-versions` exits 2 on anything it refuses. Epoch
 * digits; upstream non-empty, starting with a digit, [A-Za-z0-9.+~] plus `-` only with a
 * revision and `:` only with an epoch; revision non-empty [A-Za-z0-9.+~].
 */
export function isValidDpkgVersion(v: string): boolean {
  const colon = v.indexOf(':');
  const epoch = colon >= 0 ? v.slice(0, colon) : null;
  const rest = colon >= 0 ? v.slice(colon + 1) : v;
  if (epoch !== null && !/^\d+$/.test(epoch)) return false;
  if (epoch !== null && Number(epoch) > 2147483647) return false;
  const dash = rest.lastIndexOf('-');
  const upstream = dash >= 0 ? rest.slice(0, dash) : rest;
  const revision = dash >= 0 ? rest.slice(dash + 1) : null;
  if (!/^\d/.test(upstream)) return false;
  const upstreamChars = `A-Za-z0-9.+~${revision !== null ? '\\-' : ''}${epoch !== null ? ':' : ''}`;
  if (!new RegExp(`^[${upstreamChars}]+$`).test(upstream)) return false;
  if (revision !== null && !/^[A-Za-z0-9.+~]+$/.test(revision)) return false;
  return true;
}

function dpkgParts(rng: Rng): DpkgParts {
  const epoch = rng.chance(0.3) ? rng.pick(['0', '1', '1', '2', '3', '10', '00', '01']) : null;
  const revision = rng.chance(0.65) ? tokens(rng, DPKG_SEPS, rng.chance(0.8) ? 'num' : 'alpha', 3) : null;
  // `-` inside upstream (allowed when there is a revision) and `:` (allowed with an epoch).
  const seps = [...DPKG_SEPS, ...(revision ? ['-'] : []), ...(epoch !== null ? [':'] : [])];
  return {epoch, upstream: tokens(rng, seps, 'num', 5), revision};
}

function mutateDpkg(rng: Rng, p: DpkgParts): DpkgParts {
  const r = rng.next();
  if (r < 0.12) {
    // `1.0` = `0:1.0` = `00:1.0`; `1:` outranks everything without one.
    const epoch = p.epoch === null ? rng.pick(['0', '00', '1']) : rng.chance(0.5) ? null : rng.pick(['0', '1', '2']);
    // Dropping the epoch would leave a `:` inside upstream, which dpkg refuses: keep it then.
    return p.upstream.some((t) => t.text === ':') ? p : {...p, epoch};
  }
  if (r < 0.24) {
    // Revision added or dropped: `1.0` = `1.0-0` for dpkg (an absent revision is empty).
    if (p.revision === null) return {...p, revision: rng.chance(0.5) ? [{kind: 'num', text: '0'}] : tokens(rng, DPKG_SEPS, 'num', 2)};
    return p.upstream.some((t) => t.text === '-') ? p : {...p, revision: null};
  }
  const seps = [...DPKG_SEPS, ...(p.revision ? ['-'] : []), ...(p.epoch !== null ? [':'] : [])];
  if (p.revision !== null && r < 0.55) return {...p, revision: mutateTokens(rng, p.revision, DPKG_SEPS, false)};
  return {...p, upstream: mutateTokens(rng, p.upstream, seps, true)};
}

/** Pairs of versions dpkg accepts; about 10% equal strings, 65% near-equal, 25% unrelated. */
export function generateDpkgPairs(seed: number, count: number): VersionPair[] {
  const rng = createRng(seed);
  const out: VersionPair[] = [];
  while (out.length < count) {
    const pa = dpkgParts(rng);
    let pb: DpkgParts;
    const r = rng.next();
    if (r < 0.1) pb = pa;
    else if (r < 0.75) {
      pb = mutateDpkg(rng, pa);
      if (rng.chance(0.3)) pb = mutateDpkg(rng, pb);
    } else pb = dpkgParts(rng);
    const a = renderDpkg(pa);
    const b = renderDpkg(pb);
    if (isValidDpkgVersion(a) && isValidDpkgVersion(b)) out.push(rng.chance(0.5) ? {a, b} : {a: b, b: a});
  }
  return out;
}

// ---------------------------------------------------------------- rpm

/**
 * rpmvercmp separators: rpm treats every non-alphanumeric byte other than `~` and `^` as a
 * separator, so the raw-string generator also uses characters no package would (`%`, `{`, a
 * non-ASCII letter) to exercise that rule. Not `-` or `:`: the only raw-string oracle, lua's
 * `rpm.vercmp`, parses its arguments as `[epoch:]version[-release]` (rpm >= 4.16), so those
 * two would turn a rpmvercmp test into an EVR test, which generateRpmEvrPairs already is.
 */
const RPM_RAW_SEPS = ['.', '.', '.', '_', '+', '~', '~', '^', '^', '%', '{', '}', 'é'];
/** Characters rpmbuild allows in Version and Release besides alphanumerics, minus macros. */
const RPM_EVR_SEPS = ['.', '.', '.', '_', '+', '~', '^'];

/** Raw rpmvercmp pairs; never empty, because rpm's lua `rpm.vercmp` refuses an empty string. */
export function generateRpmVercmpPairs(seed: number, count: number): VersionPair[] {
  const rng = createRng(seed);
  const out: VersionPair[] = [];
  const one = (): Token[] => {
    const ts = tokens(rng, RPM_RAW_SEPS, rng.chance(0.85) ? 'num' : 'alpha', 5);
    // Leading separators, `~1` and `^1` included: rpm skips or orders them before the first segment.
    return rng.chance(0.1) ? [{kind: 'sep', text: rng.pick(RPM_RAW_SEPS)}, ...ts] : ts;
  };
  while (out.length < count) {
    const ta = one();
    const r = rng.next();
    let tb: Token[];
    if (r < 0.1) tb = ta;
    else if (r < 0.8) {
      tb = mutateTokens(rng, ta, RPM_RAW_SEPS, false);
      if (rng.chance(0.3)) tb = mutateTokens(rng, tb, RPM_RAW_SEPS, false);
    } else tb = one();
    const a = render(ta);
    const b = render(tb);
    if (a !== '' && b !== '') out.push({a, b});
  }
  return out;
}

interface EvrParts {
  readonly epoch: string | null;
  readonly version: readonly Token[];
  readonly release: readonly Token[] | null;
}

function renderEvr(p: EvrParts): string {
  const e = p.epoch === null ? '' : `${p.epoch}:`;
  const r = p.release === null ? '' : `-${render(p.release)}`;
  return `${e}${render(p.version)}${r}`;
}

/**
 * With `:` as well, which no package version holds but which decides where rpm's parser ends
 * the epoch: only a run of digits directly before the first `:` is one (`1.0:2` has none).
 */
const RPM_EVR_ODD_SEPS = [...RPM_EVR_SEPS, ':'];

function evrParts(rng: Rng): EvrParts {
  return {
    epoch: rng.chance(0.35) ? rng.pick(['0', '0', '1', '2', '10', '01', '00']) : null,
    version: tokens(rng, rng.chance(0.1) ? RPM_EVR_ODD_SEPS : RPM_EVR_SEPS, rng.chance(0.9) ? 'num' : 'alpha', 4),
    // No trailing `-` with an empty release: rpmbuild requires a Release, and rpm orders
    // `1.0-` (empty release) above `1.0` (none), a distinction no package can carry.
    release: rng.chance(0.85) ? tokens(rng, RPM_EVR_SEPS, rng.chance(0.8) ? 'num' : 'alpha', 4) : null,
  };
}

function mutateEvr(rng: Rng, p: EvrParts): EvrParts {
  const r = rng.next();
  if (r < 0.15) return {...p, epoch: p.epoch === null ? rng.pick(['0', '1', '00']) : rng.chance(0.5) ? null : rng.pick(['0', '1', '2'])};
  if (r < 0.5 && p.release !== null) return {...p, release: mutateTokens(rng, p.release, RPM_EVR_SEPS, false)};
  return {...p, version: mutateTokens(rng, p.version, RPM_EVR_SEPS, false)};
}

/** `[epoch:]version[-release]` pairs for full EVR order (rpm's `rpm.ver` comparison). */
export function generateRpmEvrPairs(seed: number, count: number): VersionPair[] {
  const rng = createRng(seed);
  const out: VersionPair[] = [];
  while (out.length < count) {
    const pa = evrParts(rng);
    const r = rng.next();
    let pb: EvrParts;
    if (r < 0.1) pb = pa;
    else if (r < 0.8) {
      pb = mutateEvr(rng, pa);
      if (rng.chance(0.3)) pb = mutateEvr(rng, pb);
    } else pb = evrParts(rng);
    out.push({a: renderEvr(pa), b: renderEvr(pb)});
  }
  return out;
}
