import {generateKeyPairSync} from 'node:crypto';

import {describe, expect, it} from 'vitest';

import {checkApprovalFlags, loadApprovalPolicy, loadTrustedKeys, parseMinApprovals, trustedKeysSetting} from '../../src/approval/trusted-keys.js';
import {InputError} from '../../src/errors.js';
import {aSigner, MemoryFs} from './support.js';

const alice = aSigner('alice');
const bob = aSigner('bob');
const carol = aSigner('carol');

async function errorLine(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).line();
}

const RSA_PUBLIC = generateKeyPairSync('rsa', {modulusLength: 1024}).publicKey.export({type: 'spki', format: 'pem'}).toString();

describe('loadTrustedKeys', () => {
  it('a FILE may hold several PEM public keys, with text between them', async () => {
    const fs = new MemoryFs({'keys.pem': `# alice\n${alice.pem}\n# bob\n${bob.pem}`});
    const keys = await loadTrustedKeys('keys.pem', fs);
    expect(keys.map((k) => [k.fingerprint, k.source])).toEqual([
      [alice.fingerprint, 'keys.pem: key 1'],
      [bob.fingerprint, 'keys.pem: key 2'],
    ]);
  });

  it('a DIR contributes its regular *.pem and *.pub files, not private *.key files, other files or subdirectories', async () => {
    const fs = new MemoryFs({
      'trusted/alice.pub': alice.pem,
      'trusted/bob.pem': bob.pem,
      'trusted/alice.key': alice.privatePem,
      'trusted/README': 'not a key',
      'trusted/old/carol.pub': carol.pem,
    });
    const keys = await loadTrustedKeys('trusted', fs);
    expect(keys.map((k) => k.source)).toEqual(['trusted/alice.pub', 'trusted/bob.pem']);
  });

  it('the same key twice is one trusted key', async () => {
    const fs = new MemoryFs({'d/a.pub': alice.pem, 'd/a-copy.pem': alice.pem});
    expect(await loadTrustedKeys('d', fs)).toHaveLength(1);
  });

  it.each<[string, Record<string, string>, string, string]>([
    ['a private key', {'d/alice.pem': alice.privatePem}, 'd', 'd/alice.pem: holds a private key; trusted keys and approvals hold public keys only (`openssl pkey -in KEY -pubout`)'],
    ['a file without a key', {'keys.pem': 'ssh-ed25519 AAAAC3Nza… alice@host\n'}, 'keys.pem', 'keys.pem: holds no PEM public key (-----BEGIN PUBLIC KEY-----; `openssl pkey -in KEY -pubout` writes one)'],
    ['an RSA public key', {'keys.pem': `${alice.pem}${RSA_PUBLIC}`}, 'keys.pem', 'keys.pem: key 2: holds an RSA public key, not Ed25519'],
    ['a certificate', {'d/x.pem': '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'}, 'd', 'd/x.pem: holds a PEM "CERTIFICATE" block, not a public key (-----BEGIN PUBLIC KEY-----)'],
    ['a directory without key files', {'d/README': 'x'}, 'd', 'd: the trusted-keys directory holds no *.pem or *.pub file'],
    ['a missing path', {}, 'nowhere', 'nowhere: cannot read the trusted keys: no such file or directory'],
  ])('refuses %s: exit 1, one line naming the file', async (_name, files, ref, expected) => {
    expect(await errorLine(loadTrustedKeys(ref, new MemoryFs(files)))).toBe(expected);
  });
});

describe('approval flags', () => {
  it('--min-approvals defaults to 1 when keys are given', async () => {
    const policy = await loadApprovalPolicy({trustedKeys: 'a.pub'}, new MemoryFs({'a.pub': alice.pem}));
    expect(policy?.minApprovals).toBe(1);
    expect(policy?.trustedKeys.map((k) => k.fingerprint)).toEqual([alice.fingerprint]);
  });

  it('no keys, no policy', async () => {
    expect(await loadApprovalPolicy({}, new MemoryFs())).toBeNull();
  });

  it.each<[{trustedKeys?: string; minApprovals?: number}, string]>([
    [{minApprovals: 2}, '--min-approvals: needs --trusted-keys FILE|DIR (or PATCHPLAN_TRUSTED_KEYS): approvals count only from trusted keys'],
    [{trustedKeys: 'k', minApprovals: 0}, '--min-approvals: "0" is not a whole number of at least 1'],
    [{trustedKeys: ''}, '--trusted-keys: is empty (PATCHPLAN_TRUSTED_KEYS too): name a key file or directory, or unset it'],
  ])('%j is a usage error', (flags, expected) => {
    let line = '';
    try {
      checkApprovalFlags(flags);
    } catch (error) {
      line = (error as InputError).line();
    }
    expect(line).toBe(expected);
  });

  it('parseMinApprovals takes whole numbers only', () => {
    expect(parseMinApprovals('2')).toBe(2);
    expect(parseMinApprovals(undefined)).toBeUndefined();
    expect(() => parseMinApprovals('1.5')).toThrow('"1.5" is not a whole number of at least 1');
    expect(() => parseMinApprovals('two')).toThrow(InputError);
  });

  it('an empty PATCHPLAN_TRUSTED_KEYS is kept (to be refused), not read as unset', () => {
    expect(trustedKeysSetting(undefined, {PATCHPLAN_TRUSTED_KEYS: ''})).toBe('');
    expect(trustedKeysSetting(undefined, {})).toBeUndefined();
    expect(trustedKeysSetting('k.pub', {PATCHPLAN_TRUSTED_KEYS: ''})).toBe('k.pub');
  });
});
