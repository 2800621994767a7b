import {copyFile, lstat, mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';

import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {generateKeyPair, shortFingerprint} from '../../src/approval/keys.js';
import {parsePlanText} from '../../src/plan/file.js';
import {REPO, expectOneLineError, lines, runCli} from '../helpers/cli.js';

/**
 * keygen → approve → show → apply --trusted-keys through the built CLI. The plans are copies of
 * fixtures/plans/v1-valid.json, whose node is not this machine: a plan the approval gate let
 * through would go on to collect this machine's packages and print progress, so every refusal
 * below asserts the single stderr line (nothing collected, nothing installed).
 */

const VALID = 'fixtures/plans/v1-valid.json';
const WIDE = {COLUMNS: '240'};

let tmp: string;
const keys: Record<'alice' | 'bob' | 'carol', {fingerprint: string}> = {} as never;
const at = (...parts: string[]) => path.join(tmp, ...parts);

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'patchplan-approve-cmd-'));
  await mkdir(at('trusted'));
  for (const name of ['alice', 'bob', 'carol'] as const) {
    const pair = generateKeyPair();
    await writeFile(at(`${name}.key`), pair.privateKeyPem, {mode: 0o600});
    await writeFile(at(`${name}.pub`), pair.publicKeyPem);
    keys[name] = {fingerprint: pair.fingerprint};
  }
  await copyFile(at('alice.pub'), at('trusted', 'alice.pub'));
  await copyFile(at('bob.pub'), at('trusted', 'bob.pem'));
});
afterAll(async () => {
  await rm(tmp, {recursive: true, force: true});
});

async function freshPlan(name: string): Promise<string> {
  const file = at(name);
  await copyFile(path.join(REPO, VALID), file);
  return file;
}

const short = (name: keyof typeof keys): string => shortFingerprint(keys[name].fingerprint);

