import os from 'node:os';

import {InputError} from '../errors.js';
import {systemClock, type Clock} from '../system/clock.js';
import {nodeFileSystem, type FileSystem} from '../system/fs.js';
import {inputLimit, oversizeMessage} from '../json/limits.js';
import {fileJournalStore, type JournalStore} from '../system/journal-store.js';
import {boundedNodeFiles, type NodeFiles} from '../system/node-files.js';
import {execaRunner, type CommandRunner} from '../system/runner.js';
import {processStreams, type Streams} from './streams.js';

/**
 * Everything a service may use to touch the world, built once per command. Tests build
 * their own (memory streams, fixed clock) instead of mocking modules.
 */
export interface Runtime {
  readonly clock: Clock;
  readonly fs: FileSystem;
  readonly streams: Streams;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Downloads a text document over https (InstallOverrideList URLs). Optional: tests leave it out. */
  readonly httpGetText?: (url: string) => Promise<string>;
  /** Runs package-manager commands (argv arrays only). Tests inject a recording fake. */
  readonly runner: CommandRunner;
  /** Reads the node's files (os-release, package databases, lists). */
  readonly nodeFiles: NodeFiles;
  /** This machine's host name (used when collecting from `/`). */
  readonly hostname: () => string;
  /** The login name of the user running patchplan ($USER, else the OS's account name); empty when unknown. */
  readonly userName: () => string;
  /** The uid patchplan runs as: plan files are trusted only when root or this user could have written them. */
  readonly userId: () => number;
  /** Apply's journal and per-plan run lock, under the root being patched (tests keep them in memory). */
  readonly journals: JournalStore;
  /** This process's id (recorded in apply's run lock). */
  readonly pid: number;
  /** This machine's architecture as Node names it (`x64`, `arm64`): a live node's `arch`. */
  readonly arch: string;
  /** This machine's OS as Node names it (`linux`, `darwin`, `win32`): how a live node says who it is. */
  readonly platform: NodeJS.Platform;
  /** The process's own terminal, for the interactive views (the review, the apply prompt). */
  readonly terminal: Terminal;
}

export interface Terminal {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
}

const DOWNLOAD_TIMEOUT_MS = 30_000;

/**
 * GET over https only: a redirect to plain http is refused, as it would let anyone on the path
 * change the list. The body is read up to `maxBytes` (json/limits.ts) and no further.
 */
export async function httpsGetText(url: string, maxBytes: number = inputLimit('override list', undefined)): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, {signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS), redirect: 'follow'});
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
    throw new InputError(url, `cannot download: ${cause}`);
  }
  if (!response.url.startsWith('https://')) throw new InputError(url, `cannot download: redirected to ${response.url}, which is not https`);
  if (!response.ok) throw new InputError(url, `cannot download: HTTP ${response.status} ${response.statusText}`.trimEnd());
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new InputError(url, oversizeMessage(declared, maxBytes, 'override list'));
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body ?? []) {
    total += chunk.length;
    if (total > maxBytes) throw new InputError(url, oversizeMessage(null, maxBytes, 'override list'));
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

export function createRuntime(options: {noColor: boolean; maxInputSize?: number | undefined}): Runtime {
  const {maxInputSize} = options;
  return {
    clock: systemClock,
    fs: maxInputSize === undefined ? nodeFileSystem : {...nodeFileSystem, maxInputSize},
    streams: processStreams({noColor: options.noColor, env: process.env}),
    env: process.env,
    cwd: process.cwd(),
    httpGetText: (url) => httpsGetText(url, inputLimit('override list', maxInputSize)),
    runner: execaRunner,
    nodeFiles: boundedNodeFiles(inputLimit('node file', maxInputSize)),
    hostname: () => os.hostname(),
    userName: () => process.env.USER || process.env.LOGNAME || osUserName(),
    userId: () => process.getuid?.() ?? 0,
    journals: fileJournalStore,
    arch: process.arch,
    platform: process.platform,
    pid: process.pid,
    terminal: {stdin: process.stdin, stdout: process.stdout, stderr: process.stderr},
  };
}

function osUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    // A uid without a passwd entry (some containers): there is no name to give.
    return '';
  }
}
