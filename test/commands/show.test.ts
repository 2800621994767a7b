import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';

import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {parsePlanText} from '../../src/plan/file.js';
import {expectOneLineError, runCli} from '../helpers/cli.js';

const PLANS = 'fixtures/plans';
const VALID = `${PLANS}/v1-valid.json`;

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'patchplan-show-cmd-'));
});
afterAll(async () => {
  await rm(tmp, {recursive: true, force: true});
});

describe('patchplan show', () => {
  it('renders a saved plan for review', async () => {
    const plan = parsePlanText(await readFile(VALID, 'utf8'), VALID);
    const result = await runCli(['show', VALID]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Node      web-01 · Debian GNU/Linux 12 (bookworm) · amd64 · apt');
    expect(result.stdout).toContain(`Plan: ${plan.summary.byAction.install} to install, ${plan.summary.byAction.skip} skipped.`);
  });

  it('renders the same plan `plan` printed when it was made', async () => {
    const out = path.join(tmp, 'plan.json');
    const made = await runCli(['plan', '--inventory', 'fixtures/inventories/debian-12.json', '--now', '2026-11-24', '--out', out]);
    const shown = await runCli(['show', out]);
    expect(shown.exitCode).toBe(0);
    // show adds what only a saved plan has: its approvals (none yet).
    const approvals = '\nApprovals: none (add one with `patchplan approve PLAN --key KEY.pem`)\n';
    expect(shown.stdout).toContain(approvals);
    expect(made.stdout.startsWith(shown.stdout.replace(approvals, ''))).toBe(true);
  });

  it.each([[['--json']], [['--format', 'json']], [['--json', '--format', 'json']]])('%j prints only the plan file object', async (flags) => {
    const result = await runCli(['show', VALID, ...flags]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(await readFile(VALID, 'utf8'));
  });

  it('--format markdown prints a change ticket with the digest', async () => {
    const plan = parsePlanText(await readFile(VALID, 'utf8'), VALID);
    const result = await runCli(['show', VALID, '--format', 'markdown']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.startsWith('## Patch plan for `web-01`\n')).toBe(true);
    expect(result.stdout).toContain(`| Plan digest | \`${plan.digest}\` |`);
  });

  it.each(['other-host.json', 'stale-version.json'])('%s is intact, so it is shown (only apply checks host and staleness)', async (name) => {
    const result = await runCli(['show', `${PLANS}/${name}`]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^Plan: /m);
  });
});

describe('patchplan show: refusals and errors', () => {
  it.each<[string, number, string]>([
    ['tampered-digest.json', 3, `error: ${PLANS}/tampered-digest.json: digest mismatch: the plan was modified after it was written`],
    ['unknown-format.json', 3, `error: ${PLANS}/unknown-format.json: unsupported plan format version 2 (this patchplan reads version 1)`],
  ])('refuses %s with exit %d, also under --json', async (name, code, expected) => {
    for (const json of [[], ['--json']]) {
      expect(expectOneLineError(await runCli(['show', `${PLANS}/${name}`, ...json]), code)).toBe(expected);
    }
  });

  it('refuses a plan edited by hand, even when the edit keeps it valid JSON', async () => {
    const file = path.join(tmp, 'edited.json');
    await writeFile(file, (await readFile(VALID, 'utf8')).replace('"rebootOption": "RebootIfNeeded"', '"rebootOption": "NoReboot"'));
    expect(expectOneLineError(await runCli(['show', file]), 3)).toBe(`error: ${file}: digest mismatch: the plan was modified after it was written`);
  });

  it.each<[string, string, string]>([
    ['broken JSON', '{\n  "formatVersion": 1,\n}\n', ":3:1: invalid JSON: unexpected '}' after ',' (trailing commas are not allowed)"],
    ['an inventory instead of a plan', '{"schemaVersion": 1}', ': not a patchplan plan file (it has no formatVersion)'],
  ])('reports %s as bad input (exit 1) with the file', async (_name, text, suffix) => {
    const file = path.join(tmp, 'bad.json');
    await writeFile(file, text);
    expect(expectOneLineError(await runCli(['show', file]), 1)).toBe(`error: ${file}${suffix}`);
  });

  it.each<[string, string[], string]>([
    ['a missing file', ['show', 'nope.json'], 'error: nope.json: cannot read: no such file'],
    ['no plan argument', ['show'], 'error: Missing 1 required arg: plan The plan file written by `plan --out`.'],
    ['--json with another --format', ['show', VALID, '--json', '--format', 'markdown'], 'error: --format: --json and --format markdown ask for different outputs; give one'],
    ['an unknown format', ['show', VALID, '--format', 'yaml'], 'error: Expected --format=yaml to be one of: human, json, markdown'],
  ])('%s: exit 1', async (_name, args, expected) => {
    expect(expectOneLineError(await runCli(args), 1)).toBe(expected);
  });
});
