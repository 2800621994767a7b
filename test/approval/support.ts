import {generateKeyPairSync, type KeyObject} from 'node:crypto';

import {fingerprintOf, publicKeyPem, signDigest} from '../../src/approval/keys.js';
import type {TrustedKey} from '../../src/approval/verify.js';
import type {PlanApproval} from '../../src/plan/schema.js';
import type {FileStatus, FileSystem} from '../../src/system/fs.js';
import {InputError} from '../../src/errors.js';

/** A signer for approval tests: a fresh Ed25519 key pair under a name. */
export interface Signer {
  readonly name: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly pem: string;
  readonly privatePem: string;
  readonly fingerprint: string;
  readonly trusted: TrustedKey;
}

export function aSigner(name: string): Signer {
  const {publicKey, privateKey} = generateKeyPairSync('ed25519');
  const fingerprint = fingerprintOf(publicKey);
  return {
    name,
    privateKey,
    publicKey,
    pem: publicKeyPem(publicKey),
    privatePem: privateKey.export({type: 'pkcs8', format: 'pem'}).toString(),
    fingerprint,
    trusted: {fingerprint, key: publicKey, source: `${name}.pub`},
  };
}

/** An approval of `digest` signed by `signer`, as `patchplan approve` writes it. */
export function anApproval(digest: string, signer: Signer, overrides: Partial<PlanApproval> = {}): PlanApproval {
  return {
    by: signer.name,
    comment: '',
    signedAt: '2026-11-24T09:00:00.000Z',
    publicKey: signer.pem,
    signature: signDigest(digest, signer.privateKey),
    ...overrides,
  };
}

/** An in-memory FileSystem: files with their modes, directories implied by the paths. */
export class MemoryFs implements FileSystem {
  readonly files = new Map<string, {data: string; mode: number}>();
  readonly writes: {file: string; mode: number; how: 'atomic' | 'new'}[] = [];

  constructor(files: Record<string, string> = {}) {
    for (const [file, data] of Object.entries(files)) this.files.set(file, {data, mode: 0o644});
  }

  text(file: string): string {
    const entry = this.files.get(file);
    if (entry === undefined) throw new Error(`no ${file} in the memory fs`);
    return entry.data;
  }

  async readText(file: string): Promise<string> {
    const entry = this.files.get(file);
    if (entry === undefined) throw new InputError(file, 'cannot read: no such file');
    return entry.data;
  }

  async writeAtomic(file: string, data: string, mode: number): Promise<void> {
    this.writes.push({file, mode, how: 'atomic'});
    this.files.set(file, {data, mode});
  }

  async writeNew(file: string, data: string, mode: number): Promise<void> {
    if (this.files.has(file)) throw new InputError(file, 'already exists; refusing to overwrite it');
    this.writes.push({file, mode, how: 'new'});
    this.files.set(file, {data, mode});
  }

  async exists(file: string): Promise<boolean> {
    return (await this.kind(file)) !== 'missing';
  }

  async kind(file: string): Promise<'file' | 'directory' | 'missing'> {
    if (this.files.has(file)) return 'file';
    return [...this.files.keys()].some((f) => f.startsWith(`${file.replace(/\/$/, '')}/`)) ? 'directory' : 'missing';
  }

  /** Files as the writer made them, owned by this process's user; directories 0755, owned by root. */
  async status(file: string): Promise<FileStatus | null> {
    const entry = this.files.get(file);
    if (entry !== undefined) return {kind: 'file', size: Buffer.byteLength(entry.data), mode: entry.mode, uid: process.getuid?.() ?? 0};
    // Everything else is a directory: the paths of the files imply them.
    return {kind: 'directory', size: 0, mode: 0o755, uid: 0};
  }

  async realPath(file: string): Promise<string> {
    return file;
  }

  async list(dir: string): Promise<string[]> {
    const prefix = `${dir.replace(/\/$/, '')}/`;
    const names = new Set<string>();
    for (const f of this.files.keys()) if (f.startsWith(prefix)) names.add(f.slice(prefix.length).split('/')[0] ?? '');
    return [...names].sort();
  }
}
