import {mkdtemp, rm, symlink, truncate, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';

import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {DEFAULT_MAX_INPUT_SIZE, describeOversize, formatBinarySize, parseSize} from '../../src/json/limits.js';
import {nodeFileSystem, type FileSystem} from '../../src/system/fs.js';
import {readInputText} from '../../src/system/input-files.js';
import {boundedNodeFiles} from '../../src/system/node-files.js';
import {inputErrorLine as lineOf} from '../helpers/input-error.js';

describe('sizes', () => {
  it.each([
    ['1048576', 1_048_576],
    ['256MiB', 256 * 1024 ** 2],
    ['256 MiB', 256 * 1024 ** 2],
    ['1GiB', 1024 ** 3],
    ['1g', 1024 ** 3],
    ['500MB', 500_000_000],
    ['1.5KiB', 1536],
  ])('parseSize(%j) = %d', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(['', '0', '-1', 'big', '1 PiB', '1e3', '9'.repeat(30), '1.5.5MiB'])('parseSize(%j) is not a size', (text) => {
    expect(parseSize(text)).toBeNull();
  });

  it('writes limits in binary units, and in bytes when the rounded sizes would read alike', () => {
    expect(formatBinarySize(DEFAULT_MAX_INPUT_SIZE.inventory)).toBe('256 MiB');
    expect(formatBinarySize(1536)).toBe('1.5 KiB');
    expect(describeOversize(300 * 1024 ** 2, 256 * 1024 ** 2)).toEqual({size: '300 MiB', limit: '256 MiB'});
    expect(describeOversize(256 * 1024 ** 2 + 1, 256 * 1024 ** 2)).toEqual({size: '268435457 bytes', limit: '268435456 bytes'});
  });
});

describe('readInputText: files above the limit are refused before they are read', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'patchplan-input-'));
  });
  afterAll(async () => {
    await rm(dir, {recursive: true, force: true});
  });

  it('a 300 MiB inventory (sparse: nothing of it is read) against the default 256 MiB', async () => {
    const file = path.join(dir, 'inventory.json');
    await writeFile(file, '');
    await truncate(file, 300 * 1024 ** 2);
    let reads = 0;
    const fs: FileSystem = {...nodeFileSystem, readText: async (...args) => (reads++, nodeFileSystem.readText(...args))};
    expect(await lineOf(() => readInputText(fs, file, 'inventory'))).toBe(
      `${file}: 300 MiB is larger than the 256 MiB input limit for inventories (--max-input-size to raise it)`,
    );
    expect(reads).toBe(0);
  });

  it('each kind has its default; --max-input-size replaces them all', async () => {
    const file = path.join(dir, 'baseline.json');
    await writeFile(file, '');
    await truncate(file, 17 * 1024 ** 2);
    expect(await lineOf(() => readInputText(nodeFileSystem, file, 'baseline'))).toBe(
      `${file}: 17 MiB is larger than the 16 MiB input limit for baselines (--max-input-size to raise it)`,
    );
    const small = path.join(dir, 'plan.json');
    await writeFile(small, 'x'.repeat(2048));
    expect(await readInputText(nodeFileSystem, small, 'plan')).toHaveLength(2048);
    expect(await lineOf(() => readInputText({...nodeFileSystem, maxInputSize: 1024}, small, 'plan'))).toBe(
      `${small}: 2 KiB is larger than the 1 KiB input limit for plans (--max-input-size to raise it)`,
    );
  });

  it('the read itself stops at the limit (a pipe, or a file that grew after its size was checked)', async () => {
    const file = path.join(dir, 'grown.json');
    await writeFile(file, 'y'.repeat(5000));
    expect(await lineOf(() => nodeFileSystem.readText(file, {bytes: 4096, kind: 'override list'}))).toBe(
      `${file}: larger than the 4 KiB input limit for override lists (--max-input-size to raise it)`,
    );
    expect(await nodeFileSystem.readText(file, {bytes: 5000, kind: 'override list'})).toHaveLength(5000);
  });

  it("a missing file is still 'no such file'", async () => {
    expect(await lineOf(() => readInputText(nodeFileSystem, path.join(dir, 'none.json'), 'plan'))).toMatch(/none\.json: cannot read: no such file$/);
  });

  it("the node's own files (dpkg status, updateinfo.xml) are bounded the same way; missing ones stay null", async () => {
    const file = path.join(dir, 'updateinfo.xml');
    await writeFile(file, '<updates/>'.repeat(300));
    const files = boundedNodeFiles(1024);
    expect(await lineOf(() => files.readText(file))).toBe(
      `${file}: 2.9 KiB is larger than the 1 KiB input limit for the node's package files (--max-input-size to raise it)`,
    );
    expect(await files.readText(path.join(dir, 'missing'))).toBeNull();
    expect(await boundedNodeFiles(4096).readText(file)).toHaveLength(3000);
  });

  it('reads bytes (a compressed repodata file) under the same limit; missing ones stay null; entryExists does not follow a link', async () => {
    const file = path.join(dir, 'updateinfo.xml.gz');
    await writeFile(file, Buffer.alloc(3000, 0x1f));
    expect(await lineOf(() => boundedNodeFiles(1024).readBytes(file))).toBe(
      `${file}: 2.9 KiB is larger than the 1 KiB input limit for the node's package files (--max-input-size to raise it)`,
    );
    expect(await boundedNodeFiles(4096).readBytes(file)).toEqual(Buffer.alloc(3000, 0x1f));
    expect(await boundedNodeFiles(4096).readBytes(path.join(dir, 'missing.gz'))).toBeNull();
    const link = path.join(dir, 'dangling-sh');
    await symlink('/nonexistent/dash', link);
    expect(await boundedNodeFiles(4096).entryExists(link)).toBe(true);
    expect(await boundedNodeFiles(4096).exists(link)).toBe(false);
  });

  it('reads a file in pieces (an apt list) under the same limit, never whole; missing ones are false; what the reader throws stays its own', async () => {
    const file = path.join(dir, 'Packages');
    const text = 'Package: a\nVersion: 1\n\n'.repeat(100_000);
    await writeFile(file, text);
    const pieces: Buffer[] = [];
    expect(await boundedNodeFiles(4 * 1024 ** 2).readChunks(file, (chunk) => pieces.push(Buffer.from(chunk)))).toBe(true);
    expect(pieces.length).toBeGreaterThan(1);
    expect(Buffer.concat(pieces).toString()).toBe(text);
    expect(await lineOf(() => boundedNodeFiles(1024 ** 2).readChunks(file, () => {}))).toBe(
      `${file}: 2.1 MiB is larger than the 1 MiB input limit for the node's package files (--max-input-size to raise it)`,
    );
    expect(await boundedNodeFiles(1024).readChunks(path.join(dir, 'missing'), () => {})).toBe(false);
    const bug = new Error('a reader bug');
    await expect(
      boundedNodeFiles(4 * 1024 ** 2).readChunks(file, () => {
        throw bug;
      }),
    ).rejects.toBe(bug);
  });
});
