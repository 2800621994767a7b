import {cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {afterAll, describe, expect, it} from 'vitest';

import {ApplyResultSchema} from '../../src/apply/result-schema.js';
import {PlanSchema} from '../../src/plan/schema.js';
import {REPO, runCli} from '../helpers/cli.js';

/**
 * Windows through the built CLI: plan → save → show → apply against the recorded Server 2022 node
 * of fixtures/windows/replay/server-2022 (its script outputs), with the hidden test-only
 * `--replay DIR`. Every command apply ran is read back from DIR/calls.jsonl and asserted, the
 * reboot included: nothing runs on this machine.
 */

const SCENARIO = path.join(REPO, 'fixtures/windows/replay/server-2022');
const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
const NOW = '2026-01-25T00:00:00Z';
const CUMULATIVE = {updateId: '3f1c8a4e-5b2d-4e6f-9a7b-1c2d3e4f5a6b', revision: 200};

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, {recursive: true, force: true});
});

interface Recorded {
  readonly argv: readonly string[];
  readonly stdin: string | null;
  readonly exitCode: number;
  readonly stdoutFile: string | null;
}

/** The adapter scenario's recordings, arranged as the CLI flow runs them: plan and apply each identify and scan first. */
function cliScenario(options: {install?: string} = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'patchplan-windows-'));
  dirs.push(dir);
  cpSync(SCENARIO, dir, {recursive: true});
  const recorded = JSON.parse(readFileSync(path.join(SCENARIO, 'commands.json'), 'utf8')) as Recorded[];
  const byMode = (stdin: string, stdoutFile?: string): Recorded => {
    const found = recorded.find((r) => r.stdin?.startsWith(stdin) && (stdoutFile === undefined || r.stdoutFile === stdoutFile));
    if (found === undefined) throw new Error(`no recording for ${stdin}`);
    return found;
  };
  const identify = byMode('{"mode":"identify"');
  const before = byMode('{"mode":"scan"', 'scan-before.json');
  const after = byMode('{"mode":"scan"', 'scan-after.json');
  const install = options.install === undefined ? byMode('{"mode":"install"') : {...byMode('{"mode":"install"'), stdoutFile: options.install};
  const reboot = byMode('{"mode":"rebootRequired"');
  const shutdown = {argv: ['C:\\Windows\\System32\\shutdown.exe', '/r', '/t', '0'], stdin: null, exitCode: 0, stdoutFile: null};
  const flow = [identify, before, identify, before, install, after, reboot, shutdown];
  writeFileSync(path.join(dir, 'commands.json'), JSON.stringify(flow, null, 2));
  writeFileSync(path.join(dir, 'node.json'), JSON.stringify({platform: 'win32', hostname: 'WIN-SRV-01', arch: 'x64', userId: 0, env: {SystemRoot: 'C:\\Windows'}}));
  return dir;
}

