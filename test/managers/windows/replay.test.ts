import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';

import {describe, expect, it} from 'vitest';
import {z} from 'zod';

import {loadPredefinedBaseline} from '../../../src/baseline/load.js';
import type {PlannedInstall} from '../../../src/core/install.js';
import {evaluateBaseline} from '../../../src/engine/evaluate.js';
import {InventorySchema, type NodeInfo} from '../../../src/inventory/schema.js';
import {scriptArgv} from '../../../src/managers/windows/argv.js';
import {createWindowsAdapter} from '../../../src/managers/windows/index.js';
import type {Argv, CommandRunner, RunOptions, RunResult} from '../../../src/system/runner.js';
import {memoryNodeFiles} from '../../helpers/node-files.js';
import {context, ENV, WINDOWS_FIXTURES} from './support.js';

/**
 * fixtures/windows/replay/server-2022: every command of identify → collect → install →
 * read-back → reboot query, in order, as plain data (the end-to-end test replays the same file).
 */

const SCENARIO = path.join(WINDOWS_FIXTURES, 'replay', 'server-2022');

const CommandsSchema = z.array(
  z.object({
    argv: z.array(z.string()).min(1),
    stdin: z.string().nullable(),
    exitCode: z.number().int(),
    stdoutFile: z.string().nullable(),
    stderrFile: z.string().nullable(),
  }),
);

/** A runner that answers the recorded commands in order and refuses any other command or stdin. */
function replayRunner(): CommandRunner & {remaining: () => number} {
  const commands = CommandsSchema.parse(JSON.parse(readFileSync(path.join(SCENARIO, 'commands.json'), 'utf8')));
  const read = (file: string | null): string => (file === null ? '' : readFileSync(path.join(SCENARIO, file), 'utf8'));
  let next = 0;
  return {
    remaining: () => commands.length - next,
    async run(cmd: Argv, options?: RunOptions): Promise<RunResult> {
      const expected = commands[next];
      if (expected === undefined) throw new Error(`replay: no command left for ${cmd.file}`);
      expect([cmd.file, ...cmd.args], `command ${next}`).toEqual(expected.argv);
      expect(options?.input ?? null, `stdin of command ${next}`).toBe(expected.stdin);
      next++;
      return {exitCode: expected.exitCode, stdout: read(expected.stdoutFile), stderr: read(expected.stderrFile)};
    },
  };
}

/** files/C/Windows/… is the node's C:\Windows\… */
function scenarioFiles() {
  const files: Record<string, string> = {};
  const walk = (dir: string, parts: string[]): void => {
    for (const entry of readdirSync(dir, {withFileTypes: true})) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, [...parts, entry.name]);
      else files[`${parts[0]}:\\${[...parts.slice(1), entry.name].join('\\')}`] = readFileSync(full, 'utf8');
    }
  };
  walk(path.join(SCENARIO, 'files'), []);
  return memoryNodeFiles(files);
}

describe('replay scenario server-2022', () => {
  it('commands.json is what the adapter runs now (else: npx vite-node fixtures/windows/replay/generate.ts)', () => {
    const commands = CommandsSchema.parse(JSON.parse(readFileSync(path.join(SCENARIO, 'commands.json'), 'utf8')));
    const argv = scriptArgv(ENV);
    for (const c of commands) expect(c.argv).toEqual([argv.file, ...argv.args]);
  });

  it('identify → collect → installArgv → install → readInstalled → rebootRequired, consistent end to end', async () => {
    const runner = replayRunner();
    const adapter = createWindowsAdapter();
    const ctx = context(runner, {files: scenarioFiles()});
    expect(await adapter.available(ctx)).toBe(true);

    const identity = await adapter.identify?.(ctx);
    if (identity === undefined) throw new Error('identify is required on Windows');
    const node: NodeInfo = {hostname: 'win-01', ...identity, arch: 'amd64', manager: 'windows', root: '/', rebootPending: false};
    const inventory = InventorySchema.parse({...(await adapter.collect(ctx, node, {refresh: false})), collectedAt: '2026-01-25T00:00:00Z'});

    const {baseline} = loadPredefinedBaseline('AWS-DefaultPatchBaseline');
    const evaluation = evaluateBaseline(inventory, baseline, {now: new Date('2026-01-25T00:00:00Z'), operation: 'Install'});
    const planned: PlannedInstall[] = evaluation.decisions
      .filter((d) => d.action === 'install' && d.targetVersion !== null)
      .map((d) => ({name: d.name, arch: d.arch, version: d.targetVersion ?? ''}));
    expect(planned).toEqual([{name: 'KB5049983', arch: 'amd64', version: '3f1c8a4e-5b2d-4e6f-9a7b-1c2d3e4f5a6b.200'}]);

    expect(await adapter.installArgv(planned, ctx)).toEqual([scriptArgv(ENV)]);
    const run = await adapter.install(planned, ctx);
    expect(run.commands[0]?.result.stdout).toContain('KB5049983 (update 3f1c8a4e-5b2d-4e6f-9a7b-1c2d3e4f5a6b revision 200): Succeeded');

    const after = await adapter.readInstalled(ctx);
    expect(after.find((p) => p.name === 'KB5049983')).toEqual({name: 'KB5049983', arch: 'amd64', installedVersion: planned[0]?.version});
    expect(await adapter.rebootRequired(ctx)).toBe(true);
    expect(runner.remaining()).toBe(0);
  });
});
