import {describe, expect, it} from 'vitest';

import {closest, suggestFlag} from '../../src/cli/did-you-mean.js';

describe('closest', () => {
  it('suggests what was meant, and nothing when nothing is close', () => {
    const commands = ['apply', 'approve', 'plan', 'show', 'inventory', 'keygen', 'baseline:list', 'baseline:show', 'baseline:validate'];
    expect(closest('pln', commands)).toBe('plan');
    expect(closest('aply', commands)).toBe('apply');
    expect(closest('baseline:lst', commands)).toBe('baseline:list');
    expect(closest('deploy', commands)).toBeNull();
    expect(closest('x', [])).toBeNull();
  });
});

describe('suggestFlag', () => {
  it("reads oclif's message and suggests one of the command's flags", () => {
    const flags = ['json', 'no-color', 'root', 'max-age', 'lock-timeout', 'detailed-exitcode'];
    expect(suggestFlag('Nonexistent flag: --josn\nSee more help with --help', flags)).toBe('--json');
    expect(suggestFlag('Nonexistent flag: --max-ag', flags)).toBe('--max-age');
    expect(suggestFlag('Nonexistent flag: --frobnicate', flags)).toBeNull();
    expect(suggestFlag('Missing required flag key', flags)).toBeNull();
  });
});
