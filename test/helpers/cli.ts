import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import {execa} from 'execa';
import {expect} from 'vitest';

/** The repository root: commands run from here, so fixture paths in errors read as in the docs. */
export const REPO = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the BUILT CLI (`node bin/run.js …`, argv array, no shell) the way a user or pipeline
 * does: real process, real exit code, stdout and stderr kept apart. The environment is
 * minimal so a developer's PATCHPLAN_DEBUG or NO_COLOR cannot change what is asserted.
 */
export async function runCli(args: readonly string[], options: {env?: Record<string, string>; cwd?: string} = {}): Promise<CliResult> {
  assertBuilt();
  const result = await execa(process.execPath, [path.join(REPO, 'bin', 'run.js'), ...args], {
    cwd: options.cwd ?? REPO,
    env: {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? REPO, ...options.env},
    extendEnv: false,
    reject: false,
    stripFinalNewline: false,
    stdin: 'ignore',
  });
  return {exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr};
}

/**
 * Fails with instructions instead of a confusing spawn error when nothing is built. It does not
 * compare timestamps with src/: in a shared working tree someone is always editing a file the
 * commands do not use. `npm test` builds first.
 */
function assertBuilt(): void {
  if (!existsSync(path.join(REPO, 'dist', 'commands', 'plan.js'))) {
    throw new Error('dist/ is missing: run `npm run build` before the command tests');
  }
}

/** Lines of a stream's text, without the final newline's empty line; empty lines inside are kept. */
export function lines(text: string): string[] {
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

/** The one-line error contract: exactly one line, no stack trace. */
export function stderrLines(result: CliResult): string[] {
  return result.stderr.split('\n').filter((line) => line !== '');
}

/** Asserts the error contract (the exit code, nothing on stdout, one stderr line, no stack trace) and returns the line. */
export function expectOneLineError(result: CliResult, exitCode: number): string {
  expect(result.exitCode).toBe(exitCode);
  expect(result.stdout).toBe('');
  const lines = stderrLines(result);
  expect(lines).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  return lines[0] ?? '';
}
