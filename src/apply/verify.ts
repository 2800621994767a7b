import path from 'node:path';

import type {InstalledNow, InstallRun} from '../managers/adapter.js';
import type {PlannedInstall} from '../core/install.js';
import {packageKey} from '../plan/fingerprint.js';
import type {PlanDecision} from '../plan/schema.js';
import type {EarlierAttempt} from './journal.js';
import type {PackageResult} from './results.js';

/**
 * Pure: what the plan asks for, what the package database said before and after the
 * installer ran → one result per decision. The installer's exit code is never the verdict:
 * apt can exit 0 after leaving a package unchanged (held, or a newer version pinned), and a
 * non-zero exit can come after most packages were unpacked. Only the installed version read
 * back decides; the installer's output only explains a failure.
 */

export interface VerifyInput {
  /** The plan's decisions, in the plan's order. */
  readonly decisions: readonly PlanDecision[];
  /** The node as collected before this run (after the staleness check). */
  readonly before: InstalledPackages;
  /** The package database read back after the install; `before` again when nothing was installed. */
  readonly after: InstalledPackages;
  /** What the installer said; null when nothing had to be installed. */
  readonly install: InstallRun | null;
  /** The earlier run of this plan that gave a package to the installer (the apply journal), if any. */
  readonly earlier?: (d: PlanDecision) => EarlierAttempt | null;
  /** The run was stopped by a signal: a package short of its target was interrupted, not failed. */
  readonly interrupted?: boolean;
}

/** Install decisions whose package is not at its target yet: exactly what goes to the installer. */
export function pendingInstalls(decisions: readonly PlanDecision[], before: InstalledPackages): PlannedInstall[] {
  const index = indexInstalled(before);
  const pending: PlannedInstall[] = [];
  for (const d of decisions) {
    if (d.action !== 'install' || d.targetVersion === null) continue;
    if (installedVersion(index, d) === d.targetVersion) continue;
    pending.push({name: d.name, arch: d.arch, version: d.targetVersion});
  }
  return pending;
}

export function verifyResults(input: VerifyInput): PackageResult[] {
  const before = indexInstalled(input.before);
  const after = indexInstalled(input.after);
  return input.decisions.map((d): PackageResult => {
    const base = {name: d.name, arch: d.arch, from: d.installedVersion};
    if (d.action === 'skip' || d.targetVersion === null) {
      return {...base, to: null, status: 'skipped', message: `not changed: the plan skips it (${d.reason.code}: ${oneLine(d.reason.detail)})`};
    }
    const target = d.targetVersion;
    const was = installedVersion(before, d);
    if (was === target) {
      const earlier = input.earlier?.(d) ?? null;
      const message = earlier
        ? `installed by an earlier run of this plan (run ${earlier.run}, ${earlier.at}); not passed to the installer again`
        : 'already at the planned version before this run; not passed to the installer';
      return {...base, to: target, status: 'already-installed', message};
    }
    const now = installedVersion(after, d);
    const unfinished = after.get(packageKey(d.name, d.arch))?.unfinished;
    if (input.interrupted && (now !== target || unfinished !== undefined)) {
      const state = now === null ? 'not installed' : unfinished !== undefined && now === target ? `${now} ${unfinished}` : `at ${now}`;
      // Untouched: the headline says the run was stopped; only a package left part-way needs words.
      const untouched = now === was && unfinished === undefined;
      return {...base, to: target, status: 'interrupted', message: untouched ? null : `${state}: the run was stopped before the installer finished it; applying the plan again finishes it`};
    }
    if (now === target && unfinished !== undefined) {
      // The files of the target are on disk, but the package manager did not finish (a failed
      // maintainer script): the version is not in effect, so the package missed its target.
      return {...base, to: target, status: 'failed', message: truncate(`${now} is ${unfinished} after the install, not configured; ${installerExplanation(d.name, input.install)}`)};
    }
    if (now === target) return {...base, to: target, status: 'installed', message: null};
    return {...base, to: target, status: 'failed', message: failureMessage(d.name, was, now, input.install)};
  });
}

/** Whether this run changed any planned package's installed version (the reboot policy's "installed something"). */
export function changedAnyPackage(decisions: readonly PlanDecision[], before: InstalledPackages, after: InstalledPackages): boolean {
  const b = indexInstalled(before);
  const a = indexInstalled(after);
  return decisions.some((d) => d.action === 'install' && installedVersion(b, d) !== installedVersion(a, d));
}

/**
 * What the package database says is installed: an inventory (its packages carry installed
 * versions), or apply's read-back, which lists installed packages only (adapter `readInstalled`).
 */
export interface InstalledPackages {
  readonly packages: readonly (Omit<InstalledNow, 'installedVersion'> & {readonly installedVersion: string | null})[];
}

type InstalledIndex = ReadonlyMap<string, InstalledPackages['packages'][number]>;

function indexInstalled(installed: InstalledPackages): InstalledIndex {
  return new Map(installed.packages.map((p) => [packageKey(p.name, p.arch), p]));
}

function installedVersion(index: InstalledIndex, d: {readonly name: string; readonly arch: string}): string | null {
  return index.get(packageKey(d.name, d.arch))?.installedVersion ?? null;
}

