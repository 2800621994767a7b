import type {Plan} from '../../plan/schema.js';
import {osLabel, packageLabels, summaryLine} from '../plan/labels.js';
import {detailLines} from './details.js';
import type {KeyView} from './keys.js';
import {keyOf, listLines} from './list.js';
import {activeFilter, selectedDecision, unsaved, type ReviewState} from './review-state.js';
import {visibleLine} from '../safe-text.js';
import {data, fitLine, span, truncateText, wrapText, type Line, type Tone} from './text.js';

/**
 * The whole review screen as lines, computed from the state and the terminal size alone, so
 * what the terminal shows can be tested without a terminal. The frame is one row shorter than
 * the terminal: ink leaves the cursor on the row below its output, and a frame as tall as the
 * terminal would make it clear the screen (and the scrollback) on every redraw.
 */

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

export interface ScreenLine {
  readonly spans: Line;
  /** The selected row: drawn inverse when there is colour (the `>` marker shows it without). */
  readonly selected?: boolean;
}

export interface Screen {
  readonly lines: readonly ScreenLine[];
  readonly view: KeyView;
}

export const MIN_SIZE: TerminalSize = {columns: 40, rows: 12};
/** Title and plan summary above, the keys below (the message area between is 1 to 3 rows). */
const CHROME_ROWS = 3;
/** A message (a refusal names packages and versions) wraps onto this many rows at most. */
const MESSAGE_ROWS = 3;

export function reviewScreen(state: ReviewState, size: TerminalSize, options: {readonly color: boolean}): Screen {
  const width = size.columns;
  if (size.columns < MIN_SIZE.columns || size.rows < MIN_SIZE.rows) {
    const text = `Too small: ${MIN_SIZE.columns}×${MIN_SIZE.rows} needed; q quits.`;
    return {lines: [{spans: fitLine([span(text)], width)}], view: {page: 1, detailMax: 0}};
  }
  const bottom = messageLines(state, width, options.color);
  const height = size.rows - 1 - CHROME_ROWS - bottom.length;
  const body = state.mode.kind === 'detail' ? detailBody(state, width, height) : listBody(state, width, height);
  const lines: ScreenLine[] = [
    {spans: fitLine(titleLine(state.plan), width)},
    {spans: fitLine(summaryOf(state), width)},
    ...body.lines,
    ...Array.from({length: height - body.lines.length}, () => ({spans: []})),
    ...bottom.map((spans) => ({spans})),
    {spans: fitLine(helpLine(state, body.position), width)},
  ];
  return {lines, view: {page: Math.max(1, height - 1), detailMax: body.max}};
}

interface Body {
  readonly lines: readonly ScreenLine[];
  /** The detail's `lines 1–19 of 34`; empty for the list. */
  readonly position: string;
  readonly max: number;
}

function listBody(state: ReviewState, width: number, height: number): Body {
  const filter = activeFilter(state);
  const all = listLines(state.plan, filter, width);
  if (all.length === 0) {
    const text = state.plan.decisions.length === 0 ? 'No changes: no package has a newer version available, and the baseline names none.' : `No package name contains "${filter}".`;
    return {lines: [{spans: fitLine([data(text, 'dim')], width)}], position: '', max: 0};
  }
  const at = Math.max(0, all.findIndex((l) => l.key !== null && l.key === state.selected));
  // The cursor stays in the middle third while the list scrolls, so the rows around it stay in view.
  const top = Math.max(0, Math.min(at - Math.floor(height / 2), all.length - height));
  const lines = all.slice(top, top + height).map((l, i): ScreenLine => {
    if (l.key === null) return {spans: l.spans};
    const selected = top + i === at;
    return {spans: [span(selected ? '> ' : '  ', 'bold'), ...l.spans], selected};
  });
  return {lines, position: '', max: 0};
}

function detailBody(state: ReviewState, width: number, height: number): Body {
  const d = selectedDecision(state);
  if (d === undefined || state.mode.kind !== 'detail') return {lines: [], position: '', max: 0};
  const all = detailLines(state.plan, state.context.enginePlan, d, width);
  const max = Math.max(0, all.length - height);
  const top = Math.min(state.mode.scroll, max);
  const shown = all.slice(top, top + height);
  const position = all.length > height ? `lines ${top + 1}–${top + shown.length} of ${all.length}` : '';
  return {lines: shown.map((spans) => ({spans})), position, max};
}

