import {excludeFromPlan, restoreDecision, type RequiresOf} from '../../plan/exclude.js';
import type {Plan, PlanDecision} from '../../plan/schema.js';
import {packageLabels} from '../plan/labels.js';
import {keyOf, visibleDecisions, type PackageKey} from './list.js';

/**
 * The review as a pure reducer: keys become actions (keys.ts), actions make a new state, and
 * the component only draws the state and carries out its `effect` (writing the file, leaving
 * the app). Every exclusion and undo goes through plan/exclude.ts, so the plan the review
 * saves or applies is re-digested exactly as `plan --exclude` would make it.
 */

export interface ReviewContext {
  /** What the engine decided, before any exclusion: what undo goes back to. */
  readonly enginePlan: Plan;
  /** What installing each version pulls in: an exclusion that strands a dependent is refused. */
  readonly requiresOf: RequiresOf;
  /** Recorded with each exclusion (`--reviewer`, else $USER); null when nobody can be named. */
  readonly reviewer: string | null;
  /** `--out`: where `s` saves without asking; null: `s` asks for a path. */
  readonly outFile: string | null;
  /** `a` applies (the review was opened by `apply`); `plan --interactive` never installs. */
  readonly canApply: boolean;
}

export type Mode =
  | {readonly kind: 'list'}
  | {readonly kind: 'detail'; readonly key: PackageKey; readonly scroll: number}
  | {readonly kind: 'filter'; readonly draft: string}
  | {readonly kind: 'note'; readonly key: PackageKey; readonly draft: string; readonly from: 'list' | 'detail'}
  | {readonly kind: 'path'; readonly draft: string};

export interface Message {
  readonly text: string;
  readonly tone: 'info' | 'error';
}

/** What the component must do after this state is drawn; the reducer never does I/O. */
export type Effect =
  /** Write the plan to `file`; until `saved` or `saveFailed` comes back, keys wait. */
  | {readonly kind: 'save'; readonly file: string}
  | {readonly kind: 'quit'}
  | {readonly kind: 'apply'}
  | null;

export interface SavedPlan {
  readonly file: string;
  readonly digest: string;
}

export interface ReviewState {
  readonly context: ReviewContext;
  readonly plan: Plan;
  /** The name filter in effect (the draft while typing it is in `mode`). */
  readonly filter: string;
  /** The package the cursor is on; null when the list is empty. */
  readonly selected: PackageKey | null;
  readonly mode: Mode;
  readonly message: Message | null;
  /** The last save in this review (a later change makes the plan differ from it). */
  readonly saved: SavedPlan | null;
  /** Packages excluded in this review, latest last: `u` on another row undoes the latest. */
  readonly excludedHere: readonly PackageKey[];
  readonly effect: Effect;
}

export type ReviewAction =
  | {readonly type: 'move'; readonly by: number}
  | {readonly type: 'moveTo'; readonly where: 'first' | 'last'}
  | {readonly type: 'open'}
  | {readonly type: 'close'}
  | {readonly type: 'scroll'; readonly by: number; readonly max: number}
  | {readonly type: 'startFilter'}
  | {readonly type: 'clearFilter'}
  | {readonly type: 'type'; readonly text: string}
  | {readonly type: 'erase'}
  | {readonly type: 'confirm'}
  | {readonly type: 'cancel'}
  | {readonly type: 'exclude'}
  | {readonly type: 'undo'}
  | {readonly type: 'save'}
  | {readonly type: 'saved'; readonly file: string; readonly digest: string}
  | {readonly type: 'saveFailed'; readonly message: string}
  | {readonly type: 'apply'}
  | {readonly type: 'quit'};

export function initialState(plan: Plan, context: ReviewContext): ReviewState {
  const first = visibleDecisions(plan, '')[0];
  return {
    context,
    plan,
    filter: '',
    selected: first === undefined ? null : keyOf(first),
    mode: {kind: 'list'},
    message: null,
    saved: null,
    excludedHere: [],
    effect: null,
  };
}

/** The filter the list shows now: the draft while it is being typed. */
export function activeFilter(state: ReviewState): string {
  return state.mode.kind === 'filter' ? state.mode.draft : state.filter;
}

