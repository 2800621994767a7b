import {readdirSync, readFileSync} from 'node:fs';

import {describe, expect, it} from 'vitest';

import {loadInventory, parseInventoryText} from '../../src/inventory/load.js';
import {inventoryTraps} from '../../src/inventory/traps.js';
import {makePlan} from '../../src/services/make-plan.js';
import {nodeFileSystem} from '../../src/system/fs.js';

/**
 * docs/inventory.md shows one complete inventory per family; the files are
 * fixtures/inventories/examples/*.json. They go through the real loader and the plan service, and
 * the page must show each file exactly, so neither the page nor the files can go stale.
 */

const DIR = 'fixtures/inventories/examples';
const DOC = 'docs/inventory.md';
const NOW = new Date('2026-01-20T12:00:00Z');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

/** What the page says each example plans with the OS's default baseline, as `name action reason`. */
const EXPECTED: Record<string, string[]> = {
  'apt-ubuntu-24.04.json': ['openssl install approval-rule', 'tzdata skip not-security-repo'],
  'dnf-rhel-9.json': ['krb5-libs install approval-rule', 'tzdata skip not-security-repo'],
  'yum-amazon-linux-2.json': ['openssl-libs install approval-rule', 'vim-minimal skip not-security-repo'],
  'zypper-sles-15.json': ['libopenssl3 install approval-rule', 'timezone skip not-approved'],
  'macos-14.json': ['git install approval-rule', 'macOS Sonoma 14.7 install approval-rule'],
  'windows-server-2022.json': ['KB5049983 install approval-rule'],
};

function jsonBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```json\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? '');
}

describe('the inventory examples (docs/inventory.md)', () => {
  it('cover every manager, and the page has a block for each file', () => {
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
    const managers = files.map((f) => (JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8')) as {node: {manager: string}}).node.manager);
    expect(new Set(managers)).toEqual(new Set(['apt', 'dnf', 'yum', 'zypper', 'macos', 'windows']));
  });

  it.each(files)('%s loads, falls into no trap, and plans what the page says with the default baseline', async (file) => {
    const inventory = await loadInventory(`${DIR}/${file}`, nodeFileSystem);
    expect(inventoryTraps(inventory)).toEqual([]);
    const {plan, inventoryWarnings} = await makePlan(
      {inventoryFile: `${DIR}/${file}`, rebootOption: 'RebootIfNeeded', toolVersion: '0.0.0', now: NOW},
      {clock: {now: () => NOW}, fs: nodeFileSystem},
    );
    expect(inventoryWarnings).toEqual([]);
    expect(plan.warnings).toEqual([]);
    expect(plan.decisions.map((d) => `${d.name} ${d.action} ${d.reason.code}`)).toEqual(EXPECTED[file]);
  });

  it.each(files)('%s is shown exactly on the page', (file) => {
    expect(jsonBlocks(readFileSync(DOC, 'utf8'))).toContain(readFileSync(`${DIR}/${file}`, 'utf8'));
  });

  it('every JSON block on the page is an inventory the loader accepts', () => {
    const blocks = jsonBlocks(readFileSync(DOC, 'utf8'));
    expect(blocks).toHaveLength(files.length);
    for (const block of blocks) expect(() => parseInventoryText(block, DOC)).not.toThrow();
  });
});
