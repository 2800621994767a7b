import {existsSync, readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import {execa} from 'execa';

/**
 * Runs the built CLI (`node bin/run.js …`) as a child process, the way users run it. The
 * command tests need `npm run build` first (`npm test` does it); they refuse to run against a
 * missing or stale dist/ rather than test old code.
 */

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesDir = path.join(projectRoot, 'fixtures/baselines');

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(args: readonly string[], options: {cwd?: string} = {}): Promise<CliResult> {
  const result = await execa(process.execPath, [path.join(projectRoot, 'bin/run.js'), ...args], {
    cwd: options.cwd ?? projectRoot,
    reject: false,
    // Keep output byte for byte: the tests check that each line ends where it should.
    stripFinalNewline: false,
    // A clean environment: no PATCHPLAN_DEBUG (stack traces), PATCHPLAN_MANAGER or colour from the caller.
    extendEnv: false,
    env: {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1'},
  });
  return {exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr)};
}

/** Throws when dist/ is missing or older than the baseline sources these tests exercise. */
export function assertBuilt(): void {
  const sources = [
    ...listTs(path.join(projectRoot, 'src/baseline')),
    ...listTs(path.join(projectRoot, 'src/commands/baseline')),
    path.join(projectRoot, 'src/services/baseline.ts'),
  ];
  for (const source of sources) {
    const built = path.join(projectRoot, 'dist', path.relative(path.join(projectRoot, 'src'), source)).replace(/\.ts$/, '.js');
    if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` before the command tests`);
    if (statSync(built).mtimeMs < statSync(source).mtimeMs) throw new Error(`${built} is older than ${source}: run \`npm run build\``);
  }
}

function listTs(dir: string): string[] {
  return readdirSync(dir, {recursive: true, encoding: 'utf8'})
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(dir, file));
}

/** Lines of a stream's text, without the final newline's empty line. */
export function lines(text: string): string[] {
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}
