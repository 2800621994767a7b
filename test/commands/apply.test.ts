import {chmod, copyFile, mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';

import {describe, expect, it} from 'vitest';

import {runCli, stderrLines, type CliResult} from '../helpers/cli.js';

/**
 * `patchplan apply` through the built CLI, limited to what fails before the node is read:
 * these tests run on a developer's machine, so none of them may reach collection, let alone
 * the installer or a reboot. Installing is covered by the service tests (fake node) and by the
 * integration tests (real apt under --root).
 */

const VALID = 'fixtures/plans/v1-valid.json';

function expectOneLineError(result: CliResult, exitCode: number): string {
  expect(result.exitCode).toBe(exitCode);
  expect(result.stdout).toBe('');
  const lines = stderrLines(result);
  expect(lines).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  return lines[0] ?? '';
}

describe('patchplan apply', () => {
  it('without PLAN, without a TTY and without --auto-approve: exit 1 at once, one line naming --auto-approve', async () => {
    // runCli closes stdin ('ignore'), as a pipeline does.
    const line = expectOneLineError(await runCli(['apply']), 1);
    expect(line).toBe(
      'error: apply: stdin is not a terminal, so the plan cannot be confirmed at a prompt: pass --auto-approve, or save a reviewed plan with `plan --out PLAN` and run `apply PLAN`',
    );
  });

  it('the same under --json: stdout stays empty', async () => {
    const line = expectOneLineError(await runCli(['apply', '--json', '--reboot-option', 'NoReboot']), 1);
    expect(line).toContain('--auto-approve');
  });

  it.each([
    ['tampered-digest.json', 'error: fixtures/plans/tampered-digest.json: digest mismatch: the plan was modified after it was written'],
    ['unknown-format.json', 'error: fixtures/plans/unknown-format.json: unsupported plan format version 2 (this patchplan reads version 1)'],
  ])('refuses %s with exit 3 before reading the node', async (file, expected) => {
    expect(expectOneLineError(await runCli(['apply', `fixtures/plans/${file}`, '--json']), 3)).toBe(expected);
  });

  it.each([
    [['--max-age', '7'], 'error: --max-age: "7" has no unit: use a number with one of s, m, h, d, w (30m, 12h, 7d, 2w) or an ISO 8601 duration such as P7D'],
    [['--max-age', '1M'], 'error: --max-age: "1M" is not a duration: use a number with one of s, m, h, d, w (30m, 12h, 7d, 2w) or an ISO 8601 duration such as P7D'],
    [['--max-age', 'P1M'], 'error: --max-age: "P1M" uses years or months, whose length varies; give days or weeks (P30D, P4W)'],
    [['--lock-timeout', 'soon'], 'error: --lock-timeout: "soon" is not a duration: use a number with one of s, m, h, d, w (30m, 12h, 7d, 2w) or an ISO 8601 duration such as P7D'],
    [['--baseline', 'AWS-DebianDefaultPatchBaseline'], 'error: --baseline: only applies when apply makes the plan itself (no PLAN argument); the plan file already fixes it'],
    [['--refresh'], 'error: --refresh: only applies when apply makes the plan itself (no PLAN argument); the plan file already fixes it'],
  ])('bad flags %j: exit 1, one line naming the flag', async (flags, expected) => {
    expect(expectOneLineError(await runCli(['apply', VALID, ...flags]), 1)).toBe(expected);
  });

  it('PATCHPLAN_MAX_AGE is read like --max-age', async () => {
    const line = expectOneLineError(await runCli(['apply', VALID], {env: {PATCHPLAN_MAX_AGE: 'forever'}}), 1);
    expect(line).toMatch(/^error: --max-age: "forever" is not a duration/);
  });

  it('a plan file that does not exist: exit 1', async () => {
    expect(expectOneLineError(await runCli(['apply', 'no-such-plan.json']), 1)).toBe('error: no-such-plan.json: cannot read: no such file');
  });
});

describe('patchplan apply: who could have written the plan', () => {
  it('refuses a world-writable plan file with exit 3 before anything is read; --insecure-plan-permissions goes on to the next check', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pp-apply-trust-'));
    try {
      const plan = path.join(dir, 'plan.json');
      await copyFile('fixtures/plans/v1-valid.json', plan);
      await chmod(plan, 0o666);
      const line = expectOneLineError(await runCli(['apply', plan]), 3);
      expect(line).toBe(
        `error: ${plan}: not applied: someone other than root or you could have replaced this plan: it is writable by group and others (mode 0666) (chmod go-w, chown, or move it to a directory only you can write; --insecure-plan-permissions skips this check)`,
      );
      // Past the trust check, a short --max-age refuses the plan for its age, still before the node is read.
      expect(expectOneLineError(await runCli(['apply', plan, '--insecure-plan-permissions', '--max-age', '1s']), 3)).toMatch(/more than the maximum age of 1s \(--max-age\)$/);
    } finally {
      await rm(dir, {recursive: true, force: true});
    }
  });
});