function calls(dir: string): {argv: string[]; stdin: string | null}[] {
  return readFileSync(path.join(dir, 'calls.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as {argv: string[]; stdin: string | null});
}

const modeOf = (c: {argv: string[]; stdin: string | null}): string =>
  c.argv[0] === POWERSHELL ? `powershell ${(JSON.parse(c.stdin ?? '{}') as {mode: string}).mode}` : c.argv.join(' ');

describe('Windows: plan → save → show → apply through the built CLI (recorded node)', () => {
  it('plans the approved cumulative update, shows it, applies exactly it and reboots (RebootIfNeeded)', async () => {
    const dir = cliScenario();
    const planFile = path.join(dir, 'plan.json');
    const plan = await runCli(['plan', '--replay', dir, '--baseline', 'AWS-DefaultPatchBaseline', '--now', NOW, '--out', planFile, '--json']);
    // Progress only on stderr (stdout is the plan under --json).
    expect(plan.stderr).toBe('Windows Update: searching for needed and installed updates\n');
    expect(plan.exitCode).toBe(0);
    const saved = PlanSchema.parse(JSON.parse(readFileSync(planFile, 'utf8')));
    expect(saved.node).toMatchObject({hostname: 'WIN-SRV-01', machineId: '4c4c4544-0043-3510-8052-b2c04f4e4b32', manager: 'windows', operatingSystem: 'WINDOWS', product: 'WindowsServer2022', arch: 'amd64', updateSource: {kind: 'microsoft-update'}});
    // The January cumulative update (Critical, 12 days old); .NET is 4 days old (pending), Office
    // and the tools are not approved by the OS rule.
    const kb = 'KB5049983';
    expect(saved.decisions.filter((d) => d.action === 'install').map((d) => [d.name, d.targetVersion])).toEqual([[kb, `${CUMULATIVE.updateId}.${CUMULATIVE.revision}`]]);
    expect(saved.decisions.filter((d) => d.action === 'skip').map((d) => [d.name, d.reason.code])).toEqual([
      ['KB2267602', 'not-approved'],
      ['KB5002700', 'not-approved'],
      ['KB5050187', 'approval-pending'],
      ['KB890830', 'not-approved'],
    ]);
    expect(calls(dir).map(modeOf)).toEqual(['powershell identify', 'powershell scan']);

    const shown = await runCli(['show', planFile]);
    expect(shown.exitCode).toBe(0);
    expect(shown.stdout).toContain(kb);
    expect(shown.stdout).toContain('Microsoft Update (no WSUS server set by Group Policy)');

    const apply = await runCli(['apply', planFile, '--replay', dir, '--auto-approve', '--json']);
    expect(apply.exitCode).toBe(0);
    const result = ApplyResultSchema.parse(JSON.parse(apply.stdout));
    expect(result.results.filter((r) => r.status !== 'skipped').map((r) => [r.name, r.status])).toEqual([[kb, 'installed']]);
    expect(result.reboot).toMatchObject({option: 'RebootIfNeeded', required: true, performed: true});
    const applied = calls(dir).slice(2);
    expect(applied.map(modeOf)).toEqual([
      'powershell identify',
      'powershell scan',
      'powershell install',
      'powershell scan',
      'powershell rebootRequired',
      'C:\\Windows\\System32\\shutdown.exe /r /t 0',
    ]);
    // Exactly the planned update revision, as JSON on stdin: never in the script text.
    expect(applied[2]?.stdin).toBe(JSON.stringify({mode: 'install', updates: [CUMULATIVE]}));
    expect(applied[2]?.argv.slice(1, 7)).toEqual(['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    expect(applied[2]?.argv.join(' ')).not.toContain(kb);
    // The journal stayed in the scenario.
    expect(readdirSync(path.join(dir, 'state/var/lib/patchplan')).length).toBeGreaterThan(0);
  });

  it('NoReboot: installs, reports the pending reboot and runs no shutdown', async () => {
    const dir = cliScenario();
    const planFile = path.join(dir, 'plan.json');
    expect((await runCli(['plan', '--replay', dir, '--baseline', 'AWS-DefaultPatchBaseline', '--now', NOW, '--reboot-option', 'NoReboot', '--out', planFile, '--json'])).exitCode).toBe(0);
    const apply = await runCli(['apply', planFile, '--replay', dir, '--auto-approve', '--json']);
    expect(apply.exitCode).toBe(0);
    expect(ApplyResultSchema.parse(JSON.parse(apply.stdout)).reboot).toMatchObject({option: 'NoReboot', performed: false});
    expect(calls(dir).map(modeOf)).not.toContain('C:\\Windows\\System32\\shutdown.exe /r /t 0');
  });

  it('a truncated script output: one line naming the command, exit 1, nothing installed', async () => {
    const dir = cliScenario();
    writeFileSync(path.join(dir, 'scan-before.json'), readFileSync(path.join(SCENARIO, 'scan-before.json'), 'utf8').slice(0, 200));
    const plan = await runCli(['plan', '--replay', dir, '--baseline', 'AWS-DefaultPatchBaseline', '--now', NOW, '--json']);
    expect(plan.exitCode).toBe(1);
    expect(plan.stdout).toBe('');
    // The progress line, then one error line naming the script's mode and where the document broke.
    const [progress, error, ...rest] = plan.stderr.trimEnd().split('\n');
    expect(progress).toBe('Windows Update: searching for needed and installed updates');
    expect(error).toBe("error: C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe (patchplan script, mode scan): printed a document that is not JSON at offset 199: invalid JSON: unterminated string");
    expect(rest).toEqual([]);
    expect(calls(dir).map(modeOf)).not.toContain('powershell install');
  });
});
