import type {PackagePhase} from '../../core/install.js';
import type {RpmProgressLine} from '../rpm-common/progress.js';

/**
 * dnf's progress on stdout during `dnf -y install` (dnf 4.14). stdout is a pipe, so dnf prints
 * no bars: a transaction line only once its element is complete (cli/output.py `_out_progress`
 * prints when ti_done == ti_total), a download line once its file is fetched. Names longer than
 * the 80-column layout leaves are cut (rpm-common/progress.ts resolves them). Real lines
 * (fixtures/dnf/progress/upgrade-http, fixtures/dnf/lab-al2023/install.stdout):
 *
 *   (3/6): epoch-pp-2.0-1.el8.noarch.rpm            898 kB/s | 6.0 kB     00:00
 *   (5/6): progress-display-long-package-name-for-t 1.8 MB/s | 6.4 kB     00:00
 *     Preparing        :                                                        1/1
 *     Upgrading        : libfoo-pp-1.1-1.amzn2.noarch                          1/11
 *     Running scriptlet: scriptlet-pp-1.0-2.el9.noarch                         3/11
 *     Upgrading        : progress-display-long-package-name-for-truncation-    4/11
 *     Installing       : kernel-4.14.1-1.amzn2.noarch                          6/11
 *     Cleanup          : app-pp-1.0-1.amzn2.noarch                             7/11
 *     Verifying        : epoch-pp-1:2.0-1.el8.noarch                           4/11
 *
 * dnf's own N/M counts transaction elements (an upgrade is two: the new version and the cleanup
 * of the old), so it is not the plan's N of M; the tracker counts planned packages instead.
 * Other dnf actions (Downgrading, Reinstalling, Erasing, Obsoleting) do not occur in an apply,
 * which refuses downgrades and reinstalls and removes nothing; their lines are ignored.
 */

const TRANSACTION = /^ {2}(Upgrading|Installing|Running scriptlet|Cleanup|Verifying)\s*: (\S+)\s+\d+\/\d+\s*$/;
const DOWNLOAD = /^\(\d+\/\d+\): (\S+) /;

const PHASES: Readonly<Record<string, PackagePhase>> = {
  Upgrading: 'installed',
  Installing: 'installed',
  'Running scriptlet': 'scriptlet',
  Cleanup: 'cleanup',
  Verifying: 'verifying',
};

/** One stdout line of `dnf install`, or null when it names no package step. */
export function parseDnfProgressLine(line: string): RpmProgressLine | null {
  const step = TRANSACTION.exec(line);
  if (step) {
    const phase = PHASES[step[1] ?? ''];
    return phase === undefined ? null : {phase, nevra: step[2] ?? ''};
  }
  const download = DOWNLOAD.exec(line);
  if (download) return {phase: 'downloading', nevra: (download[1] ?? '').replace(/\.rpm$/, '')};
  return null;
}
