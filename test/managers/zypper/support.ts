import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import type {AdapterContext, NodeFiles} from '../../../src/managers/adapter.js';
import type {Logger} from '../../../src/core/logger.js';
import type {NodeInfo} from '../../../src/inventory/schema.js';
import type {CommandRunner} from '../../../src/system/runner.js';
import {memoryNodeFiles} from '../../helpers/node-files.js';

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
 * Directory listings (each entry exists; a path listed with no entries is a file, like a pid
 * file) and file bytes, over the shared in-memory NodeFiles, which records every read.
 */
export function memoryFiles(
  dirs: Readonly<Record<string, readonly string[]>>,
  bytes: Readonly<Record<string, Buffer>> = {},
  maxBytes = 1 << 30,
): NodeFiles & {reads: string[]} {
  const files: Record<string, string | Buffer> = {...bytes};
  for (const [dir, entries] of Object.entries(dirs)) {
    if (entries.length === 0) files[dir] ??= '';
    for (const entry of entries) if (!(`${dir}/${entry}` in dirs)) files[`${dir}/${entry}`] ??= '';
  }
  return memoryNodeFiles(files, maxBytes);
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
