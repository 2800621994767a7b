import {appendFileSync, copyFileSync, mkdirSync, readFileSync} from 'node:fs';
import path from 'node:path';

import {z} from 'zod';

import {ExternalCommandError, InputError} from '../errors.js';
import type {JournalStore} from './journal-store.js';
import type {NodeFiles} from './node-files.js';
import {describeArgv, type Argv, type CommandRunner, type RunOptions, type RunResult} from './runner.js';

/**
 * A recorded node, replayed: what lets the built CLI plan and apply for systems that cannot run
 * here (macOS, Windows) with their tools' real outputs (issue 13). Chosen only by the hidden,
 * test-only `--replay DIR` flag, never from the environment. A scenario directory holds:
 *
 *   node.json       {"platform": "darwin", "hostname": …, "arch": "arm64", "userId": 0, "env": {…}}
 *   commands.json   [{"argv": [file, …args], "stdin": text|null, "exitCode": 0,
 *                     "stdoutFile": "x.txt"|null, "stderrFile": null,
 *                     "writes": {"/node/path": "file-in-scenario"}}, …]
 *   files/          the node's files at their absolute paths (C:\Windows\x → files/C/Windows/x)
 *
 * Each command run takes the first unused recording with the same argv (and the same stdin when
 * one is recorded), so a command recorded twice answers twice in order, across processes (the
 * calls an earlier `plan` logged have used their recordings when `apply` starts); an argv that was
 * not recorded fails at once (exit 1, naming it). A recording's `writes` are the node files the
 * command changed (an installer's history, a package database): once it is answered, each
 * scenario file is copied over files/<node path>, so what is read afterwards is the node as the
 * command left it. Every command run is appended to calls.jsonl in the scenario directory,
 * which is how a test asserts what apply would have run, the reboot included. Both write into
 * the scenario, so tests replay a copy of it. Nothing is ever executed.
 */

/** `/Library/x` or `C:\Windows\x`: where the node keeps the file (checked here: zod's record keys keep no message of their own). */
function nodePathProblem(p: string): string | null {
  if (!/^(?:\/|[A-Za-z]:\\)/.test(p)) return 'must be an absolute node path (/… or C:\\…)';
  return p.split(/[\\/]/).includes('..') ? 'must not contain ..' : null;
}

/** A file inside the scenario directory, by a relative path that stays inside it. */
const ScenarioFileSchema = z
  .string()
  .min(1)
  .refine((p) => !path.isAbsolute(p) && !p.split(/[\\/]/).includes('..'), 'must be a path inside the scenario directory');

const RecordedCommandSchema = z
  .object({
    argv: z.array(z.string()).min(1),
    stdin: z.string().nullable().optional(),
    exitCode: z.number().int(),
    stdoutFile: z.string().nullable().optional(),
    stderrFile: z.string().nullable().optional(),
    /** Informational: whose account the command runs as (it is in the argv itself, sudo -u). */
    user: z.string().nullable().optional(),
    /** Node files the command leaves changed: absolute node path → file in the scenario directory. */
    writes: z
      .record(z.string(), ScenarioFileSchema)
      .superRefine((writes, ctx) => {
        for (const key of Object.keys(writes)) {
          const problem = nodePathProblem(key);
          if (problem !== null) ctx.addIssue({code: 'custom', path: [key], message: problem});
        }
      })
      .optional(),
  })
  .strict();

const ReplayNodeSchema = z
  .object({
    platform: z.enum(['darwin', 'win32', 'linux']),
    hostname: z.string().min(1),
    arch: z.string().min(1),
    userId: z.number().int().nonnegative(),
    env: z.record(z.string(), z.string()).default({}),
  })
  .strict();

export type ReplayNode = z.infer<typeof ReplayNodeSchema>;
type RecordedCommand = z.infer<typeof RecordedCommandSchema>;

export interface ReplayCall {
  readonly argv: readonly string[];
  readonly stdin: string | null;
}

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(file, `cannot read the replay scenario: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(file, `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export function readReplayNode(dir: string): ReplayNode {
  return readJson(path.join(dir, 'node.json'), ReplayNodeSchema);
}

export function replayRunner(dir: string): CommandRunner {
  const recorded = readJson(path.join(dir, 'commands.json'), z.array(RecordedCommandSchema));
  const used = new Set<number>();
  const take = (argv: readonly string[], stdin: string | null): RecordedCommand | undefined => {
    const index = recorded.findIndex((r: RecordedCommand, i) => !used.has(i) && sameArgv(r.argv, argv) && (r.stdin == null || r.stdin === stdin));
    if (index !== -1) used.add(index);
    return recorded[index];
  };
  // One node across processes: `plan` and then `apply` each run the CLI anew, and what an
  // earlier process ran (calls.jsonl) has consumed its recordings.
  for (const call of earlierCalls(dir)) take(call.argv, call.stdin);
  const output = (name: string | null | undefined): string => (name ? readFileSync(path.join(dir, name), 'utf8') : '');
  return {
    async run(cmd: Argv, options: RunOptions = {}): Promise<RunResult> {
      const argv = [cmd.file, ...cmd.args];
      const stdin = options.input ?? null;
      appendFileSync(path.join(dir, 'calls.jsonl'), `${JSON.stringify({argv, stdin} satisfies ReplayCall)}\n`);
      const entry = take(argv, stdin);
      if (entry === undefined) throw new ExternalCommandError(describeArgv(cmd), 'no recorded answer in the replay scenario (test only)');
      const stdout = output(entry.stdoutFile);
      for (const line of stdout.split('\n')) if (line !== '') options.onStdoutLine?.(line);
      const result = {exitCode: entry.exitCode, stdout, stderr: output(entry.stderrFile)};
      for (const [nodePath, file] of Object.entries(entry.writes ?? {})) {
        const target = replayPath(dir, nodePath);
        mkdirSync(path.dirname(target), {recursive: true});
        copyFileSync(path.join(dir, file), target);
      }
      return result;
    },
  };
}

function earlierCalls(dir: string): ReplayCall[] {
  let text: string;
  try {
    text = readFileSync(path.join(dir, 'calls.jsonl'), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as ReplayCall);
}

function sameArgv(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Where the scenario keeps a node path: `/Library/x` → files/Library/x, `C:\Windows\x` → files/C/Windows/x. */
export function replayPath(dir: string, file: string): string {
  const posix = file.replace(/\\/g, '/').replace(/^([A-Za-z]):/, '$1');
  return path.join(dir, 'files', posix);
}

/** The node's files, read from the scenario's files/ with the same bounds as the real ones. */
export function replayNodeFiles(dir: string, real: NodeFiles): NodeFiles {
  const at = (file: string): string => replayPath(dir, file);
  return {
    maxBytes: real.maxBytes,
    readText: (file) => real.readText(at(file)),
    readBytes: (file) => real.readBytes(at(file)),
    readChunks: (file, onChunk) => real.readChunks(at(file), onChunk),
    exists: (file) => real.exists(at(file)),
    entryExists: (file) => real.entryExists(at(file)),
    list: (d) => real.list(at(d)),
  };
}

/** Apply's journal and run lock for the replayed node, under the scenario's state/ (never the host's). */
export function replayJournals(dir: string, real: JournalStore): JournalStore {
  const state = path.join(dir, 'state');
  return {
    read: (_root, digest) => real.read(state, digest),
    append: (_root, digest, line) => real.append(state, digest, line),
    tryLock: (_root, digest, holder) => real.tryLock(state, digest, holder),
    location: (_root, digest) => real.location(state, digest),
  };
}
