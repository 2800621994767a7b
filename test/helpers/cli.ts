import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import {execa} from 'execa';
import {expect} from 'vitest';

// @ts-expect-error: a plain ES module script (bin/), no type declarations.
import {sourceDigest} from '../../bin/source-digest.js';

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
 * Fails with instructions when nothing is built, or when dist/ was built from other sources than
 * src/ holds now (bin/source-digest.js; compared once per test process): a stale build would
 * test old code and pass. `npm test` builds first.
 */
let builtChecked = false;
export function assertBuilt(): void {
  if (builtChecked) return;
  const stamp = path.join(REPO, 'dist', '.source-digest');
  if (!existsSync(path.join(REPO, 'dist', 'commands', 'plan.js')) || !existsSync(stamp)) {
    throw new Error('dist/ is missing: run `npm run build` before the command tests');
  }
  if (readFileSync(stamp, 'utf8').trim() !== sourceDigest(REPO)) {
    throw new Error('dist/ is older than src/ (built from other sources): run `npm run build` before the command tests');
  }
  builtChecked = true;
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
