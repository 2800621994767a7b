import {copyFile, mkdir, mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';

import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {lines, runCli} from '../helpers/cli.js';

const NOW = ['--now', '2026-11-24'];
let tmp: string;
let plans: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'patchplan-fleet-report-'));
  plans = path.join(tmp, 'plans');
  await mkdir(plans);
  const made = await Promise.all([
    runCli(['plan', '--inventory', 'fixtures/inventories/debian-12.json', ...NOW, '--out', path.join(plans, 'web-01.json')]),
    runCli(['plan', '--inventory', 'fixtures/inventories/amazon-linux-2023.json', ...NOW, '--out', path.join(plans, 'api-02.json')]),
    runCli([
      'plan', '--inventory', 'fixtures/inventories/ubuntu-22.04.json', ...NOW, '--reboot-option', 'NoReboot',
      '--exclude', 'openssl', '--note', 'waiting for the vendor', '--reviewer', 'alice', '--out', path.join(plans, 'build-03.json'),
    ]),
  ]);
  for (const m of made) expect(m.stderr).toBe('');
}, 60_000);
afterAll(async () => {
  await rm(tmp, {recursive: true, force: true});
});

describe('patchplan fleet report', () => {
  it('reviews a directory of plans in one screen', async () => {
    const result = await runCli(['fleet', 'report', plans], {env: {COLUMNS: '100'}});
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const out = lines(result.stdout);
    expect(out[0]).toBe('Fleet     3 plans verified');
    expect(out).toContainEqual(expect.stringMatching(/^ {2}~ curl +7\.88\.1-10\+deb12u14 +1 node install · 0 skip$/));
    expect(out).toContainEqual(expect.stringMatching(/^ {2}~ libxml2 +\S+ +1 node install · 1 skip$/));
    expect(out).toContainEqual('      skip (not-approved 1): api-02');
    expect(out).toContainEqual(expect.stringMatching(/^Reboot expected 2 +api-02, web-01$/));
    expect(out).toContainEqual(expect.stringMatching(/^Unsigned 3 +api-02, build-03, web-01$/));
    expect(out).toContainEqual('  x build-03: openssl 3.0.2-0ubuntu1.21 by alice: waiting for the vendor');
    expect(out.at(-1)).toBe('Fleet: 3 nodes, 3 install something, 0 nothing.');
    for (const line of out) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('--json prints the documented shape, every name listed', async () => {
    const result = await runCli(['fleet', 'report', path.join(plans, 'web-01.json'), path.join(plans, 'build-03.json'), '--json']);
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({report: 'fleet', formatVersion: 1, exitCode: 0, plans: {files: 2, verified: 2, refused: 0}});
    expect(report.rebootOptions).toEqual({RebootIfNeeded: 1, NoReboot: 1, RebootIfRequired: 0});
    expect(report.rebootExpected).toEqual(['web-01']);
    expect(report.unsigned).toEqual(['web-01', 'build-03']);
    const libcurl = report.packages.find((p: {name: string}) => p.name === 'libcurl4');
    expect(libcurl.targets).toEqual([
      {version: '7.81.0-1ubuntu1.22', nodes: 1, hostnames: ['build-03']},
      {version: '7.88.1-10+deb12u14', nodes: 1, hostnames: ['web-01']},
    ]);
    expect(libcurl.installNodes).toBe(2);
    expect(report.exclusions).toEqual([
      {hostname: 'build-03', file: path.join(plans, 'build-03.json'), package: 'openssl', excludedVersion: '3.0.2-0ubuntu1.21', reviewer: 'alice', note: 'waiting for the vendor'},
    ]);
    expect(report.nodes.map((n: {hostname: string}) => n.hostname)).toEqual(['web-01', 'build-03']);
    const same = await runCli(['fleet', 'report', path.join(plans, 'web-01.json'), path.join(plans, 'build-03.json'), '--format', 'json']);
    expect(same.stdout).toBe(result.stdout);
  });

  it('--format markdown prints a change ticket', async () => {
    const result = await runCli(['fleet', 'report', plans, '--format', 'markdown']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.startsWith('## Patch change across 3 nodes\n')).toBe(true);
    expect(result.stdout).toContain('| `curl` | `7.88.1-10+deb12u14` | 1 | 0 |  | web-01 |');
    expect(result.stdout).toContain('| build-03 | `openssl` | `3.0.2-0ubuntu1.21` | alice | waiting for the vendor |');
  });

  it('a tampered plan is named on stderr and in the report, the others are reviewed, exit 3', async () => {
    const dir = path.join(tmp, 'with-tampered');
    await mkdir(dir);
    await copyFile(path.join(plans, 'web-01.json'), path.join(dir, 'a.json'));
    await copyFile('fixtures/plans/tampered-digest.json', path.join(dir, 'b.json'));
    const result = await runCli(['fleet', 'report', dir, '--json']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toBe(`error: ${path.join(dir, 'b.json')}: digest mismatch: the plan was modified after it was written\n`);
    const report = JSON.parse(result.stdout);
    expect(report.plans).toEqual({files: 2, verified: 1, refused: 1});
    expect(report.refused).toEqual([{file: path.join(dir, 'b.json'), exitCode: 3, error: `${path.join(dir, 'b.json')}: digest mismatch: the plan was modified after it was written`}]);
    // A refused plan is not counted, so its machine id is no duplicate.
    expect(report.duplicateMachineIds).toEqual([]);
  });

  it('an unreadable or invalid file is exit 1; duplicate machine ids are flagged', async () => {
    const missing = path.join(tmp, 'missing.json');
    const result = await runCli(['fleet', 'report', path.join(plans, 'web-01.json'), path.join(plans, 'web-01.json'), missing]);
    expect(result.exitCode).toBe(1);
    expect(lines(result.stderr)).toEqual([expect.stringMatching(new RegExp(`^error: ${missing}: `))]);
    expect(result.stdout).toMatch(/^! machine id \S+ is in 2 plans:/m);
    expect(result.stdout.replace(/\n +/g, ' ')).toContain('; 1 plan refused; 1 duplicate machine id.');
  });

  it('a directory without plans is one error line, exit 1', async () => {
    const empty = path.join(tmp, 'empty');
    await mkdir(empty);
    const result = await runCli(['fleet', 'report', empty]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`error: ${empty}: a directory without plan files (*.json files)\n`);
  });
});
