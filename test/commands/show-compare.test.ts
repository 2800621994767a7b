import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';

import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {parsePlanText} from '../../src/plan/file.js';
import {displayWidth} from '../../src/views/text.js';
import {REPO, expectOneLineError, lines, runCli} from '../helpers/cli.js';

const INVENTORY = path.join(REPO, 'fixtures/inventories/debian-12.json');
const PLANS = 'fixtures/plans';

let tmp: string;
// Run in the temporary directory, as a reviewer would in theirs: the files are named as typed.
const oldPlan = 'old.json';
const newPlan = 'new.json';
const inTmp = (args: readonly string[], env?: Record<string, string>) => runCli(args, {cwd: tmp, ...(env ? {env} : {})});

/**
 * Two real plans of the same node, made by the built CLI a few weeks apart: the second with a
 * baseline that also approves non-security updates and waits 3 days, NoReboot, and curl
 * excluded by a reviewer.
 */
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'patchplan-show-compare-'));
  const made = await inTmp(['plan', '--inventory', INVENTORY, '--now', '2026-11-01T00:00:00Z', '--out', oldPlan, '--json']);
  expect(made.exitCode).toBe(0);
  const baseline = (await runCli(['baseline', 'show', 'AWS-DebianDefaultPatchBaseline'])).stdout
    .replace('"EnableNonSecurity": false', '"EnableNonSecurity": true')
    .replace('"ApproveAfterDays": 0', '"ApproveAfterDays": 3');
  await writeFile(path.join(tmp, 'baseline.json'), baseline);
  const remade = await inTmp([
    'plan', '--inventory', INVENTORY, '--now', '2026-11-24T00:00:00Z', '--baseline', 'baseline.json',
    '--reboot-option', 'NoReboot', '--exclude', 'curl', '--note', 'breaks the build; INC-42', '--reviewer', 'alice', '--out', newPlan, '--json',
  ]);
  expect(remade.exitCode).toBe(0);
}, 60_000);

afterAll(async () => {
  await rm(tmp, {recursive: true, force: true});
});

