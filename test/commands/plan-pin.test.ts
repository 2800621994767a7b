import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';

import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {lines, REPO, runCli} from '../helpers/cli.js';
import {sha256Hex} from '../../src/json/canonical-json.js';

const NOW = ['--now', '2026-11-24'];
const DEBIAN = 'fixtures/inventories/debian-12.json';
let tmp: string;

function pinFile(pins: readonly {name: string; version: string; arch?: string; manager?: string}[]): string {
  return JSON.stringify({
    formatVersion: 1,
    createdAt: '2026-11-24T10:00:00Z',
    sources: [{file: 'results/web-01.json', plan: `sha256:${'1'.repeat(64)}`}],
    pins: pins.map((p) => ({manager: p.manager ?? 'apt', name: p.name, arch: p.arch ?? 'amd64', version: p.version, nodes: 1})),
  });
}

interface Decision {
  name: string;
  action: string;
  targetVersion: string | null;
  reason: {code: string; detail: string};
}
const decision = (plan: {decisions: Decision[]}, name: string): Decision | undefined => plan.decisions.find((d) => d.name === name);

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'patchplan-plan-pin-'));
  // debian-12 with one more security update of curl below the newest, so a pin can hold it back.
  const inventory = JSON.parse(await readFile(path.join(REPO, DEBIAN), 'utf8'));
  const curl = inventory.packages.find((p: {name: string}) => p.name === 'curl');
  const newest = curl.versions.find((v: {version: string}) => v.version === '7.88.1-10+deb12u14');
  curl.versions.push({...newest, version: '7.88.1-10+deb12u13', candidate: undefined});
  await writeFile(path.join(tmp, 'debian-12-two-curls.json'), JSON.stringify(inventory));
});
afterAll(async () => {
  await rm(tmp, {recursive: true, force: true});
});

describe('patchplan plan --pin', () => {
  it('skips a package pinned at its installed version (pinned), records the pin file and its sha256', async () => {
    const pins = path.join(tmp, 'pins.json');
    const text = pinFile([{name: 'openssl', version: '3.0.17-1~deb12u2'}, {name: 'curl', version: '7.88.1-10+deb12u12', arch: 'arm64'}]);
    await writeFile(pins, text);
    const [pinned, plain] = await Promise.all([
      runCli(['plan', '--inventory', DEBIAN, ...NOW, '--pin', pins, '--json']),
      runCli(['plan', '--inventory', DEBIAN, ...NOW, '--json']),
    ]);
    expect(pinned.stderr).toBe('');
    expect(pinned.exitCode).toBe(0);
    const plan = JSON.parse(pinned.stdout);
    const before = JSON.parse(plain.stdout);
    expect(decision(plan, 'openssl')).toMatchObject({action: 'skip', targetVersion: null, reason: {code: 'pinned'}});
    expect(decision(before, 'openssl')).toMatchObject({action: 'install', targetVersion: '3.0.18-1~deb12u1'});
    // A pin for another arch has no effect.
    expect(decision(plan, 'curl')).toEqual(decision(before, 'curl'));
    expect(plan.options.pins).toEqual({source: pins, sha256: sha256Hex(text)});
    expect(plan.summary.byReason.pinned).toBe(1);
    expect(before.options.pins).toBeUndefined();
    expect(before.summary.byReason.pinned).toBeUndefined();
  });

  it('holds a decision down to the pinned version; the human view names the pin file', async () => {
    const pins = path.join(tmp, 'curl-pins.json');
    await writeFile(pins, pinFile([{name: 'curl', version: '7.88.1-10+deb12u13'}]));
    const inventory = path.join(tmp, 'debian-12-two-curls.json');
    const json = await runCli(['plan', '--inventory', inventory, ...NOW, '--pin', pins, '--json']);
    expect(json.stderr).toBe('');
    const plan = JSON.parse(json.stdout);
    expect(decision(plan, 'curl')).toMatchObject({action: 'install', targetVersion: '7.88.1-10+deb12u13', reason: {code: 'approval-rule'}});
    expect(decision(plan, 'curl')?.reason.detail).toContain('held at or below the pin 7.88.1-10+deb12u13 (--pin)');
    const unpinned = JSON.parse((await runCli(['plan', '--inventory', inventory, ...NOW, '--json'])).stdout);
    expect(decision(unpinned, 'curl')?.targetVersion).toBe('7.88.1-10+deb12u14');

    const human = await runCli(['plan', '--inventory', inventory, ...NOW, '--pin', pins], {env: {COLUMNS: '200'}});
    expect(lines(human.stdout)).toContainEqual(expect.stringMatching(new RegExp(`^Pins +${pins.replaceAll('.', '\\.')} \\(sha256 [0-9a-f]+`)));
    const out = path.join(tmp, 'plan.json');
    await runCli(['plan', '--inventory', inventory, ...NOW, '--pin', pins, '--out', out]);
    const shown = await runCli(['show', out], {env: {COLUMNS: '200'}});
    expect(shown.exitCode).toBe(0);
    expect(lines(shown.stdout)).toContainEqual(expect.stringMatching(/^Pins +/));
  });

  it('a malformed pin file: one line naming the file and the JSON path, exit 1', async () => {
    const pins = path.join(tmp, 'bad-pins.json');
    await writeFile(pins, pinFile([{name: 'curl', version: ''}]));
    const result = await runCli(['plan', '--inventory', DEBIAN, ...NOW, '--pin', pins, '--json']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toEqual([`error: ${pins}: pins[0].version: must not be empty`]);
  });
});
