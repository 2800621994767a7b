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
  };
}

/** Captures output in memory (tests, and building a string view). */
export function memoryStreams(options: {stdinIsTTY?: boolean; color?: boolean; columns?: number} = {}): Streams & {
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
    out: () => out,
    err: () => err,
  };
}
