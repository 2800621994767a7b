import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import type {AdapterContext, NodeFiles} from '../../../src/managers/adapter.js';
import type {NodeInfo} from '../../../src/inventory/schema.js';
import type {FakeRunner} from '../../helpers/fake-runner.js';
import {memoryNodeFiles} from '../../helpers/node-files.js';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures');

export function fixture(relative: string): string {
  return readFileSync(path.join(FIXTURES, relative), 'utf8');
}

/** One captured command of fixtures/dnf/lab-al2023 (capture.sh). */
export function captured(dir: string, name: string): {exitCode: number; stdout: string; stderr: string} {
  return {
    exitCode: Number(fixture(`${dir}/${name}.exit`).trim()),
    stdout: fixture(`${dir}/${name}.stdout`),
    stderr: fixture(`${dir}/${name}.stderr`),
  };
}

/** Files by absolute path; directories are listed from the paths under them. */
export function memoryFiles(files: Record<string, string>): NodeFiles {
  return memoryNodeFiles(files);
}

export function context(runner: FakeRunner, files: NodeFiles, overrides: Partial<AdapterContext> = {}): AdapterContext {
  return {
    runner,
    root: '/ROOTDIR',
    files,
    log: {progress: () => {}, debug: () => {}},
    lockTimeoutMs: 60_000,
    env: {HOME: '/LAB/home', PATH: '/usr/bin'},
    userId: 0,
    ...overrides,
  };
}

export const NODE: NodeInfo = {
  hostname: 'lab-al2023',
  machineId: '0123456789abcdef0123456789abcdef',
  os: {id: 'amzn', versionId: '2023', name: 'Amazon Linux 2023'},
  operatingSystem: 'AMAZON_LINUX_2023',
  product: 'AmazonLinux2023',
  arch: 'x86_64',
  manager: 'dnf',
  root: '/ROOTDIR',
  rebootPending: false,
};
