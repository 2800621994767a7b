
import {ManagerUnavailableError} from '../errors.js';

/**
 * A command as data: an absolute (or PATH-resolved) program and its argv. There is no shell
 * anywhere in patchplan: package names, versions and repository fields only ever travel as
 * single argv elements.
 */
export interface Argv {
  readonly file: string;
  readonly args: readonly string[];
  /** Extra environment for this command (merged over the process environment). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface RunOptions {
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Called with each stdout line while the command runs (progress displays). */
  readonly onStdoutLine?: (line: string) => void;
  /**
   * Hands stdout over in pieces as they arrive (of any size, only valid during the call) instead
   * of keeping it: the result's stdout is then empty, so a command printing 50 MB (an apt list
   * unpacked by apt-helper) never sits in memory whole. A callback that throws kills the command,
   * and the run throws that error once the command has ended.
   */
  readonly onStdoutChunk?: (chunk: Uint8Array) => void;
  /**
   * Opens file descriptor STATUS_FD (3) in the child as a pipe and calls this with each line the
   * child writes to it while it runs: apt's `-o APT::Status-Fd=3` machine-readable progress.
   * Without it the child has no fd 3, so a status option pointing there writes nowhere.
   */
  readonly onStatusLine?: (line: string) => void;
  /** Text fed to stdin; stdin is closed otherwise so nothing can ever wait for input. */
  readonly input?: string;
  /**
   * Installers: run the command in a process group (and session) of its own, so a terminal's
   * Ctrl+C reaches patchplan only; patchplan then decides what the command gets (`stop`, `abort`).
   */
  readonly ownProcessGroup?: boolean;
  /**
   * When aborted, `stopWith` is sent to the command's own process (not its group): the
   * installer's request to finish what it is doing and exit at a safe point.
   */
  readonly stop?: AbortSignal;
  readonly stopWith?: 'SIGINT' | 'SIGTERM';
  /** When aborted, the command's whole process group is killed (SIGKILL) at once. */
  readonly abort?: AbortSignal;
}

/** A finished command. A non-zero exit is data for the adapter to interpret, not a throw. */
export interface RunResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the process was killed (timeout, abort). */
  readonly signal?: string | undefined;
  readonly timedOut?: boolean;
}

export interface CommandRunner {
  run(cmd: Argv, options?: RunOptions): Promise<RunResult>;
}

/** The child's file descriptor that `onStatusLine` reads (the first one after stdin, stdout, stderr). */
export const STATUS_FD = 3;

/** Renders argv for logs and error lines; quoting is for humans only, never executed. */
export function describeArgv(cmd: Argv): string {
  const quote = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return [cmd.file, ...cmd.args].map(quote).join(' ');
}

/** The real runner: execa with argv arrays, never a shell, stdin closed, output captured. */
export const execaRunner: CommandRunner = {
  async run(cmd, options = {}) {
    const stdin = options.input !== undefined ? 'pipe' : 'ignore';
    // Loaded on the first command: an offline plan, --version or a --help never pays for execa.
    const {execa} = await import('execa');
    const subprocess = execa(cmd.file, [...cmd.args], {
      shell: false,
      reject: false,
      stripFinalNewline: false,
      env: cmd.env ? {...cmd.env} : undefined,
      extendEnv: true,
      // stdio entries replace the stdin option; fd 3 exists only for a status reader.
      stdio: options.onStatusLine ? [stdin, 'pipe', 'pipe', 'pipe'] : [stdin, 'pipe', 'pipe'],
      ...(options.input !== undefined ? {input: options.input} : {}),
      ...(options.timeoutMs !== undefined ? {timeout: options.timeoutMs} : {}),
      ...(options.signal ? {cancelSignal: options.signal} : {}),
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      ...(options.onStdoutChunk ? {buffer: {stdout: false}} : {}),
      ...(options.ownProcessGroup ? {detached: true} : {}),
    });
    const detach = forwardInterrupts(subprocess, options);
    const readers: Promise<void>[] = [];
    if (options.onStdoutLine) readers.push(forEachLine(subprocess.iterable({from: 'stdout'}), options.onStdoutLine));
    if (options.onStatusLine) readers.push(forEachLine(subprocess.iterable({from: `fd${STATUS_FD}`}), options.onStatusLine));
    if (options.onStdoutChunk) readers.push(forEachChunk(subprocess, options.onStdoutChunk));
    const [result] = await Promise.all([subprocess, ...readers]).finally(detach);
    const failedToStart = result.exitCode === undefined && !result.signal && !result.timedOut;
    if (failedToStart) {
      const code = (result.cause as {code?: string} | undefined)?.code;
      if (code === 'ENOENT') throw new ManagerUnavailableError(cmd.file, 'not found (is the package manager installed?)');
      if (code === 'EACCES') throw new ManagerUnavailableError(cmd.file, 'permission denied');
      throw new ManagerUnavailableError(cmd.file, `could not start: ${result.shortMessage}`);
    }
    return {
      exitCode: result.exitCode ?? -1,
      stdout: String(result.stdout ?? ''),
      stderr: String(result.stderr ?? ''),
      signal: result.signal ?? undefined,
      timedOut: result.timedOut,
    };
  },
};

