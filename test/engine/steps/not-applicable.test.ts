import {describe, expect, it} from 'vitest';
import {assess} from '../../../src/engine/steps/assess.js';
import {decide} from '../../../src/engine/steps/decide.js';
import {addDependencies} from '../../../src/engine/steps/dependencies.js';
import {addNotApplicable, reportedStates} from '../../../src/engine/steps/not-applicable.js';
import {runFor, yumNode} from './helpers.js';

describe('not-applicable: spec §6.4 NOT_APPLICABLE and DECISION-22', () => {
  const {inventory, baseline} = yumNode();

  it('reports one state per installed package plus NOT_APPLICABLE for approved packages not installed', () => {
    const run = runFor(inventory, baseline);
    const states = reportedStates(run, decide(run, assess(run)));
    expect(states.map((s) => s.state)).toEqual(['INSTALLED_OTHER', 'MISSING', 'NOT_APPLICABLE', 'NOT_APPLICABLE']);
  });

  it('adds no decision without --show-not-applicable, and returns a new map', () => {
    const run = runFor(inventory, baseline);
    const table = decide(run, assess(run));
    const before = addDependencies(run, table);
    const after = addNotApplicable(run, table, before);
    expect(after).not.toBe(before);
    expect([...after.keys()]).toEqual([...before.keys()]);
  });

  it('with --show-not-applicable, adds a skip for an approved package that is not installed, not over a dependency install', () => {
    const run = runFor(inventory, baseline, {showNotApplicable: true});
    const table = decide(run, assess(run));
    const decisions = [...addNotApplicable(run, table, addDependencies(run, table)).values()];
    expect(decisions.find((d) => d.name === 'wget')).toMatchObject({action: 'skip', state: 'NOT_APPLICABLE', installedVersion: null});
    expect(decisions.find((d) => d.name === 'libcurl')?.reason.code).toBe('dependency');
  });
});
