import {describe, expect, it} from 'vitest';

import {withDigest} from '../../../src/plan/build.js';
import type {Plan, PlanApproval, UnsignedPlan} from '../../../src/plan/schema.js';
import {fitPair, renderHumanComparison} from '../../../src/views/compare/human.js';
import {showComparison} from '../../../src/views/compare/index.js';
import {visibleLine} from '../../../src/views/safe-text.js';
import {stripStyle} from '../../../src/views/style.js';
import {displayWidth} from '../../../src/views/text.js';
import {HOSTILE_STRINGS, expectNoControls} from '../../helpers/hostile.js';
import {aBuildInput, aDecision, aPlan, anEvaluation} from '../../helpers/plan-builders.js';
import {captureStreams} from '../../helpers/streams.js';
import {compared, skip, weekLaterComparison} from './scenario.js';

function derive(plan: Plan, edit: (unsigned: UnsignedPlan) => UnsignedPlan): Plan {
  const {digest: _digest, approvals: _approvals, ...unsigned} = plan;
  return withDigest(edit(unsigned));
}

const plain = (width: number) => ({color: false, width});

describe('human comparison view', () => {
  it('one line per package with its mark, the other changes, and the summary, in 80 columns', () => {
    const streams = captureStreams({width: 80});
    showComparison('human', weekLaterComparison(), streams);
    expect(streams.err()).toBe('');
    expect(streams.out()).toMatchInlineSnapshot(`
      "Packages are shown with these symbols:
        + enters the install set
        - leaves the install set
        ~ stays in it, at another version
        ! same action and version, another reason
        = skipped, and listed by one plan only

        + tzdata   2025b-0+deb12u1                      approval-rule (was not-securi…
        - openssl  3.0.17-1~deb12u2                     excluded by alice: breaks TLS…
        ~ libssl3  3.0.17-1~deb12u2 → 3.0.18-1~deb12u1  up
        ! sudo     installs 1.9.13p3-1+deb12u3          approved-patches (was approva…
        = curl     7.88.1-10+deb12u14                   not-security-repo (not in the…
        = nginx    1.22.1-9+deb12u4                     not in the new plan (was not-…

      Baseline document: sha256 75a8dc861047 → sha256 d5cf9cd62f0f
        ApprovalRules.PatchRules[0].ApproveAfterDays: 0 → 7
      Reboot option: RebootIfNeeded → NoReboot
      Evaluated at: 2026-11-24T00:00:00.000Z → 2026-12-01T00:00:00.000Z
      Reboot forecast: expected (installed-this-run) → none (no-reboot-option)
      Compliance if scanned now: NON_COMPLIANT (INFORMATIONAL) (other counts)
        INSTALLED_OTHER: 2 → 1
        MISSING: 3 → 4

      Compared with old.json: 1 enters, 1 leaves, 1 moves, 1 reason changed, 1 newly
      skipped, 1 no longer listed; baseline changed.
      "
    `);
  });

  it('gives a wider terminal to the notes, in full', () => {
    const out = renderHumanComparison(weekLaterComparison(), plain(160));
    expect(out).toContain('  + tzdata   2025b-0+deb12u1                      approval-rule (was not-security-repo)\n');
    expect(out).toContain('  - openssl  3.0.17-1~deb12u2                     excluded by alice: breaks TLS pinning; INC-42\n');
    expect(out).toContain('  ! sudo     installs 1.9.13p3-1+deb12u3          approved-patches (was approval-rule)\n');
    expect(out).toContain('  = nginx    1.22.1-9+deb12u4                     not in the new plan (was not-approved)\n');
    expect(out).toContain('Compared with old.json: 1 enters, 1 leaves, 1 moves, 1 reason changed, 1 newly skipped, 1 no longer listed; baseline changed.\n');
  });

  it('plans that install the same versions for the same reasons: one line', () => {
    const plan = aPlan();
    expect(renderHumanComparison(compared(plan, plan), plain(80))).toBe('Compared with old.json: same versions, same reasons.\n');
  });

  it('a baseline renamed, its document the same: says so, and no package line', () => {
    const input = aBuildInput();
    const renamed = aPlan({baseline: {...input.baseline, source: 'baselines/debian.json'}});
    expect(renderHumanComparison(compared(aPlan(), renamed), plain(100))).toBe(
      [
        'Baseline: AWS-DebianDefaultPatchBaseline → baselines/debian.json (the same document)',
        '',
        'Compared with old.json: same versions, same reasons; baseline changed.',
        '',
      ].join('\n'),
    );
  });

  it('says first when the plans are for different machines (compared with --force), and that approvals do not carry over', () => {
    const approval: PlanApproval = {by: 'alice', comment: '', signedAt: '2026-11-24T01:00:00Z', publicKey: `sha256:${'b'.repeat(64)}`, signature: 'c2ln'};
    const old = {...aPlan(), approvals: [approval]};
    const other = derive(aPlan(), (u) => ({...u, node: {...u.node, hostname: 'web-02', machineId: '0b5e7d9f1a3c4e6f8a0b2c4d6e8f0a1b'}}));
    expect(renderHumanComparison(compared(old, other), plain(80))).toBe(
      [
        'These plans are for different machines, web-01 (machine',
        '5f0c3b1e9a2d4c6f8e7b1a0d2c4e6f80) and web-02 (machine',
        '0b5e7d9f1a3c4e6f8a0b2c4d6e8f0a1b): compared because of --force.',
        '',
        "Approvals: 1 → 0 (approvals sign one digest: the old plan's do not carry over)",
        '',
        'Compared with old.json: same versions, same reasons.',
        '',
      ].join('\n'),
    );
  });

  it('the same machine renamed: a Node line with both descriptions', () => {
    const renamed = derive(aPlan(), (u) => ({...u, node: {...u.node, hostname: 'web-01.example.org'}}));
    expect(renderHumanComparison(compared(aPlan(), renamed), plain(160))).toContain(
      'Node: web-01 (Debian GNU/Linux 12 (bookworm), amd64, apt) → web-01.example.org (Debian GNU/Linux 12 (bookworm), amd64, apt)\n',
    );
  });

  it('the reboot forecast: the verdict, then each cause that came or went', () => {
    const old = derive(aPlan(), (u) => ({...u, reboot: {expected: true, reason: 'installed-this-run', causes: [{kind: 'kernel', package: 'linux-image-amd64', advisory: null}]}}));
    const renewed = derive(aPlan(), (u) => ({
      ...u,
      reboot: {expected: false, reason: 'no-reboot-option', causes: [{kind: 'already-pending', package: null, advisory: null}, {kind: 'kernel', package: 'linux-image-amd64', advisory: null}]},
    }));
    expect(renderHumanComparison(compared(old, renewed), plain(80))).toBe(
      [
        'Reboot forecast: expected (installed-this-run) → none (no-reboot-option)',
        'Reboot needed for: 1 cause → 2 causes',
        '  the OS (already-pending): no → yes',
        '',
        'Compared with old.json: same versions, same reasons.',
        '',
      ].join('\n'),
    );
  });

  it('moves say up, down, or the same version written differently; a new rule with the same code names the rules', () => {
    const old = aPlan({
      evaluation: anEvaluation([
        aDecision({name: 'a', targetVersion: '2.0'}),
        aDecision({name: 'b', targetVersion: '1.0'}),
        aDecision({name: 'c', reason: {code: 'approval-rule', rule: 'ApprovalRules.PatchRules[0]', detail: ''}}),
      ]),
    });
    const renewed = aPlan({
      evaluation: anEvaluation([
        aDecision({name: 'a', targetVersion: '1.9', reason: {code: 'approved-patches', rule: 'ApprovedPatches[0]', detail: ''}}),
        aDecision({name: 'b', targetVersion: '0:1.0'}),
        aDecision({name: 'c', reason: {code: 'approval-rule', rule: 'ApprovalRules.PatchRules[1]', detail: ''}}),
      ]),
    });
    const lines = renderHumanComparison(compared(old, renewed), plain(120)).split('\n');
    expect(lines.filter((l) => /^ {2}[~!] \S+ {2}/.test(l))).toEqual([
      '  ~ a  2.0 → 1.9                  down, approved-patches (was approval-rule)',
      '  ~ b  1.0 → 0:1.0                the same version, written differently',
      '  ! c  installs 3.0.17-1~deb12u2  ApprovalRules.PatchRules[1] (was ApprovalRules.PatchRules[0])',
    ]);
  });

  it('names a package with its arch when the comparison holds the name for several', () => {
    const old = aPlan({evaluation: anEvaluation([skip('libc6', '2.36-9', '2.36-9+deb12u1', 'not-approved', {arch: 'amd64'})])});
    const renewed = aPlan({evaluation: anEvaluation([skip('libc6', '2.36-9', '2.36-9+deb12u1', 'not-approved', {arch: 'i386'})])});
    const out = renderHumanComparison(compared(old, renewed), plain(100));
    expect(out).toContain('  = libc6:i386   2.36-9+deb12u1');
    expect(out).toContain('  = libc6:amd64  2.36-9+deb12u1');
  });

  it.each([40, 60, 80, 100])('fits %i columns whatever the data: long names, long versions, wide characters, long notes', (width) => {
    const long = 'linux-image-6.1.0-41-amd64-unsigned-with-a-name-far-too-long-for-any-column';
    const wide = '日本語のとても長いパッケージ名前がここに入ります';
    const version = '1:2.36.0+really2.35.99~git20261124.deadbeefcafe-1~deb12u1+b7';
    const old = aPlan({
      evaluation: anEvaluation([aDecision({name: long, targetVersion: version}), aDecision({name: wide, targetVersion: '1.0'})]),
    });
    const renewed = derive(
      aPlan({evaluation: anEvaluation([aDecision({name: long, targetVersion: `${version}.1`}), aDecision({name: wide, action: 'skip', targetVersion: null, state: 'INSTALLED_OTHER'})])}),
      (u) => ({...u, baseline: {...u.baseline, source: `/etc/patchplan/${'very-long-directory-name/'.repeat(6)}baseline.json`}}),
    );
    for (const color of [false, true]) {
      const out = renderHumanComparison(compared(old, renewed, {oldFile: `/var/lib/${'archive/'.repeat(12)}old.json`, newFile: 'new.json'}), {color, width});
      const lines = stripStyle(out).replace(/\n$/, '').split('\n');
      expect(lines.filter((l) => displayWidth(l) > width)).toEqual([]);
      // Cut with an ellipsis, not dropped: the rows are still there.
      expect(lines.filter((l) => /^ {2}[-~] (linux|日本)/.test(l))).toHaveLength(2);
      expect(out).toContain('…');
    }
  });

  it('a host name longer than the line is cut, so even the warning fits', () => {
    const host = `web-01.${'very-long-subdomain.'.repeat(5)}example.org`;
    const other = derive(aPlan(), (u) => ({...u, node: {...u.node, hostname: host, machineId: '0b5e7d9f1a3c4e6f8a0b2c4d6e8f0a1b'}}));
    const lines = renderHumanComparison(compared(aPlan(), other), plain(40)).replace(/\n$/, '').split('\n');
    expect(lines.filter((l) => displayWidth(l) > 40)).toEqual([]);
    expect(lines.some((l) => l.startsWith('web-01.very-long') && l.endsWith('…'))).toBe(true);
  });

  it('fitPair keeps both sides of the arrow, giving the room one does not need to the other', () => {
    expect(fitPair('1.0', '2.0', 20)).toBe('1.0 → 2.0');
    expect(fitPair('1.0', 'a-very-long-version-string', 20)).toBe('1.0 → a-very-…string');
    expect(displayWidth(fitPair('a-very-long-version-string', 'another-long-version-x', 21))).toBe(21);
  });

  it('uses colour only when asked, and the text is the same without it', () => {
    const coloured = renderHumanComparison(weekLaterComparison(), {color: true, width: 80});
    expect(coloured).toContain('\u001b[');
    expect(stripStyle(coloured)).toBe(renderHumanComparison(weekLaterComparison(), plain(80)));
  });
});

