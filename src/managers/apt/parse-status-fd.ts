import type {PackageObservation} from '../install-progress.js';
import type {PackagePhase} from '../../core/install.js';

/**
 * apt's machine-readable progress (`-o APT::Status-Fd=3`, read by the runner from fd 3). apt
 * writes it while it runs, one line per step; apt-get runs with LC_ALL=C (argv.ts), so the
 * descriptions are the untranslated ones. Real lines (fixtures/apt/progress/, apt 2.6.2):
 *
 *   dlstatus:2:16.3477:Retrieving file 2 of 6
 *   pmstatus:dpkg-exec:0.0000:Running dpkg
 *   pmstatus:libssl-pp:0.0000:Preparing libssl-pp (amd64)
 *   pmstatus:libssl-pp:4.0000:Unpacking libssl-pp (amd64)
 *   pmstatus:libssl-pp:8.0000:Installing libssl-pp (amd64)
 *   pmstatus:hello-pp:48.0000:Preparing to configure hello-pp (amd64)
 *   pmstatus:hello-pp:52.0000:Configuring hello-pp (amd64)
 *   pmstatus:hello-pp:56.0000:Installed hello-pp (amd64)
 *   pmstatus:libfoo-pp:22.2222:Unpacking libfoo-pp (i386)
 *   pmerror:broken-pp:60.0000:installed broken-pp package post-installation script subprocess returned error exit status 1
 *
 * The package field is the bare name even for a foreign architecture (`libfoo-pp`, not
 * `libfoo-pp:i386`); only the description's `(ARCH)` tells the copies apart, and an
 * `Architecture: all` package is shown under the native one (`(amd64)`). "Installing" is the
 * last step of unpacking, not the end: a package is finished at "Installed", after its
 * configuration, and that can come late (a package awaiting a trigger is reported Installed only
 * after the trigger ran). Downloads name files, not packages.
 */

export type StatusFdLine =
  | {readonly kind: 'download'; readonly file: number; readonly files: number; readonly percent: number}
  | {readonly kind: 'package'; readonly observation: PackageObservation};

const DLSTATUS = /^dlstatus:\d+:(\d+(?:\.\d+)?):Retrieving file (\d+) of (\d+)$/;
/** A package field may carry `:arch` (apt prints the bare name here, but the field allows it). */
const PMSTATUS = /^pm(status|error):([^:]+?)(?::([a-z][a-z0-9-]*))?:(\d+(?:\.\d+)?):(.*)$/;
const DESCRIPTION = /^(Preparing to configure|Preparing|Unpacking|Installing|Configuring|Installed) (\S+) \(([^)\s]+)\)$/;

/** apt's words for each step, longest first where one starts another. */
const PHASES: Readonly<Record<string, PackagePhase>> = {
  'Preparing to configure': 'configuring',
  Preparing: 'unpacking',
  Unpacking: 'unpacking',
  Installing: 'unpacking',
  Configuring: 'configuring',
  Installed: 'installed',
};

/** One status-fd line, or null for lines that say nothing about a package (`Running dpkg`, conffile prompts, removals). */
export function parseStatusFdLine(line: string): StatusFdLine | null {
  const text = line.trimEnd();
  const download = DLSTATUS.exec(text);
  if (download) {
    return {kind: 'download', percent: Number(download[1]), file: Number(download[2]), files: Number(download[3])};
  }
  const pm = PMSTATUS.exec(text);
  if (!pm) return null;
  const [, kind, name = '', fieldArch, , description = ''] = pm;
  if (name === 'dpkg-exec') return null;
  if (kind === 'error') return {kind: 'package', observation: {name, arch: fieldArch, phase: 'failed'}};
  const step = DESCRIPTION.exec(description);
  const phase = step ? PHASES[step[1] ?? ''] : undefined;
  if (!step || phase === undefined) return null;
  return {kind: 'package', observation: {name, arch: fieldArch ?? step[3], phase}};
}
