import {describe, expect, it} from 'vitest';

import {assemble, namesToSearch} from '../../../src/managers/zypper/build-inventory.js';
import type {ZypperPatch} from '../../../src/managers/zypper/parse-update-status.js';

function patch(name: string, overrides: Partial<ZypperPatch> = {}): ZypperPatch {
  return {
    name,
    edition: '1',
    status: 'needed',
    category: 'security',
    severity: 'important',
    issued: '2026-01-01T00:00:00.000Z',
    summary: '',
    repository: 'updates',
    restart: false,
    interactive: false,
    cves: [],
    bugzillas: [],
    ...overrides,
  };
}

describe('assemble', () => {
  it('gives each installed arch only its own (or noarch) versions, and the patch only to the arch it lists', () => {
    const {packages} = assemble({
      installed: [
        {name: 'libfoo', arch: 'x86_64', version: '1.0-1'},
        {name: 'libfoo', arch: 'i586', version: '1.0-1'},
      ],
      updates: [],
      solvables: [
        {name: 'libfoo', kind: 'package', status: 'other-version', edition: '1.1-1', arch: 'x86_64', repository: 'updates'},
        {name: 'libfoo', kind: 'package', status: 'other-version', edition: '1.1-1', arch: 'i586', repository: 'updates'},
        {name: 'libfoo', kind: 'package', status: 'installed', edition: '1.0-1', arch: 'x86_64', repository: '@System'},
      ],
      patches: [patch('P-1')],
      patchPackages: new Map([['P-1', [{name: 'libfoo', arch: 'x86_64', version: '1.1-1', rebootSuggested: false}]]]),
    });
    expect(packages).toEqual([
      {name: 'libfoo', arch: 'i586', installedVersion: '1.0-1', versions: [{version: '1.1-1', repository: 'updates', advisories: []}]},
      {name: 'libfoo', arch: 'x86_64', installedVersion: '1.0-1', versions: [{version: '1.1-1', repository: 'updates', advisories: ['P-1']}]},
    ]);
  });

  it('keeps a list-updates edition search did not return, and reports patches without package data', () => {
    const result = assemble({
      installed: [{name: 'a', arch: 'noarch', version: '1-1'}],
      updates: [{name: 'a', edition: '2-1', arch: 'noarch', editionOld: '1-1', repository: 'updates'}],
      solvables: [],
      patches: [patch('P-2', {severity: null, restart: true})],
      patchPackages: new Map(),
    });
    expect(result.packages[0]?.versions).toEqual([{version: '2-1', repository: 'updates', advisories: []}]);
    expect(result.unmapped).toEqual(['P-2']);
    expect(result.advisories).toEqual([
      {id: 'P-2', type: 'security', issued: '2026-01-01T00:00:00.000Z', cves: [], bugzillas: [], repository: 'updates', rebootSuggested: true},
    ]);
  });

  it('searches only installed names that have an update or appear in a patch', () => {
    expect(
      namesToSearch(
        [
          {name: 'b', arch: 'noarch', version: '1-1'},
          {name: 'a', arch: 'noarch', version: '1-1'},
          {name: 'quiet', arch: 'noarch', version: '1-1'},
        ],
        [{name: 'b', edition: '2-1', arch: 'noarch', editionOld: null, repository: null}],
        new Map([['P', [{name: 'a', arch: 'noarch', version: '1-1', rebootSuggested: false}, {name: 'not-installed', arch: 'noarch', version: '1-1', rebootSuggested: false}]]]),
      ),
    ).toEqual(['a', 'b']);
  });
});
