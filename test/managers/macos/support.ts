import {readFileSync, readdirSync, statSync} from 'node:fs';
import path from 'node:path';

import {silentLogger, type Logger} from '../../../src/core/logger.js';
import type {AdapterContext} from '../../../src/managers/adapter.js';
import {describeArgv, type Argv, type CommandRunner, type RunResult} from '../../../src/system/runner.js';
import {memoryNodeFiles} from '../../helpers/node-files.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/macos');
export const SCENARIO = path.join(FIXTURES, 'replay/sonoma-arm64');

export function fixture(relative: string): string {
  return readFileSync(path.join(FIXTURES, relative), 'utf8');
}

/** Every file under `dir`, keyed by its absolute node path (`dir/System/…` → `/System/…`). */
export function nodeFilesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const entry of readdirSync(d)) {
      const full = path.join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out[`/${path.relative(dir, full)}`] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

export interface ReplayEntry {
  readonly argv: readonly string[];
  readonly exitCode: number;
  readonly stdoutFile: string | null;
  readonly stderrFile: string | null;
  readonly user: string | null;
}

export function replayEntries(): ReplayEntry[] {
  return JSON.parse(readFileSync(path.join(SCENARIO, 'commands.json'), 'utf8')) as ReplayEntry[];
}

/** Answers the scenario's commands strictly in order; any other command (or one too many) throws. */
export class ReplayRunner implements CommandRunner {
  next = 0;
  constructor(readonly entries: readonly ReplayEntry[]) {}

  async run(cmd: Argv): Promise<RunResult> {
    const entry = this.entries[this.next];
    const got = JSON.stringify([cmd.file, ...cmd.args]);
    if (entry === undefined) throw new Error(`replay: no command left, got ${describeArgv(cmd)}`);
    if (JSON.stringify(entry.argv) !== got) throw new Error(`replay #${this.next}: expected ${JSON.stringify(entry.argv)}, got ${got}`);
    this.next++;
    const read = (file: string | null): string => (file === null ? '' : readFileSync(path.join(SCENARIO, file), 'utf8'));
    return {exitCode: entry.exitCode, stdout: read(entry.stdoutFile), stderr: read(entry.stderrFile)};
  }
}

export function recordingLogger(): Logger & {progressLines: string[]} {
  const progressLines: string[] = [];
  return {progressLines, progress: (m) => progressLines.push(m), debug: () => {}};
}

export function macContext(runner: CommandRunner, files: Record<string, string>, overrides: Partial<AdapterContext> = {}): AdapterContext {
  return {
    runner,
    root: '/',
    files: memoryNodeFiles(files),
    log: silentLogger,
    lockTimeoutMs: 10_000,
    env: {},
    userId: 0,
    ...overrides,
  };
}

export const SONOMA_NODE = {
  hostname: 'build-mac-01',
  machineId: '4A3B2C1D-0E9F-4A8B-9C7D-6E5F4A3B2C1D',
  os: {id: 'macos', versionId: '14.6', name: 'macOS Sonoma'},
  operatingSystem: 'MACOS' as const,
  product: 'macOS14',
  arch: 'arm64',
  manager: 'macos' as const,
  root: '/',
  rebootPending: false,
};
