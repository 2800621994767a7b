import wrapAnsi from 'wrap-ansi';

import type {DecisionSnapshot, PackageChange, PlanComparison} from '../../plan/compare.js';
import type {ComparedPlans} from '../../services/compare-plans.js';
import {visibleLine} from '../safe-text.js';
import {createStyle, type Style} from '../style.js';
import {displayWidth, fit, padEnd} from '../text.js';
import {contextChanges, machineWarning, packageLabel, summarySentence, type ContextChange} from './context.js';

/**
 * `show OLD --compare NEW`, Terraform style: one line per package whose fate changed, the other
 * changes (baseline, options, forecast, …) one per line, then one summary line:
 *
 *     + tzdata   2025b-0+deb12u1                      approval-rule (was not-security-repo)
 *     - openssl  3.0.17-1~deb12u2                     excluded by alice: breaks TLS pinning
 *     ~ libssl3  3.0.17-1~deb12u2 → 3.0.18-1~deb12u1  up
 *
 *     Compared with old.json: 1 enters, 1 leaves, 1 moves; baseline unchanged.
 *
 * The symbols are about the install set, which is what `apply` acts on: `+` enters it, `-`
 * leaves it, `~` stays in it at another version, `!` keeps its action and version for another
 * reason, `=` is skipped by the one plan that lists it. Notes say what holds now first, then
 * what was. Every line fits `width` columns: data too long for its column is cut with an
 * ellipsis, never wrapped mid-word (only the summary wraps, between words).
 */
export function renderHumanComparison(result: ComparedPlans, options: {readonly color: boolean; readonly width: number}): string {
  const style = createStyle(options.color);
  const {comparison} = result;
  const rows = packageRows(comparison);
  const out: string[] = [];
  const warning = machineWarning(comparison);
  if (warning !== null) out.push(...wrapWords(style.yellow(warning), options.width), '');
  if (rows.length > 0) out.push(...legend(rows, style), '', ...table(rows, options.width, style), '');
  const context = contextChanges(result).flatMap((change) => [
    contextLine(style.bold(`${change.label}:`), change, options.width),
    ...(change.details ?? []).map((detail) => contextLine(`  ${detail.label}:`, detail, options.width)),
  ]);
  if (context.length > 0) out.push(...context, '');
  out.push(...wrapWords(style.bold(summaryLine(result, options.width)), options.width));
  return `${out.join('\n')}\n`;
}

type Mark = '+' | '-' | '~' | '!' | '=';

interface Row {
  readonly symbol: Mark;
  readonly name: string;
  /** One version, or the two sides of an arrow. */
  readonly versions: readonly string[];
  readonly note: string;
}

const MEANINGS: Readonly<Record<Mark, string>> = {
  '+': 'enters the install set',
  '-': 'leaves the install set',
  '~': 'stays in it, at another version',
  '!': 'same action and version, another reason',
  '=': 'skipped, and listed by one plan only',
};

function legend(rows: readonly Row[], style: Style): string[] {
  const used = (Object.keys(MEANINGS) as Mark[]).filter((symbol) => rows.some((r) => r.symbol === symbol));
  return ['Packages are shown with these symbols:', ...used.map((symbol) => `  ${paintSymbol(symbol, style)} ${MEANINGS[symbol]}`)];
}

function paintSymbol(symbol: Mark, style: Style): string {
  const paint: Record<Mark, (text: string) => string> = {'+': style.green, '-': style.red, '~': style.yellow, '!': style.cyan, '=': style.dim};
  return paint[symbol](symbol);
}

/** The package rows, category by category (each sorted by name), with data already made visible. */
function packageRows(c: PlanComparison): Row[] {
  const label = packageLabel(c);
  const row = (symbol: Mark, p: PackageChange, versions: Row['versions'], note: string): Row => ({
    symbol,
    name: label(p),
    versions: versions.map(visibleLine),
    note,
  });
  return [
    ...c.entered.map((p) => row('+', p, [p.new?.targetVersion ?? ''], `${reasonHead(p.new)} (${p.old ? `was ${reasonHead(p.old)}` : 'not in the old plan'})`)),
    ...c.left.map((p) => row('-', p, [p.old?.targetVersion ?? ''], p.new ? reasonHead(p.new) : 'not in the new plan')),
    ...c.moved.map((p) => row('~', p, [p.old.targetVersion ?? '', p.new.targetVersion ?? ''], movedNote(p.direction, p.old, p.new))),
    ...c.reasonChanged.map((p) => row('!', p, [actionVersion(p.new as DecisionSnapshot)], reasonChangeNote(p.old as DecisionSnapshot, p.new as DecisionSnapshot))),
    ...c.newSkips.map((p) => row('=', p, [skippedVersion(p.new as DecisionSnapshot)], `${reasonHead(p.new)} (not in the old plan)`)),
    ...c.vanishedSkips.map((p) => row('=', p, [skippedVersion(p.old as DecisionSnapshot)], `not in the new plan (was ${reasonHead(p.old)})`)),
  ];
}

/** What the package's line shows when only the reason changed: the version installed, or the one left out. */
function actionVersion(d: DecisionSnapshot): string {
  return d.action === 'install' ? `installs ${d.targetVersion ?? ''}` : `skips ${skippedVersion(d)}`;
}

