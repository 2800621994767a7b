import {describe, expect, it} from 'vitest';
import {assess} from '../../../src/engine/steps/assess.js';
import {decide} from '../../../src/engine/steps/decide.js';
import {addDependencies} from '../../../src/engine/steps/dependencies.js';
import {runFor, yumNode} from './helpers.js';

describe('dependencies: spec §6.1 step 7 on the decided table', () => {
  const {inventory, baseline} = yumNode();

  it('keeps the table\'s decisions and adds what the planned installs pull in', () => {
    const run = runFor(inventory, baseline);
    const decisions = addDependencies(run, decide(run, assess(run)));
    const names = [...decisions.values()].map((d) => `${d.name}:${d.reason.code}`);
    expect(names).toEqual(['curl:approval-rule', 'libcurl:dependency']);
    const libcurl = [...decisions.values()].find((d) => d.name === 'libcurl');
    // Not installed: the dependency carries NOT_APPLICABLE, as a not-installed package does.
    expect(libcurl).toMatchObject({action: 'install', targetVersion: '8.5.0-1.amzn2', state: 'NOT_APPLICABLE', installedVersion: null});
    expect(libcurl?.reason.detail).toContain('curl');
  });

  it('adds nothing when no install is planned', () => {
    const run = runFor(inventory, baseline);
    const table = decide(run, assess(run)).map((row) => (row.kind === 'installed' ? {...row, install: null} : row));
    const decisions = addDependencies(run, table);
    expect([...decisions.values()].map((d) => d.name)).toEqual(['curl']);
  });
});
