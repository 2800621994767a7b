import {createHash} from 'node:crypto';

/**
 * Which `ROOT/var/cache/dnf/<repoid>-<hash>` directory is the live one. A repository whose URL
 * changed leaves its old directory behind (labs.md: `metadata_expire=-1` keeps it for ever), and
 * reading both would mix old advisories into the inventory. libdnf names the directory
 * `id + "-" + hex(first 8 bytes of sha256(url))`, url being the metalink, else the mirrorlist,
 * else the first baseurl, else the id (libdnf Repo::Impl::getHash) — checked in the lab:
 * sha256("file:///tmp/pp-rpmlab/repo-updates") starts 6dfaed8e77e5265e = amzn-updates-6dfaed8e77e5265e.
 */
export function dnfCacheHash(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 16);
}

export interface RepoUrls {
  readonly baseurl?: string;
  readonly mirrorlist?: string;
  readonly metalink?: string;
}

/**
 * `.repo` files (INI): section = repo id; `baseurl` may list several URLs separated by spaces,
 * commas or continuation lines. `vars` substitutes `$releasever`, `$basearch`, … (dnf's
 * variables; `${var}` too). Unknown variables stay as written, which then simply matches no
 * directory and the caller falls back to reading every directory of that id.
 */
export function parseRepoFile(text: string, vars: Readonly<Record<string, string>>): Map<string, RepoUrls> {
  const out = new Map<string, {baseurl?: string; mirrorlist?: string; metalink?: string}>();
  let current: {baseurl?: string; mirrorlist?: string; metalink?: string} | null = null;
  let lastKey: string | null = null;
  const substitute = (s: string): string => s.replace(/\$\{?([A-Za-z0-9_]+)\}?/g, (whole, name: string) => vars[name] ?? whole);
  for (const raw of text.split('\n')) {
    if (/^\s*[#;]/.test(raw) || raw.trim() === '') continue;
    const section = /^\s*\[([^\]]+)\]\s*$/.exec(raw);
    if (section) {
      current = {};
      out.set(section[1] ?? '', current);
      lastKey = null;
      continue;
    }
    if (current === null) continue;
    if (/^\s/.test(raw) && lastKey === 'baseurl') continue; // continuation: later URLs do not count
    const kv = /^\s*([A-Za-z_]+)\s*=\s*(.*)$/.exec(raw);
    if (!kv) continue;
    const key = (kv[1] ?? '').toLowerCase();
    const value = substitute((kv[2] ?? '').trim());
    lastKey = key;
    if (key === 'baseurl') {
      const first = value.split(/[\s,]+/).find((u) => u !== '');
      if (first !== undefined) current.baseurl = first;
    } else if (key === 'mirrorlist' && value !== '') current.mirrorlist = value;
    else if (key === 'metalink' && value !== '') current.metalink = value;
  }
  return out;
}

export function cacheDirName(id: string, urls: RepoUrls | undefined): string {
  const url = urls?.metalink ?? urls?.mirrorlist ?? urls?.baseurl ?? id;
  return `${id}-${dnfCacheHash(url)}`;
}
