import {formatRpmVersion} from '../rpm-common/index.js';

/**
 * The yum dialect's human tables, for what yum 3 has no machine format for. patchplan prefers
 * rpm --qf, repoquery --qf and updateinfo.xml; these parsers serve the yum dialect only.
 */

export interface ListedVersion {
  readonly name: string;
  readonly arch: string;
  readonly evr: string;
  readonly repository: string;
}

const SECTION = /^(Available Packages|Installed Packages|Updated Packages|Obsoleting Packages|Upgraded Packages|Last metadata expiration check|Loaded plugins|Security:|Loading mirror speeds|updateinfo list done|\s*\*)/;
/** `[epoch:]version-release` as yum prints it. */
const EVR = /^(?:(\d+):)?([^\s:-][^\s-]*)-([^\s-]+)$/;

/** `name.arch` → [name, arch]; the arch is after the last dot. */
function splitNameArch(token: string): [string, string] | null {
  const dot = token.lastIndexOf('.');
  if (dot <= 0 || dot === token.length - 1) return null;
  return [token.slice(0, dot), token.slice(dot + 1)];
}

/**
 * `yum list available --showduplicates` and `yum check-update` (stdout; check-update exits 100
 * when updates exist). Three columns, `name.arch  [epoch:]version-release  repoid`. yum 3 wraps a
 * row whose name.arch fills the first column: the rest follows on the next line, indented
 * (fixtures/yum/amazon-linux-2/, written from yum 3's format). Obsoleting sections list
 * `    replaced.arch  version  @repo` lines under the obsoleter, indented: those are skipped
 * because they name installed packages, not offered versions.
 *
 *   Available Packages
 *   app-pp.noarch                      1.0-2.amzn2                      amzn-updates
 *   epoch-pp.noarch                    1:2.0-1.el8                      amzn-updates
 *   python3-botocore-with-a-long-name.noarch
 *                                      1.18.6-1.amzn2                   amzn2-core
 */
export function parseYumList(stdout: string): ListedVersion[] {
  const out: ListedVersion[] = [];
  let pending: string | null = null;
  for (const raw of stdout.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (line === '') {
      pending = null;
      continue;
    }
    if (SECTION.test(line)) {
      pending = null;
      continue;
    }
    let text = line;
    if (/^\s/.test(line)) {
      if (pending === null) continue;
      text = `${pending} ${line.trim()}`;
      pending = null;
    }
    const fields = text.trim().split(/\s+/);
    if (fields.length === 1) {
      // yum 3 wrapped this row; an indented `replaced.arch version @repo` row under an obsoleter
      // has three fields and is dropped below by its `@repo`.
      pending = fields[0] ?? null;
      continue;
    }
    if (fields.length !== 3) continue;
    const [nameArch = '', evrText = '', repo = ''] = fields;
    const nameArchPair = splitNameArch(nameArch);
    const evr = EVR.exec(evrText);
    if (nameArchPair === null || evr === null) continue;
    // `@repo` / `installed` mark the installed copy (list all / obsoleted rows), not an offer.
    if (repo.startsWith('@') || repo === 'installed') continue;
    out.push({name: nameArchPair[0], arch: nameArchPair[1], evr: formatRpmVersion(evr[1], evr[2] ?? '', evr[3] ?? ''), repository: repo});
  }
  return out;
}

export interface ListedNotice {
  readonly id: string;
  /** `security` for `…/Sec.` rows, else the printed type (`bugfix`, `enhancement`, `newpackage`). */
  readonly type: string;
  /** The severity printed before `/Sec.`; yum 3 prints it lower-case, dnf prints `Unknown` for unrecognised ones. */
  readonly severity?: string;
  readonly name: string;
  readonly arch: string;
  readonly evr: string;
}

/**
 * `yum updateinfo list all` (yum 3 on AL2, and dnf's yum-compatible CLI). Rows are
 * `ID  TYPE-OR-SEVERITY/Sec.  NEVRA`; dnf indents them by two spaces (or marks installed ones
 * `i`), yum 3 does not and ends with `updateinfo list done`. Real dnf 4.14 output (lab):
 *
 *     ALAS-2026-001 Critical/Sec.  app-pp-1.0-2.amzn2.noarch
 *     ALBA-2026-008 bugfix         epoch-pp-1:2.0-1.el8.noarch
 *
 * yum 3 (fixtures/yum/amazon-linux-2/updateinfo-list.stdout):
 *
 *   ALAS2-2018-942 important/Sec. kernel-4.9.76-38.79.amzn2.x86_64
 *
 * This table has no dates: the adapter uses it only when no cached updateinfo.xml exists.
 */
export function parseUpdateinfoList(stdout: string): ListedNotice[] {
  const out: ListedNotice[] = [];
  for (const raw of stdout.split('\n')) {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === 'i' && fields.length === 4) fields.shift();
    if (fields.length !== 3) continue;
    const [id = '', kind = '', nevra = ''] = fields;
    const m = /^(.+)-(?:(\d+):)?([^-:]+)-([^-]+)\.([^.]+)$/.exec(nevra);
    if (!m) continue;
    const [, name = '', epoch, version = '', release = '', arch = ''] = m;
    const sec = /^(.*)\/Sec\.$/.exec(kind);
    out.push({
      id,
      type: sec ? 'security' : kind,
      ...(sec && sec[1] !== undefined && sec[1] !== '' ? {severity: sec[1]} : {}),
      name,
      arch,
      evr: formatRpmVersion(epoch, version, release),
    });
  }
  return out;
}
