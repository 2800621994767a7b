import {InputError} from '../../errors.js';

/**
 * `apt-cache policy NAME…`: apt's candidate per package, with pins applied. Real output
 * (fixtures/apt/debian-12/collect, apt 2.6.2; the mirror is pinned to 100, so the highest
 * version is not the candidate; a foreign-architecture package is headed `name:arch:`):
 *
 *     hello-pp:
 *       Installed: 1.0-1
 *       Candidate: 1.0-1+deb12u2
 *       Version table:
 *          1.0-1+deb12u3 100
 *             100 file:/tmp/pp-apt-capture/mirror bookworm-security/main amd64 Packages
 *          1.0-1+deb12u2 500
 *             500 file:/tmp/pp-apt-capture/repo bookworm-updates/main amd64 Packages
 *             500 file:/tmp/pp-apt-capture/repo bookworm-updates/main i386 Packages
 *          1.0-1+deb12u1 500
 *             500 file:/tmp/pp-apt-capture/repo bookworm-security/main amd64 Packages
 *             500 file:/tmp/pp-apt-capture/repo bookworm-security/main i386 Packages
 *             100 file:/tmp/pp-apt-capture/mirror bookworm-security/main amd64 Packages
 *      *** 1.0-1 500
 *             500 file:/tmp/pp-apt-capture/repo bookworm/main amd64 Packages
 *             500 file:/tmp/pp-apt-capture/repo bookworm/main i386 Packages
 *             100 /tmp/pp-apt-capture/root/var/lib/dpkg/status
 *     libfoo-pp:i386:
 *       Installed: 1.0-1
 *       Candidate: 1.1-1+deb12u1
 *     …
 *     python3-apt:
 *       Installed: (none)
 *       Candidate: 2.6.0+deb12u1
 *
 * On the Debian 12 host an installed version no list offers any more sits at 100 between
 * offered ones (`*** 3.0.19-1~deb12u2 100`).
 * Ubuntu adds a phasing note after the priority (`1.2-3ubuntu1 500 (phased 20%)`); older apt
 * prints a `Package pin:` line. Names apt does not know are skipped without a word, so the
 * result may hold fewer packages than were asked for. The output is translated: run with
 * LC_ALL=C (argv.ts does).
 */

export interface PolicyVersion {
  readonly version: string;
  readonly priority: number;
  readonly installed: boolean;
  /** The indented source lines: `500 http://… bookworm/main amd64 Packages`. */
  readonly sources: readonly {readonly priority: number; readonly source: string}[];
}

export interface PolicyEntry {
  readonly name: string;
  /** The architecture in a `name:arch:` header; null for the native architecture. */
  readonly arch: string | null;
  readonly installed: string | null;
  readonly candidate: string | null;
  readonly versions: readonly PolicyVersion[];
}

const HEADER = /^([a-z0-9][a-z0-9+.-]*)(?::([a-z0-9-]+))?:$/;
const FIELD = /^ {2}([A-Za-z][A-Za-z ]*): ?(.*)$/;
const VERSION_LINE = /^ (\*\*\*| {3}) (\S+) (-?\d+)(?: .*)?$/;
const SOURCE_LINE = /^ {7,}(-?\d+) (.+)$/;

function noneToNull(value: string): string | null {
  return value === '(none)' || value === '' ? null : value;
}

export function parseAptPolicy(stdout: string, source = 'apt-cache policy'): PolicyEntry[] {
  const entries: PolicyEntry[] = [];
  let current: {name: string; arch: string | null; installed: string | null; candidate: string | null; versions: PolicyVersion[]} | null =
    null;
  let version: {version: string; priority: number; installed: boolean; sources: {priority: number; source: string}[]} | null = null;
  const lines = stdout.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const header = HEADER.exec(line);
    if (header?.[1]) {
      current = {name: header[1], arch: header[2] ?? null, installed: null, candidate: null, versions: []};
      version = null;
      entries.push(current);
      return;
    }
    if (current === null) {
      throw new InputError(`${source}: line ${index + 1}`, `expected a "package:" header, got ${JSON.stringify(line)}`);
    }
    const versionLine = VERSION_LINE.exec(line);
    if (versionLine?.[2] && versionLine[3]) {
      version = {version: versionLine[2], priority: Number(versionLine[3]), installed: versionLine[1] === '***', sources: []};
      current.versions.push(version);
      return;
    }
    const sourceLine = SOURCE_LINE.exec(line);
    if (sourceLine?.[1] && sourceLine[2] && version !== null) {
      version.sources.push({priority: Number(sourceLine[1]), source: sourceLine[2]});
      return;
    }
    const field = FIELD.exec(line);
    if (field?.[1] !== undefined) {
      const key = field[1].trim();
      const value = (field[2] ?? '').trim();
      if (key === 'Installed') current.installed = noneToNull(value);
      else if (key === 'Candidate') current.candidate = noneToNull(value);
      // `Version table:` and `Package pin:` carry nothing the inventory needs.
      return;
    }
    throw new InputError(`${source}: line ${index + 1}`, `unexpected line ${JSON.stringify(line)}`);
  });
  return entries;
}

/** The lookup key apt-cache prints in a header: `name` (native or all) or `name:arch`. */
export function policyKey(name: string, arch: string | null): string {
  return arch === null ? name : `${name}:${arch}`;
}
