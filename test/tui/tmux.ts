import {writeFile} from 'node:fs/promises';
import path from 'node:path';

import {execa} from 'execa';

import {assertBuilt, REPO} from '../helpers/cli.js';

/**
 * A real terminal for the review: a detached tmux session of 80×24 on a private server (its own
 * socket, so a developer's tmux is never touched), the built CLI started in it by argv (no
 * shell), keys sent with `send-keys`, the screen read with `capture-pane -p`. Waiting polls the
 * screen until it shows what is expected, with a generous overall deadline, so a busy 2-core
 * machine is slow, not failing.
 */

const POLL_MS = 100;
const EXIT_LINE = /^\[exit (\d+)\]$/m;
/** Per wait; the whole test has its own, larger limit. */
const DEADLINE_MS = 240_000;

export interface Terminal {
  /** Keys by tmux name (`Enter`, `Escape`, `Down`, `j`). */
  keys(...keys: string[]): Promise<void>;
  /** Text typed as is (`send-keys -l`). */
  type(text: string): Promise<void>;
  /**
   * The screen as text, one line per row (`escapes`: with the escape codes of colours and
   * attributes; `history`: with the lines scrolled off the top, as when tmux adds its
   * "Pane is dead" line after the program exits; `joined`: lines the terminal wrapped joined again).
   */
  screen(options?: {escapes?: boolean; history?: boolean; joined?: boolean}): Promise<string>;
  /** Polls until the screen shows `text`; returns that screen. */
  waitFor(text: string | RegExp): Promise<string>;
  /** Polls until the program has exited (its `[exit N]` line is on the screen); its exit status. */
  exited(): Promise<number>;
  /** Writes the current screen to `dir/name.txt` (kept for the review's record). */
  save(dir: string, name: string): Promise<string>;
  close(): Promise<void>;
}

let sessions = 0;

/** Fails with the fix when tmux is missing, instead of a spawn error in every test. */
export async function requireTmux(): Promise<void> {
  const found = await execa('tmux', ['-V'], {reject: false});
  if (found.exitCode !== 0) throw new Error('tmux is needed for the terminal tests: run scripts/install-test-deps.sh (or install tmux)');
}

export async function openTerminal(
  argv: readonly string[],
  options: {
    env?: Record<string, string>;
    size?: {columns: number; rows: number};
    /**
     * The shell that reports the exit status survives Ctrl+C (a trap; the program itself starts
     * with SIGINT at its default), so a test can press Ctrl+C and still read the status.
     */
    ctrlC?: boolean;
  } = {},
): Promise<Terminal> {
  assertBuilt();
  const socket = `patchplan-test-${process.pid}-${++sessions}`;
  const target = 'review';
  const {columns, rows} = options.size ?? {columns: 80, rows: 24};
  const env = {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? REPO, LANG: 'C.UTF-8', TERM: 'xterm-256color', ...options.env};
  const tmux = async (...args: string[]): Promise<string> =>
    (await execa('tmux', ['-u', '-L', socket, '-f', '/dev/null', ...args], {env, extendEnv: false, stripFinalNewline: false})).stdout;

  // The server starts with `env` alone, and the program inherits it. tmux's own record of the
  // exit status (#{pane_dead_status}) is sometimes never filled in once the terminal has
  // closed, so a fixed shell line prints it; the argv reaches the program as "$@", unparsed.
  const line = `${options.ctrlC ? 'trap : INT; ' : ''}"$@"; echo "[exit $?]"`;
  await tmux('new-session', '-d', '-s', target, '-x', String(columns), '-y', String(rows), '-c', REPO, 'sh', '-c', line, 'sh', ...argv);
  // Keep the screen after the program exits, to read what it printed last and its exit status.
  await tmux('set-option', '-t', target, 'remain-on-exit', 'on');

  const screen = async (o: {escapes?: boolean; history?: boolean; joined?: boolean} = {}): Promise<string> =>
    tmux('capture-pane', '-p', ...(o.escapes ? ['-e'] : []), ...(o.history ? ['-S', '-'] : []), ...(o.joined ? ['-J'] : []), '-t', target);
  const poll = async <T>(what: string, check: () => Promise<T | undefined>): Promise<T> => {
    const deadline = Date.now() + DEADLINE_MS;
    for (;;) {
      const found = await check();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`the terminal never showed ${what}; the screen:\n${await screen()}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  };
  return {
    keys: async (...keys) => void (await tmux('send-keys', '-t', target, ...keys)),
    type: async (text) => void (await tmux('send-keys', '-t', target, '-l', text)),
    screen,
    waitFor: (text) =>
      poll(String(text), async () => {
        const now = await screen();
        return (typeof text === 'string' ? now.includes(text) : text.test(now)) ? now : undefined;
      }),
    exited: () =>
      poll('the program exit', async () => {
        const status = EXIT_LINE.exec(await screen({history: true}))?.[1];
        return status === undefined ? undefined : Number(status);
      }),
    save: async (dir, name) => {
      const file = path.join(dir, `${name}.txt`);
      await writeFile(file, await screen({history: true}));
      return file;
    },
    close: async () => {
      await tmux('kill-server').catch(() => undefined);
    },
  };
}
