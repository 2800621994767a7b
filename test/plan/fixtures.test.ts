import {readFileSync, writeFileSync} from 'node:fs';

import {describe, expect, it} from 'vitest';

import {PatchplanError, PlanRefusedError} from '../../src/errors.js';
import {loadInventory} from '../../src/inventory/load.js';
import {parsePlanText} from '../../src/plan/file.js';
import {checkStaleness} from '../../src/plan/staleness.js';
import {nodeFileSystem} from '../../src/system/fs.js';
import {derivePlanFixtures} from '../helpers/plan-fixtures.js';

const DIR = 'fixtures/plans';
const read = (name: string) => readFileSync(`${DIR}/${name}`, 'utf8');
const valid = parsePlanText(read('v1-valid.json'), 'v1-valid.json');
const HOUR = 3_600_000;

async function currentNode() {
  const inventory = await loadInventory('fixtures/inventories/debian-12.json', nodeFileSystem);
  return {machineId: inventory.node.machineId, inventory, now: new Date(Date.parse(valid.createdAt) + HOUR), maxAgeMs: 7 * 24 * HOUR};
}

function refusal(name: string): string {
  try {
    parsePlanText(read(name), name);
  } catch (error) {
    if (error instanceof PlanRefusedError) return error.line();
    if (error instanceof PatchplanError) throw new Error(`${name}: expected a refusal, got ${error.line()}`);
    throw error;
  }
  throw new Error(`${name} was accepted`);
}

describe('fixtures/plans', () => {
  it('derived fixtures are exactly what the helper derives from v1-valid.json', () => {
    const derived = derivePlanFixtures(valid);
    if (process.env.UPDATE_PLAN_FIXTURES === '1') {
      for (const [name, text] of Object.entries(derived)) writeFileSync(`${DIR}/${name}`, text);
    }
    for (const [name, text] of Object.entries(derived)) expect(read(name), name).toBe(text);
  });

  it('v1-valid.json is a plan for fixtures/inventories/debian-12.json that apply would accept', async () => {
    expect(valid.node.hostname).toBe('web-01');
    expect(valid.summary.byAction.install).toBeGreaterThan(0);
    expect(checkStaleness(valid, await currentNode())).toEqual([]);
  });

  it('tampered-digest.json is refused: digest mismatch', () => {
    expect(refusal('tampered-digest.json')).toBe('tampered-digest.json: digest mismatch: the plan was modified after it was written');
  });

  it('unknown-format.json is refused: unknown format version', () => {
    expect(refusal('unknown-format.json')).toBe('unknown-format.json: unsupported plan format version 2 (this patchplan reads version 1)');
  });

  it('other-host.json is intact but refused on this machine', async () => {
    const plan = parsePlanText(read('other-host.json'), 'other-host.json');
    expect(checkStaleness(plan, await currentNode()).map((r) => r.message)).toEqual([
      `the plan was made for machine 0b5e7d9f1a3c4e6f8a0b2c4d6e8f0a1b (web-02), this node is ${valid.node.machineId}`,
    ]);
  });

  it('stale-version.json is intact but refused: openssl changed since planning', async () => {
    const plan = parsePlanText(read('stale-version.json'), 'stale-version.json');
    expect(checkStaleness(plan, await currentNode())).toEqual([
      {
        code: 'installed-version-changed',
        package: {name: 'openssl', arch: 'amd64'},
        message: 'openssl (amd64): installed version is now 3.0.17-1~deb12u2, the plan was made for 3.0.16-1~deb12u1',
      },
    ]);
  });

  it('v1-valid.json is refused once it is older than the maximum age', async () => {
    const node = await currentNode();
    expect(checkStaleness(valid, {...node, now: new Date(Date.parse(valid.createdAt) + 8 * 24 * HOUR)}).map((r) => r.code)).toEqual([
      'too-old',
    ]);
  });
});
