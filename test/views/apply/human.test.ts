import {describe, expect, it} from 'vitest';

import type {ApplyResult} from '../../../src/apply/results.js';
import {createApplyView} from '../../../src/views/apply/index.js';
import {renderHumanResult, renderRebooting} from '../../../src/views/apply/human.js';
import {displayWidth} from '../../../src/views/text.js';
import {expectNoControls, HOSTILE_STRINGS} from '../../helpers/hostile.js';
import {stripStyle} from '../../../src/views/style.js';
import {captureStreams} from '../../helpers/streams.js';

const RESULT: ApplyResult = {
  plan: 'sha256:3f1c9e0a7b2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9d1e',
  manager: 'apt',
  startedAt: '2026-11-24T10:00:00.000Z',
  finishedAt: '2026-11-24T10:01:30.000Z',
  results: [
    {name: 'libssl3', arch: 'amd64', from: '3.0.15-1~deb12u1', to: '3.0.17-1~deb12u2', status: 'installed', message: null},
    {name: 'tzdata', arch: 'all', from: '2024a-0+deb12u1', to: null, status: 'skipped', message: 'not changed: the plan skips it (not-security-repo: only in oldstable-updates)'},
    {name: 'openssl', arch: 'amd64', from: '3.0.15-1~deb12u1', to: '3.0.17-1~deb12u2', status: 'already-installed', message: 'already at the planned version before this run; not passed to the installer'},
    {
      name: 'curl',
      arch: 'amd64',
      from: '7.88.1-10+deb12u12',
      to: '7.88.1-10+deb12u14',
      status: 'failed',
      message: "still at 7.88.1-10+deb12u12 after the install; apt-get exited 100: E: Version '7.88.1-10+deb12u14' for 'curl' was not found",
    },
    {name: 'linux-image-6.1.0-41-amd64', arch: 'amd64', from: null, to: '6.1.158-1', status: 'installed', message: null},
  ],
  reboot: {option: 'RebootIfNeeded', required: true, performed: true, reason: 'installed-this-run'},
  repaired: [],
  interrupted: null,
  recovery: null,
};