/**
 * Wires `stop` and `abort` to the running child; returns the function that unwires them. The
 * group kill needs `ownProcessGroup` (the child is then its group's leader, pid = pgid):
 * without it, `-pid` would not name a group, so only the child itself is killed.
 */
function forwardInterrupts(child: {readonly pid?: number | undefined; kill(signal: NodeJS.Signals): boolean}, options: RunOptions): () => void {
  const onStop = (): void => {
    child.kill(options.stopWith ?? 'SIGINT');
  };
  const onAbort = (): void => {
    if (child.pid === undefined) return;
    try {
      if (options.ownProcessGroup) process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  };
  if (options.stop?.aborted) onStop();
  else options.stop?.addEventListener('abort', onStop, {once: true});
  if (options.abort?.aborted) onAbort();
  else options.abort?.addEventListener('abort', onAbort, {once: true});
  return () => {
    options.stop?.removeEventListener('abort', onStop);
    options.abort?.removeEventListener('abort', onAbort);
  };
}

/** Feeds the child's stdout to `onChunk` as it arrives; a callback that throws kills the child. */
async function forEachChunk(child: {readonly stdout: NodeJS.ReadableStream | null; kill(signal?: NodeJS.Signals): boolean}, onChunk: (chunk: Uint8Array) => void): Promise<void> {
  const stdout = child.stdout;
  if (stdout === null) return;
  let callbackError: {error: unknown} | null = null;
  await new Promise<void>((resolve) => {
    stdout.on('data', (chunk: Uint8Array) => {
      if (callbackError !== null) return;
      try {
        onChunk(chunk);
      } catch (error) {
        callbackError = {error};
        child.kill('SIGKILL');
      }
    });
    // An error (the child could not start) just ends the stream: the run's result reports it.
    stdout.on('error', () => resolve());
    stdout.on('end', () => resolve());
    stdout.on('close', () => resolve());
  });
  if (callbackError !== null) throw (callbackError as {error: unknown}).error;
}

/**
 * Feeds each line of a running child's stream to `onLine` (a last line without a newline
 * too). A stream that fails (the child could not start) just ends: the result of the run
 * reports the failure. A callback that throws is a bug: the lines are still drained, so the
 * child never blocks on a full pipe, and the error is thrown once the stream has ended.
 */
async function forEachLine(lines: AsyncIterable<unknown>, onLine: (line: string) => void): Promise<void> {
  let callbackError: {error: unknown} | null = null;
  try {
    for await (const line of lines) {
      if (callbackError !== null) continue;
      try {
        onLine(String(line));
      } catch (error) {
        callbackError = {error};
      }
    }
  } catch {
    // The awaited subprocess result carries the error.
  }
  if (callbackError !== null) throw callbackError.error;
}
