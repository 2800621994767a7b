import {createHash} from 'node:crypto';
import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {afterEach, describe, expect, it} from 'vitest';

import {REPO, runCli, stderrLines, type CliResult} from '../helpers/cli.js';
import {SONOMA_NODE} from '../managers/macos/support.js';

/**
 * The BUILT CLI against a recorded Mac (fixtures/macos/replay/sonoma-arm64, through the hidden
 * test-only `--replay DIR`): macOS Sonoma 14.6 on arm64, patchplan as root, Homebrew at
 * /opt/homebrew owned by `dev`. Each test replays a fresh copy in a sandbox whose HOME, TMPDIR
 * and working directory are its own, so what the CLI writes can be listed: apply may write only
 * inside DIR (calls.jsonl, its journal under state/, and the InstallHistory.plist the
 * softwareupdate recording `writes`).
 */

const SCENARIO = path.join(REPO, 'fixtures/macos/replay/sonoma-arm64');

const BREW_AS_DEV = ['/usr/bin/sudo', '-n', '-u', 'dev', '-H', '--', '/usr/bin/env', 'HOMEBREW_NO_AUTO_UPDATE=1', 'HOMEBREW_NO_ENV_HINTS=1', 'HOMEBREW_NO_COLOR=1', '/opt/homebrew/bin/brew'];
const IOREG = ['/usr/sbin/ioreg', '-rd1', '-c', 'IOPlatformExpertDevice'];
const STAT_OWNER = ['/usr/bin/stat', '-f', '%Su', '/opt/homebrew'];
const PKGS = ['/usr/sbin/pkgutil', '--pkgs'];
const PKG_INFO_ZOOM = ['/usr/sbin/pkgutil', '--pkg-info', 'us.zoom.pkg.videomeeting'];
const BREW_INFO = [...BREW_AS_DEV, 'info', '--json=v2', '--installed'];
const SU_LIST = ['/usr/sbin/softwareupdate', '--list', '--include-config-data'];
const BREW_OUTDATED = [...BREW_AS_DEV, 'outdated', '--json=v2'];

/** identify + collect: what `plan` runs, and what apply runs first to check the plan is current. */
const COLLECT = [IOREG, STAT_OWNER, PKGS, PKG_INFO_ZOOM, BREW_INFO, SU_LIST, BREW_OUTDATED];
/** install: the items mapped again from the node (brew info: a cask is outdated), then the installs, in this order. */
const INSTALL = [
  STAT_OWNER,
  SU_LIST,
  BREW_OUTDATED,
  BREW_INFO,
  [...BREW_AS_DEV, 'upgrade', '--formula', 'git'],
  [...BREW_AS_DEV, 'upgrade', '--cask', 'keepassxc'],
  ['/usr/sbin/softwareupdate', '--no-scan', '--install', 'macOS Sonoma 14.6.1-23G93', 'Safari17.6SonomaAuto-17.6', 'XProtectPlistConfigData_10_15-2193'],
];
/** apply's read-back (rebootRequired reads files only). */
const READ_BACK = [STAT_OWNER, PKGS, PKG_INFO_ZOOM, BREW_INFO];
const REBOOT = ['/sbin/shutdown', '-r', 'now'];

const RESULTS = [
  {name: 'Safari', arch: '', from: '17.5', to: '17.6', status: 'installed', message: null},
  {name: 'XProtectPlistConfigData', arch: '', from: '2192', to: '2193', status: 'installed', message: null},
  {name: 'git', arch: '', from: '2.45.2', to: '2.46.0', status: 'installed', message: null},
  {name: 'keepassxc', arch: '', from: '2.7.8', to: '2.7.9', status: 'installed', message: null},
  {name: 'macOS Sonoma', arch: '', from: '14.6', to: '14.6.1', status: 'installed', message: null},
];

const sandboxes: string[] = [];
afterEach(() => {
  for (const d of sandboxes.splice(0)) rmSync(d, {recursive: true, force: true});
});

interface Sandbox {
  readonly root: string;
  /** The copy of the scenario: --replay DIR. */
  readonly dir: string;
  readonly plan: string;
  readonly run: (args: readonly string[]) => Promise<CliResult>;
}

function sandbox(change?: (dir: string) => void): Sandbox {
  const root = mkdtempSync(path.join(os.tmpdir(), 'patchplan-macos-e2e-'));
  sandboxes.push(root);
  const dir = path.join(root, 'node');
  cpSync(SCENARIO, dir, {recursive: true});
  change?.(dir);
  for (const d of ['home', 'tmp', 'cwd']) mkdirSync(path.join(root, d));
  const env = {HOME: path.join(root, 'home'), TMPDIR: path.join(root, 'tmp')};
  return {root, dir, plan: path.join(root, 'plan.json'), run: (args) => runCli(args, {env, cwd: path.join(root, 'cwd')})};
}

