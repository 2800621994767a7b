import ansiEscapes from 'ansi-escapes';
import cliSpinners from 'cli-spinners';
import type {ApplyProgress, ApplyStep} from '../../apply/progress.js';
import type {OutputStream} from '../../cli/streams.js';
import type {PlannedInstall} from '../../core/install.js';
import type {InstallProgressEvent} from '../../core/install.js';
import type {ManagerId} from '../../core/ids.js';
import {visibleLine} from '../safe-text.js';
import {displayWidth, fit} from '../text.js';

/** The progress display of `apply`: on stderr, so stdout holds only the result (and only JSON under --json). */
export interface ProgressDisplay extends ApplyProgress {
  /** Clears the live line; call before printing results or an error. Safe to call twice. */
  stop(): void;
}

export interface ProgressOptions {
  /** PATCHPLAN_DEBUG=1: also show debug lines. */
  readonly debug: boolean;
  /** Timers, injectable so a test can drive the live line without waiting. */
  readonly timers?: {
    setInterval(fn: () => void, ms: number): unknown;
    clearInterval(handle: unknown): void;
  };
  /** Milliseconds from a monotonic clock, for the elapsed time (tests pass a fake). */
  readonly monotonicMs?: () => number;
}

/** cli-spinners' `dots` (the frames ink-spinner uses; ink-spinner itself needs an ink app, and the live line is a plain stderr write). */
const FRAMES = cliSpinners.dots.frames;
const TICK_MS = cliSpinners.dots.interval;
/** Back to column 1, then erase the whole line (ansi-escapes), for a plain write(). */
const ERASE_LINE = `\r${ansiEscapes.eraseLine}`;
const MAX_LISTED = 5;

/** The installer run being shown: what it was given, when it started, what it said last. */
interface InstallState {
  readonly manager: ManagerId;
  readonly total: number;
  /** Names the plan installs under more than one architecture: shown as `name:arch`. */
  readonly multiArch: ReadonlySet<string>;
  readonly startedMs: number;
  event: InstallProgressEvent | null;
  /** A progress message (a lock wait) newer than the last event. */
  message: string | null;
}

/**
 * Not a terminal (CI logs, `2> file`): plain lines, top to bottom: one per step, one per package
 * phase change while the installer runs (`Installing 3/8  libfoo-pp 1.1-1  configuring  0:02`),
 * one per other progress message; no carriage returns, no escape sequences.
 *
 * A terminal: the steps as lines, and below them one live line redrawn in place (spinner, then
 * the installer's N of M, the package in progress and its phase, the elapsed time), cut to the
 * terminal's width. When the installer is done, a line says how far it got and how long it took.
 *
 * Every piece of data (package names, versions, the installer's own words) goes through
 * visibleLine, so control characters in them are shown escaped, never obeyed.
 */
export function createProgressDisplay(stderr: OutputStream, options: ProgressOptions): ProgressDisplay {
  const timers = options.timers ?? {setInterval: defaultSetInterval, clearInterval: (h: unknown) => clearInterval(h as NodeJS.Timeout)};
  const monotonicMs = options.monotonicMs ?? (() => performance.now());
  const tty = stderr.isTTY;
  let frame = 0;
  let status = '';
  let detail = '';
  let install: InstallState | null = null;
  let lastPlainKey = '';
  let drawn = false;
  let handle: unknown = null;

  /** One column short of the terminal: a line that fills it exactly leaves the cursor past the edge. */
  const liveWidth = (): number => Math.max(20, stderr.columns - 1);
  const clear = (): void => {
    if (drawn) stderr.write(ERASE_LINE);
    drawn = false;
  };
  const liveText = (): string => {
    const spinner = FRAMES[frame % FRAMES.length] ?? '';
    if (install !== null) return fitInstallLine(`${spinner} `, installParts(install, monotonicMs()), liveWidth());
    return fit(`${spinner} ${status}${detail ? `: ${detail}` : '…'}`, liveWidth());
  };
  const draw = (): void => {
    if (!tty || (status === '' && install === null)) return;
    stderr.write(`${ERASE_LINE}${liveText()}`);
    drawn = true;
  };
  /** A permanent line, written above the live line. */
  const line = (text: string): void => {
    clear();
    stderr.write(`${text}\n`);
    draw();
  };
  const startTicking = (): void => {
    if (!tty || handle !== null) return;
    handle = timers.setInterval(() => {
      frame += 1;
      draw();
    }, TICK_MS);
  };
  /** The installer is done (the next step began): say how far it got and how long it took. */
  const endInstall = (): void => {
    if (install === null) return;
    const ended = install;
    install = null;
    line(installSummary(ended, monotonicMs()));
  };
  /** Also on an error: no summary then, the error line says what happened. */
  const stop = (): void => {
    install = null;
    if (handle !== null) timers.clearInterval(handle);
    handle = null;
    clear();
    status = '';
  };
  /** Not a terminal: a line when what the installer does changes (not for every percent or second). */
  const plainInstallLine = (state: InstallState): void => {
    const key = plainKey(state);
    if (key === lastPlainKey) return;
    lastPlainKey = key;
    const parts = installParts(state, monotonicMs());
    stderr.write(`${[parts.head, parts.subject, parts.phase, parts.elapsed].filter((p) => p !== '').join('  ')}\n`);
  };

  return {
    step(event: ApplyStep) {
      endInstall();
      if (event.step === 'finished') return stop();
      detail = '';
      // On a terminal a step line is cut to the width (the results list every package anyway).
      line(tty ? fit(stepLine(event), liveWidth()) : stepLine(event));
      status = spinnerLabel(event);
      if (event.step === 'installing') {
        install = {manager: event.manager, total: event.packages.length, multiArch: namesWithSeveralArches(event.packages), startedMs: monotonicMs(), event: null, message: null};
        lastPlainKey = '';
      }
      startTicking();
      draw();
    },
    installProgress(event: InstallProgressEvent) {
      if (install === null) return;
      install.event = event;
      install.message = null;
      if (tty) draw();
      else plainInstallLine(install);
    },
    progress(message: string) {
      const text = visibleLine(message.trimEnd());
      if (text.trim() === '') return;
      if (!tty) {
        stderr.write(`  ${text}\n`);
        return;
      }
      if (install !== null) install.message = text.trim();
      else detail = text.trim();
      draw();
    },
    debug(message: string) {
      if (options.debug) line(`debug: ${visibleLine(message)}`);
    },
    stop,
  };
}

