import {describe, expect, it} from 'vitest';
import {assess} from '../../../src/engine/steps/assess.js';
import {decide, decideRow} from '../../../src/engine/steps/decide.js';
import type {DecidedRow} from '../../../src/engine/steps/run.js';
import {anOverrideList} from '../builders.js';
import {installedRow, runFor, yumNode} from './helpers.js';

const decided = (rows: ReturnType<typeof decide>, name: string): DecidedRow => {
  const row = rows.find((r) => r.pkg.name === name);
  if (row === undefined || row.kind !== 'installed') throw new Error(`no decided row for ${name}`);
  return row;
};

describe('decide: one decision per installed package (spec §6.6), with the install it plans', () => {
  const {inventory, baseline} = yumNode();

  it('installs the assessed target and plans that install', () => {
    const run = runFor(inventory, baseline);
    const curl = decided(decide(run, assess(run)), 'curl');
    expect(curl.decision).toMatchObject({action: 'install', targetVersion: '8.5.0-1.amzn2', fallbackVersions: ['8.4.0-1.amzn2']});
    expect(curl.decision?.reason.code).toBe('approval-rule');
    expect(curl.install?.version.version).toBe('8.5.0-1.amzn2');
    expect(curl.warnings).toEqual([]);
  });

  it('gives an up-to-date package that nothing names no decision and plans nothing', () => {
    const run = runFor(inventory, baseline);
    const bash = decided(decide(run, assess(run)), 'bash');
    expect(bash.decision).toBeNull();
    expect(bash.install).toBeNull();
  });

  it('passes rows that are not installed through unchanged', () => {
    const run = runFor(inventory, baseline);
    const rows = assess(run);
    const table = decide(run, rows);
    expect(table.find((r) => r.pkg.name === 'wget')).toBe(rows.find((r) => r.pkg.name === 'wget'));
  });

  it('skips a package not named by the InstallOverrideList, planning nothing', () => {
    const run = runFor(inventory, baseline, {installOverrideList: anOverrideList([{id: 'wget'}])});
    const curl = decided(decide(run, assess(run)), 'curl');
    expect(curl.decision).toMatchObject({action: 'skip'});
    expect(curl.decision?.reason.code).toBe('not-in-override-list');
    expect(curl.install).toBeNull();
  });

  it('gives a row that does not decide no decision, and ends a decision with the row\'s note', () => {
    const run = runFor(inventory, baseline);
    const curl = installedRow(assess(run), 'curl');
    expect(decideRow(run, {...curl, decides: false}).decision).toBeNull();
    const noted = decideRow(run, {...curl, note: 'a note from live patching'});
    expect(noted.decision?.reason.detail).toContain('a note from live patching');
  });
});
