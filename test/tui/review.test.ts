import {mkdir, mkdtemp, readFile, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';

import stringWidth from 'string-width';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {PlanRefusedError} from '../../src/errors.js';
import {digestOf} from '../../src/json/canonical-json.js';
import {parsePlanText, readPlanFile} from '../../src/plan/file.js';
import {nodeFileSystem} from '../../src/system/fs.js';
import {expectOneLineError, REPO, runCli} from '../helpers/cli.js';
import {openTerminal, requireTmux, type Terminal} from './tmux.js';

/**
 * `patchplan plan --interactive` in a real terminal: tmux at 80×24 runs the built CLI
 * (`npm run build` first), the test moves, expands, filters, excludes with a note and saves
 * with keys, reads the screen, then reads the saved plan back (verified, the exclusion in it).
 * The screens it reads are kept: in PATCHPLAN_TUI_CAPTURES when set, else in a temporary
 * directory removed afterwards.
 */

const DEBIAN = 'fixtures/inventories/debian-12.json';
const PLAN = ['plan', '--interactive', '--inventory', DEBIAN, '--now', '2026-11-24T00:00:00Z'];

let tmp: string;
let captures: string;
const terminals: Terminal[] = [];

beforeAll(async () => {
  await requireTmux();
  tmp = await mkdtemp(path.join(tmpdir(), 'patchplan-tui-'));
  captures = process.env.PATCHPLAN_TUI_CAPTURES ?? path.join(tmp, 'captures');
  await mkdir(captures, {recursive: true});
});
afterAll(async () => {
  await Promise.all(terminals.map((t) => t.close()));
  await rm(tmp, {recursive: true, force: true});
});

async function review(args: readonly string[], env: Record<string, string> = {}): Promise<Terminal> {
  const terminal = await openTerminal([process.execPath, path.join(REPO, 'bin', 'run.js'), ...PLAN, ...args], {env});
  terminals.push(terminal);
  return terminal;
}

function rows(screen: string): string[] {
  return screen.replace(/\n$/, '').split('\n');
}

describe('plan --interactive in tmux (80×24)', () => {
  it('the review, an exclusion with a note, saving', async () => {
    const out = path.join(tmp, 'p.json');
    const t = await review(['--out', out, '--reviewer', 'alice']);

    const first = await t.waitFor('Install (12)');
    await t.save(captures, '1-list');
    expect(rows(first)).toHaveLength(24);
    for (const row of rows(first)) expect(stringWidth(row)).toBeLessThanOrEqual(80);
    expect(first).toMatch(/^> ~ curl +7\.88\.1-10\+deb12u12 → 7\.88\.1-10\+deb12u14 +rule\[0\]/m);
    expect(first).toContain('Skip: not-security-repo (6)');
    expect(first).toContain('↑↓ move  Enter details  / filter  x exclude  u undo  s save  a apply  q quit');

    await t.keys('j', 'j', 'Down');
    await t.waitFor(/^> ~ libssl3 /m);
    await t.keys('Enter');
    const detail = await t.waitFor('libssl3 (amd64) — install');
    await t.save(captures, '2-details');
    expect(detail).toContain('Target      3.0.18-1~deb12u1');
    expect(detail).toContain('Rule ApprovalRules.PatchRules[0] in the baseline AWS-DebianDefaultPatchBaseline');
    await t.keys('Escape');
    await t.waitFor(/^> ~ libssl3 /m);

    await t.keys('/');
    await t.type('ssl');
    const filtered = await t.waitFor('Install (2 of 12)');
    await t.save(captures, '3-filter');
    expect(filtered).toMatch(/^\/ssl/m);
    await t.keys('Enter');
    await t.waitFor('Filter: ssl.');
    await t.keys('Escape');
    await t.waitFor('Install (12)');

    await t.keys('x');
    await t.waitFor('Why exclude libssl3 3.0.18-1~deb12u1?');
    await t.type('waiting for the vendor fix');
    await t.save(captures, '4-note');
    await t.keys('Enter');
    const excluded = await t.waitFor('1 excluded.');
    await t.save(captures, '5-excluded');
    expect(excluded).toContain('Skip: excluded-by-reviewer (1)');
    expect(excluded).toMatch(/^ {2}x libssl3 +3\.0\.18-1~deb12u1 left out {2}alice: waiting for the/m);
    expect(excluded).toContain('Excluded libssl3 3.0.18-1~deb12u1: waiting for the vendor fix');

    await t.keys('s');
    const saved = await t.waitFor(`Saved the plan to ${out}`);
    await t.save(captures, '6-saved');
    expect(saved).toContain('Saved.');
    await t.keys('q');
    expect(await t.exited()).toBe(0);
    const after = await t.screen({history: true});
    await t.save(captures, '7-after-quit');
    expect(after).toContain('Plan: 11 to install, 7 skipped.');
    expect(after).toContain(`Saved the plan to: ${out}`);

    // The saved plan verifies, carries the exclusion with its note and reviewer, and is 0600.
    const plan = await readPlanFile(out, nodeFileSystem);
    expect(plan.decisions.find((d) => d.name === 'libssl3')).toMatchObject({
      action: 'skip',
      targetVersion: null,
      reason: {code: 'excluded-by-reviewer', rule: null, detail: 'waiting for the vendor fix'},
      reviewer: 'alice',
      excludedVersion: '3.0.18-1~deb12u1',
    });
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    // The digest covers the exclusion: changing its note is detected.
    const text = await readFile(out, 'utf8');
    expect(digestOf(JSON.parse(text))).toBe(plan.digest);
    const tampered = text.replace('waiting for the vendor fix', 'waiting for the vendor fiX');
    expect(() => parsePlanText(tampered, 'p.json')).toThrow(PlanRefusedError);
  });

  it('q without saving writes nothing, even with --out', async () => {
    const out = path.join(tmp, 'never.json');
    const t = await review(['--out', out, '--reviewer', 'alice']);
    await t.waitFor('Install (12)');
    await t.keys('x');
    await t.type('not now');
    await t.keys('Enter');
    await t.waitFor('1 excluded.');
    await t.keys('q');
    expect(await t.exited()).toBe(0);
    const after = await t.screen({history: true});
    expect(after).toContain('Plan: 11 to install, 7 skipped.');
    expect(after).toContain('Review ended without saving: no plan file was written.');
    await expect(stat(out)).rejects.toThrow();
  });

  it('s without --out asks where, and saves there', async () => {
    const out = path.join(tmp, 'typed.json');
    const t = await review(['--reviewer', 'alice']);
    await t.waitFor('Install (12)');
    await t.keys('s');
    await t.waitFor('Save the plan to:');
    await t.type(out);
    await t.keys('Enter');
    await t.waitFor(`Saved the plan to ${out}`);
    await t.keys('q');
    expect(await t.exited()).toBe(0);
    expect((await readPlanFile(out, nodeFileSystem)).summary.byAction).toEqual({install: 12, skip: 6});
  });

  it('NO_COLOR: no colour or attributes at all; the selection is the > marker', async () => {
    const t = await review([], {NO_COLOR: '1'});
    await t.waitFor('Install (12)');
    const screen = await t.screen({escapes: true});
    await t.save(captures, '8-no-color');
    expect(screen).not.toContain('\u001b[');
    expect(screen).toMatch(/^> ~ curl /m);
    await t.keys('q');
    expect(await t.exited()).toBe(0);
  });

  it('with colour the selected row is drawn inverse too', async () => {
    const t = await review([]);
    await t.waitFor('Install (12)');
    const selected = rows(await t.screen({escapes: true})).find((row) => row.includes('> ') && row.includes('curl'));
    expect(selected).toContain('\u001b[7m');
    await t.keys('q');
    expect(await t.exited()).toBe(0);
  });

  it('refuses when stdout is not a terminal, even with stdin one (exit 1, one line)', async () => {
    const log = path.join(tmp, 'piped.txt');
    // A fixed shell line; the only data, the log file, is passed as $0, never spliced in.
    const script = `node bin/run.js ${PLAN.join(' ')} > "$0" 2>&1; echo "exit $?" >> "$0"`;
    const t = await openTerminal(['sh', '-c', script, log]);
    terminals.push(t);
    expect(await t.exited()).toBe(0);
    expect((await readFile(log, 'utf8')).split('\n')).toEqual([
      'error: --interactive: needs a terminal, but stdout is not a terminal: run it in a terminal, or review without it (plan --out PLAN, then --exclude NAME --note TEXT)',
      'exit 1',
      '',
    ]);
  });
});

describe('plan --interactive without a terminal', () => {
  it('refuses at once: exit 1, one line naming --interactive and what is missing', async () => {
    const line = expectOneLineError(await runCli(PLAN), 1);
    expect(line).toBe(
      'error: --interactive: needs a terminal, but stdin and stdout are not terminals: run it in a terminal, or review without it (plan --out PLAN, then --exclude NAME --note TEXT)',
    );
  });

  it('--interactive with --json is a usage error', async () => {
    const line = expectOneLineError(await runCli([...PLAN, '--json']), 1);
    expect(line).toBe('error: --interactive: cannot be combined with --json: the review is for a person at a terminal; --json prints the plan for programs');
  });

  it('writes nothing to --out when it refuses', async () => {
    const out = path.join(tmp, 'refused.json');
    expectOneLineError(await runCli([...PLAN, '--out', out]), 1);
    await expect(stat(out)).rejects.toThrow();
  });
});
