import {readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import {execa} from 'execa';

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

let checked = false;

/** Fails with instructions instead of testing an old build (the tests run dist/, not src/). */
function assertBuilt(): void {
  if (checked) return;
  const built = path.join(REPO, 'dist', 'commands', 'plan.js');
  let builtAt: number;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    throw new Error('dist/ is missing: run `npm run build` before the command tests');
  }
  const newest = newestMtime(path.join(REPO, 'src'));
  if (newest > builtAt) throw new Error('dist/ is older than src/: run `npm run build` before the command tests');
  checked = true;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** The one-line error contract: exactly one line, no stack trace. */
export function stderrLines(result: CliResult): string[] {
  return result.stderr.split('\n').filter((line) => line !== '');
}
