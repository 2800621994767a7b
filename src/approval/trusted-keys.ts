import path from 'node:path';

import {InputError} from '../errors.js';
import type {FileSystem} from '../system/fs.js';
import {readInputText, type InputReader} from '../system/input-files.js';
import {fingerprintOf, parsePublicKeyBlock, pemBlocks} from './keys.js';
import type {ApprovalPolicy, TrustedKey} from './verify.js';

/** In a `--trusted-keys` directory, the files read: `*.pem` and `*.pub`, so private `*.key` files beside them are never touched. */
const KEY_FILE = /\.(?:pem|pub)$/;

/**
 * The Ed25519 public keys `--trusted-keys FILE|DIR` names. A FILE may hold several PEM public
 * keys; a DIR contributes every regular `*.pem` and `*.pub` file in it (not its
 * subdirectories). Anything that is not an Ed25519 public key, a private key above all, fails
 * the whole load with one line naming the file: a trust list that is partly unreadable is a
 * configuration error, not something to guess around.
 */
export async function loadTrustedKeys(ref: string, fs: Pick<FileSystem, 'kind' | 'list'> & InputReader): Promise<TrustedKey[]> {
  const kind = await fs.kind(ref);
  if (kind === 'missing') throw new InputError(ref, 'cannot read the trusted keys: no such file or directory');
  if (kind === 'file') return dedupe(parseTrustedKeys(await readInputText(fs, ref, 'key'), ref));
  if (kind !== 'directory') throw new InputError(ref, 'the trusted keys must be a file or a directory');
  const keys: TrustedKey[] = [];
  let files = 0;
  for (const name of await fs.list(ref)) {
    if (!KEY_FILE.test(name)) continue;
    const file = path.join(ref, name);
    if ((await fs.kind(file)) !== 'file') continue;
    files++;
    keys.push(...parseTrustedKeys(await readInputText(fs, file, 'key'), file));
  }
  if (files === 0) throw new InputError(ref, 'the trusted-keys directory holds no *.pem or *.pub file');
  return dedupe(keys);
}

/** Every PEM public key in a file's text; at least one, and nothing else that looks like a key. */
export function parseTrustedKeys(text: string, source: string): TrustedKey[] {
  const blocks = pemBlocks(text);
  if (blocks.length === 0) throw new InputError(source, 'holds no PEM public key (-----BEGIN PUBLIC KEY-----; `openssl pkey -in KEY -pubout` writes one)');
  return blocks.map((block, index) => {
    const key = parsePublicKeyBlock(block);
    const where = blocks.length === 1 ? source : `${source}: key ${index + 1}`;
    if (typeof key === 'string') throw new InputError(where, key);
    return {fingerprint: fingerprintOf(key), key, source: where};
  });
}

/**
 * `--trusted-keys` and `--min-approvals` as given (or PATCHPLAN_TRUSTED_KEYS) → the policy,
 * or null when no keys are configured. `--min-approvals` alone is a usage error: without
 * trusted keys there is nothing to count approvals against.
 */
export async function loadApprovalPolicy(
  flags: {readonly trustedKeys?: string | undefined; readonly minApprovals?: number | undefined},
  fs: Pick<FileSystem, 'kind' | 'list'> & InputReader,
): Promise<ApprovalPolicy | null> {
  const minApprovals = checkApprovalFlags(flags);
  if (flags.trustedKeys === undefined) return null;
  return {trustedKeys: await loadTrustedKeys(flags.trustedKeys, fs), minApprovals};
}

export const TRUSTED_KEYS_ENV = 'PATCHPLAN_TRUSTED_KEYS';

/**
 * `--trusted-keys`, else PATCHPLAN_TRUSTED_KEYS. oclif reads an empty variable as unset, which
 * would switch the approval check off for `PATCHPLAN_TRUSTED_KEYS=$TYPO`; an empty value is
 * passed on instead, so checkApprovalFlags refuses it.
 */
export function trustedKeysSetting(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (flag !== undefined) return flag;
  return env[TRUSTED_KEYS_ENV] === '' ? '' : undefined;
}

/** `--min-approvals N` as typed: a whole number (the range is checked with the other flags). */
export function parseMinApprovals(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(value)) throw new InputError('--min-approvals', `"${value}" is not a whole number of at least 1`);
  return Number(value);
}

/**
 * The approval flags' own rules (no I/O, so a command can reject them before reading anything);
 * returns the number of approvals needed. An empty `--trusted-keys` is refused rather than read
 * as "no keys": `PATCHPLAN_TRUSTED_KEYS=$UNSET_VARIABLE` must not switch the check off.
 */
export function checkApprovalFlags(flags: {readonly trustedKeys?: string | undefined; readonly minApprovals?: number | undefined}): number {
  const {minApprovals} = flags;
  if (flags.trustedKeys !== undefined && flags.trustedKeys.trim() === '') {
    throw new InputError('--trusted-keys', 'is empty (PATCHPLAN_TRUSTED_KEYS too): name a key file or directory, or unset it');
  }
  if (minApprovals !== undefined) {
    if (flags.trustedKeys === undefined) {
      throw new InputError('--min-approvals', 'needs --trusted-keys FILE|DIR (or PATCHPLAN_TRUSTED_KEYS): approvals count only from trusted keys');
    }
    if (!Number.isSafeInteger(minApprovals) || minApprovals < 1) throw new InputError('--min-approvals', `"${minApprovals}" is not a whole number of at least 1`);
  }
  return minApprovals ?? 1;
}

function dedupe(keys: readonly TrustedKey[]): TrustedKey[] {
  const seen = new Set<string>();
  return keys.filter((k) => !seen.has(k.fingerprint) && seen.add(k.fingerprint));
}