describe('human comparison view: hostile data is shown, never obeyed', () => {
  it('escapes in JavaScript notation (the title-changing string, say)', () => {
    expect(visibleLine(HOSTILE_STRINGS[0] ?? '')).toBe('x\\x1b]0;pwned\\x07\\x1b[2J');
  });

  it.each(HOSTILE_STRINGS.map((s) => [s]))('%j as a name, version, reviewer, note, baseline source and file name', (hostile) => {
    const old = aPlan({evaluation: anEvaluation([aDecision({name: hostile, targetVersion: `1.0${hostile}`})])});
    const renewed = derive(
      aPlan({
        evaluation: anEvaluation([
          aDecision({name: hostile, action: 'skip', targetVersion: null, state: 'INSTALLED_OTHER', reason: {code: 'excluded-by-reviewer', rule: null, detail: hostile}}),
        ]),
      }),
      (u) => ({
        ...u,
        decisions: u.decisions.map((d) => ({...d, reviewer: hostile, excludedVersion: `1.0${hostile}`})),
        baseline: {...u.baseline, source: hostile},
      }),
    );
    for (const color of [false, true]) {
      const out = renderHumanComparison(compared(old, renewed, {oldFile: hostile, newFile: 'new.json'}), {color, width: 400});
      expectNoControls(stripStyle(out));
      // The reviewer and the note, escaped where they stand.
      expect(out).toContain(`excluded by ${visibleLine(hostile)}: ${visibleLine(hostile)}`);
    }
  });
});
