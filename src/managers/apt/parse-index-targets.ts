import {InputError} from '../../errors.js';
import {parseParagraphs} from './deb822.js';

/**
 * `apt-get indextargets 'Created-By: Packages'`: apt's own list of the Packages indexes its
 * sources configure, each with the local file and the fields of the Release file it came with.
 * Real output (fixtures/apt/debian-12-host, apt 2.6.2; one record of three, the fields not
 * read here left out):
 *
 *     Description: http://deb.debian.org/debian bookworm/main amd64 Packages
 *     Filename: /var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4
 *     Codename: bookworm
 *     Label: Debian
 *     Origin: Debian
 *     Suite: oldstable
 *     Trusted: yes
 *     Architecture: amd64
 *     Component: main
 *     Created-By: Packages
 *     Site: http://deb.debian.org/debian
 *
 * Why apt's answer instead of parsing sources.list, sources.list.d/*.sources and the Release
 * files ourselves and re-deriving apt's URI-mangled list names:
 * - `Trusted:` is `debReleaseIndex::IsTrusted()`, the very value python-apt's `Origin.trusted`
 *   returns to AWS's `is_security_version` (spec §4.4): `trusted=yes`/`Trusted: yes` in the
 *   sources entry, `trusted=no`, or else a verified `InRelease`/`Release.gpg` in the lists dir.
 *   A re-implementation would have to track every source option, `Enabled: no`, arch
 *   restrictions, `Dir::Etc::*` overrides and `Acquire::*` settings to agree with it.
 * - `Filename:` is the list apt really reads, compressed or not (`Acquire::GzipIndexes`
 *   keeps Debian container images' lists as `.lz4`).
 * - Suite/Codename/Label/Origin come from the Release file apt verified, whichever of
 *   InRelease and Release it kept, with the PGP armour already handled.
 * The fields are absent while a list has never been fetched (`apt-get update`).
 */

export interface IndexTarget {
  /** Absolute path of the list apt reads (may end in .lz4, .gz, .xz, .zst, …). */
  readonly filename: string;
  /** Release `Suite:`, e.g. `stable-security` (python-apt `Origin.archive`). */
  readonly archive: string;
  readonly codename: string;
  readonly label: string;
  readonly origin: string;
  /** Host of the repository URI, empty for file:, copy: and cdrom: repositories. */
  readonly site: string;
  readonly component: string;
  /** The list's architecture (`amd64`, `i386`); `Architecture: all` packages appear in each. */
  readonly architecture: string;
  readonly trusted: boolean;
  /** apt's one-line name of the index, for messages. */
  readonly description: string;
}

/**
 * The host part of a repository URI, as apt records a package file's site (python-apt showed
 * `deb.debian.org` for `http://deb.debian.org/debian`, `localhost` for
 * `http://localhost:8080/debian`, and an empty site for `file:/srv/repo`).
 */
export function siteOf(uri: string): string {
  const match = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^/@]*@)?(\[[^\]]*\]|[^/:]*)/.exec(uri);
  return match?.[1] ?? '';
}

export function parseIndexTargets(stdout: string, source = 'apt-get indextargets'): IndexTarget[] {
  return parseParagraphs(stdout).map((p, index) => {
    const filename = p.get('filename');
    if (filename === undefined || filename === '') {
      throw new InputError(`${source}: record ${index + 1}`, 'has no Filename field');
    }
    return {
      filename,
      archive: p.get('suite') ?? '',
      codename: p.get('codename') ?? '',
      label: p.get('label') ?? '',
      origin: p.get('origin') ?? '',
      site: siteOf(p.get('site') ?? ''),
      component: p.get('component') ?? '',
      architecture: p.get('architecture') ?? '',
      trusted: p.get('trusted') === 'yes',
      description: p.get('description') ?? filename,
    };
  });
}
