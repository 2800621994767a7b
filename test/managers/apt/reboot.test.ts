import {describe, expect, it} from 'vitest';

import {rebootRequiredFile} from '../../../src/managers/apt/reboot.js';
import {memoryFiles} from './support.js';

describe('rebootRequiredFile', () => {
  it.each([
    [{'/srv/r/var/run/reboot-required': ''}, true],
    [{'/srv/r/run/reboot-required': '*** System restart required ***\n'}, true],
    [{'/srv/r/var/run/reboot-required.pkgs': 'kernel-pp\n'}, false],
    [{'/var/run/reboot-required': ''}, false],
    [{}, false],
  ])('%o → %s', async (files, expected) => {
    expect(await rebootRequiredFile('/srv/r', memoryFiles(files))).toBe(expected);
  });

  it('reads / itself for the host', async () => {
    expect(await rebootRequiredFile('/', memoryFiles({'/run/reboot-required': ''}))).toBe(true);
  });
});
