import {unevenPieces} from './node-files.js';
import {describeArgv, type Argv, type CommandRunner, type RunOptions, type RunResult} from '../../src/system/runner.js';

/**
 * A CommandRunner for adapter flow tests (style.md §6.9): every expected command is keyed by
 * its exact argv (file + args), answers with recorded output, and anything else throws at
 * once with the list of commands it did expect. Several responses for one argv are used in
 * order and the last one repeats (a lock held for three attempts, then free).
 */

export interface FakeResponse {
  readonly exitCode?: number;
  readonly stdout?: string;
  readonly stderr?: string;
  /** What the command wrote to its status fd (apt's `APT::Status-Fd`), fed to `onStatusLine`. */
  readonly status?: string;
}

export interface FakeCall {
  readonly argv: Argv;
  readonly options: RunOptions | undefined;
}

interface Expectation {
  readonly argv: Argv;
  readonly responses: FakeResponse[];
  /** When set, the command's env must equal it exactly. */
  readonly env: Readonly<Record<string, string>> | undefined;
  used: number;
}

function keyOf(argv: Pick<Argv, 'file' | 'args'>): string {
  return JSON.stringify([argv.file, ...argv.args]);
}

export class FakeRunner implements CommandRunner {
  readonly calls: FakeCall[] = [];
  private readonly expectations = new Map<string, Expectation>();

  /** Expects `argv` (env checked too when the argv carries one); answers with `responses` in order. */
  on(argv: Argv, ...responses: FakeResponse[]): this {
    const key = keyOf(argv);
    if (this.expectations.has(key)) throw new Error(`FakeRunner: ${describeArgv(argv)} is already expected`);
    this.expectations.set(key, {argv, responses: responses.length > 0 ? responses : [{}], env: argv.env, used: 0});
    return this;
  }

  async run(cmd: Argv, options?: RunOptions): Promise<RunResult> {
    this.calls.push({argv: cmd, options});
    const expectation = this.expectations.get(keyOf(cmd));
    if (expectation === undefined) {
      const known = [...this.expectations.values()].map((e) => `  ${describeArgv(e.argv)}`).join('\n');
      throw new Error(`FakeRunner: unexpected command\n  ${describeArgv(cmd)}\nexpected one of:\n${known || '  (none)'}`);
    }
    if (expectation.env !== undefined && JSON.stringify(sorted(cmd.env ?? {})) !== JSON.stringify(sorted(expectation.env))) {
      throw new Error(
        `FakeRunner: ${describeArgv(cmd)} ran with env ${JSON.stringify(sorted(cmd.env ?? {}))}, expected ${JSON.stringify(sorted(expectation.env))}`,
      );
    }
    const response = expectation.responses[Math.min(expectation.used, expectation.responses.length - 1)] ?? {};
    expectation.used++;
    const stdout = response.stdout ?? '';
    feedLines(stdout, options?.onStdoutLine);
    feedLines(response.status ?? '', options?.onStatusLine);
    if (options?.onStdoutChunk) {
      // Handed over in uneven pieces and not kept, as the real runner does.
      for (const piece of unevenPieces(Buffer.from(stdout))) options.onStdoutChunk(piece);
      return {exitCode: response.exitCode ?? 0, stdout: '', stderr: response.stderr ?? ''};
    }
    return {exitCode: response.exitCode ?? 0, stdout, stderr: response.stderr ?? ''};
  }

  /** How often `argv` ran. */
  count(argv: Pick<Argv, 'file' | 'args'>): number {
    return this.expectations.get(keyOf(argv))?.used ?? 0;
  }

  /** Expected commands that never ran (a flow that skipped a step). */
  unused(): string[] {
    return [...this.expectations.values()].filter((e) => e.used === 0).map((e) => describeArgv(e.argv));
  }
}

/** Each line of `text` to `onLine`, as the real runner delivers a stream's lines. */
function feedLines(text: string, onLine: ((line: string) => void) | undefined): void {
  if (onLine === undefined || text === '') return;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) onLine(line);
}

function sorted(env: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