function skippedVersion(d: DecisionSnapshot): string {
  return d.candidateVersion ?? d.installedVersion ?? '';
}

function movedNote(direction: 'up' | 'down' | 'equal', o: DecisionSnapshot, n: DecisionSnapshot): string {
  const move = direction === 'equal' ? 'the same version, written differently' : direction;
  return o.reason.code === n.reason.code ? move : `${move}, ${reasonHead(n)} (was ${reasonHead(o)})`;
}

/**
 * The new reason first, the old one after it (what a cut keeps is what holds now): the codes,
 * or the rules when the code is the same, or who excluded it and why.
 */
function reasonChangeNote(o: DecisionSnapshot, n: DecisionSnapshot): string {
  if (o.reason.code !== n.reason.code || o.reason.code === 'excluded-by-reviewer') return `${reasonHead(n)} (was ${reasonHead(o)})`;
  return `${visibleLine(n.reason.rule ?? 'no rule')} (was ${visibleLine(o.reason.rule ?? 'no rule')})`;
}

/** The reason code, or for a reviewer's exclusion who made it and why. */
function reasonHead(d: DecisionSnapshot | null): string {
  if (d === null) return '';
  if (d.reason.code !== 'excluded-by-reviewer') return d.reason.code;
  return `excluded by ${visibleLine(d.reviewer ?? 'a reviewer')}: ${visibleLine(d.reason.detail)}`;
}

// A note needs a few words to say anything; a name or version column narrower than this says nothing.
const MIN_NOTE = 24;
const MIN_COLUMN = 12;
const ARROW = ' → ';

/**
 * Aligned columns: symbol, name, versions, note. When a row would not fit `width`, the note
 * gives way first (to MIN_NOTE), then the versions, then the name; each cell is cut to its
 * column, never wrapped.
 */
function table(rows: readonly Row[], width: number, style: Style): string[] {
  const fixed = '  + '.length + 2 + 2;
  const room = Math.max(width - fixed, 0);
  const widest = (measure: (r: Row) => number): number => Math.max(...rows.map(measure));
  // Each column gets its minimum only while the line has room for it: half of a 40-column line at most.
  const nameWidth = Math.min(widest((r) => displayWidth(r.name)), Math.max(Math.min(MIN_COLUMN, Math.floor(room / 2)), Math.floor(room * 0.3)));
  const versionsWidth = Math.min(widest((r) => displayWidth(r.versions.join(ARROW))), Math.max(Math.min(MIN_COLUMN, room - nameWidth), room - nameWidth - MIN_NOTE));
  const noteWidth = room - nameWidth - versionsWidth;
  return rows.map((r) => {
    const name = style.bold(padEnd(fit(r.name, nameWidth, 'middle'), nameWidth));
    const [from = '', to] = r.versions;
    const versions = padEnd(to === undefined ? fit(from, versionsWidth, 'middle') : fitPair(from, to, versionsWidth), versionsWidth);
    return `  ${paintSymbol(r.symbol, style)} ${name}  ${versions}  ${style.dim(fit(r.note, noteWidth))}`.trimEnd();
  });
}

/**
 * `from → to` in `width` columns: each side cut in its middle (versions and paths differ least
 * there, and both ends stay readable), the room one side does not need given to the other.
 */
export function fitPair(from: string, to: string, width: number): string {
  const room = width - ARROW.length;
  if (displayWidth(from) + displayWidth(to) <= room) return `${from}${ARROW}${to}`;
  const half = Math.floor(room / 2);
  const fromWidth = Math.max(half, room - displayWidth(to));
  return `${fit(from, fromWidth, 'middle')}${ARROW}${fit(to, room - Math.min(fromWidth, displayWidth(from)), 'middle')}`;
}

/** `Label: old → new (note)` in `width` columns: the note gives way first, then both values share what is left. */
function contextLine(label: string, change: ContextChange, width: number): string {
  const note = change.note ? ` (${change.note})` : '';
  if (change.old === change.new) return fit(`${label} ${change.old}${note}`, width);
  const room = width - displayWidth(label) - 1;
  if (displayWidth(change.old) + ARROW.length + displayWidth(change.new) + displayWidth(note) <= room) {
    return `${label} ${change.old}${ARROW}${change.new}${note}`;
  }
  // The values first: the note keeps what they leave, down to nothing on a narrow line.
  const valuesRoom = Math.max(room - displayWidth(note), Math.floor(room * 0.6));
  return fit(`${label} ${fitPair(change.old, change.new, valuesRoom)}${note}`, width);
}

/** Sentences wrap between words only; a word longer than a whole line (a host name, say) is cut there instead. */
function wrapWords(text: string, width: number): string[] {
  return wrapAnsi(text, width, {hard: false, trim: true})
    .split('\n')
    .map((line) => fit(line, width));
}

/** The summary, naming OLD in at most about half the width (its middle cut, so the file name stays). */
function summaryLine(result: ComparedPlans, width: number): string {
  return summarySentence(result.comparison, fit(visibleLine(result.oldFile), Math.max(20, width - 40), 'middle'));
}