/** Every file under `dir` with a hash of its content, keyed by its relative path. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const entry of readdirSync(d)) {
      const full = path.join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out[path.relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

function calls(dir: string): string[][] {
  const file = path.join(dir, 'calls.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as {argv: string[]; stdin: string | null}).argv);
}

interface PlanJson {
  readonly node: unknown;
  readonly options: {readonly rebootOption: string};
  readonly decisions: readonly {name: string; installedVersion: string | null; action: string; targetVersion: string | null; reason: {code: string; rule: string | null; detail: string}}[];
  readonly summary: {readonly byAction: unknown};
  readonly compliance: {readonly counts: Record<string, number>};
  readonly inventory: {readonly packages: readonly {name: string}[]};
}

async function makePlan(s: Sandbox, extra: readonly string[] = []): Promise<PlanJson> {
  const result = await s.run(['plan', '--replay', s.dir, '--out', s.plan, '--json', ...extra]);
  expect(result.exitCode, result.stderr).toBe(0);
  // Progress and the pinned formula's warning go to stderr; stdout is the plan alone.
  expect(stderrLines(result)).toContain('warning: node is pinned in Homebrew (brew upgrade leaves it); its 22.6.0 is not offered');
  expect(calls(s.dir)).toEqual(COLLECT);
  const plan = JSON.parse(result.stdout) as PlanJson;
  expect(JSON.parse(readFileSync(s.plan, 'utf8'))).toEqual(plan);
  rmSync(path.join(s.dir, 'calls.jsonl'));
  return plan;
}

async function applyPlan(s: Sandbox): Promise<{result: CliResult; json: {results: unknown; reboot: unknown}}> {
  const outside = snapshot(s.root);
  const inside = snapshot(s.dir);
  const result = await s.run(['apply', s.plan, '--replay', s.dir, '--auto-approve', '--json']);
  // Nothing outside DIR changed (HOME, TMPDIR, the working directory, the plan file) …
  const isInDir = (f: string): boolean => f.startsWith(`node${path.sep}`);
  const after = snapshot(s.root);
  expect(Object.fromEntries(Object.entries(after).filter(([f]) => !isInDir(f)))).toEqual(Object.fromEntries(Object.entries(outside).filter(([f]) => !isInDir(f))));
  // … and inside it, only the call log, the journal, and the history softwareupdate "wrote".
  const afterInside = snapshot(s.dir);
  const changed = Object.keys(afterInside).filter((f) => afterInside[f] !== inside[f]);
  expect(changed.filter((f) => !f.startsWith(`state${path.sep}`)).sort()).toEqual(['calls.jsonl', path.join('files', 'Library', 'Receipts', 'InstallHistory.plist')]);
  expect(changed.filter((f) => f.startsWith(`state${path.sep}`))).toEqual([expect.stringMatching(/^state\/var\/lib\/patchplan\/[0-9a-f]{64}\.jsonl$/)]);
  expect(readFileSync(path.join(s.dir, 'files/Library/Receipts/InstallHistory.plist'), 'utf8')).toBe(readFileSync(path.join(SCENARIO, 'install-history-after.plist'), 'utf8'));
  expect(Object.keys(inside).filter((f) => afterInside[f] === undefined)).toEqual([]);
  return {result, json: JSON.parse(result.stdout) as {results: unknown; reboot: unknown}};
}

describe('patchplan plan / show / apply --replay: macOS Sonoma on arm64 (built CLI)', () => {
  it('plan: identifies the Mac through the adapter and plans the five offered updates of installed packages under AWS-MacOSDefaultPatchBaseline', async () => {
    const s = sandbox();
    const plan = await makePlan(s);
    // The node as the adapter test identifies it (the plan keeps no rebootPending).
    const {rebootPending: _, ...node} = SONOMA_NODE;
    expect(plan.node).toEqual(node);
    expect(plan.options.rebootOption).toBe('RebootIfNeeded');
    expect(plan.decisions.map((d) => [d.name, d.installedVersion, d.action, d.targetVersion, d.reason.code, d.reason.rule])).toEqual([
      ['Safari', '17.5', 'install', '17.6', 'approval-rule', 'ApprovalRules.PatchRules[1]'],
      // config data is a security update (DECISION-10): the Security rule approves it first
      ['XProtectPlistConfigData', '2192', 'install', '2193', 'approval-rule', 'ApprovalRules.PatchRules[0]'],
      ['git', '2.45.2', 'install', '2.46.0', 'approval-rule', 'ApprovalRules.PatchRules[1]'],
      ['keepassxc', '2.7.8', 'install', '2.7.9', 'approval-rule', 'ApprovalRules.PatchRules[1]'],
      ['macOS Sonoma', '14.6', 'install', '14.6.1', 'approval-rule', 'ApprovalRules.PatchRules[1]'],
    ]);
    expect(plan.decisions.find((d) => d.name === 'XProtectPlistConfigData')?.reason.detail).toMatch(/security update from softwareupdate\) matched CLASSIFICATION=Security/);
    expect(plan.summary.byAction).toEqual({install: 5, skip: 0});
    // Not decided: the pinned formula `node` (its 22.6.0 is not offered: no version of it is),
    // the up-to-date packages, and Sequoia, an upgrade to another release line that is not
    // installed (NOT_APPLICABLE, counted only).
    expect(plan.decisions.some((d) => d.name === 'node' || d.name === 'macOS Sequoia')).toBe(false);
    expect(plan.compliance.counts).toMatchObject({INSTALLED: 5, MISSING: 5, NOT_APPLICABLE: 1});
  });

  it('plan --exclude: the excluded update is a skip with the reviewer and the note as its reason', async () => {
    const s = sandbox();
    const plan = await makePlan(s, ['--exclude', 'git=2.46.0', '--note', 'held for the CI image', '--reviewer', 'alice']);
    expect(plan.decisions.find((d) => d.name === 'git')).toMatchObject({action: 'skip', targetVersion: null, reason: {code: 'excluded-by-reviewer', detail: 'held for the CI image'}, reviewer: 'alice'});
    expect(plan.summary.byAction).toEqual({install: 4, skip: 1});
  });

  it('show PLAN: the human view lists each install with its versions, the reboot option and the totals', async () => {
    const s = sandbox();
    await makePlan(s);
    const shown = await s.run(['show', s.plan, '--no-color']);
    expect(shown.exitCode, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^Node +build-mac-01 · macOS Sonoma 14\.6 · arm64 · macos$/m);
    expect(shown.stdout).toMatch(/reboot option RebootIfNeeded/);
    for (const line of ['~ Safari  +17\\.5 → 17\\.6 ', '~ XProtectPlistConfigData  2192 → 2193 ', '~ git  +2\\.45\\.2 → 2\\.46\\.0 ', '~ keepassxc  +2\\.7\\.8 → 2\\.7\\.9 ', '~ macOS Sonoma  +14\\.6 → 14\\.6\\.1 ']) {
      expect(shown.stdout).toMatch(new RegExp(`^  ${line}`, 'm'));
    }
    expect(shown.stdout).toMatch(/Needed for: macOS\s+Sonoma/);
    expect(shown.stdout).toMatch(/^Plan: 5 to install, 0 skipped\.$/m);
    expect(calls(s.dir)).toEqual([]); // show reads the plan only
  });

  it('apply (RebootIfNeeded): brew upgrades as the owner, softwareupdate with the exact labels, every package read back installed, then /sbin/shutdown -r now', async () => {
    const s = sandbox();
    await makePlan(s);
    const {result, json} = await applyPlan(s);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(calls(s.dir)).toEqual([...COLLECT, ...INSTALL, ...READ_BACK, REBOOT]);
    expect(json.results).toEqual(RESULTS);
    // The OS update is installed and waits for the restart (InstallHistory 14.6.1, SystemVersion 14.6).
    expect(json.reboot).toEqual({option: 'RebootIfNeeded', required: true, performed: true, reason: 'installed-this-run'});
    expect(stderrLines(result).at(-1)).toBe('Rebooting now (/sbin/shutdown -r now).');
  });

  it('apply of a plan made with --reboot-option NoReboot: the same installs, no reboot command', async () => {
    const s = sandbox();
    const plan = await makePlan(s, ['--reboot-option', 'NoReboot']);
    expect(plan.options.rebootOption).toBe('NoReboot');
    const {result, json} = await applyPlan(s);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(calls(s.dir)).toEqual([...COLLECT, ...INSTALL, ...READ_BACK]);
    expect(json.results).toEqual(RESULTS);
    expect(json.reboot).toEqual({option: 'NoReboot', required: true, performed: false, reason: 'no-reboot-option'});
    expect(result.stderr).not.toContain('Rebooting');
  });

  it('a truncated `brew outdated` JSON: plan and apply exit 1 with one error line naming the command; nothing is installed', async () => {
    const good = sandbox();
    await makePlan(good);
    const truncate = (dir: string): void => {
      const file = path.join(dir, 'brew-outdated.json');
      writeFileSync(file, readFileSync(file, 'utf8').slice(0, 200));
    };
    const bad = sandbox(truncate);
    const command = `${BREW_OUTDATED.join(' ')}: printed invalid JSON`;
    for (const args of [
      ['plan', '--replay', bad.dir, '--json'],
      ['apply', good.plan, '--replay', bad.dir, '--auto-approve', '--json'],
    ]) {
      const result = await bad.run(args);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toMatch(/^\s+at /m);
      // Progress lines come first (stderr is the progress channel); exactly one error line, last.
      const errors = stderrLines(result).filter((l) => l.startsWith('error:'));
      expect(errors).toHaveLength(1);
      expect(stderrLines(result).at(-1)).toBe(errors[0]);
      expect(errors[0]).toContain(command);
      expect(errors[0]).toMatch(/\(truncated output\?\)$/);
      // It stopped at the broken answer: nothing after it ran, no upgrade, no install, no reboot.
      expect(calls(bad.dir)).toEqual(COLLECT);
      rmSync(path.join(bad.dir, 'calls.jsonl'));
    }
    // The run lock came and went; no journal was written.
    expect(existsSync(path.join(bad.dir, 'state')) ? Object.keys(snapshot(path.join(bad.dir, 'state'))) : []).toEqual([]);
  });
});
