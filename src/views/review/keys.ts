import type {Key} from 'ink';

import type {Mode, ReviewAction} from './review-state.js';

/** What a key needs to know about the screen: how far a page moves, and how far the detail can scroll (asked only for those keys). */
export interface KeyView {
  readonly page: number;
  readonly detailMax: number;
}

/**
 * The review's keys, as a pure mapping from a key press in a mode to an action:
 *
 * - list: ↑/↓ (k/j) move, PgUp/PgDn page, Home/End (g/G) jump; Enter (→) opens the details;
 *   `/` filters; Esc clears the filter; `x` excludes, `u` undoes, `s` saves, `a` applies, `q` quits;
 * - details: ↑/↓ (k/j) and PgUp/PgDn (space) scroll; Enter, Esc or ← go back; x/u/s/a/q as in the list;
 * - a prompt (filter, note, path): text is typed; Backspace erases; Enter confirms; Esc cancels.
 *   The filter applies while it is typed, and ↑/↓ still move.
 *
 * Ctrl+C quits from anywhere (the terminal is in raw mode, so it is a key, not a signal).
 */
export function keyToAction(mode: Mode, input: string, key: Key, view: () => KeyView): ReviewAction | null {
  if (key.ctrl && input === 'c') return {type: 'quit'};
  switch (mode.kind) {
    case 'filter':
    case 'note':
    case 'path':
      return promptKey(mode.kind, input, key);
    case 'detail':
      return detailKey(input, key, view);
    case 'list':
      return listKey(input, key, view);
  }
}

/** A key press with no special key: what each character of a run is. */
export const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/**
 * ink hands over a run of ordinary characters as one input (that is how a paste arrives, and
 * how `tmux send-keys j j Enter` or fast typing can arrive too). The review treats each
 * character as its own key press, so `jj` moves twice and `/ssl` opens the filter and types
 * `ssl`; a newline in the run is Enter and DEL is Backspace.
 */
export function splitKeys(input: string, key: Key): [string, Key][] {
  const chars = Array.from(input);
  const special = key.ctrl || key.meta || key.escape || key.return || key.backspace || key.delete || key.tab;
  if (chars.length <= 1 || special) return [[input, key]];
  return chars.map((c): [string, Key] => {
    if (c === '\r' || c === '\n') return ['', {...NO_KEY, return: true}];
    if (c === '\u007f' || c === '\b') return ['', {...NO_KEY, backspace: true}];
    if (c === '\t') return ['', {...NO_KEY, tab: true}];
    return [c, NO_KEY];
  });
}

function promptKey(kind: 'filter' | 'note' | 'path', input: string, key: Key): ReviewAction | null {
  if (key.return) return {type: 'confirm'};
  if (key.escape) return {type: 'cancel'};
  if (key.backspace || key.delete) return {type: 'erase'};
  if (kind === 'filter' && key.upArrow) return {type: 'move', by: -1};
  if (kind === 'filter' && key.downArrow) return {type: 'move', by: 1};
  if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return null;
  if (key.pageUp || key.pageDown || key.home || key.end || input === '') return null;
  return {type: 'type', text: input};
}

function detailKey(input: string, key: Key, view: () => KeyView): ReviewAction | null {
  if (key.return || key.escape || key.leftArrow) return {type: 'close'};
  if (key.upArrow || input === 'k') return {type: 'scroll', by: -1, max: view().detailMax};
  if (key.downArrow || input === 'j') return {type: 'scroll', by: 1, max: view().detailMax};
  if (key.pageUp || input === 'b') return {type: 'scroll', by: -view().page, max: view().detailMax};
  if (key.pageDown || input === ' ') return {type: 'scroll', by: view().page, max: view().detailMax};
  return commandKey(input);
}

function listKey(input: string, key: Key, view: () => KeyView): ReviewAction | null {
  if (key.upArrow || input === 'k') return {type: 'move', by: -1};
  if (key.downArrow || input === 'j') return {type: 'move', by: 1};
  if (key.pageUp) return {type: 'move', by: -view().page};
  if (key.pageDown || input === ' ') return {type: 'move', by: view().page};
  if (key.home || input === 'g') return {type: 'moveTo', where: 'first'};
  if (key.end || input === 'G') return {type: 'moveTo', where: 'last'};
  if (key.return || key.rightArrow) return {type: 'open'};
  if (key.escape) return {type: 'clearFilter'};
  if (input === '/') return {type: 'startFilter'};
  return commandKey(input);
}

function commandKey(input: string): ReviewAction | null {
  switch (input) {
    case 'x':
      return {type: 'exclude'};
    case 'u':
      return {type: 'undo'};
    case 's':
      return {type: 'save'};
    case 'a':
      return {type: 'apply'};
    case 'q':
      return {type: 'quit'};
    default:
      return null;
  }
}
