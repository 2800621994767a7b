import {existsSync, readFileSync} from 'node:fs';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';

import {execa} from 'execa';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {
  FINGERPRINT_PATTERN,
  fingerprintOf,
  generateKeyPair,
  parsePrivateKeyPem,
  parsePublicKeyPem,
  pemBlocks,
  signDigest,
} from '../../src/approval/keys.js';
import {parseTrustedKeys} from '../../src/approval/trusted-keys.js';
import {verifyApprovals} from '../../src/approval/verify.js';
import {InputError} from '../../src/errors.js';
import {aPlan} from '../helpers/plan-builders.js';
import {aSigner} from './support.js';

const OPENSSL = '/usr/bin/openssl';

function inputError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).line();
  }
  throw new Error('expected an InputError');
}

describe('generateKeyPair', () => {
  it('makes a PKCS#8 private key and an SPKI public key whose fingerprint is sha256 of the DER public key', () => {
    const pair = generateKeyPair();
    expect(pemBlocks(pair.privateKeyPem).map((b) => b.label)).toEqual(['PRIVATE KEY']);
    expect(pemBlocks(pair.publicKeyPem).map((b) => b.label)).toEqual(['PUBLIC KEY']);
    expect(pair.fingerprint).toMatch(FINGERPRINT_PATTERN);
    const publicKey = parsePublicKeyPem(pair.publicKeyPem);
    expect(typeof publicKey).not.toBe('string');
    if (typeof publicKey !== 'string') expect(fingerprintOf(publicKey)).toBe(pair.fingerprint);
  });
});

describe('parsePrivateKeyPem', () => {
  const alice = aSigner('alice');

  it('reads an Ed25519 PKCS#8 key, also with text around the block', () => {
    const key = parsePrivateKeyPem(`a comment\n${alice.privatePem}trailing\n`, 'alice.key');
    expect(key.asymmetricKeyType).toBe('ed25519');
  });

  it.each<[string, string, string]>([
    ['empty', '', 'k.pem: not a PEM private key (expected -----BEGIN PRIVATE KEY-----, as `patchplan keygen` or `openssl genpkey -algorithm ed25519` write)'],
    ['a public key', alice.pem, 'k.pem: is a public key; --key needs the private key (NAME.key from `patchplan keygen`)'],
    [
      'encrypted',
      '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAg=\n-----END ENCRYPTED PRIVATE KEY-----\n',
      'k.pem: the private key is encrypted; patchplan does not ask for passphrases: use an unencrypted key, kept at mode 0600',
    ],
    [
      'an OpenSSH key',
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n',
      'k.pem: is an OpenSSH key; patchplan reads PKCS#8 PEM keys (`patchplan keygen`, or `openssl genpkey -algorithm ed25519`)',
    ],
    ['a broken block', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', 'k.pem: the PRIVATE KEY block cannot be read'],
  ])('refuses %s with one line naming the file', (_name, text, expected) => {
    expect(inputError(() => parsePrivateKeyPem(text, 'k.pem'))).toBe(expected);
  });
});

/**
 * Keys are ordinary PEM files: keys from the real openssl binary work with patchplan, and
 * patchplan's fingerprints and signatures are what openssl computes and verifies.
 */
// openssl is installed by scripts/install-test-deps.sh; without it this fails loudly rather than proving nothing.
describe('interoperability with openssl', () => {
  let dir: string;
  const openssl = (...args: string[]) => execa(OPENSSL, args, {cwd: dir});
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'patchplan-openssl-'));
  });
  afterAll(async () => {
    await rm(dir, {recursive: true, force: true});
  });

  it('signs with an `openssl genpkey -algorithm ed25519` key; the `openssl pkey -pubout` key verifies it', async () => {
    await openssl('genpkey', '-algorithm', 'ed25519', '-out', 'op.key');
    await openssl('pkey', '-in', 'op.key', '-pubout', '-out', 'op.pub.pem');
    const privateKey = parsePrivateKeyPem(await readFile(path.join(dir, 'op.key'), 'utf8'), 'op.key');
    const [trusted] = parseTrustedKeys(await readFile(path.join(dir, 'op.pub.pem'), 'utf8'), 'op.pub.pem');
    const plan = aPlan();
    const publicKey = await readFile(path.join(dir, 'op.pub.pem'), 'utf8');
    const approval = {by: 'op', comment: '', signedAt: '2026-11-24T09:00:00Z', publicKey, signature: signDigest(plan.digest, privateKey)};
    const result = verifyApprovals({...plan, approvals: [approval]}, trusted ? [trusted] : []);
    expect(result.checks[0]).toMatchObject({valid: true, trusted: true, counted: true});
  });

  it('the fingerprint is `openssl pkey -pubin -outform DER | sha256`', async () => {
    const pair = generateKeyPair();
    await writeFile(path.join(dir, 'pp.pub'), pair.publicKeyPem);
    await openssl('pkey', '-pubin', '-in', 'pp.pub', '-outform', 'DER', '-out', 'pp.der');
    const {stdout} = await openssl('dgst', '-sha256', '-r', 'pp.der');
    expect(`sha256:${stdout.split(' ')[0]}`).toBe(pair.fingerprint);
  });

  it("openssl verifies patchplan's signature over the digest string (`pkeyutl -verify -rawin`)", async () => {
    const pair = generateKeyPair();
    const digest = aPlan().digest;
    await writeFile(path.join(dir, 'sig.pub'), pair.publicKeyPem);
    await writeFile(path.join(dir, 'digest.txt'), digest);
    await writeFile(path.join(dir, 'sig.bin'), Buffer.from(signDigest(digest, parsePrivateKeyPem(pair.privateKeyPem, 'k')), 'base64'));
    const {stdout} = await openssl('pkeyutl', '-verify', '-pubin', '-inkey', 'sig.pub', '-rawin', '-in', 'digest.txt', '-sigfile', 'sig.bin');
    expect(stdout).toContain('Signature Verified Successfully');
  });

  it('refuses an encrypted openssl key and an RSA key, naming the file', async () => {
    await openssl('genpkey', '-algorithm', 'ed25519', '-aes256', '-pass', 'pass:secret', '-out', 'enc.key');
    await openssl('genpkey', '-algorithm', 'rsa', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'rsa.key');
    expect(inputError(() => parsePrivateKeyPem(readFileText('enc.key'), 'enc.key'))).toBe(
      'enc.key: the private key is encrypted; patchplan does not ask for passphrases: use an unencrypted key, kept at mode 0600',
    );
    expect(inputError(() => parsePrivateKeyPem(readFileText('rsa.key'), 'rsa.key'))).toBe('rsa.key: is an RSA private key, not Ed25519');
  });

  function readFileText(name: string): string {
    return readFileSync(path.join(dir, name), 'utf8');
  }
});
