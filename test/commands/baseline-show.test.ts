import {describe, expect, it} from 'vitest';

import {loadPredefinedBaseline} from '../../src/baseline/load.js';
import {runCli} from '../helpers/cli.js';

describe('patchplan baseline show', () => {
  it('prints the get-patch-baseline JSON document, ready to save as a baseline file', async () => {
    const result = await runCli(['baseline', 'show', 'AWS-AmazonLinux2023DefaultPatchBaseline']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(loadPredefinedBaseline('AWS-AmazonLinux2023DefaultPatchBaseline').document);
  });

  it('prints name, sha256, the reconstructed flag and the document under --json', async () => {
    const result = await runCli(['baseline', 'show', 'AWS-RaspbianDefaultPatchBaseline', '--json']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    const loaded = loadPredefinedBaseline('AWS-DefaultRaspbianPatchBaseline');
    expect(JSON.parse(result.stdout)).toEqual({
      name: 'AWS-DefaultRaspbianPatchBaseline',
      sha256: loaded.sha256,
      reconstructed: true,
      document: loaded.document,
    });
  });

  it('refuses an unknown id with one line, exit 1, empty stdout', async () => {
    const result = await runCli(['baseline', 'show', 'AWS-NoSuchBaseline', '--json']);
    expect(result).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'error: AWS-NoSuchBaseline: unknown predefined baseline (see `patchplan baseline list`)\n',
    });
  });
});