/** The pieces of an install line; the subject is what gives way when the terminal is narrow. */
interface InstallParts {
  readonly head: string;
  readonly subject: string;
  readonly phase: string;
  readonly elapsed: string;
}

function installParts(state: InstallState, nowMs: number): InstallParts {
  const {event} = state;
  const done = event?.done ?? 0;
  const head = `Installing ${done}/${state.total}`;
  const elapsed = formatElapsed(nowMs - state.startedMs);
  if (state.message !== null) return {head, subject: state.message, phase: '', elapsed};
  if (event === null) return {head, subject: `starting ${state.manager}`, phase: '', elapsed};
  if (event.kind === 'download') return {head, subject: `file ${event.file}/${event.files} (${Math.floor(event.percent)}%)`, phase: 'downloading', elapsed};
  return {head, subject: packageText(event, state.multiArch), phase: event.phase, elapsed};
}

function packageText(event: Extract<InstallProgressEvent, {kind: 'package'}>, multiArch: ReadonlySet<string>): string {
  const arch = multiArch.has(event.name) && event.arch !== undefined ? `:${event.arch}` : '';
  const version = event.version === undefined ? '' : ` ${visibleLine(event.version)}`;
  return `${visibleLine(event.name + arch)}${version}${event.planned ? '' : ' (not in the plan)'}`;
}

function namesWithSeveralArches(packages: readonly PlannedInstall[]): Set<string> {
  const seen = new Set<string>();
  const several = new Set<string>();
  for (const p of packages) (seen.has(p.name) ? several : seen).add(p.name);
  return several;
}

/**
 * One terminal line of at most `width` columns: the head, the phase and the elapsed time stay
 * whole as long as they fit; the package gives way first, cut with an ellipsis.
 */
export function fitInstallLine(prefix: string, parts: InstallParts, width: number): string {
  const fixed = [prefix + parts.head, parts.phase, parts.elapsed].filter((p) => p !== '');
  const separators = 2 * fixed.length;
  const room = width - fixed.reduce((sum, p) => sum + displayWidth(p), 0) - separators;
  const subject = room >= 4 ? fit(parts.subject, room) : '';
  const pieces = [prefix + parts.head, subject, parts.phase, parts.elapsed].filter((p) => p !== '');
  return fit(pieces.join('  '), width);
}

/** What a plain line is about: the N, the package and its phase, or the file being fetched. */
function plainKey(state: InstallState): string {
  const {event} = state;
  if (state.message !== null) return `message:${state.message}`;
  if (event === null) return 'start';
  if (event.kind === 'download') return `download:${event.file}`;
  return JSON.stringify([event.done, event.name, event.arch, event.version, event.phase]);
}

function installSummary(state: InstallState, nowMs: number): string {
  const elapsed = formatElapsed(nowMs - state.startedMs);
  if (state.event === null) return `${state.manager} finished after ${elapsed}`;
  const noun = state.total === 1 ? 'package' : 'packages';
  return `${state.manager} finished after ${elapsed}: ${state.event.done}/${state.total} planned ${noun} reported installed`;
}

/** `m:ss`, or `h:mm:ss` from an hour on. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const s = String(seconds % 60).padStart(2, '0');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}:${s}`;
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}:${s}`;
}

function stepLine(event: Exclude<ApplyStep, {step: 'finished'}>): string {
  switch (event.step) {
    case 'planning':
      return 'Planning: reading the node and evaluating the baseline…';
    case 'collecting':
      return "Reading the node's packages to check the plan is still current…";
    case 'installing':
      return installingLine(event.manager, event.packages);
    case 'verifying':
      return 'Reading back the installed versions…';
  }
}

function installingLine(manager: ManagerId, packages: readonly PlannedInstall[]): string {
  const multiArch = namesWithSeveralArches(packages);
  const listed = packages.slice(0, MAX_LISTED).map((p) => `${visibleLine(multiArch.has(p.name) ? `${p.name}:${p.arch}` : p.name)} ${visibleLine(p.version)}`);
  const more = packages.length > MAX_LISTED ? ` and ${packages.length - MAX_LISTED} more` : '';
  const noun = packages.length === 1 ? 'package' : 'packages';
  return `Installing ${packages.length} ${noun} with ${manager}: ${listed.join(', ')}${more}…`;
}

function spinnerLabel(event: Exclude<ApplyStep, {step: 'finished'}>): string {
  switch (event.step) {
    case 'planning':
      return 'Planning';
    case 'collecting':
      return 'Reading packages';
    case 'installing':
      return `Installing with ${event.manager}`;
    case 'verifying':
      return 'Reading back';
  }
}

function defaultSetInterval(fn: () => void, ms: number): unknown {
  const handle = setInterval(fn, ms);
  // The live line must never keep the process alive on its own.
  handle.unref();
  return handle;
}
