import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import type {AdapterContext} from '../../../src/managers/adapter.js';
import type {Logger} from '../../../src/core/logger.js';
import type {NodeInfo} from '../../../src/inventory/schema.js';
import type {CommandRunner} from '../../../src/system/runner.js';
import {memoryNodeFiles} from '../../helpers/node-files.js';

/** fixtures/windows, whatever the working directory. */
export const WINDOWS_FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/windows');

export function output(name: string): string {
  return readFileSync(path.join(WINDOWS_FIXTURES, 'script-output', name), 'utf8');
}

export const ENV = {SystemRoot: 'C:\\Windows', PROCESSOR_ARCHITECTURE: 'AMD64'};
export const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

export function recordingLogger(): Logger & {progressLines: string[]; debugLines: string[]} {
  const progressLines: string[] = [];
  const debugLines: string[] = [];
  return {progressLines, debugLines, progress: (m) => progressLines.push(m), debug: (m) => debugLines.push(m)};
}

export function context(runner: CommandRunner, overrides: Partial<AdapterContext> = {}): AdapterContext {
  return {
    runner,
    root: '/',
    files: memoryNodeFiles({[POWERSHELL]: ''}),
    log: recordingLogger(),
    lockTimeoutMs: 10_000,
    env: ENV,
    userId: 0,
    ...overrides,
  };
}

/** The node as the service builds it from identify (arch: the adapter's own, amd64). */
export function serverNode(): NodeInfo {
  return {
    hostname: 'win-01',
    machineId: '4c4c4544-0043-3510-8052-b2c04f4e4b32',
    os: {id: 'windows', versionId: '10.0.20348', name: 'Microsoft Windows Server 2022 Datacenter'},
    operatingSystem: 'WINDOWS',
    product: 'WindowsServer2022',
    arch: 'amd64',
    manager: 'windows',
    root: '/',
    rebootPending: false,
  };
}