describe('patchplan show OLD --compare NEW', () => {
  it('prints one line per changed package, the other changes and the summary, in 80 columns when not on a terminal', async () => {
    const result = await inTmp(['show', oldPlan, '--compare', newPlan]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    const out = lines(result.stdout);
    expect(out).toContain('  + tzdata       2026a-0+deb12u1                    approval-rule (was not-secu…');
    expect(out).toContain('  - curl         7.88.1-10+deb12u14                 excluded by alice: breaks t…');
    expect(out).toContain('  ~ libgnutls30  3.7.9-2+deb12u5 → 3.7.9-2+deb12u6  up');
    expect(out).toContain('  ApprovalRules.PatchRules[0].EnableNonSecurity: false → true');
    expect(out).toContain('Reboot option: RebootIfNeeded → NoReboot');
    expect(out).toContain('Evaluated at: 2026-11-01T00:00:00.000Z → 2026-11-24T00:00:00.000Z');
    expect(out.at(-1)).toBe(`Compared with ${oldPlan}: 6 enter, 1 leaves, 1 moves; baseline changed.`);
    expect(out.filter((line) => displayWidth(line) > 80)).toEqual([]);
  });

  it('uses COLUMNS when set, so the notes show in full', async () => {
    const result = await inTmp(['show', oldPlan, '--compare', newPlan], {COLUMNS: '160'});
    expect(result.exitCode).toBe(0);
    expect(lines(result.stdout)).toContain('  - curl         7.88.1-10+deb12u14                 excluded by alice: breaks the build; INC-42');
  });

  it('--format markdown prints the change-ticket tables with both digests', async () => {
    const [oldDigest, newDigest] = await Promise.all([digestOf(oldPlan), digestOf(newPlan)]);
    const result = await inTmp(['show', oldPlan, '--compare', newPlan, '--format', 'markdown']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.startsWith('## Plan comparison for `web-01`\n')).toBe(true);
    expect(result.stdout).toContain(`| Digest | \`${oldDigest}\` | \`${newDigest}\` |`);
    expect(result.stdout).toContain('| added | `curl` | `7.88.1-10+deb12u14` | alice | breaks the build; INC-42 |');
  });

  it.each([[['--json']], [['--format', 'json']]])('%j prints only the comparison as JSON', async (flags) => {
    const result = await inTmp(['show', oldPlan, '--compare', newPlan, ...flags]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    const document = JSON.parse(result.stdout) as {formatVersion: number; old: {file: string; digest: string}; entered: {name: string}[]; left: {name: string}[]};
    expect(document.formatVersion).toBe(1);
    expect(document.old).toMatchObject({file: oldPlan, digest: await digestOf(oldPlan)});
    expect(document.entered.map((p) => p.name)).toEqual(['base-files', 'docker-ce', 'libsystemd0', 'nginx', 'systemd', 'tzdata']);
    expect(document.left.map((p) => p.name)).toEqual(['curl']);
  });

  it('a plan compared with itself: one line', async () => {
    const result = await inTmp(['show', oldPlan, '--compare', oldPlan]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(`Compared with ${oldPlan}: same versions, same reasons.\n`);
  });
});

describe('patchplan show OLD --compare NEW: refusals and errors', () => {
  const VALID = `${PLANS}/v1-valid.json`;
  const OTHER = `${PLANS}/other-host.json`;

  it('refuses plans for different machines (exit 1), naming both hosts and --force, also under --json', async () => {
    for (const json of [[], ['--json']]) {
      expect(expectOneLineError(await runCli(['show', VALID, '--compare', OTHER, ...json]), 1)).toBe(
        `error: ${OTHER}: the plans are for different machines: ${VALID} is for web-01 (machine 8f2c4e6a1b3d4f5e9a7c0b1d2e3f4a5b), ` +
          `${OTHER} for web-02 (machine 0b5e7d9f1a3c4e6f8a0b2c4d6e8f0a1b); give --force to compare them anyway`,
      );
    }
  });

  it('--force compares them, and says first that the machines differ', async () => {
    const result = await runCli(['show', VALID, '--compare', OTHER, '--force']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(lines(result.stdout)[0]).toBe('These plans are for different machines, web-01 (machine');
    const json = JSON.parse((await runCli(['show', VALID, '--compare', OTHER, '--force', '--json'])).stdout) as {node: {sameMachine: boolean}};
    expect(json.node.sameMachine).toBe(false);
  });

  it.each<[string, string[]]>([
    ['a tampered NEW', [VALID, '--compare', `${PLANS}/tampered-digest.json`]],
    ['a tampered OLD', [`${PLANS}/tampered-digest.json`, '--compare', VALID]],
  ])('refuses %s with exit 3, as show and apply do', async (_name, args) => {
    for (const json of [[], ['--json']]) {
      expect(expectOneLineError(await runCli(['show', ...args, ...json]), 3)).toBe(
        `error: ${PLANS}/tampered-digest.json: digest mismatch: the plan was modified after it was written`,
      );
    }
  });

  it('refuses a NEW of an unknown format version with exit 3', async () => {
    expect(expectOneLineError(await runCli(['show', VALID, '--compare', `${PLANS}/unknown-format.json`]), 3)).toBe(
      `error: ${PLANS}/unknown-format.json: unsupported plan format version 2 (this patchplan reads version 1)`,
    );
  });

  it.each<[string, string[], string]>([
    ['a missing NEW', ['show', VALID, '--compare', 'nope.json'], 'error: nope.json: cannot read: no such file'],
    ['--force without --compare', ['show', VALID, '--force'], 'error: All of the following must be provided when using --force: --compare'],
    ['--json with --format markdown', ['show', VALID, '--compare', VALID, '--json', '--format', 'markdown'], 'error: --format: --json and --format markdown ask for different outputs; give one'],
  ])('%s: exit 1', async (_name, args, expected) => {
    expect(expectOneLineError(await runCli(args), 1)).toBe(expected);
  });
});

async function digestOf(file: string): Promise<string> {
  return parsePlanText(await readFile(path.join(tmp, file), 'utf8'), file).digest;
}
