import {lstat, mkdtemp, readFile, rm, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';

import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {parsePrivateKeyPem, parsePublicKeyPem} from '../../src/approval/keys.js';
import {InputError} from '../../src/errors.js';
import {generateKeys, PRIVATE_KEY_MODE, PUBLIC_KEY_MODE} from '../../src/services/keygen.js';
import {nodeFileSystem} from '../../src/system/fs.js';
import {MemoryFs} from '../approval/support.js';

describe('generateKeys (in memory)', () => {
  it('writes NAME.pub (0644) then NAME.key (0600), both as new files, and returns the fingerprint', async () => {
    const fs = new MemoryFs();
    const result = await generateKeys({out: 'keys/alice'}, {fs});
    expect(result.privateKeyFile).toBe('keys/alice.key');
    expect(result.publicKeyFile).toBe('keys/alice.pub');
    expect(fs.writes).toEqual([
      {file: 'keys/alice.pub', mode: PUBLIC_KEY_MODE, how: 'new'},
      {file: 'keys/alice.key', mode: PRIVATE_KEY_MODE, how: 'new'},
    ]);
    expect(parsePrivateKeyPem(fs.text('keys/alice.key'), 'alice.key').asymmetricKeyType).toBe('ed25519');
    expect(typeof parsePublicKeyPem(fs.text('keys/alice.pub'))).not.toBe('string');
    expect(result.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it.each(['alice.key', 'alice.pub'])('refuses to overwrite an existing %s, and writes nothing', async (existing) => {
    const fs = new MemoryFs({[existing]: 'precious'});
    await expect(generateKeys({out: 'alice'}, {fs})).rejects.toThrow(
      new InputError(existing, 'already exists; refusing to overwrite it (choose another --out NAME)'),
    );
    expect(fs.writes).toEqual([]);
    expect(fs.text(existing)).toBe('precious');
  });
});

describe('generateKeys (real files)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'patchplan-keygen-'));
  });
  afterAll(async () => {
    await rm(dir, {recursive: true, force: true});
  });

  it('the private key is 0600 and the public key 0644, whatever the umask', async () => {
    const previous = process.umask(0o000);
    try {
      await generateKeys({out: path.join(dir, 'a')}, {fs: nodeFileSystem});
    } finally {
      process.umask(previous);
    }
    expect((await lstat(path.join(dir, 'a.key'))).mode & 0o777).toBe(0o600);
    expect((await lstat(path.join(dir, 'a.pub'))).mode & 0o777).toBe(0o644);
  });

  it('writeNew never follows a symbolic link planted at the path', async () => {
    const target = path.join(dir, 'target');
    await writeFile(target, 'untouched');
    await symlink(target, path.join(dir, 'link.key'));
    await expect(nodeFileSystem.writeNew(path.join(dir, 'link.key'), 'secret', 0o600)).rejects.toThrow('already exists; refusing to overwrite it');
    expect(await readFile(target, 'utf8')).toBe('untouched');
  });

  it('a missing directory is one line naming it', async () => {
    await expect(generateKeys({out: path.join(dir, 'no', 'such', 'x')}, {fs: nodeFileSystem})).rejects.toThrow(
      `cannot write: no such directory: ${path.join(dir, 'no', 'such')}`,
    );
  });
});
