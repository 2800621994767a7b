import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';

import {describe, expect, it} from 'vitest';

import {InputError} from '../../src/errors.js';
import {loadInventory, parseInventoryText} from '../../src/inventory/load.js';
import {nodeFileSystem} from '../../src/system/fs.js';

const INVALID = 'fixtures/inventories/invalid';
const invalidCases = readdirSync(INVALID)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

async function errorLine(file: string): Promise<string> {
  try {
    await loadInventory(file, nodeFileSystem);
  } catch (error) {
    if (error instanceof InputError) return error.line();
    throw error;
  }
  throw new Error(`${file} loaded without an error`);
}

describe('loadInventory', () => {
  it.each(['debian-12', 'amazon-linux-2023', 'ubuntu-22.04'])('loads fixtures/inventories/%s.json', async (name) => {
    const inventory = await loadInventory(`fixtures/inventories/${name}.json`, nodeFileSystem);
    expect(inventory.schemaVersion).toBe(1);
    expect(inventory.packages.length).toBeGreaterThan(5);
  });

  it('fills defaults as the schema defines them', () => {
    const inventory = parseInventoryText(readFileSync(`${INVALID}/empty-version.json`, 'utf8').replace('"version": ""', '"version": "1"'), 'x.json');
    expect(inventory.node.root).toBe('/');
    expect(inventory.node.rebootPending).toBe(false);
    expect(inventory.packages[0]?.versions[0]?.advisories).toEqual([]);
  });

  it('has a case for every kind of failure', () => {
    expect(invalidCases).toEqual(
      expect.arrayContaining(['syntax-missing-comma', 'empty-version', 'unknown-field', 'duplicate-package', 'unknown-advisory']),
    );
  });

  it.each(invalidCases)('%s: one line naming the file and the JSON path', async (name) => {
    const file = path.posix.join(INVALID, `${name}.json`);
    const expected = readFileSync(path.join(INVALID, `${name}.error.txt`), 'utf8').trimEnd();
    expect(await errorLine(file)).toBe(expected);
  });

  it('names a file it cannot read', async () => {
    expect(await errorLine('fixtures/inventories/nope.json')).toBe('fixtures/inventories/nope.json: cannot read: no such file');
  });

  it('refuses a duplicate version of one package', () => {
    const text = JSON.stringify({
      schemaVersion: 1,
      collectedAt: '2026-11-23T21:14:07Z',
      node: {
        hostname: 'h',
        machineId: 'm',
        os: {id: 'debian', versionId: '12', name: 'Debian'},
        operatingSystem: 'DEBIAN',
        product: 'Debian12',
        arch: 'amd64',
        manager: 'apt',
      },
      packages: [{name: 'a', installedVersion: '1', versions: [{version: '2'}, {version: '2'}]}],
    });
    let line = '';
    try {
      parseInventoryText(text, 'i.json');
    } catch (error) {
      if (error instanceof InputError) line = error.line();
    }
    expect(line).toBe('i.json: packages[0].versions[1].version: duplicate version "2"');
  });
});