export function selectedDecision(state: ReviewState): PlanDecision | undefined {
  const key = state.mode.kind === 'detail' || state.mode.kind === 'note' ? state.mode.key : state.selected;
  return state.plan.decisions.find((d) => keyOf(d) === key);
}

/** Whether the plan differs from what was last saved (or nothing was saved). */
export function unsaved(state: ReviewState): boolean {
  return state.saved === null || state.saved.digest !== state.plan.digest;
}

export function reviewReducer(state: ReviewState, action: ReviewAction): ReviewState {
  // Once the app is leaving, nothing else happens; a save in flight only waits for its result.
  if (state.effect?.kind === 'quit' || state.effect?.kind === 'apply') return state;
  if (state.effect?.kind === 'save' && action.type !== 'saved' && action.type !== 'saveFailed') return state;
  const next = {...state, effect: null, message: action.type === 'saved' || action.type === 'saveFailed' ? state.message : null};
  switch (action.type) {
    case 'move':
      return {...next, selected: moved(state, action.by)};
    case 'moveTo':
      return {...next, selected: movedTo(state, action.where)};
    case 'open':
      return open(next);
    case 'close':
      return state.mode.kind === 'detail' ? {...next, mode: {kind: 'list'}, selected: state.mode.key} : next;
    case 'scroll':
      return state.mode.kind === 'detail' ? {...next, mode: {...state.mode, scroll: clamp(state.mode.scroll + action.by, 0, action.max)}} : next;
    case 'startFilter':
      return {...next, mode: {kind: 'filter', draft: state.filter}};
    case 'clearFilter':
      return state.filter === '' ? next : reselect({...next, filter: ''});
    case 'type':
      return typed(next, action.text);
    case 'erase':
      return erased(next);
    case 'confirm':
      return confirmed(next);
    case 'cancel':
      return cancelled(next);
    case 'exclude':
      return startExclude(next);
    case 'undo':
      return undo(next);
    case 'save':
      return startSave(next);
    case 'saved':
      return {
        ...next,
        saved: {file: action.file, digest: action.digest},
        message: {text: `Saved the plan to ${action.file} (digest ${action.digest.slice(7, 19)}…)`, tone: 'info'},
      };
    case 'saveFailed':
      return {...next, message: {text: `Not saved: ${action.message}`, tone: 'error'}};
    case 'apply':
      if (!state.context.canApply) {
        return {
          ...next,
          message: {text: 'trusted keys are set: save (s), approve the file, then `patchplan apply FILE`', tone: 'error'},
        };
      }
      return {...next, effect: {kind: 'apply'}};
    case 'quit':
      return {...next, effect: {kind: 'quit'}};
  }
}

function moved(state: ReviewState, by: number): PackageKey | null {
  const rows = visibleDecisions(state.plan, activeFilter(state));
  if (rows.length === 0) return null;
  const at = rows.findIndex((d) => keyOf(d) === state.selected);
  const row = rows[clamp((at < 0 ? 0 : at) + by, 0, rows.length - 1)];
  return row === undefined ? null : keyOf(row);
}

function movedTo(state: ReviewState, where: 'first' | 'last'): PackageKey | null {
  const rows = visibleDecisions(state.plan, activeFilter(state));
  const row = where === 'first' ? rows[0] : rows.at(-1);
  return row === undefined ? null : keyOf(row);
}

/** Keeps the cursor on a row the filter shows: the same package if it is still there, else the first. */
function reselect(state: ReviewState): ReviewState {
  const rows = visibleDecisions(state.plan, activeFilter(state));
  if (rows.some((d) => keyOf(d) === state.selected)) return state;
  const first = rows[0];
  return {...state, selected: first === undefined ? null : keyOf(first)};
}

function open(state: ReviewState): ReviewState {
  if (state.mode.kind === 'detail') return {...state, mode: {kind: 'list'}, selected: state.mode.key};
  if (state.selected === null) return state;
  return {...state, mode: {kind: 'detail', key: state.selected, scroll: 0}};
}

