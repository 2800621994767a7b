import {lstat, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';

import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {fingerprintOf, parsePublicKeyPem} from '../../src/approval/keys.js';
import {expectOneLineError, lines, runCli} from '../helpers/cli.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'patchplan-keygen-cmd-'));
});
afterAll(async () => {
  await rm(tmp, {recursive: true, force: true});
});

describe('patchplan keygen', () => {
  it('writes NAME.key (0600) and NAME.pub (0644) and prints the fingerprint', async () => {
    const result = await runCli(['keygen', '--out', 'alice'], {cwd: tmp});
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect((await lstat(path.join(tmp, 'alice.key'))).mode & 0o777).toBe(0o600);
    expect((await lstat(path.join(tmp, 'alice.pub'))).mode & 0o777).toBe(0o644);
    const publicKey = parsePublicKeyPem(await readFile(path.join(tmp, 'alice.pub'), 'utf8'));
    if (typeof publicKey === 'string') throw new Error(publicKey);
    // 80 columns (no terminal, no COLUMNS): wrapped at word boundaries, the fingerprint kept whole below its label.
    expect(lines(result.stdout)).toEqual([
      'Private key: alice.key (mode 0600; keep it secret: `patchplan approve PLAN --key',
      '             alice.key`)',
      'Public key:  alice.pub (give it to those who apply plans: `patchplan apply PLAN',
      '             --trusted-keys FILE|DIR`)',
      'Fingerprint:',
      `  ${fingerprintOf(publicKey)}`,
    ]);
    const wide = await runCli(['keygen', '--out', 'wide'], {cwd: tmp, env: {COLUMNS: '200'}});
    expect(lines(wide.stdout)[0]).toBe('Private key: wide.key (mode 0600; keep it secret: `patchplan approve PLAN --key wide.key`)');
  });

  it('--json prints the file names and the fingerprint only', async () => {
    const result = await runCli(['keygen', '--out', 'bob', '--json'], {cwd: tmp});
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, string>;
    expect(Object.keys(json)).toEqual(['privateKey', 'publicKey', 'fingerprint']);
    expect(json).toMatchObject({privateKey: 'bob.key', publicKey: 'bob.pub'});
    expect(json.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('refuses to overwrite an existing key (exit 1, one line), leaving both files as they were', async () => {
    const before = await readFile(path.join(tmp, 'alice.key'), 'utf8');
    expect(expectOneLineError(await runCli(['keygen', '--out', 'alice'], {cwd: tmp}), 1)).toBe(
      'error: alice.key: already exists; refusing to overwrite it (choose another --out NAME)',
    );
    expect(await readFile(path.join(tmp, 'alice.key'), 'utf8')).toBe(before);
  });

  it('refuses when only the public key exists, writing no private key', async () => {
    await writeFile(path.join(tmp, 'carol.pub'), 'mine');
    expect(expectOneLineError(await runCli(['keygen', '--out', 'carol'], {cwd: tmp}), 1)).toBe(
      'error: carol.pub: already exists; refusing to overwrite it (choose another --out NAME)',
    );
    await expect(lstat(path.join(tmp, 'carol.key'))).rejects.toThrow();
  });

  it('--out is required', async () => {
    expect(expectOneLineError(await runCli(['keygen'], {cwd: tmp}), 1)).toMatch(/^error: .*Missing required flag out/);
  });
});