function titleLine(plan: Plan): Line {
  const {node, baseline} = plan;
  return [
    span('patchplan review', 'bold'),
    span(' · '),
    data(node.hostname, 'bold'),
    data(` (${osLabel(node.os)}, ${node.manager}${node.root === '/' ? '' : `, root ${node.root}`})`),
    span(' · baseline '),
    data(baseline.source),
  ];
}

function summaryOf(state: ReviewState): Line {
  const plan = state.plan;
  const excluded = plan.summary.byReason['excluded-by-reviewer'] ?? 0;
  const line: Line[number][] = [span(summaryLine(plan), 'bold')];
  if (excluded > 0) line.push(span(` ${excluded} excluded.`, 'yellow'));
  if (plan.reboot?.expected === true) line.push(span(' Reboot expected.', 'yellow'));
  const filter = activeFilter(state);
  if (filter !== '' && state.mode.kind !== 'filter') line.push(span(' Filter: '), data(filter, 'cyan'), span('.'));
  if (state.saved !== null) line.push(unsaved(state) ? span(' Changed since saved.', 'yellow') : span(' Saved.', 'green'));
  return line;
}

/** The message (wrapped, at most three rows) and, in a prompt, the line being typed under it; at least one row. */
function messageLines(state: ReviewState, width: number, color: boolean): Line[] {
  const message = state.message === null ? [] : wrapMessage(state.message.text, state.message.tone === 'error' ? 'red' : 'green', width);
  const prompt = promptLine(state, color);
  if (prompt !== null) return [...message.slice(0, MESSAGE_ROWS - 1), fitLine(prompt, width)];
  if (state.effect?.kind === 'save') return [fitLine([span('Saving to '), data(state.effect.file), span('…')], width)];
  return message.length > 0 ? message : [[]];
}

function wrapMessage(text: string, tone: Tone, width: number): Line[] {
  const rows = wrapText(visibleLine(text), width);
  const shown = rows.slice(0, MESSAGE_ROWS);
  // More than fits: the last row shows that something was cut.
  if (rows.length > MESSAGE_ROWS) shown[MESSAGE_ROWS - 1] = truncateText(`${shown[MESSAGE_ROWS - 1] ?? ''} ${rows[MESSAGE_ROWS] ?? ''}`, width);
  return shown.map((row) => [span(row, tone)]);
}

function promptLine(state: ReviewState, color: boolean): Line | null {
  const mode = state.mode;
  const cursor = color ? span(' ', 'inverse') : span('_');
  switch (mode.kind) {
    case 'filter':
      return [span('/', 'bold'), data(mode.draft), cursor];
    case 'note': {
      const d = state.plan.decisions.find((e) => keyOf(e) === mode.key);
      const what = d === undefined ? '' : `${packageLabels(state.plan)(d)} ${d.targetVersion ?? ''}`;
      return [span('Why exclude ', 'bold'), data(what, 'bold'), span('? ', 'bold'), data(mode.draft), cursor];
    }
    case 'path':
      return [span('Save the plan to: ', 'bold'), data(mode.draft), cursor];
    default:
      return null;
  }
}

function helpLine(state: ReviewState, position: string): Line {
  const apply = state.context.canApply ? '  a apply' : '';
  const keys = ((): string => {
    switch (state.mode.kind) {
      case 'filter':
        return 'type part of a name  Enter keep  Esc clear  ↑↓ move';
      case 'note':
        return 'one line: why leave this update out  Enter exclude  Esc cancel';
      case 'path':
        return 'a file name  Enter save  Esc cancel';
      case 'detail':
        return `↑↓ scroll  Enter/Esc back  x exclude  u undo  s save${apply}  q quit`;
      case 'list':
        return `↑↓ move  Enter details  / filter  x exclude  u undo  s save${apply}  q quit`;
    }
  })();
  return position === '' ? [span(keys, 'dim')] : [span(`${position}  `), span(keys, 'dim')];
}
