import {memoryNodeFiles} from '../../helpers/node-files.js';
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import {z} from 'zod';

import {PatchplanError} from '../../../src/errors.js';
import type {AdapterContext, NodeFiles} from '../../../src/managers/adapter.js';
import type {Logger} from '../../../src/core/logger.js';
import type {NodeInfo} from '../../../src/inventory/schema.js';
import type {Argv} from '../../../src/system/runner.js';
import {FakeRunner} from '../../helpers/fake-runner.js';

/** fixtures/apt, whatever the working directory. */
export const APT_FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/apt');

export function fixture(relative: string): string {
  return readFileSync(path.join(APT_FIXTURES, relative), 'utf8');
}

export function fixtureJson(relative: string): unknown {
  return JSON.parse(fixture(relative));
}

/** fixtures/apt/debian-12/python-apt-view.py's output: python-apt's view of a root. */
export const PythonAptViewSchema = z.record(
  z.string(),
  z.object({
    installed: z.string().nullable(),
    candidate: z.string().nullable(),
    versions: z.record(
      z.string(),
      z.object({origins: z.array(z.tuple([z.string(), z.string(), z.string(), z.string(), z.string(), z.string(), z.boolean()])), priority: z.string(), section: z.string()}),
    ),
  }),
);
export type PythonAptView = z.infer<typeof PythonAptViewSchema>;

/** Paths the capture used (fixtures/apt/debian-12/capture.mjs). */
export const CAPTURE_LAB = '/tmp/pp-apt-capture';
export const CAPTURE_ROOT = `${CAPTURE_LAB}/root`;

/** One command as capture.mjs recorded it in `commands.json`. */
const RecordedCommandSchema = z.object({
  argv: z.object({file: z.string(), args: z.array(z.string()), env: z.record(z.string(), z.string())}),
  exitCode: z.number(),
  capture: z.string().nullable(),
  holderPid: z.number().optional(),
});
export type RecordedCommand = z.infer<typeof RecordedCommandSchema>;

export function recordedCommands(dir: string): RecordedCommand[] {
  return z.array(RecordedCommandSchema).parse(fixtureJson(`${dir}/commands.json`));
}

export function readCapture(dir: string, name: string): {stdout: string; stderr: string} {
  const read = (ext: string): string => {
    try {
      return fixture(`${dir}/${name}.${ext}`);
    } catch {
      return '';
    }
  };
  return {stdout: read('stdout'), stderr: read('stderr')};
}

/** Registers every recorded command of a capture directory on the runner, with its real output. */
export function replayCapture(runner: FakeRunner, dir: string, filter: (argv: Argv) => boolean = () => true): FakeRunner {
  const seen = new Set<string>();
  for (const command of recordedCommands(dir)) {
    if (command.capture === null || !filter(command.argv)) continue;
    const key = JSON.stringify([command.argv.file, ...command.argv.args]);
    if (seen.has(key)) continue;
    seen.add(key);
    runner.on(command.argv, {exitCode: command.exitCode, ...readCapture(dir, command.capture)});
  }
  return runner;
}

/** The sandbox lists as the capture saw them, at the absolute paths apt reported. */
export function captureListFiles(): Record<string, string> {
  const dir = path.join(APT_FIXTURES, 'debian-12/collect/lists');
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    files[`${CAPTURE_ROOT}/var/lib/apt/lists/${name}`] = readFileSync(path.join(dir, name), 'utf8');
  }
  return files;
}

/** NodeFiles over a map of absolute paths (directories are listed from the paths under them). */
export function memoryFiles(files: Record<string, string>): NodeFiles & {reads: string[]} {
  return memoryNodeFiles(files);
}

export function recordingLogger(): Logger & {progressLines: string[]; debugLines: string[]} {
  const progressLines: string[] = [];
  const debugLines: string[] = [];
  return {progressLines, debugLines, progress: (m) => progressLines.push(m), debug: (m) => debugLines.push(m)};
}

export function sandboxNode(root = CAPTURE_ROOT): NodeInfo {
  return {
    hostname: 'sandbox',
    machineId: '00000000000000000000000000000000',
    os: {id: 'debian', versionId: '12', name: 'Debian GNU/Linux 12 (bookworm)'},
    operatingSystem: 'DEBIAN',
    product: 'Debian12',
    arch: 'amd64',
    manager: 'apt',
    root,
    rebootPending: false,
  };
}

export function context(runner: FakeRunner, files: NodeFiles, overrides: Partial<AdapterContext> = {}): AdapterContext {
  return {runner, root: CAPTURE_ROOT, files, log: recordingLogger(), lockTimeoutMs: 60_000, env: {}, userId: 0, ...overrides};
}

/** The one line the CLI would print for what `fn` throws (style.md §2: `where: message`). */
export function errorLine(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof PatchplanError) return error.line();
    throw error;
  }
  throw new Error('expected a PatchplanError, nothing was thrown');
}