describe('patchplan approve', () => {
  it('adds a signature to the approvals; the digest is unchanged, the file still parses and stays 0600', async () => {
    const file = await freshPlan('one.json');
    const before = parsePlanText(await readFile(file, 'utf8'), file);
    const result = await runCli(['approve', file, '--key', at('alice.key'), '--by', 'alice', '--comment', 'CHG-1234'], {env: {USER: 'ignored', COLUMNS: '200'}});
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    const text = await readFile(file, 'utf8');
    expect(() => JSON.parse(text) as unknown).not.toThrow();
    const after = parsePlanText(text, file);
    expect(after.digest).toBe(before.digest);
    expect(after.approvals).toHaveLength(1);
    expect(after.approvals?.[0]).toMatchObject({by: 'alice', comment: 'CHG-1234'});
    expect((await lstat(file)).mode & 0o777).toBe(0o600);
    expect(lines(result.stdout)).toEqual([
      `Approved ${file} as alice (1 approval now).`,
      `Digest:      ${before.digest} (unchanged: approvals are outside it)`,
      `Key:         ${keys.alice.fingerprint}`,
      `Signed at:   ${after.approvals?.[0]?.signedAt}`,
    ]);
  });

  it('refuses a second approval with the same key (exit 1), leaving the file as it was', async () => {
    const file = await freshPlan('twice.json');
    await runCli(['approve', file, '--key', at('alice.key'), '--by', 'alice']);
    const text = await readFile(file, 'utf8');
    const line = expectOneLineError(await runCli(['approve', file, '--key', at('alice.key'), '--by', 'alice again']), 1);
    expect(line).toMatch(new RegExp(`^error: ${file}: key ${short('alice').replace(/[…]/g, '.')} already approved this plan \\(approval 1, by alice at .*\\); a key counts once, so nothing was changed$`));
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('--by defaults to $USER; --json prints the approval', async () => {
    const file = await freshPlan('json.json');
    const result = await runCli(['approve', file, '--key', at('bob.key'), '--json'], {env: {USER: 'bob-login'}});
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.stdout) as {plan: string; digest: string; fingerprint: string; approvals: number; approval: {by: string}};
    expect(json).toMatchObject({plan: file, fingerprint: keys.bob.fingerprint, approvals: 1, approval: {by: 'bob-login'}});
  });

  it('refuses a tampered plan with exit 3, as show and apply do', async () => {
    expect(expectOneLineError(await runCli(['approve', 'fixtures/plans/tampered-digest.json', '--key', at('alice.key')]), 3)).toBe(
      'error: fixtures/plans/tampered-digest.json: digest mismatch: the plan was modified after it was written',
    );
  });

  it.each<[string, (dir: string) => string, string]>([
    ['a public key', (d) => path.join(d, 'alice.pub'), 'is a public key; --key needs the private key (NAME.key from `patchplan keygen`)'],
    ['a missing file', (d) => path.join(d, 'nope.key'), 'cannot read: no such file'],
  ])('--key naming %s: exit 1, one line naming the file', async (_name, key, message) => {
    const file = await freshPlan('badkey.json');
    expect(expectOneLineError(await runCli(['approve', file, '--key', key(tmp)]), 1)).toBe(`error: ${key(tmp)}: ${message}`);
  });
});

describe('patchplan show: approvals', () => {
  let file: string;
  beforeAll(async () => {
    file = await freshPlan('shown.json');
    await runCli(['approve', file, '--key', at('alice.key'), '--by', 'alice', '--comment', 'looks good']);
    await runCli(['approve', file, '--key', at('carol.key'), '--by', 'carol']);
  });

  it('lists the approvals and whether each signature verifies', async () => {
    const result = await runCli(['show', file], {env: WIDE});
    expect(result.exitCode).toBe(0);
    const out = lines(result.stdout);
    expect(out).toContain('Approvals: 2 of 2 valid');
    expect(out.find((l) => l.includes('✓ alice'))).toMatch(/valid "looks good"$/);
    expect(out.find((l) => l.includes('✓ carol'))).toMatch(/: valid$/);
  });

  it('with --trusted-keys, also whether each key is trusted', async () => {
    const result = await runCli(['show', file, '--trusted-keys', at('trusted')], {env: WIDE});
    expect(result.exitCode).toBe(0);
    const out = lines(result.stdout);
    expect(out).toContain('Approvals: 1 of 2 valid from trusted keys');
    expect(out.find((l) => l.includes('alice'))).toMatch(/valid, trusted key/);
    expect(out.find((l) => l.includes('✗ carol'))).toContain(`key ${short('carol')} is not trusted`);
  });

  it('--format markdown: a table with full fingerprints, and whether each verifies and is trusted', async () => {
    const result = await runCli(['show', file, '--format', 'markdown', '--trusted-keys', at('trusted')]);
    expect(result.exitCode).toBe(0);
    const out = lines(result.stdout);
    expect(out).toContain('| Approved by | Signed at | Key | Verifies | Comment |');
    expect(out.find((l) => l.startsWith('| alice |'))).toMatch(new RegExp(`\\| \`${keys.alice.fingerprint}\` \\| yes \\(trusted key\\) \\| looks good \\|$`));
    expect(out.find((l) => l.startsWith('| carol |'))).toContain(`| \`${keys.carol.fingerprint}\` | no: key ${short('carol')} is not trusted |`);
  });

  it('--json prints the plan file as it is, approvals included', async () => {
    const result = await runCli(['show', file, '--json']);
    expect(result.stdout).toBe(await readFile(file, 'utf8'));
  });

  it('a bad trusted-keys file: exit 1, one line naming it', async () => {
    expect(expectOneLineError(await runCli(['show', file, '--trusted-keys', at('alice.key')]), 1)).toBe(
      `error: ${at('alice.key')}: holds a private key; trusted keys and approvals hold public keys only (\`openssl pkey -in KEY -pubout\`)`,
    );
  });
});

describe('patchplan apply --trusted-keys: refusals before anything is collected', () => {
  it('an unsigned plan: exit 3, naming what is missing', async () => {
    expect(expectOneLineError(await runCli(['apply', VALID, '--trusted-keys', at('trusted')]), 3)).toBe(
      `error: ${VALID}: needs 1 approval from trusted keys, has none: the plan is unsigned (\`patchplan approve PLAN --key KEY\` signs it)`,
    );
  });

  it('PATCHPLAN_TRUSTED_KEYS works like --trusted-keys, also under --json', async () => {
    const result = await runCli(['apply', VALID, '--json'], {env: {PATCHPLAN_TRUSTED_KEYS: at('trusted', 'alice.pub')}});
    expect(expectOneLineError(result, 3)).toMatch(/needs 1 approval from trusted keys, has none/);
  });

  it('approved, but not by a trusted key', async () => {
    const file = await freshPlan('by-carol.json');
    await runCli(['approve', file, '--key', at('carol.key'), '--by', 'carol']);
    expect(expectOneLineError(await runCli(['apply', file, '--trusted-keys', at('trusted')]), 3)).toBe(
      `error: ${file}: needs 1 approval from trusted keys, has none; carol: key ${short('carol')} is not trusted`,
    );
  });

  it('--min-approvals not met: names who counted and who did not', async () => {
    const file = await freshPlan('two.json');
    await runCli(['approve', file, '--key', at('alice.key'), '--by', 'alice']);
    await runCli(['approve', file, '--key', at('carol.key'), '--by', 'carol']);
    expect(expectOneLineError(await runCli(['apply', file, '--trusted-keys', at('trusted'), '--min-approvals', '2']), 3)).toBe(
      `error: ${file}: needs 2 approvals from trusted keys, has 1 (alice ${short('alice')}); carol: key ${short('carol')} is not trusted`,
    );
  });

  it('an approval whose plan was changed afterwards (re-digested) no longer counts', async () => {
    const file = await freshPlan('redigested.json');
    await runCli(['approve', file, '--key', at('alice.key'), '--by', 'alice']);
    // Someone edits the approved plan and recomputes the digest so it reads as intact.
    const {digestOf} = await import('../../src/json/canonical-json.js');
    const raw = JSON.parse(await readFile(file, 'utf8')) as {options: {rebootOption: string}; digest: string};
    raw.options.rebootOption = 'NoReboot';
    raw.digest = digestOf(raw);
    await writeFile(file, JSON.stringify(raw, null, 2));
    expect(expectOneLineError(await runCli(['apply', file, '--trusted-keys', at('trusted')]), 3)).toBe(
      `error: ${file}: needs 1 approval from trusted keys, has none; alice: the signature does not match this plan's digest`,
    );
  });

  it('without PLAN: exit 3, a new plan has no approvals (before the terminal check)', async () => {
    expect(expectOneLineError(await runCli(['apply', '--trusted-keys', at('trusted')]), 3)).toMatch(
      /^error: apply: trusted keys are configured .* a new plan has no approvals: save it with `patchplan plan --out PLAN`, approve it with `patchplan approve PLAN --key KEY`, then run `patchplan apply PLAN`$/,
    );
  });

  it.each<[string[], Record<string, string>, string]>([
    [['--min-approvals', '2'], {}, 'error: --min-approvals: needs --trusted-keys FILE|DIR (or PATCHPLAN_TRUSTED_KEYS): approvals count only from trusted keys'],
    [['--min-approvals', '0', '--trusted-keys', 'x'], {}, 'error: --min-approvals: "0" is not a whole number of at least 1'],
    [[], {PATCHPLAN_TRUSTED_KEYS: ''}, 'error: --trusted-keys: is empty (PATCHPLAN_TRUSTED_KEYS too): name a key file or directory, or unset it'],
  ])('usage errors %j %j: exit 1', async (flags, env, expected) => {
    expect(expectOneLineError(await runCli(['apply', VALID, ...flags], {env}), 1)).toBe(expected);
  });
});
