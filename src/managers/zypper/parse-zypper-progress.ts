import type {RpmProgressLine} from '../rpm-common/progress.js';

/**
 * zypper's progress on stdout during `zypper --non-interactive install` (zypper 1.14.42). With
 * stdout a pipe each step is one finished line: the package it fetches, then the install with
 * its `[...done]`. Real lines (fixtures/zypper/progress/upgrade-http, fixtures/zypper/lab/install-ok.stdout):
 *
 *   Retrieving package epoch-pp-1:2.0-150600.1.1.noarch (3/7),   6.0 KiB (   24   B unpacked)
 *   Retrieving: epoch-pp-2.0-150600.1.1.noarch.rpm [done]
 *   (3/7) Installing: epoch-pp-1:2.0-150600.1.1.noarch [......done]
 *
 * The second retrieving line repeats the first (as a file name, from a remote repository only)
 * and is ignored. zypper's own (i/n) counts every package of its transaction, so it is not the
 * plan's N of M; the tracker counts planned packages instead. An install line whose bracket
 * does not end in `done` is ignored: patchplan reads the installed versions back anyway.
 */

const RETRIEVING = /^Retrieving package (\S+) \(\d+\/\d+\),/;
const INSTALLED = /^\(\d+\/\d+\) Installing: (\S+) \[\.*done\]$/;

/** One stdout line of `zypper install`, or null when it names no package step. */
export function parseZypperProgressLine(line: string): RpmProgressLine | null {
  const text = line.trimEnd();
  const retrieving = RETRIEVING.exec(text);
  if (retrieving) return {phase: 'downloading', nevra: retrieving[1] ?? ''};
  const installed = INSTALLED.exec(text);
  if (installed) return {phase: 'installed', nevra: installed[1] ?? ''};
  return null;
}
