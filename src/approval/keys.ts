import {createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject} from 'node:crypto';

import {InputError} from '../errors.js';

/**
 * Ed25519 keys as ordinary PEM files, so `openssl genpkey -algorithm ed25519` and
 * `openssl pkey -pubout` make keys patchplan reads, and patchplan's keys work with openssl:
 * private keys are PKCS#8 (`-----BEGIN PRIVATE KEY-----`), public keys SubjectPublicKeyInfo
 * (`-----BEGIN PUBLIC KEY-----`). All cryptography is node:crypto's (OpenSSL's).
 */

/** `sha256:` + 64 lower-case hex digits. */
export const FINGERPRINT_PATTERN = /^sha256:[0-9a-f]{64}$/;

/** One `-----BEGIN LABEL----- … -----END LABEL-----` block of a PEM text. */
export interface PemBlock {
  readonly label: string;
  /** The whole block, armour included: what node:crypto parses. */
  readonly text: string;
}

/**
 * The PEM blocks of a text, in order. Text around the blocks is ignored, as OpenSSL ignores it
 * (`openssl pkey -text` output, comments).
 */
export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g)) {
    blocks.push({label: match[1] ?? '', text: match[0]});
  }
  return blocks;
}

/** `sha256:` + hex of the DER SubjectPublicKeyInfo: `openssl pkey -pubin -in KEY.pub -outform DER | sha256sum`. */
export function fingerprintOf(publicKey: KeyObject): string {
  const der = publicKey.export({type: 'spki', format: 'der'});
  return `sha256:${createHash('sha256').update(der).digest('hex')}`;
}

/** The first 16 hex digits, for lists and error lines; the full value is in `show --format markdown` and `--json`. */
export function shortFingerprint(fingerprint: string): string {
  return `${fingerprint.slice(0, 'sha256:'.length + 16)}…`;
}

/** The SPKI PEM of a public key, as `openssl pkey -pubout` writes it. */
export function publicKeyPem(publicKey: KeyObject): string {
  return publicKey.export({type: 'spki', format: 'pem'}).toString();
}

/**
 * One Ed25519 public key from a PEM block, or the reason it is not one (a clause). A private
 * key is refused rather than reduced to its public half: a private key in a list of trusted
 * keys, or inside a plan, is a leak to report, not a key to use.
 */
export function parsePublicKeyBlock(block: PemBlock): KeyObject | string {
  if (block.label !== 'PUBLIC KEY') {
    return /PRIVATE KEY/.test(block.label)
      ? 'holds a private key; trusted keys and approvals hold public keys only (`openssl pkey -in KEY -pubout`)'
      : `holds a PEM "${block.label}" block, not a public key (-----BEGIN PUBLIC KEY-----)`;
  }
  let key: KeyObject;
  try {
    key = createPublicKey({key: block.text, format: 'pem'});
  } catch {
    return 'holds a PUBLIC KEY block that cannot be read';
  }
  if (key.asymmetricKeyType !== 'ed25519') return `holds ${keyTypeName(key)} public key, not Ed25519`;
  return key;
}

/** A PEM text holding exactly one Ed25519 public key (an approval's `publicKey`), or the reason it is not. */
export function parsePublicKeyPem(text: string): KeyObject | string {
  const blocks = pemBlocks(text);
  if (blocks.length !== 1 || blocks[0] === undefined) return blocks.length === 0 ? 'is not a PEM public key' : 'holds more than one PEM block';
  return parsePublicKeyBlock(blocks[0]);
}

/**
 * The Ed25519 private key in a PEM file (`approve --key`), or an InputError naming the file.
 * Encrypted keys are refused: patchplan never asks for a passphrase, so it cannot run
 * unattended into a prompt.
 */
export function parsePrivateKeyPem(text: string, source: string): KeyObject {
  const blocks = pemBlocks(text);
  const block = blocks.find((b) => /PRIVATE KEY/.test(b.label)) ?? blocks[0];
  if (block === undefined) {
    throw new InputError(source, 'not a PEM private key (expected -----BEGIN PRIVATE KEY-----, as `patchplan keygen` or `openssl genpkey -algorithm ed25519` write)');
  }
  switch (block.label) {
    case 'PRIVATE KEY':
      break;
    case 'ENCRYPTED PRIVATE KEY':
      throw new InputError(source, 'the private key is encrypted; patchplan does not ask for passphrases: use an unencrypted key, kept at mode 0600');
    case 'PUBLIC KEY':
      throw new InputError(source, 'is a public key; --key needs the private key (NAME.key from `patchplan keygen`)');
    case 'OPENSSH PRIVATE KEY':
      throw new InputError(source, 'is an OpenSSH key; patchplan reads PKCS#8 PEM keys (`patchplan keygen`, or `openssl genpkey -algorithm ed25519`)');
    default:
      throw new InputError(source, `holds a PEM "${block.label}" block, not an Ed25519 private key in PKCS#8 (-----BEGIN PRIVATE KEY-----)`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({key: block.text, format: 'pem'});
  } catch {
    throw new InputError(source, 'the PRIVATE KEY block cannot be read');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new InputError(source, `is ${keyTypeName(key)} private key, not Ed25519`);
  return key;
}

const KEY_TYPE_NAMES: Readonly<Record<string, string>> = {rsa: 'an RSA', 'rsa-pss': 'an RSA-PSS', dsa: 'a DSA', ec: 'an EC', ed448: 'an Ed448', x25519: 'an X25519', x448: 'an X448', dh: 'a DH'};

function keyTypeName(key: KeyObject): string {
  return KEY_TYPE_NAMES[key.asymmetricKeyType ?? ''] ?? `a ${key.asymmetricKeyType ?? 'unknown'}`;
}

/** A new Ed25519 key pair as PEM: PKCS#8 private key, SPKI public key, and the public key's fingerprint. */
export function generateKeyPair(): {privateKeyPem: string; publicKeyPem: string; fingerprint: string} {
  const {publicKey, privateKey} = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({type: 'pkcs8', format: 'pem'}).toString(),
    publicKeyPem: publicKeyPem(publicKey),
    fingerprint: fingerprintOf(publicKey),
  };
}

/** Base64 of the Ed25519 signature over the UTF-8 bytes of the plan's `digest` string (the contract's definition). */
export function signDigest(digest: string, privateKey: KeyObject): string {
  return sign(null, Buffer.from(digest, 'utf8'), privateKey).toString('base64');
}
