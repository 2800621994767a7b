/** Output streams as the views see them: stdout for results, stderr for everything else. */
export interface OutputStream {
  write(text: string): void;
  readonly isTTY: boolean;
  readonly columns: number;
}

export interface Streams {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdinIsTTY: boolean;
  /** Whether stdout's views use colour at all (`colorLevel > 0`; see chooseColorLevel). */
  readonly color: boolean;
  /** chalk's level for stdout: 0 none, 1 16 colours, 2 256, 3 truecolor (chooseColorLevel). */
  readonly colorLevel: ColorLevel;
  /** The same rule for stderr, where the confirmation prompt draws (stdout may be piped to a log). */
  readonly stderrColor: boolean;
  /**
   * The width human views lay their lines out for, piped or not: `COLUMNS` when set, else the
   * terminal's (stdout's, or stderr's when stdout is piped into `less` or a file), else 80.
   */
  readonly width: number;
}

/** Narrower than this, no table is readable: views lay out for at least this many columns. */
export const MIN_WIDTH = 40;
export const DEFAULT_WIDTH = 80;

/**
 * `COLUMNS` wins (the user said so, e.g. `COLUMNS=200 patchplan plan | less -S`), then the
 * first terminal among the given streams; 80 when there is none, as most tools assume.
 */
export function chooseWidth(env: Readonly<Record<string, string | undefined>>, terminals: readonly {isTTY?: boolean; columns?: number}[]): number {
  const fromEnv = /^\d+$/.test(env.COLUMNS ?? '') ? Number(env.COLUMNS) : 0;
  if (fromEnv > 0) return Math.max(MIN_WIDTH, fromEnv);
  const terminal = terminals.find((t) => t.isTTY === true && (t.columns ?? 0) > 0);
  return terminal?.columns !== undefined ? Math.max(MIN_WIDTH, terminal.columns) : DEFAULT_WIDTH;
}

export type ColorLevel = 0 | 1 | 2 | 3;

/**
 * Colour on stdout, in this order (the first that applies decides):
 *
 * 1. `--no-color`: none.
 * 2. `FORCE_COLOR`: `0` or `false` none; `1`, `true` or empty 16 colours, `2` 256, `3`
 *    truecolor; piped or not, so `FORCE_COLOR=1 patchplan plan | less -R` has colour. As in
 *    Node itself, a valid FORCE_COLOR outranks NO_COLOR. Other values are ignored.
 * 3. `NO_COLOR` set and not empty (https://no-color.org): none.
 * 4. Not a terminal, or `TERM=dumb`: none.
 * 5. A terminal: 16 colours, all the views use.
 *
 * The same reading of FORCE_COLOR as chalk's own (supports-color), but from the environment it
 * is given and without sniffing process.argv, so tests and the level chalk is given agree.
 */
export function chooseColorLevel(env: Readonly<Record<string, string | undefined>>, options: {noColorFlag: boolean; isTTY: boolean}): ColorLevel {
  if (options.noColorFlag) return 0;
  const forced = forceColorLevel(env.FORCE_COLOR);
  if (forced !== undefined) return forced;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (!options.isTTY || env.TERM === 'dumb') return 0;
  return 1;
}

function forceColorLevel(value: string | undefined): ColorLevel | undefined {
  if (value === undefined) return undefined;
  if (value === '' || value === 'true') return 1;
  if (value === 'false') return 0;
  if (!/^\d+$/.test(value)) return undefined;
  return Math.min(Number(value), 3) as ColorLevel;
}

function wrap(stream: NodeJS.WriteStream): OutputStream {
  return {
    write: (text) => void stream.write(text),
    get isTTY() {
      return Boolean(stream.isTTY);
    },
    get columns() {
      return stream.columns ?? 100;
    },
  };
}

export function processStreams(options: {noColor: boolean; env: NodeJS.ProcessEnv}): Streams {
  const stdout = wrap(process.stdout);
  const colorLevel = chooseColorLevel(options.env, {noColorFlag: options.noColor, isTTY: stdout.isTTY});
  return {
    stdout,
    stderr: wrap(process.stderr),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    color: colorLevel > 0,
    colorLevel,
    stderrColor: chooseColorLevel(options.env, {noColorFlag: options.noColor, isTTY: Boolean(process.stderr.isTTY)}) > 0,
    width: chooseWidth(options.env, [process.stdout, process.stderr]),
  };
}

/** Captures output in memory (tests, and building a string view). */
export function memoryStreams(options: {stdinIsTTY?: boolean; color?: boolean; colorLevel?: ColorLevel; columns?: number; width?: number} = {}): Streams & {
  out(): string;
  err(): string;
} {
  let out = '';
  let err = '';
  const columns = options.columns ?? 100;
  return {
    stdout: {write: (t) => void (out += t), isTTY: false, columns},
    stderr: {write: (t) => void (err += t), isTTY: false, columns},
    stdinIsTTY: options.stdinIsTTY ?? false,
    color: options.color ?? (options.colorLevel ?? 0) > 0,
    colorLevel: options.colorLevel ?? (options.color === true ? 1 : 0),
    stderrColor: options.color ?? (options.colorLevel ?? 0) > 0,
    width: options.width ?? DEFAULT_WIDTH,
    out: () => out,
    err: () => err,
  };
}
