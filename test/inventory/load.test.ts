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

  describe('errors that say what to write instead', () => {
    const minimal = (change: (inventory: Record<string, any>) => void = () => {}): string => {
      const inventory: Record<string, any> = {
        schemaVersion: 1,
        collectedAt: '2026-11-23T21:14:07Z',
        node: {hostname: 'h', machineId: 'm', os: {id: 'debian', versionId: '12'}, operatingSystem: 'DEBIAN', product: 'Debian12', arch: 'amd64', manager: 'apt'},
        packages: [{name: 'a', arch: 'amd64', installedVersion: '1', versions: [{version: '2'}]}],
      };
      change(inventory);
      return JSON.stringify(inventory);
    };
    const lineOf = (text: string): string => {
      try {
        parseInventoryText(text, 'i.json');
      } catch (error) {
        if (error instanceof InputError) return error.line();
        throw error;
      }
      return 'loaded';
    };

    it('a date or a zone-less time is answered with the value as it should be written', () => {
      expect(lineOf(minimal((i) => (i.collectedAt = '2026-11-23')))).toBe(
        'i.json: collectedAt: must be an ISO 8601 date-time, not a date: write a date-time such as 2026-11-23T00:00:00Z',
      );
      expect(lineOf(minimal((i) => (i.collectedAt = '2026-11-23T21:14:07')))).toBe(
        'i.json: collectedAt: must be an ISO 8601 date-time with a zone: write 2026-11-23T21:14:07Z for UTC, or add an offset such as +01:00',
      );
    });

    it('a missing or mistyped date is still reported as such', () => {
      expect(lineOf(minimal((i) => delete i.collectedAt))).toBe('i.json: collectedAt: required field is missing');
      expect(lineOf(minimal((i) => (i.collectedAt = 20261123)))).toBe('i.json: collectedAt: Invalid input: expected string, received number');
    });

    it('Windows metadata directly on a version is sent to versions[].windows; other unknown fields stay plain', () => {
      expect(lineOf(minimal((i) => (i.packages[0].versions[0].msrcSeverity = 'Critical')))).toBe(
        'i.json: packages[0].versions[0].msrcSeverity: unknown field: msrcSeverity is Windows update metadata, which belongs in versions[].windows: write "versions": [{"version": "1", "windows": {"msrcSeverity": …}}]',
      );
      expect(lineOf(minimal((i) => (i.node.kbId = 'KB1')))).toBe('i.json: node.kbId: unknown field');
    });

    it('node.os.name may be left out (plans show the id and version instead)', () => {
      expect(parseInventoryText(minimal(), 'i.json').node.os).toEqual({id: 'debian', versionId: '12', name: ''});
    });
  });
});
