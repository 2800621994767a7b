import {execa} from 'execa';

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
  /** Called with each complete stdout line while the command runs (progress displays). */
  readonly onStdoutLine?: (line: string) => void;
  /** Text fed to stdin; stdin is closed otherwise so nothing can ever wait for input. */
  readonly input?: string;
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

/** Renders argv for logs and error lines; quoting is for humans only, never executed. */
export function describeArgv(cmd: Argv): string {
  const quote = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return [cmd.file, ...cmd.args].map(quote).join(' ');
}

/** The real runner: execa with argv arrays, never a shell, stdin closed, output captured. */
export const execaRunner: CommandRunner = {
  async run(cmd, options = {}) {
    const subprocess = execa(cmd.file, [...cmd.args], {
      shell: false,
      reject: false,
      stripFinalNewline: false,
      env: cmd.env ? {...cmd.env} : undefined,
      extendEnv: true,
      ...(options.input !== undefined ? {input: options.input} : {stdin: 'ignore' as const}),
      ...(options.timeoutMs !== undefined ? {timeout: options.timeoutMs} : {}),
      ...(options.signal ? {cancelSignal: options.signal} : {}),
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
    });
    if (options.onStdoutLine) {
      const onLine = options.onStdoutLine;
      let pending = '';
      subprocess.stdout?.on('data', (chunk: Buffer | string) => {
        pending += chunk.toString();
        let nl = pending.indexOf('\n');
        while (nl >= 0) {
          onLine(pending.slice(0, nl));
          pending = pending.slice(nl + 1);
          nl = pending.indexOf('\n');
        }
      });
    }
    const result = await subprocess;
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
