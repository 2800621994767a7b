import type {ApplyProgress, ApplyStep} from '../../apply/progress.js';
import type {OutputStream} from '../../cli/streams.js';

/** The progress display of `apply`: on stderr, so stdout holds only the result (and only JSON under --json). */
export interface ProgressDisplay extends ApplyProgress {
  /** Clears the spinner line; call before printing results or an error. Safe to call twice. */
  stop(): void;
}

export interface ProgressOptions {
  /** PATCHPLAN_DEBUG=1: also show debug lines. */
  readonly debug: boolean;
  /** Timers, injectable so a test can drive the spinner without waiting. */
  readonly timers?: {
    setInterval(fn: () => void, ms: number): unknown;
    clearInterval(handle: unknown): void;
  };
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const TICK_MS = 100;
const MAX_LISTED = 5;

/**
 * Not a terminal (CI logs, `2> file`): one plain line per step and per installer line, so
 * the log reads top to bottom. A terminal: the steps as lines, and one spinner line below
 * them that shows the installer's latest line, redrawn in place.
 */
export function createProgressDisplay(stderr: OutputStream, options: ProgressOptions): ProgressDisplay {
  const timers = options.timers ?? {setInterval: defaultSetInterval, clearInterval: (h: unknown) => clearInterval(h as NodeJS.Timeout)};
  const tty = stderr.isTTY;
  let frame = 0;
  let status = '';
  let detail = '';
  let drawn = false;
  let handle: unknown = null;

  const clear = (): void => {
    if (drawn) stderr.write('\r\u001b[2K');
    drawn = false;
  };
  const draw = (): void => {
    if (!tty || status === '') return;
    const text = `${FRAMES[frame % FRAMES.length]} ${status}${detail ? `: ${detail}` : '…'}`;
    stderr.write(`\r\u001b[2K${truncate(text, Math.max(20, stderr.columns - 1))}`);
    drawn = true;
  };
  /** A permanent line, written above the spinner. */
  const line = (text: string): void => {
    clear();
    stderr.write(`${text}\n`);
    draw();
  };
  const startSpinner = (): void => {
    if (!tty || handle !== null) return;
    handle = timers.setInterval(() => {
      frame += 1;
      draw();
    }, TICK_MS);
  };
  const stop = (): void => {
    if (handle !== null) timers.clearInterval(handle);
    handle = null;
    clear();
    status = '';
  };

  return {
    step(event: ApplyStep) {
      if (event.step === 'finished') return stop();
      const text = stepLine(event);
      detail = '';
      line(text);
      // The spinner repeats only the gist, leaving the width for the installer's own words.
      status = spinnerLabel(event);
      startSpinner();
      draw();
    },
    progress(message: string) {
      const text = message.trimEnd();
      if (text === '') return;
      if (tty) {
        detail = text.trim();
        draw();
      } else {
        stderr.write(`  ${text}\n`);
      }
    },
    debug(message: string) {
      if (options.debug) line(`debug: ${message}`);
    },
    stop,
  };
}

function stepLine(event: Exclude<ApplyStep, {step: 'finished'}>): string {
  switch (event.step) {
    case 'planning':
      return 'Planning: reading the node and evaluating the baseline…';
    case 'collecting':
      return "Reading the node's packages to check the plan is still current…";
    case 'installing': {
      const listed = event.packages.slice(0, MAX_LISTED).map((p) => `${p.name} ${p.version}`);
      const more = event.packages.length > MAX_LISTED ? ` and ${event.packages.length - MAX_LISTED} more` : '';
      const noun = event.packages.length === 1 ? 'package' : 'packages';
      return `Installing ${event.packages.length} ${noun} with ${event.manager}: ${listed.join(', ')}${more}…`;
    }
    case 'verifying':
      return 'Reading back the installed versions…';
  }
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
  // The spinner must never keep the process alive on its own.
  handle.unref();
  return handle;
}

function truncate(text: string, width: number): string {
  const chars = Array.from(text);
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join('')}…`;
}
