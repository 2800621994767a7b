import {cpSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {silentLogger, type Logger} from '../../../src/core/logger.js';
import type {AdapterContext} from '../../../src/managers/adapter.js';
import type {CommandRunner} from '../../../src/system/runner.js';
import {memoryNodeFiles} from '../../helpers/node-files.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/macos');
export const SCENARIO = path.join(FIXTURES, 'replay/sonoma-arm64');

export function fixture(relative: string): string {
  return readFileSync(path.join(FIXTURES, relative), 'utf8');
}

const copies: string[] = [];

/** A copy of the scenario in a temporary directory: replaying it writes calls.jsonl and the `writes` there. */
export function copyScenario(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'patchplan-macos-replay-'));
  copies.push(dir);
  cpSync(SCENARIO, dir, {recursive: true});
  return dir;
}

export function removeCopies(): void {
  for (const dir of copies.splice(0)) rmSync(dir, {recursive: true, force: true});
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
