import {describe, expect, it} from 'vitest';

import {InputError} from '../../src/errors.js';
import {collectPins, parsePinFileText, serializePinFile, type ResultForPins} from '../../src/plan/pin-file.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const at = new Date('2026-11-24T10:00:00Z');

function result(packages: readonly [string, string, string | null, ResultForPins['results'][number]['status']][]): ResultForPins {
  return {plan: DIGEST, results: packages.map(([name, arch, to, status]) => ({name, arch, from: '1', to, status, message: null}))};
}

describe('collectPins', () => {
  it('pins installed and already-installed at `to`, counts the files, sorts by name then arch', () => {
    const pins = collectPins({
      manager: 'dnf',
      createdAt: at,
      results: [
        {file: 'a.json', result: result([['zlib', 'x86_64', '1.2.11-40', 'installed'], ['bash', 'x86_64', '5.2-1', 'failed'], ['curl', 'x86_64', null, 'skipped']])},
        {file: 'b.json', result: result([['zlib', 'x86_64', '1.2.11-40', 'already-installed'], ['zlib', 'i686', '1.2.11-40', 'interrupted']])},
      ],
    });
    expect(pins).toEqual({
      formatVersion: 1,
      createdAt: '2026-11-24T10:00:00.000Z',
      sources: [{file: 'a.json', plan: DIGEST}, {file: 'b.json', plan: DIGEST}],
      pins: [{manager: 'dnf', name: 'zlib', arch: 'x86_64', version: '1.2.11-40', nodes: 2}],
    });
    expect(parsePinFileText(serializePinFile(pins), 'p.json')).toEqual(pins);
  });

  it('refuses a package at two versions, naming it and both files', () => {
    expect(() =>
      collectPins({
        manager: 'apt',
        createdAt: at,
        results: [
          {file: 'a.json', result: result([['curl', 'amd64', '2', 'installed']])},
          {file: 'b.json', result: result([['curl', 'amd64', '3', 'already-installed']])},
        ],
      }),
    ).toThrow(new InputError('', 'curl (amd64) was validated at two versions: 2 in a.json, 3 in b.json; a ring pins one version, so nothing was written'));
  });
});

describe('parsePinFileText', () => {
  const good = {formatVersion: 1, createdAt: '2026-11-24T10:00:00Z', sources: [], pins: [{manager: 'apt', name: 'curl', arch: 'amd64', version: '2', nodes: 1}]};

  it('names the file and the JSON path of the first problem', () => {
    const bad = {...good, pins: [{...good.pins[0], manager: 'pacman'}]};
    expect(() => parsePinFileText(JSON.stringify(bad), 'pins.json')).toThrow(expect.objectContaining({where: 'pins.json: pins[0].manager'}));
    expect(() => parsePinFileText(JSON.stringify({...good, extra: 1}), 'pins.json')).toThrow(expect.objectContaining({where: 'pins.json'}));
  });

  it('refuses two pins for one package', () => {
    const twice = {...good, pins: [good.pins[0], {...good.pins[0], version: '3'}]};
    expect(() => parsePinFileText(JSON.stringify(twice), 'pins.json')).toThrow(expect.objectContaining({where: 'pins.json: pins[1]'}));
  });
});
