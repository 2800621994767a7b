import {generateKeyPair} from '../approval/keys.js';
import type {Runtime} from '../cli/runtime.js';
import {InputError} from '../errors.js';

/** The private key: owner-only, as ssh-keygen and openssl users expect. */
export const PRIVATE_KEY_MODE = 0o600;
/** The public key is meant to be handed out. */
export const PUBLIC_KEY_MODE = 0o644;

export interface KeygenOptions {
  /** `--out NAME`: the key pair is written to NAME.key (private) and NAME.pub (public). */
  readonly out: string;
}

export interface KeygenResult {
  readonly privateKeyFile: string;
  readonly publicKeyFile: string;
  /** `sha256:` + hex of the DER SubjectPublicKeyInfo. */
  readonly fingerprint: string;
}

/** The files `keygen --out NAME` writes; `.key` is not read from a `--trusted-keys` directory, `.pub` is. */
export function keyFileNames(out: string): {privateKeyFile: string; publicKeyFile: string} {
  return {privateKeyFile: `${out}.key`, publicKeyFile: `${out}.pub`};
}

/**
 * `patchplan keygen`: a new Ed25519 key pair for signing plan approvals. Neither file may
 * exist: overwriting a private key loses it, and every plan it approved would stop counting.
 * Both are checked before either is written; the public key is written first, so a failure
 * between the two leaves only a public key behind, never an unpaired private one.
 */
export async function generateKeys(options: KeygenOptions, deps: Pick<Runtime, 'fs'>): Promise<KeygenResult> {
  if (options.out.trim() === '') throw new InputError('--out', 'needs a file name (keygen writes NAME.key and NAME.pub)');
  const {privateKeyFile, publicKeyFile} = keyFileNames(options.out);
  for (const file of [privateKeyFile, publicKeyFile]) {
    if ((await deps.fs.kind(file)) !== 'missing') throw new InputError(file, 'already exists; refusing to overwrite it (choose another --out NAME)');
  }
  const pair = generateKeyPair();
  await deps.fs.writeNew(publicKeyFile, pair.publicKeyPem, PUBLIC_KEY_MODE);
  await deps.fs.writeNew(privateKeyFile, pair.privateKeyPem, PRIVATE_KEY_MODE);
  return {privateKeyFile, publicKeyFile, fingerprint: pair.fingerprint};
}
