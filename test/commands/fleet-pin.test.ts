import {mkdtemp, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';

import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {lines, runCli} from '../helpers/cli.js';

let tmp: string;

/** An `apply --json` result as ApplyResultSchema describes it; `manager: null` leaves the field out, as results before it did. */
function result(digit: string, packages: readonly {name: string; arch: string; to: string | null; status: string}[], manager: string | null = 'apt'): string {
  return JSON.stringify({
    plan: `sha256:${digit.repeat(64)}`,
    ...(manager === null ? {} : {manager}),
    startedAt: '2026-11-24T10:00:00Z',
    finishedAt: '2026-11-24T10:01:00Z',
    results: packages.map((p) => ({...p, from: '1', message: null})),
    reboot: {option: 'NoReboot', required: false, performed: false, reason: 'no-reboot-option'},
    repaired: [],
    interrupted: null,
    recovery: null,
  });
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'patchplan-fleet-pin-'));
  await writeFile(
    path.join(tmp, 'web-01.json'),
    result('1', [
      {name: 'openssl', arch: 'amd64', to: '3.0.17-1~deb12u2', status: 'installed'},
      {name: 'curl', arch: 'amd64', to: '7.88.1-10+deb12u12', status: 'already-installed'},
      {name: 'tzdata', arch: 'all', to: null, status: 'skipped'},
      {name: 'vim', arch: 'amd64', to: '2:9.0.1378-2+deb12u2', status: 'failed'},
    ]),
  );
  await writeFile(
    path.join(tmp, 'web-02.json'),
    result('2', [
      {name: 'openssl', arch: 'amd64', to: '3.0.17-1~deb12u2', status: 'installed'},
      {name: 'openssl', arch: 'i386', to: '3.0.18-1~deb12u1', status: 'installed'},
    ]),
  );
  await writeFile(path.join(tmp, 'web-03.json'), result('3', [{name: 'openssl', arch: 'amd64', to: '3.0.18-1~deb12u1', status: 'installed'}]));
  await writeFile(path.join(tmp, 'old.json'), result('5', [{name: 'openssl', arch: 'amd64', to: '3.0.17-1~deb12u2', status: 'installed'}], null));
  await writeFile(path.join(tmp, 'db-01.json'), result('6', [{name: 'openssl', arch: 'x86_64', to: '1:3.0.8-1.amzn2023.0.14', status: 'installed'}], 'dnf'));
});
afterAll(async () => {
  await rm(tmp, {recursive: true, force: true});
});

describe('patchplan fleet pin', () => {
  it('pins what two results validated (installed or already-installed, at `to`), mode 0644', async () => {
    const out = path.join(tmp, 'pins.json');
    const a = path.join(tmp, 'web-01.json');
    const b = path.join(tmp, 'web-02.json');
    // No --manager: both results name apt.
    const run = await runCli(['fleet', 'pin', a, b, '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(lines(run.stdout)).toEqual([`Pinned 3 packages (apt) from 2 apply results to ${out}`]);
    const pins = JSON.parse(await readFile(out, 'utf8'));
    expect(pins).toEqual({
      formatVersion: 1,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      sources: [
        {file: a, plan: `sha256:${'1'.repeat(64)}`},
        {file: b, plan: `sha256:${'2'.repeat(64)}`},
      ],
      pins: [
        {manager: 'apt', name: 'curl', arch: 'amd64', version: '7.88.1-10+deb12u12', nodes: 1},
        {manager: 'apt', name: 'openssl', arch: 'amd64', version: '3.0.17-1~deb12u2', nodes: 2},
        {manager: 'apt', name: 'openssl', arch: 'i386', version: '3.0.18-1~deb12u1', nodes: 1},
      ],
    });
    expect((await stat(out)).mode & 0o777).toBe(0o644);
  });

  it('refuses one package validated at two versions: one line naming it and both files, exit 1, nothing written', async () => {
    const out = path.join(tmp, 'conflict.json');
    const run = await runCli(['fleet', 'pin', path.join(tmp, 'web-01.json'), path.join(tmp, 'web-03.json'), '--manager', 'apt', '--out', out]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toEqual([
      `error: openssl (amd64) was validated at two versions: 3.0.17-1~deb12u2 in ${path.join(tmp, 'web-01.json')}, 3.0.18-1~deb12u1 in ${path.join(tmp, 'web-03.json')}; a ring pins one version, so nothing was written`,
    ]);
    await expect(stat(out)).rejects.toThrow();
  });

  it('takes the manager from --manager for results that do not name one, and refuses one that names another', async () => {
    const old = path.join(tmp, 'old.json');
    const out = path.join(tmp, 'old-pins.json');
    const named = await runCli(['fleet', 'pin', old, '--out', out]);
    expect({exit: named.exitCode, stderr: lines(named.stderr)}).toEqual({
      exit: 1,
      stderr: [`error: ${old}: does not say which package manager applied it (an apply result from before patchplan recorded it): give --manager`],
    });
    await expect(stat(out)).rejects.toThrow();
    const given = await runCli(['fleet', 'pin', old, path.join(tmp, 'web-02.json'), '--manager', 'apt', '--out', out]);
    expect({exit: given.exitCode, stderr: given.stderr}).toEqual({exit: 0, stderr: ''});
    expect(JSON.parse(await readFile(out, 'utf8')).pins.map((p: {manager: string}) => p.manager)).toEqual(['apt', 'apt']);

    const dnf = path.join(tmp, 'db-01.json');
    const other = await runCli(['fleet', 'pin', dnf, '--manager', 'apt', '--out', path.join(tmp, 'never.json')]);
    expect(lines(other.stderr)).toEqual([`error: ${dnf}: was applied with dnf, not apt (--manager); pin one manager's results at a time, so nothing was written`]);
    expect(other.exitCode).toBe(1);
  });

  it('refuses results of two managers without --manager: one line naming both, exit 1, nothing written', async () => {
    const out = path.join(tmp, 'mixed.json');
    const run = await runCli(['fleet', 'pin', path.join(tmp, 'web-02.json'), path.join(tmp, 'db-01.json'), '--out', out]);
    expect(run.exitCode).toBe(1);
    expect(lines(run.stderr)).toEqual([
      `error: the results are from two package managers: apt (${path.join(tmp, 'web-02.json')}) and dnf (${path.join(tmp, 'db-01.json')}); pin one manager at a time, so nothing was written`,
    ]);
    await expect(stat(out)).rejects.toThrow();
  });

  it('refuses a file that is not an apply result, naming it and the JSON path', async () => {
    const bad = path.join(tmp, 'bad.json');
    await writeFile(bad, JSON.stringify({plan: `sha256:${'4'.repeat(64)}`, results: [{name: 'x', arch: '', from: null, to: '1', status: 'done', message: null}]}));
    const run = await runCli(['fleet', 'pin', bad, '--manager', 'apt', '--out', path.join(tmp, 'never.json')]);
    expect(run.exitCode).toBe(1);
    expect(lines(run.stderr)).toEqual([expect.stringMatching(new RegExp(`^error: ${bad.replaceAll('.', '\\.')}: results\\[0\\]\\.status: `))]);
  });
});