function typed(state: ReviewState, text: string): ReviewState {
  const mode = state.mode;
  if (mode.kind !== 'filter' && mode.kind !== 'note' && mode.kind !== 'path') return state;
  // One line: a pasted newline ends the line, as Enter would.
  const [line = '', ...rest] = text.split(/\r\n|\r|\n/);
  const drafted = withDraft(state, mode.draft + line);
  return rest.length > 0 ? confirmed(drafted) : drafted;
}

function erased(state: ReviewState): ReviewState {
  const mode = state.mode;
  if (mode.kind !== 'filter' && mode.kind !== 'note' && mode.kind !== 'path') return state;
  return withDraft(state, Array.from(mode.draft).slice(0, -1).join(''));
}

function withDraft(state: ReviewState, draft: string): ReviewState {
  const mode = state.mode;
  if (mode.kind === 'filter') return reselect({...state, mode: {kind: 'filter', draft}});
  if (mode.kind === 'note' || mode.kind === 'path') return {...state, mode: {...mode, draft}};
  return state;
}

function confirmed(state: ReviewState): ReviewState {
  const mode = state.mode;
  switch (mode.kind) {
    case 'filter':
      return reselect({...state, filter: mode.draft.trim(), mode: {kind: 'list'}});
    case 'note':
      return exclude(state, mode.key, mode.draft, mode.from);
    case 'path': {
      const file = mode.draft.trim();
      if (file === '') return {...state, message: {text: 'type the path to save the plan to (Esc cancels)', tone: 'error'}};
      return {...state, mode: {kind: 'list'}, effect: {kind: 'save', file}};
    }
    case 'detail':
      return open(state);
    case 'list':
      return state;
  }
}

function cancelled(state: ReviewState): ReviewState {
  const mode = state.mode;
  switch (mode.kind) {
    case 'filter':
      return reselect({...state, filter: '', mode: {kind: 'list'}});
    case 'note':
      return {...state, mode: back(mode), message: {text: 'Exclusion cancelled.', tone: 'info'}};
    case 'path':
      return {...state, mode: {kind: 'list'}, message: {text: 'Not saved.', tone: 'info'}};
    case 'detail':
      return {...state, mode: {kind: 'list'}, selected: mode.key};
    case 'list':
      return state.filter === '' ? state : reselect({...state, filter: ''});
  }
}

function back(mode: {readonly key: PackageKey; readonly from: 'list' | 'detail'}): Mode {
  return mode.from === 'detail' ? {kind: 'detail', key: mode.key, scroll: 0} : {kind: 'list'};
}

function startExclude(state: ReviewState): ReviewState {
  const d = selectedDecision(state);
  if (d === undefined || (state.mode.kind !== 'list' && state.mode.kind !== 'detail')) return state;
  const name = packageLabels(state.plan)(d);
  if (d.reason.code === 'excluded-by-reviewer') return error(state, `${name} is already excluded; u restores it`);
  if (d.action !== 'install') return error(state, `${name} is not installed by the plan, so there is nothing to exclude`);
  if (state.context.reviewer === null) return error(state, 'cannot tell who is reviewing ($USER is not set): start again with --reviewer NAME');
  return {...state, mode: {kind: 'note', key: keyOf(d), draft: '', from: state.mode.kind}};
}

function exclude(state: ReviewState, key: PackageKey, note: string, from: 'list' | 'detail'): ReviewState {
  const d = state.plan.decisions.find((e) => keyOf(e) === key);
  const reviewer = state.context.reviewer;
  if (d === undefined || d.targetVersion === null || reviewer === null) return {...state, mode: {kind: 'list'}};
  if (note.trim() === '') return error(state, 'an exclusion needs a note saying why (type it, then Enter; Esc cancels)');
  const spec = packageLabels(state.plan)(d);
  const outcome = excludeFromPlan(state.plan, [{spec, version: d.targetVersion, note, reviewer}], state.context.requiresOf);
  if (!outcome.ok) return {...error(state, outcome.problem), mode: back({key, from})};
  const excluded: ReviewState = {
    ...state,
    plan: outcome.plan,
    excludedHere: [...state.excludedHere.filter((k) => k !== key), key],
    message: {text: `Excluded ${spec} ${d.targetVersion}: ${note.trim()}`, tone: 'info'},
  };
  if (from === 'detail') return {...excluded, mode: {kind: 'detail', key, scroll: 0}};
  // In the list the excluded row moves to its own group; the cursor stays where it was, on the next package.
  return {...excluded, mode: {kind: 'list'}, selected: rowAfter(state, key, outcome.plan)};
}

