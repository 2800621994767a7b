/**
 * The review's `a`, for real: the BUILT CLI in a tmux terminal (80×24) on the apt lab, a
 * reviewer excludes an update with a note, presses `a`, answers apply's confirmation, and the
 * real apt/dpkg install exactly the reviewed plan under `--root`. The same for `apply` without
 * PLAN on a terminal (the review opens first), and a cancelled confirmation installs nothing.
 * The host's dpkg status is checked untouched at the end.
 */
import {mkdirSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {REPO} from '../helpers/cli.js';
import {openTerminal, requireTmux, type Terminal} from '../tui/tmux.js';
import {aptLab, installedVersions, md5File, type AptLab, type LabRoot} from './lab/apt-lab.js';

const HOST_STATUS = '/var/lib/dpkg/status';
const hostStatusBefore = md5File(HOST_STATUS);
const CAPTURES = path.join(os.tmpdir(), 'patchplan-review-apply-tmux');

let lab: AptLab;
const terminals: Terminal[] = [];

beforeAll(async () => {
  await requireTmux();
  lab = await aptLab();
  mkdirSync(CAPTURES, {recursive: true});
});

afterAll(async () => {
  for (const t of terminals) await t.close();
  lab?.remove();
});

async function cli(r: LabRoot, args: readonly string[]): Promise<Terminal> {
  const t = await openTerminal([process.execPath, path.join(REPO, 'bin', 'run.js'), ...args, '--root', r.root], {env: {TMPDIR: lab.tmpdir, USER: 'alice'}});
  terminals.push(t);
  return t;
}

/** `/` NAME, Enter keeps the filter with NAME selected, `x`, the note, Enter. */
async function exclude(t: Terminal, name: string, note: string): Promise<void> {
  await t.keys('/');
  await t.type(name);
  await t.keys('Enter');
  await t.waitFor(`Filter: ${name}.`);
  await t.keys('x');
  await t.waitFor(`Why exclude ${name} `);
  await t.type(note);
  await t.keys('Enter');
  await t.waitFor('1 excluded.');
}

describe('a in the review applies exactly the reviewed plan (tmux 80×24, apt lab)', () => {
  it('plan --interactive: exclude libssl-pp with a note, a, yes: everything else is installed, libssl-pp is not', async () => {
    const r = await lab.copyRoot('review-apply');
    const t = await cli(r, ['plan', '--interactive']);
    await t.waitFor('Install (');
    await exclude(t, 'libssl-pp', 'CAB-1234: after the audit');
    await t.keys('a');
    // The same confirmation apply asks for, after the plan as it will be applied.
    const prompt = await t.waitFor('Enter a value:');
    await t.save(CAPTURES, 'plan-interactive-confirm');
    expect(prompt).toContain('Apply this plan to'); // then the host and (root …), which may wrap at 80 columns
    await t.type('yes');
    await t.keys('Enter');
    expect(await t.exited()).toBe(0);
    const after = await t.screen({history: true});
    await t.save(CAPTURES, 'plan-interactive-applied');
    expect(after).toMatch(/^ {2}x libssl-pp 3\.0\.1-1\+deb12u1 {2}excluded by alice: CAB-1234: after the audit$/m);
    expect(after).toMatch(/^Apply complete: \d+ installed, 0 already installed, 0 failed, \d+ skipped\.$/m);
    const installed = await installedVersions(r.root);
    expect(installed['libssl-pp']).toBe('3.0.1-1');
    expect(installed['app-pp']).toBe('1.0-1+deb12u1');
    expect(installed['newlib-pp']).toBe('1.0-1');
  });

  it('apply without PLAN on a terminal opens the review first; a, yes installs the plan', async () => {
    const r = await lab.copyRoot('apply-review');
    const t = await cli(r, ['apply']);
    const list = await t.waitFor('Install (');
    await t.save(CAPTURES, 'apply-review');
    expect(list).toContain('a apply');
    await t.keys('a');
    await t.waitFor('Enter a value:');
    await t.type('yes');
    await t.keys('Enter');
    expect(await t.exited()).toBe(0);
    expect(await t.screen({history: true})).toMatch(/^Apply complete: /m);
    expect((await installedVersions(r.root))['libssl-pp']).toBe('3.0.1-1+deb12u1');
  });

  it('anything but yes at the confirmation cancels: exit 1, nothing installed', async () => {
    const r = await lab.copyRoot('review-cancel');
    const before = await installedVersions(r.root);
    const t = await cli(r, ['plan', '--interactive']);
    await t.waitFor('Install (');
    await t.keys('a');
    await t.waitFor('Enter a value:');
    await t.type('no');
    await t.keys('Enter');
    expect(await t.exited()).toBe(1);
    expect(await t.screen({history: true})).toContain('error: apply: cancelled; nothing was installed');
    expect(await installedVersions(r.root)).toEqual(before);
  });
});

describe('host safety', () => {
  it("left the host's dpkg status as it was", () => {
    expect(md5File(HOST_STATUS)).toBe(hostStatusBefore);
  });
});
