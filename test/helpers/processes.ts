/**
 * What the interruption tests share: starting the built CLI's apply as a child, finding the
 * installer among its descendants, and killing the whole tree the way a power cut or the OOM
 * killer would (every process frozen first, so nothing reacts, then SIGKILL). All waiting is
 * bounded by a number of polls, never by wall time.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {chmodSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';

import {assertBuilt, REPO} from './cli.js';

export const BIN = path.join(REPO, 'bin', 'run.js');

/** The built CLI as a child whose output is collected (the tests read it after it exits). */
export interface RunningCli {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly done: Promise<{code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string}>;
  /** What it has printed on stderr so far. */
  stderrSoFar(): string;
}

export function startCli(args: readonly string[], env: Record<string, string>): RunningCli {
  assertBuilt();
  const child = spawn(process.execPath, [BIN, ...args], {env: {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? REPO, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string}>((resolve) =>
    child.once('close', (code, signal) => resolve({code, signal, stdout, stderr})),
  );
  if (child.pid === undefined) throw new Error('could not start the CLI');
  return {child, pid: child.pid, done, stderrSoFar: () => stderr};
}

interface ProcessEntry {
  readonly pid: number;
  readonly ppid: number;
  readonly comm: string;
  /** Its session: an installer leads its own (runner.ts ownProcessGroup), a query does not. */
  readonly session: number;
}

function processTable(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      entries.push({pid: Number(name), ppid: Number(fields[1]), comm, session: Number(fields[3])});
    } catch {
      // Exited while we read.
    }
  }
  return entries;
}

/** Every process below `pid`, whatever process group or session it moved to. */
export function descendants(pid: number): ProcessEntry[] {
  const table = processTable();
  const found: ProcessEntry[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift() as number;
    for (const entry of table.filter((e) => e.ppid === parent)) {
      found.push(entry);
      queue.push(entry.pid);
    }
  }
  return found;
}

export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls (5 ms apart, at most `polls` times) for the installer below `pid`: the descendant named
 * `comm` that leads its own session (apply's reads run apt-get and dnf too, in patchplan's
 * session); null when none appeared before `pid` exited.
 */
export async function waitForInstaller(pid: number, comm: string, polls = 4_000): Promise<number | null> {
  for (let i = 0; i < polls; i++) {
    const found = descendants(pid).find((e) => e.comm === comm && e.session === e.pid);
    if (found) return found.pid;
    if (!alive(pid)) return null;
    await pause(5);
  }
  return null;
}

/** SIGSTOP the tree, then SIGKILL every process in it: nothing gets to clean up. */
export function killTree(pid: number): void {
  const tree = [pid, ...descendants(pid).map((e) => e.pid)];
  for (const p of tree) signal(p, 'SIGSTOP');
  for (const p of [...tree, ...descendants(pid).map((e) => e.pid)]) signal(p, 'SIGKILL');
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Gone already.
  }
}

/** A small seeded generator (mulberry32): the same trials on every run, so a failure reproduces. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The planned installs of a saved plan: name → target version. */
export function plannedTargets(planFile: string): Map<string, string> {
  const plan = JSON.parse(readFileSync(planFile, 'utf8')) as {decisions: {name: string; action: string; targetVersion: string | null}[]};
  return new Map(plan.decisions.filter((d) => d.action === 'install' && d.targetVersion !== null).map((d) => [d.name, d.targetVersion as string]));
}

/** apply refuses a plan file others could write: the tests save theirs 0600, as `plan --out` does. */
export function privatePlan(file: string): string {
  chmodSync(file, 0o600);
  return file;
}

/** Polls (10 ms apart, at most `polls` times) until `ready` holds; false if it never did. */
export async function until(ready: () => boolean, polls = 6_000): Promise<boolean> {
  for (let i = 0; i < polls; i++) {
    if (ready()) return true;
    await pause(10);
  }
  return ready();
}
