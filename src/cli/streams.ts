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
  /** Colour is on only for a TTY, without NO_COLOR and without --no-color. */
  readonly color: boolean;
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
  const noColorEnv = options.env.NO_COLOR !== undefined && options.env.NO_COLOR !== '';
  return {
    stdout,
    stderr: wrap(process.stderr),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    color: stdout.isTTY && !options.noColor && !noColorEnv,
    width: chooseWidth(options.env, [process.stdout, process.stderr]),
  };
}

/** Captures output in memory (tests, and building a string view). */
export function memoryStreams(options: {stdinIsTTY?: boolean; color?: boolean; columns?: number; width?: number} = {}): Streams & {
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
    color: options.color ?? false,
    width: options.width ?? DEFAULT_WIDTH,
    out: () => out,
    err: () => err,
  };
}
