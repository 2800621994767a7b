import type {ApplyResult, PackageResult, PackageStatus} from '../../apply/results.js';
import {visibleLine} from '../safe-text.js';
import {createStyle, type Style} from '../style.js';
import {displayWidth, fit, nameList, padEnd, wrapHanging} from '../text.js';
import {diffVersions, type VersionSegment} from '../version-diff.js';
import {describeReboot} from './reboot-text.js';

/**
 * The results table, rendered only from the object `--json` prints, fitted to `width`:
 *
 *     installed          libssl3  3.0.15-1~deb12u1 → 3.0.17-1~deb12u2
 *     failed             curl     7.88.1-10+deb12u12 → 7.88.1-10+deb12u14
 *                        still at 7.88.1-10+deb12u12 after the install; apt-get exited 100: E: …
 *     skipped            47 as planned: appstream, base-files, bash and 44 more
 *
 * Planned installs come first (in plan order), one line each; a failure's explanation follows
 * on its own lines, wrapped at word boundaries (never cut: it is what the operator acts on);
 * the skipped decisions, which apply never touches, are one line with their count.
 */
export function renderHumanResult(result: ApplyResult, color: boolean, width = 80): string {
  const style = createStyle(color);
  const installs = result.results.filter((r) => r.status !== 'skipped');
  const skips = result.results.filter((r) => r.status === 'skipped');
  const label = resultLabels(result.results);
  const out: string[] = [`Apply results (plan ${result.plan.replace(/^sha256:/, '').slice(0, 12)}):`, ''];
  if (result.results.length === 0) out.push('  The plan has no decisions: nothing to install.');
  else out.push(...installRows(installs, label, style, width), ...skipRow(skips, label, style, width));
  out.push('', ...repairLines(result, width));
  out.push(...wrapHanging(headline(result, style), width, '', ''), ...wrapHanging(describeReboot(result.reboot), width, '', ''));
  if (result.recovery !== null) out.push(...wrapHanging(`To recover: ${visibleLine(result.recovery)}.`, width, '', '  '));
  return `${out.join('\n')}\n`;
}

/** Printed on stderr just before the reboot command runs. */
export function renderRebooting(argvText: string): string {
  return `Rebooting now (${visibleLine(argvText)}).\n`;
}

/** The architecture only when it tells rows apart (a multi-arch library), as the plan view does. */
function resultLabels(results: readonly PackageResult[]): (r: PackageResult) => string {
  const names = new Map<string, number>();
  for (const r of results) names.set(r.name, (names.get(r.name) ?? 0) + 1);
  return (r) => visibleLine((names.get(r.name) ?? 0) > 1 && r.arch !== '' ? `${r.name} (${r.arch})` : r.name);
}

const STATUS_WIDTH = displayWidth('already-installed');

function installRows(rows: readonly PackageResult[], label: (r: PackageResult) => string, style: Style, width: number): string[] {
  if (rows.length === 0) return [];
  const room = width - 2 - STATUS_WIDTH - 2;
  // The versions are what the operator checks: the name column gives way to them first.
  const versionsWidth = Math.max(...rows.map((r) => displayWidth(r.to === null || r.from === null ? `+ ${r.to ?? r.from ?? ''}` : `${r.from} → ${r.to}`)));
  const nameWidth = Math.min(Math.max(...rows.map((r) => displayWidth(label(r)))), 40, Math.max(12, room - 2 - versionsWidth));
  const indent = ' '.repeat(2 + STATUS_WIDTH + 2);
  return rows.flatMap((r) => {
    const status = STATUS_STYLE[r.status](style)(padEnd(r.status, STATUS_WIDTH));
    const name = padEnd(style.bold(fit(label(r), nameWidth)), nameWidth);
    const line = `  ${status}  ${name}  ${versionsCell(r.from, r.to, room - nameWidth - 2, style)}`.trimEnd();
    // "already-installed" says it all; its message is for the JSON reader.
    const message = (r.status === 'failed' || r.status === 'interrupted') && r.message !== null ? wrapHanging(style.red(visibleLine(r.message)), width, indent, indent) : [];
    return [line, ...message];
  });
}

function skipRow(skips: readonly PackageResult[], label: (r: PackageResult) => string, style: Style, width: number): string[] {
  if (skips.length === 0) return [];
  const head = `  ${style.dim(padEnd('skipped', STATUS_WIDTH))}  ${skips.length} as planned: `;
  return [head + nameList(skips.map(label), width - displayWidth(head))];
}

const STATUS_STYLE: Readonly<Record<PackageStatus, (style: Style) => (text: string) => string>> = {
  installed: (s) => s.green,
  'already-installed': (s) => s.cyan,
  failed: (s) => (text) => s.bold(s.red(text)),
  skipped: (s) => s.dim,
  interrupted: (s) => (text) => s.bold(s.yellow(text)),
};

/** The repairs this run made first, for what an interrupted run had left. */
function repairLines(result: ApplyResult, width: number): string[] {
  if (result.repaired.length === 0) return [];
  return wrapHanging(`Repaired first what an interrupted run left: ${result.repaired.map(visibleLine).join('; ')}`, width, '', '  ');
}

function headline(result: ApplyResult, style: Style): string {
  const count = (status: PackageStatus): number => result.results.filter((r) => r.status === status).length;
  const failed = count('failed');
  const counts = `${count('installed')} installed, ${count('already-installed')} already installed, ${failed} failed, ${count('skipped')} skipped.`;
  if (result.interrupted !== null) {
    const stopped = `Apply stopped by ${result.interrupted.signal}: ${counts.replace(/\.$/, '')}, ${count('interrupted')} not done.`;
    return style.bold(style.yellow(stopped));
  }
  return failed > 0
    ? style.bold(style.red(`Apply finished with failures: ${counts}`)) + ' Rerunning apply with the same plan retries only what is not installed yet.'
    : style.bold(style.green(`Apply complete: ${counts}`));
}

/** `3.0.15-1~deb12u1 → 3.0.17-1~deb12u2` with the changed parts marked, cut in the middle when it must be. */
function versionsCell(from: string | null, to: string | null, width: number, style: Style): string {
  if (to === null) return fit(visibleLine(from ?? 'not installed'), width, 'middle');
  if (from === null) return fit(`+ ${visibleLine(to)}`, width, 'middle');
  const diff = diffVersions(from, to);
  const full = `${paint(diff.from, style.red)} → ${paint(diff.to, style.green)}`;
  if (displayWidth(full) <= width) return full;
  const room = width - 3;
  return `${fit(visibleLine(from), Math.floor(room / 2), 'middle')} → ${fit(visibleLine(to), Math.ceil(room / 2), 'middle')}`;
}

function paint(segments: readonly VersionSegment[], changed: (text: string) => string): string {
  return segments.map((s) => (s.changed ? changed(visibleLine(s.text)) : visibleLine(s.text))).join('');
}
