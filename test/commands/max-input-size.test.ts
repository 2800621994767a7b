import {mkdtemp, rm, stat, truncate, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';

import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {expectOneLineError, runCli} from '../helpers/cli.js';

const VALID_PLAN = 'fixtures/plans/v1-valid.json';
const INVENTORY = 'fixtures/inventories/debian-12.json';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'patchplan-max-input-'));
});
afterAll(async () => {
  await rm(tmp, {recursive: true, force: true});
});

describe('--max-input-size / PATCHPLAN_MAX_INPUT_SIZE (built CLI)', () => {
  it('a file above the default limit is refused before it is read, naming the file and the flag', async () => {
    const huge = path.join(tmp, 'inventory.json');
    await writeFile(huge, '');
    await truncate(huge, 300 * 1024 ** 2);
    const line = expectOneLineError(await runCli(['plan', '--inventory', huge]), 1);
    expect(line).toBe(`error: ${huge}: 300 MiB is larger than the 256 MiB input limit for inventories (--max-input-size to raise it)`);
  });

  it('lowers or raises every limit, as a flag or from the environment', async () => {
    const size = (await stat(VALID_PLAN)).size;
    expect((await runCli(['show', VALID_PLAN, '--max-input-size', String(size)])).exitCode).toBe(0);
    const line = expectOneLineError(await runCli(['show', VALID_PLAN, '--max-input-size', String(size - 1)]), 1);
    expect(line).toBe(`error: ${VALID_PLAN}: ${size} bytes is larger than the ${size - 1} bytes input limit for plans (--max-input-size to raise it)`);
    const env = expectOneLineError(await runCli(['plan', '--inventory', INVENTORY], {env: {PATCHPLAN_MAX_INPUT_SIZE: '1KiB'}}), 1);
    expect(env).toMatch(/^error: fixtures\/inventories\/debian-12\.json: [\d.]+ KiB is larger than the 1 KiB input limit for inventories/);
  });

  it('a value that is not a size is an input error naming the flag', async () => {
    const line = expectOneLineError(await runCli(['baseline', 'validate', 'x.json', '--max-input-size', '12 parsecs']), 1);
    expect(line).toBe('error: --max-input-size: "12 parsecs" is not a size such as 268435456, 256MiB or 1GiB');
  });
});
