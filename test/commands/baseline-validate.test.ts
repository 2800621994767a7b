import {readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';

import {describe, expect, it} from 'vitest';

import {lines, REPO, runCli} from '../helpers/cli.js';

const fixturesDir = path.join(REPO, 'fixtures/baselines');
const invalidDir = path.join(fixturesDir, 'invalid');
const validDir = path.join(fixturesDir, 'valid');

describe('patchplan baseline validate', () => {
  it('prints "FILE: valid (…)" for a valid file, nothing on stderr, exit 0', async () => {
    const result = await runCli(['baseline', 'validate', 'get-patch-baseline-al2023-iso-dates.json'], {cwd: validDir});
    expect(result).toEqual({
      exitCode: 0,
      stdout: 'get-patch-baseline-al2023-iso-dates.json: valid (AMAZON_LINUX_2023, 2 rules, 1 global filter, 3 approved, 1 rejected, 0 warnings)\n',
      stderr: '',
    });
  });

  it('prints only JSON on stdout under --json', async () => {
    const result = await runCli(['baseline', 'validate', 'baseline-override.json', '--json'], {cwd: validDir});
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      file: 'baseline-override.json',
      valid: true,
      name: 'al2023-security',
      operatingSystem: 'AMAZON_LINUX_2023',
      rules: 1,
      globalFilters: 0,
      approvedPatches: 0,
      rejectedPatches: 0,
      sources: 0,
      warnings: [],
    });
    expect(JSON.parse(result.stdout).sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.stderr).toBe('');
  });

  it.each(readdirSync(invalidDir).filter((f) => f.endsWith('.json')).sort())(
    'invalid/%s: exit 1, empty stdout, exactly the expected line on stderr',
    async (file) => {
      const expected = readFileSync(path.join(invalidDir, file.replace(/\.json$/, '.error.txt')), 'utf8').trimEnd();
      const result = await runCli(['baseline', 'validate', file], {cwd: invalidDir});
      expect(result).toEqual({exitCode: 1, stdout: '', stderr: `error: ${expected}\n`});
    },
  );

  it('keeps stdout empty on error under --json', async () => {
    const result = await runCli(['baseline', 'validate', 'too-many-rules.json', '--json'], {cwd: invalidDir});
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toEqual(['error: too-many-rules.json: ApprovalRules.PatchRules: at most 10 rules (found 11)']);
  });

  it('--lenient turns a DECISION-8 key into warnings on stderr', async () => {
    const result = await runCli(['baseline', 'validate', 'filter-key-name-strict.json', '--lenient'], {cwd: invalidDir});
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('filter-key-name-strict.json: valid (AMAZON_LINUX_2023, 1 rule, 0 global filters, 0 approved, 0 rejected, 2 warnings)\n');
    expect(lines(result.stderr)).toEqual([
      'warning: filter-key-name-strict.json: ApprovalRules.PatchRules[0].PatchFilterGroup.PatchFilters[1].Key: NAME is not a baseline filter key for AMAZON_LINUX_2023; evaluated as an exact-or-* match because of --lenient',
      'warning: filter-key-name-strict.json: ApprovalRules.PatchRules[0].PatchFilterGroup.PatchFilters[1].Values[0]: "openssl*" is matched literally (only a lone "*" is a wildcard)',
    ]);
  });

  it('reports a file that cannot be read in one line', async () => {
    const result = await runCli(['baseline', 'validate', 'does-not-exist.json']);
    expect(result).toEqual({exitCode: 1, stdout: '', stderr: 'error: does-not-exist.json: cannot read: no such file\n'});
  });

  it('reports a missing argument in one line without a stack trace', async () => {
    const result = await runCli(['baseline', 'validate']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^error: Missing 1 required arg/);
  });
});
