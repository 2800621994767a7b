import path from 'node:path';

import type {AdapterContext} from '../adapter.js';
import {parseUpdateinfo, type UpdateNotice} from '../rpm-common/index.js';
import {decompressArgv, type DnfTarget} from './argv.js';
import type {RepoNotice} from './build-inventory.js';
import {query, type DnfTools} from './commands.js';
import {cacheDirName, parseRepoFile, type RepoUrls} from './repo-cache.js';
import {parseUpdateinfoList} from './parse-yum-list.js';

/**
 * Advisories come from the updateinfo.xml files dnf/yum cached for the enabled repositories
 * (why not `dnf updateinfo`: collect.ts), or, for yum 3 without any, from its table.
 */

const UPDATEINFO_FILE = /-updateinfo\.xml(\.gz|\.xz|\.bz2|\.zst)?$/;
/** dnf names a repo's cache directory `<repoid>-<16 hex digits>`. */
const DNF_CACHE_DIR = /^(.+)-[0-9a-f]{16}$/;

export interface UpdateinfoFile {
  readonly file: string;
  readonly repository: string;
}

/** `cachedir=` of the root's dnf.conf [main] (relative to the root), default /var/cache/dnf. */
export function dnfCacheDir(dnfConf: string | null): string {
  if (dnfConf === null) return '/var/cache/dnf';
  let inMain = false;
  for (const raw of dnfConf.split('\n')) {
    const line = raw.trim();
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      inMain = section[1] === 'main';
      continue;
    }
    const m = /^cachedir\s*=\s*(\S.*)$/.exec(line);
    if (inMain && m) return m[1]?.trim() ?? '/var/cache/dnf';
  }
  return '/var/cache/dnf';
}

/** Every cached updateinfo file of the enabled repositories, with the repository id its directory names. */
export async function findUpdateinfoFiles(ctx: AdapterContext, target: DnfTarget, repoIds: ReadonlySet<string>, basearch: string): Promise<UpdateinfoFile[]> {
  return [...(await dnfCacheFiles(ctx, target, repoIds, basearch)), ...(await yumCacheFiles(ctx, target, repoIds))];
}

async function dnfCacheFiles(ctx: AdapterContext, target: DnfTarget, repoIds: ReadonlySet<string>, basearch: string): Promise<UpdateinfoFile[]> {
  const found: UpdateinfoFile[] = [];
  const dnfConf = await ctx.files.readText(path.join(target.root, 'etc/dnf/dnf.conf'));
  const dnfCache = path.join(target.root, dnfCacheDir(dnfConf));
  const byRepo = new Map<string, string[]>();
  for (const dir of (await ctx.files.list(dnfCache)).sort()) {
    const repository = DNF_CACHE_DIR.exec(dir)?.[1];
    if (repository === undefined || !repoIds.has(repository)) continue;
    byRepo.set(repository, [...(byRepo.get(repository) ?? []), dir]);
  }
  const urls = [...byRepo.values()].some((dirs) => dirs.length > 1) ? await readRepoUrls(ctx, target, basearch) : new Map<string, RepoUrls>();
  for (const [repository, dirs] of byRepo) {
    // Several directories: an old URL's cache is still there; only the live one counts.
    const live = cacheDirName(repository, urls.get(repository));
    const chosen = dirs.length > 1 && dirs.includes(live) ? [live] : dirs;
    if (dirs.length > 1) ctx.log.debug(`${repository}: cache directories ${dirs.join(', ')}; reading ${chosen.join(', ')}`);
    for (const dir of chosen) {
      for (const file of (await ctx.files.list(path.join(dnfCache, dir, 'repodata'))).sort()) {
        if (UPDATEINFO_FILE.test(file)) found.push({file: path.join(dnfCache, dir, 'repodata', file), repository});
      }
    }
  }
  return found;
}

/** yum 3: /var/cache/yum/<basearch>/<releasever>/<repoid>/<checksum>-updateinfo.xml.gz */
async function yumCacheFiles(ctx: AdapterContext, target: DnfTarget, repoIds: ReadonlySet<string>): Promise<UpdateinfoFile[]> {
  const found: UpdateinfoFile[] = [];
  const yumCache = path.join(target.root, 'var/cache/yum');
  for (const arch of (await ctx.files.list(yumCache)).sort()) {
    for (const release of (await ctx.files.list(path.join(yumCache, arch))).sort()) {
      for (const repository of (await ctx.files.list(path.join(yumCache, arch, release))).sort()) {
        if (!repoIds.has(repository)) continue;
        const dir = path.join(yumCache, arch, release, repository);
        const files = (await ctx.files.list(dir)).filter((f) => UPDATEINFO_FILE.test(f)).sort();
        // yum 3 keeps the .gz and may keep an unpacked copy beside it: one is enough.
        const chosen = files.find((f) => f.endsWith('.xml')) ?? files[0];
        if (chosen !== undefined) found.push({file: path.join(dir, chosen), repository});
      }
    }
  }
  return found;
}

/** Repo id → URLs from the root's repo files, with $releasever/$basearch and ROOT/etc/dnf/vars substituted. */
async function readRepoUrls(ctx: AdapterContext, target: DnfTarget, basearch: string): Promise<Map<string, RepoUrls>> {
  const vars: Record<string, string> = {basearch, arch: basearch};
  if (target.releasever !== null) vars.releasever = target.releasever;
  const varsDir = path.join(target.root, 'etc/dnf/vars');
  for (const name of await ctx.files.list(varsDir)) {
    const value = (await ctx.files.readText(path.join(varsDir, name)))?.trim();
    if (value !== undefined) vars[name] = value;
  }
  const reposDir = path.join(target.root, 'etc/yum.repos.d');
  const out = new Map<string, RepoUrls>();
  for (const name of (await ctx.files.list(reposDir)).filter((f) => f.endsWith('.repo')).sort()) {
    for (const [id, urls] of parseRepoFile((await ctx.files.readText(path.join(reposDir, name))) ?? '', vars)) out.set(id, urls);
  }
  return out;
}

export async function readNotices(tools: DnfTools, ctx: AdapterContext, files: readonly UpdateinfoFile[]): Promise<RepoNotice[]> {
  const out: RepoNotice[] = [];
  for (const {file, repository} of files) {
    const unpack = decompressArgv(file);
    const xml = unpack === null ? await ctx.files.readText(file) : await query(tools, ctx, unpack);
    if (xml === null) continue;
    for (const notice of parseUpdateinfo(xml, file)) out.push({notice, repository});
  }
  return out;
}

/** yum without a cached updateinfo.xml: the table, grouped back into notices (no dates). */
export function noticesFromList(stdout: string): RepoNotice[] {
  const byId = new Map<string, UpdateNotice & {packages: UpdateNotice['packages']}>();
  for (const row of parseUpdateinfoList(stdout)) {
    let notice = byId.get(row.id);
    if (notice === undefined) {
      notice = {id: row.id, type: row.type, ...(row.severity !== undefined ? {severity: row.severity} : {}), cves: [], bugzillas: [], selfReferences: [], rebootSuggested: false, packages: []};
      byId.set(row.id, notice);
    }
    notice.packages.push({name: row.name, epoch: '', version: '', release: '', arch: row.arch, evr: row.evr, rebootSuggested: false});
  }
  return [...byId.values()].map((notice) => ({notice, repository: ''}));
}