const MAX_MESSAGE = 400;

function failureMessage(name: string, was: string | null, now: string | null, run: InstallRun | null): string {
  const database =
    now === null
      ? 'not installed after the install'
      : now === was
        ? `still at ${now} after the install`
        : `at ${now} after the install, not the planned version`;
  return truncate(`${database}; ${installerExplanation(name, run)}`);
}

/**
 * The installer's own words about this package. When the installer printed an error line of its
 * own (on stderr: apt `E: …`, dnf `Error: …`; zypper's solver `Problem: …`, which zypper prints on
 * stdout), the explanation leads with it: those that name the package (apt: `E: Version
 * '3.0.17-1~deb12u2' for 'libssl3' was not found`), else the last one, followed by the last line
 * that names the package when that is another line (stderr's before stdout's; on dnf's stdout, its
 * transaction-table row). Without one: the line naming the package on a non-zero exit (stderr's
 * before stdout's: zypper's `No provider of 'tool-pp=9.9-1' found.`), else the last error-looking
 * line of any output, else just how the installer exited.
 */
function installerExplanation(name: string, run: InstallRun | null): string {
  if (run === null || run.commands.length === 0) return 'the installer did not run';
  // The package's own maintainer script failed: dpkg's (or rpm's) line about it says why.
  const script = run.scriptFailures?.find((f) => f.name === name);
  if (script !== undefined) return `its maintainer script failed: ${script.line}`;
  const failed = run.commands.filter((c) => c.result.exitCode !== 0);
  const last = failed[failed.length - 1] ?? run.commands[run.commands.length - 1];
  if (last === undefined) return 'the installer did not run';
  // A Windows installer's path has backslashes (C:\Windows\…\powershell.exe).
  const tool = /^[A-Za-z]:\\/.test(last.argv.file) ? path.win32.basename(last.argv.file) : path.basename(last.argv.file);
  const status = last.result.exitCode === 0 ? `${tool} exited 0, but the package database disagrees` : `${tool} exited ${last.result.exitCode}`;
  const stderr = run.commands.flatMap((c) => outputLines(c.result.stderr));
  const stdout = run.commands.flatMap((c) => outputLines(c.result.stdout));
  const lines = run.commands.flatMap((c) => [...outputLines(c.result.stderr), ...outputLines(c.result.stdout)]);
  const names = (l: string): boolean => namesPackage(l, name);
  const mentions = lines.filter(names);

  const own = [...stderr.filter((l) => /^(E:|Error:|Problem:)/.test(l)), ...stdout.filter((l) => /^Problem:/.test(l))];
  if (own.length > 0) {
    const ownNaming = own.filter(names).slice(-2);
    if (ownNaming.length > 0) return `${status}: ${ownNaming.join(' / ')}`;
    const lead = own[own.length - 1] as string;
    const naming = stderr.filter(names).at(-1) ?? stdout.filter(names).at(-1);
    return `${status}: ${naming === undefined ? lead : `${lead} / ${naming}`}`;
  }
  const errors = (list: string[]): string[] => list.filter((l) => /^(E:|error\b|Error:|fatal\b)/i.test(l));
  const chosen = errors(mentions).slice(-2);
  const naming = stderr.filter(names).at(-1) ?? mentions.at(-1);
  const picked = chosen.length > 0 ? chosen : naming !== undefined && last.result.exitCode !== 0 ? [naming] : errors(lines).slice(-1);
  return picked.length > 0 ? `${status}: ${picked.join(' / ')}` : status;
}

/**
 * One installer stream as cleaned, non-empty lines. A bare `Error:` header (dnf puts its solver
 * problem on the next line: `Error: ` then ` Problem: package app-pp-… requires …`) is joined
 * with the line after it, so the error line carries its text.
 */
function outputLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = oneLine(raw);
    if (line === '') continue;
    const prev = out[out.length - 1];
    if (prev !== undefined && /^(E:|Error:)$/.test(prev)) out[out.length - 1] = `${prev} ${line}`;
    else out.push(line);
  }
  return out;
}

/**
 * `curl` in `E: … for 'curl' was not found`, `curl:amd64` or `curl=8.1-1`, but not in `libcurl4`
 * or `curl-dev`; an rpm NEVRA names its package too (`app-pp-1.0-2.amzn2.noarch`,
 * `epoch-pp-1:2.0-1.el8.noarch`).
 */
function namesPackage(line: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const word = new RegExp(`(^|[^A-Za-z0-9.+_-])${escaped}($|[^A-Za-z0-9.+_-])`);
  const nevra = new RegExp(`(^|[^A-Za-z0-9.+_-])${escaped}-(\\d+:)?\\d[^\\s/'"-]*-[^\\s/'"-]+\\.[A-Za-z0-9_]+($|[^A-Za-z0-9+_-])`);
  return word.test(line) || nevra.test(line);
}

/** Installer output may carry control characters; results are printed one per line. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

function truncate(text: string): string {
  return text.length <= MAX_MESSAGE ? text : `${text.slice(0, MAX_MESSAGE - 1)}…`;
}