/** The package that follows `key` in the list before the change, as it stands after it (null: none). */
function rowAfter(before: ReviewState, key: PackageKey, plan: Plan): PackageKey | null {
  const filter = activeFilter(before);
  const rows = visibleDecisions(before.plan, filter);
  const at = rows.findIndex((d) => keyOf(d) === key);
  const after = visibleDecisions(plan, filter);
  const row = after[Math.min(Math.max(at, 0), after.length - 1)];
  return row === undefined ? null : keyOf(row);
}

function undo(state: ReviewState): ReviewState {
  if (state.mode.kind !== 'list' && state.mode.kind !== 'detail') return state;
  const target = undoTarget(state);
  if (target === undefined) return error(state, 'nothing to undo: this package is not excluded, and no exclusion was made in this review');
  const name = packageLabels(state.plan)(target);
  const problem = restoreProblem(state.plan, state.context, target);
  if (problem !== null) return error(state, `cannot restore ${name}: ${problem}`);
  const plan = restoreDecision(state.plan, state.context.enginePlan, target.name, target.arch);
  const key = keyOf(target);
  const mode: Mode = state.mode.kind === 'detail' ? {kind: 'detail', key, scroll: 0} : {kind: 'list'};
  return {
    ...state,
    plan,
    mode,
    selected: key,
    excludedHere: state.excludedHere.filter((k) => k !== key),
    message: {text: `Restored ${name}: the plan installs it again.`, tone: 'info'},
  };
}

/** The selected package when it is excluded, else the latest exclusion of this review still in the plan. */
function undoTarget(state: ReviewState): PlanDecision | undefined {
  const selected = selectedDecision(state);
  if (selected?.reason.code === 'excluded-by-reviewer') return selected;
  const stillExcluded = (key: PackageKey): PlanDecision | undefined =>
    state.plan.decisions.find((d) => keyOf(d) === key && d.reason.code === 'excluded-by-reviewer');
  return [...state.excludedHere].reverse().map(stillExcluded).find((d) => d !== undefined);
}

/**
 * Why putting back the engine's install of `d` would break the plan: it needs a package that
 * is still excluded (the mirror image of the refusal in plan/exclude.ts). Null when nothing.
 */
export function restoreProblem(plan: Plan, context: Pick<ReviewContext, 'enginePlan' | 'requiresOf'>, d: PlanDecision): string | null {
  const engine = context.enginePlan.decisions.find((e) => keyOf(e) === keyOf(d));
  if (engine === undefined || engine.action !== 'install' || engine.targetVersion === null) return null;
  const needs = context.requiresOf(engine.name, engine.arch, engine.targetVersion);
  for (const e of plan.decisions) {
    if (e.reason.code !== 'excluded-by-reviewer' || keyOf(e) === keyOf(d)) continue;
    const byRequires = needs.some((n) => n.name === e.name && (n.arch === undefined || n.arch === e.arch) && n.version === e.excludedVersion);
    const engineE = context.enginePlan.decisions.find((x) => keyOf(x) === keyOf(e));
    const byReason = engineE?.reason.code === 'dependency' && engineE.reason.rule === `${engine.name}.${engine.arch}`;
    if (byRequires || byReason) return `it needs ${e.name} ${e.excludedVersion ?? ''}, which is excluded; restore ${e.name} first`;
  }
  return null;
}

function startSave(state: ReviewState): ReviewState {
  if (state.mode.kind !== 'list' && state.mode.kind !== 'detail') return state;
  const file = state.context.outFile;
  if (file !== null) return {...state, effect: {kind: 'save', file}};
  return {...state, mode: {kind: 'path', draft: state.saved?.file ?? ''}};
}

function error(state: ReviewState, text: string): ReviewState {
  return {...state, message: {text, tone: 'error'}};
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}
