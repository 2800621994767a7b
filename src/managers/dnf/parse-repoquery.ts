import {ExternalCommandError} from '../../errors.js';
import {formatRpmVersion} from '../rpm-common/index.js';

/** One version a repository offers. */
export interface RepoVersion {
  readonly name: string;
  readonly arch: string;
  /** `[epoch:]version-release`, epoch omitted when 0. */
  readonly evr: string;
  readonly repository: string;
  /** ISO instant, when known. */
  readonly buildTime?: string;
  /** Capability strings (`libfoo-pp >= 1.1`, `/bin/sh`, `libc.so.6()(64bit)`). */
  readonly requires: readonly string[];
}

/** dnf's `%{buildtime}`: `YYYY-MM-DD HH:MM` in TZ (UTC, argv.ts) → ISO. */
function buildTimeIso(raw: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(raw.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '0'] = m;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))).toISOString();
}

/**
 * Parses repoqueryArgv's output. Real output (dnf 4.14, lab AL2023 root, `app-pp tool-pp`):
 *
 *   @@|app-pp|0|1.0|1.amzn2|noarch|amzn-core|2026-11-24 10:04
 *   libfoo-pp
 *   @@|app-pp|0|1.0|2.amzn2|noarch|amzn-updates|2026-11-24 10:04
 *   libfoo-pp >= 1.1
 *   @@|tool-pp|0|2.0|1.el8|noarch|amzn-core|2026-11-24 10:04
 *
 *   @@|tool-pp|0|2.1|1.el8|noarch|amzn-updates|2026-11-24 10:04
 *
 * A record with no requirements prints an empty line. Installed packages (`@System`) are left
 * out: the rpm database is the source for those.
 */
export function parseRepoquery(stdout: string, source = 'dnf repoquery'): RepoVersion[] {
  const out: {version: RepoVersion; requires: string[]}[] = [];
  for (const [index, line] of stdout.split('\n').entries()) {
    if (line.startsWith('@@|')) {
      const f = line.split('|');
      if (f.length !== 8) throw new ExternalCommandError(`${source}: line ${index + 1}`, `expected 8 |-separated fields, got ${JSON.stringify(line)}`);
      const [, name = '', epoch = '', version = '', release = '', arch = '', repository = '', built = ''] = f;
      const requires: string[] = [];
      const buildTime = buildTimeIso(built);
      out.push({
        version: {name, arch, evr: formatRpmVersion(epoch, version, release), repository, ...(buildTime ? {buildTime} : {}), requires},
        requires,
      });
      continue;
    }
    const capability = line.trim();
    if (capability === '') continue;
    const last = out[out.length - 1];
    if (last === undefined) throw new ExternalCommandError(`${source}: line ${index + 1}`, `text before the first record: ${JSON.stringify(line)}`);
    last.requires.push(capability);
  }
  return out.map((r) => r.version).filter((v) => v.repository !== '@System');
}