describe('renderHumanResult', () => {
  it('one row per install, a failure explained under it, the skips on one line, then a headline and the reboot sentence', () => {
    expect(renderHumanResult(RESULT, false)).toMatchInlineSnapshot(`
      "Apply results (plan 3f1c9e0a7b2d):

        installed          libssl3             3.0.15-1~deb12u1 → 3.0.17-1~deb12u2
        already-installed  openssl             3.0.15-1~deb12u1 → 3.0.17-1~deb12u2
        failed             curl                7.88.1-10+deb12u12 → 7.88.1-10+deb12u14
                           still at 7.88.1-10+deb12u12 after the install; apt-get
                           exited 100: E: Version '7.88.1-10+deb12u14' for 'curl' was
                           not found
        installed          linux-image-6.1.0…  + 6.1.158-1
        skipped            1 as planned: tzdata

      Apply finished with failures: 2 installed, 1 already installed, 1 failed, 1
      skipped. Rerunning apply with the same plan retries only what is not installed
      yet.
      Reboot (RebootIfNeeded): rebooting now: this run installed packages, and
      RebootIfNeeded reboots whenever something was installed.
      "
    `);
  });

  it('fits the width: at 80 columns nothing is wider, and the failure message is wrapped, not cut', () => {
    const text = renderHumanResult(RESULT, false, 80);
    expect(Math.max(...text.split('\n').map(displayWidth))).toBeLessThanOrEqual(80);
    expect(text.replace(/\n\s+/g, ' ')).toContain("apt-get exited 100: E: Version '7.88.1-10+deb12u14' for 'curl' was not found");
  });

  it('never says a skipped package that is installed is "not installed"', () => {
    const skipped: ApplyResult = {
      ...RESULT,
      results: [{name: 'tilde-pp', arch: 'amd64', from: '1.0~rc1-1', to: null, status: 'skipped', message: 'not changed: the plan skips it (not-approved: no rule approves 1.0-1)'}],
      reboot: {option: 'RebootIfNeeded', required: false, performed: false, reason: 'nothing-installed'},
    };
    const text = renderHumanResult(skipped, false, 80);
    expect(text).toContain('skipped            1 as planned: tilde-pp');
    expect(text).not.toMatch(/not installed/);
  });

  it('wraps at word boundaries at 80 columns: every word of a long failure message stays whole', () => {
    const words = Array.from({length: 40}, (_, i) => `word${i}-${'x'.repeat(i % 9)}`);
    const failed: ApplyResult = {...RESULT, results: [{name: 'curl', arch: 'amd64', from: '1', to: '2', status: 'failed', message: words.join(' ')}]};
    const text = renderHumanResult(failed, false, 80);
    const printed = text.split('\n').flatMap((l) => l.trim().split(/\s+/));
    for (const w of words) expect(printed).toContain(w);
    expect(Math.max(...text.split('\n').map(displayWidth))).toBeLessThanOrEqual(80);
  });

  it('shows control characters in names, versions and messages escaped', () => {
    for (const hostile of HOSTILE_STRINGS) {
      const result: ApplyResult = {
        ...RESULT,
        results: RESULT.results.map((r) => ({...r, name: `${r.name}${hostile}`, from: r.from === null ? null : `${r.from}${hostile}`, message: `m${hostile}`})),
      };
      expectNoControls(renderHumanResult(result, false, 80));
      expectNoControls(renderHumanResult(result, true, 80).replace(/\u001b\[[0-9;]*m/g, ''));
    }
    expectNoControls(renderRebooting('/usr/bin/systemctl\u001b[2J reboot'));
  });

  it('says "Apply complete" without failures, and hints at a required reboot that is not happening', () => {
    const ok: ApplyResult = {
      ...RESULT,
      results: RESULT.results.filter((r) => r.status !== 'failed'),
      reboot: {option: 'NoReboot', required: true, performed: false, reason: 'no-reboot-option'},
    };
    const text = renderHumanResult(ok, false, 200);
    expect(text).toContain('Apply complete: 2 installed, 1 already installed, 0 failed, 1 skipped.');
    expect(text).toContain('Reboot (NoReboot): not rebooting: the plan says NoReboot. The OS says a reboot is required to finish.');
  });

  it('an empty plan says so', () => {
    const text = renderHumanResult({...RESULT, results: [], reboot: {option: 'RebootIfNeeded', required: false, performed: false, reason: 'nothing-installed'}}, false, 200);
    expect(text).toContain('The plan has no decisions: nothing to install.');
    expect(text).toContain('Reboot (RebootIfNeeded): not rebooting: nothing was installed, and no earlier install is waiting for a reboot.');
  });

  it('colours only when asked, and the text is the same without the colour codes', () => {
    const coloured = renderHumanResult(RESULT, true);
    expect(coloured).toMatch(/\u001b\[/);
    expect(stripStyle(coloured)).toBe(renderHumanResult(RESULT, false));
  });

  it('names the architecture only when one name appears with several', () => {
    const multi: ApplyResult = {
      ...RESULT,
      results: [
        {name: 'libc6', arch: 'amd64', from: '2.36-9+deb12u8', to: '2.36-9+deb12u9', status: 'installed', message: null},
        {name: 'libc6', arch: 'i386', from: '2.36-9+deb12u8', to: '2.36-9+deb12u9', status: 'installed', message: null},
        {name: 'bash', arch: 'amd64', from: '5.2.15-2+b7', to: '5.2.15-2+b8', status: 'installed', message: null},
      ],
    };
    const rows = renderHumanResult(multi, false).split('\n').filter((l) => l.startsWith('  installed'));
    expect(rows.map((l) => l.split(/\s{2,}/)[2])).toEqual(['libc6 (amd64)', 'libc6 (i386)', 'bash']);
  });

  it('under --root the reboot line explains why the host is not rebooted', () => {
    const text = renderHumanResult({...RESULT, reboot: {option: 'RebootIfNeeded', required: true, performed: false, reason: 'alternate-root'}}, false, 200);
    expect(text).toContain('not rebooting: the packages were installed under --root, and a reboot would restart this host, not that root');
    expect(text).not.toContain('The OS says a reboot is required');
  });
});

describe('createApplyView', () => {
  it('human: the table on stdout; the rebooting notice on stderr', () => {
    const streams = captureStreams();
    const view = createApplyView('human', streams);
    view.result(RESULT);
    view.rebooting('/usr/bin/systemctl reboot');
    expect(streams.plain()).toBe(renderHumanResult(RESULT, false));
    expect(streams.err()).toBe('Rebooting now (/usr/bin/systemctl reboot).\n');
  });

  it('json: stdout is one JSON document with exactly the contract fields (+ manager, reboot.reason, repaired, interrupted, recovery)', () => {
    const streams = captureStreams();
    const view = createApplyView('json', streams);
    view.result({...RESULT, extra: 'must not leak'} as ApplyResult);
    view.rebooting('/usr/bin/systemctl reboot');
    const printed = JSON.parse(streams.out()) as Record<string, unknown>;
    expect(Object.keys(printed)).toEqual(['plan', 'manager', 'startedAt', 'finishedAt', 'results', 'reboot', 'repaired', 'interrupted', 'recovery']);
    expect(printed.reboot).toEqual({option: 'RebootIfNeeded', required: true, performed: true, reason: 'installed-this-run'});
    expect((printed.results as object[]).map((r) => Object.keys(r))).toEqual(RESULT.results.map(() => ['name', 'arch', 'from', 'to', 'status', 'message']));
    expect(streams.err()).toBe('Rebooting now (/usr/bin/systemctl reboot).\n');
  });
});
