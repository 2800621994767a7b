import type {ApplyResult, PackageResult, PackageStatus} from '../../apply/results.js';
import {createStyle, stripStyle, type Style} from '../style.js';
import {diffVersions, type VersionSegment} from '../version-diff.js';
import {describeReboot} from './reboot-text.js';

/**
 * The results table, rendered only from the object `--json` prints:
 *
 *     installed           libssl3  3.0.15-1~deb12u1 → 3.0.17-1~deb12u2
 *     failed              curl     7.88.1-10+deb12u12 → 7.88.1-10+deb12u14   still at …; apt-get exited 100: E: …
 *     skipped             tzdata   2024a-0+deb12u1                           not installed: the plan skips it (…)
 *
 * Planned installs come first (in plan order), then the skipped decisions, which are there so
 * the table accounts for every decision of the plan.
 */
export function renderHumanResult(result: ApplyResult, color: boolean): string {
  const style = createStyle(color);
  const installs = result.results.filter((r) => r.status !== 'skipped');
  const skips = result.results.filter((r) => r.status === 'skipped');
  const names = new Map<string, number>();
  for (const r of result.results) names.set(r.name, (names.get(r.name) ?? 0) + 1);
  // The architecture only when it tells rows apart (a multi-arch library), as the plan view does.
  const label = (r: PackageResult): string => ((names.get(r.name) ?? 0) > 1 && r.arch !== '' ? `${r.name} (${r.arch})` : r.name);
  const rows = [...installs, ...skips].map((r) => row(r, label(r), style));
  const out: string[] = [`Apply results (plan ${result.plan.replace(/^sha256:/, '').slice(0, 12)}):`, ''];
  if (rows.length === 0) out.push('  The plan has no decisions: nothing to install.');
  else out.push(...table(rows));
  out.push('', headline(result, style), describeReboot(result.reboot));
  return `${out.join('\n')}\n`;
}

/** Printed on stderr just before the reboot command runs. */
export function renderRebooting(argvText: string): string {
  return `Rebooting now (${argvText}).\n`;
}

type Row = readonly [status: string, name: string, versions: string, message: string];

function row(r: PackageResult, name: string, style: Style): Row {
  const versions = versionsCell(r.from, r.to, style);
  // "already-installed" says it all; its message is for the JSON reader.
  const message = r.status === 'already-installed' || r.message === null ? '' : r.message;
  return [STATUS_STYLE[r.status](style)(r.status), r.status === 'skipped' ? style.dim(name) : style.bold(name), versions, r.status === 'failed' ? message : style.dim(message)];
}

const STATUS_STYLE: Readonly<Record<PackageStatus, (style: Style) => (text: string) => string>> = {
  installed: (s) => s.green,
  'already-installed': (s) => s.cyan,
  failed: (s) => (text) => s.bold(s.red(text)),
  skipped: (s) => s.dim,
};

function headline(result: ApplyResult, style: Style): string {
  const count = (status: PackageStatus): number => result.results.filter((r) => r.status === status).length;
  const failed = count('failed');
  const counts = `${count('installed')} installed, ${count('already-installed')} already installed, ${failed} failed, ${count('skipped')} skipped.`;
  return failed > 0
    ? style.bold(style.red(`Apply finished with failures: ${counts}`)) + ' Rerunning apply with the same plan retries only what is not installed yet.'
    : style.bold(style.green(`Apply complete: ${counts}`));
}

/** `3.0.15-1~deb12u1 → 3.0.17-1~deb12u2` with the changed parts marked; a skip shows what stays. */
function versionsCell(from: string | null, to: string | null, style: Style): string {
  if (to === null) return from ?? 'not installed';
  if (from === null) return `+ ${to}`;
  const diff = diffVersions(from, to);
  return `${paint(diff.from, style.red)} → ${paint(diff.to, style.green)}`;
}

function paint(segments: readonly VersionSegment[], changed: (text: string) => string): string {
  return segments.map((s) => (s.changed ? changed(s.text) : s.text)).join('');
}

function table(rows: readonly Row[]): string[] {
  const width = (i: 0 | 1 | 2, cap: number): number => Math.min(Math.max(...rows.map((r) => visibleLength(r[i]))), cap);
  const [w0, w1, w2] = [width(0, 20), width(1, 40), width(2, 64)];
  return rows.map(([status, name, versions, message]) =>
    `  ${padEnd(status, w0)}  ${padEnd(name, w1)}  ${padEnd(versions, w2)}   ${message}`.trimEnd(),
  );
}

function visibleLength(text: string): number {
  return Array.from(stripStyle(text)).length;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleLength(text)));
}
