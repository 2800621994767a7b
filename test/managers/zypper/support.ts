import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import type {AdapterContext, NodeFiles} from '../../../src/managers/adapter.js';
import type {Logger} from '../../../src/core/logger.js';
import type {NodeInfo} from '../../../src/inventory/schema.js';
import type {CommandRunner} from '../../../src/system/runner.js';

/** fixtures/zypper, whatever the working directory. */
export const ZYPPER_FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/zypper');

export function fixture(relative: string): string {
  return readFileSync(path.join(ZYPPER_FIXTURES, relative), 'utf8');
}

/** The root the lab captures were taken from (fixtures/zypper/SOURCE.md). */
export const CAPTURE_ROOT = '/tmp/zlab/template';
export const HOME = '/tmp/zlab/home';

export function recordingLogger(): Logger & {progressLines: string[]} {
  const progressLines: string[] = [];
  return {progressLines, progress: (m) => progressLines.push(m), debug: () => {}};
}

/**
 * Directory listings (a path listed here also exists) and file bytes, recording every file read;
 * a .gz's bytes stay bytes, which test/helpers/node-files.ts (text) cannot hold.
 */
export function memoryFiles(
  dirs: Readonly<Record<string, readonly string[]>>,
  bytes: Readonly<Record<string, Buffer>> = {},
  maxBytes = 1 << 30,
): NodeFiles & {reads: string[]} {
  const reads: string[] = [];
  const exists = async (f: string): Promise<boolean> => f in dirs || f in bytes;
  return {
    reads,
    maxBytes,
    async readText(file) {
      reads.push(file);
      return null;
    },
    async readBytes(file) {
      reads.push(file);
      return bytes[file] ?? null;
    },
    exists,
    entryExists: exists,
    list: async (d) => [...(dirs[d] ?? [])],
  };
}

export function context(runner: CommandRunner, overrides: Partial<AdapterContext> = {}): AdapterContext {
  return {
    runner,
    root: CAPTURE_ROOT,
    files: memoryFiles({}),
    log: recordingLogger(),
    lockTimeoutMs: 10_000,
    env: {HOME},
    userId: 0,
    ...overrides,
  };
}

export function slesNode(root: string): NodeInfo {
  return {
    hostname: 'sles-lab',
    machineId: '0123456789abcdef0123456789abcdef',
    os: {id: 'sles', versionId: '15.6', name: 'SUSE Linux Enterprise Server 15 SP6'},
    operatingSystem: 'SUSE',
    product: 'Suse15.6',
    arch: 'x86_64',
    manager: 'zypper',
    root,
    rebootPending: false,
  };
}
