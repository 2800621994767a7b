import stringWidth from 'string-width';
import {beforeAll, describe, expect, it} from 'vitest';

import {initialState, reviewReducer, type ReviewAction, type ReviewState} from '../../../src/views/review/review-state.js';
import {reviewScreen, type TerminalSize} from '../../../src/views/review/screen.js';
import {aDecision, aPackage, aPlan, anEvaluation, anInventory} from '../../helpers/plan-builders.js';
import {AMAZON, contextOf, DEBIAN, fixtureReview, type Reviewable} from './support.js';

const SIZE: TerminalSize = {columns: 80, rows: 24};

function text(state: ReviewState, size: TerminalSize = SIZE): string[] {
  return reviewScreen(state, size, {color: false}).lines.map((l) => l.spans.map((s) => s.text).join(''));
}

function run(state: ReviewState, ...actions: ReviewAction[]): ReviewState {
  return actions.reduce(reviewReducer, state);
}

let debian: Reviewable;
let amazon: Reviewable;
beforeAll(async () => {
  [debian, amazon] = await Promise.all([fixtureReview(DEBIAN), fixtureReview(AMAZON)]);
});

const debianState = (): ReviewState => initialState(debian.plan, contextOf(debian));

describe('the list at 80×24', () => {
  it('fills the terminal but its last row, and no line is wider than 80 columns', () => {
    for (const state of [debianState(), run(debianState(), {type: 'open'}), initialState(amazon.plan, contextOf(amazon))]) {
      const lines = text(state);
      expect(lines).toHaveLength(23);
      for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(80);
    }
  });

  it('groups by action and reason, with counts, one row per package, the selection marked >', () => {
    expect(text(debianState())).toMatchInlineSnapshot(`
      [
        "patchplan review · web-01 (Debian GNU/Linux 12 (bookworm), apt) · baseline AWS-…",
        "Plan: 12 to install, 6 skipped. Reboot expected.",
        "Install (12)",
        "> ~ curl                  7.88.1-10+deb12u12 → 7.88.1-10+deb12u14    rule[0]",
        "  ~ libcurl4              7.88.1-10+deb12u12 → 7.88.1-10+deb12u14    rule[0]",
        "  ~ libgnutls30           3.7.9-2+deb12u4 → 3.7.9-2+deb12u5          rule[0]",
        "  ~ libssl3               3.0.17-1~deb12u2 → 3.0.18-1~deb12u1        rule[0]",
        "  ~ libxml2               …sg-1.3~deb12u4 → 2.9.14+dfsg-1.3~deb12u5  rule[0]",
        "  + linux-image-6.1.0-4…  6.1.158-1                                  dependency",
        "  ~ linux-image-amd64     6.1.153-1 → 6.1.158-1                      rule[0]",
        "  ~ openssh-client        1:9.2p1-2+deb12u7 → 1:9.2p1-2+deb12u8      rule[0]",
        "  ~ openssh-server        1:9.2p1-2+deb12u7 → 1:9.2p1-2+deb12u8      rule[0]",
        "  ~ openssl               3.0.17-1~deb12u2 → 3.0.18-1~deb12u1        rule[0]",
        "  ~ python3-apt           2.6.0 → 2.6.0+deb12u1                      python3-apt",
        "  ~ sudo                  1.9.13p3-1+deb12u2 → 1.9.13p3-1+deb12u3    rule[0]",
        "Skip: not-security-repo (6) — non-security updates are excluded and the candida…",
        "  = base-files            12.4+deb12u12 (12.4+deb12u13 available)        rule[0]",
        "  = docker-ce             5:28.5.1-1~debian.12~bookworm (5:28.5.2-1~de…  rule[0]",
        "  = libsystemd0           252.38-1~deb12u1 (252.39-1~deb12u1 available)  rule[0]",
        "  = nginx                 1.22.1-9+deb12u3 (1.22.1-9+deb12u4 available)  rule[0]",
        "  = systemd               252.38-1~deb12u1 (252.39-1~deb12u1 available)  rule[0]",
        "",
        "↑↓ move  Enter details  / filter  x exclude  u undo  s save  q quit",
      ]
    `);
  });

  it('scrolls with the cursor, keeping it in the middle of the rows around it', () => {
    const short = {columns: 80, rows: 14};
    const body = (s: ReviewState): string[] => text(s, short).slice(2, -2);
    expect(body(debianState())[0]).toBe('Install (12)');
    const middle = body(run(debianState(), {type: 'move', by: 9}));
    expect(middle).toHaveLength(9);
    expect(middle[4]).toMatch(/^> ~ openssl /);
    const end = body(run(debianState(), {type: 'moveTo', where: 'last'}));
    expect(end.at(-1)).toMatch(/^> = tzdata /);
    expect(end.some((l) => l.includes('~ curl '))).toBe(false);
  });

  it('shows advisory severity and id on the row, worst first', () => {
    expect(text(initialState(amazon.plan, contextOf(amazon))).slice(0, 8)).toMatchInlineSnapshot(`
      [
        "patchplan review · api-02 (Amazon Linux 2023.9.20261110, dnf) · baseline AWS-Am…",
        "Plan: 4 to install, 4 skipped. Reboot expected.",
        "Install (4)",
        "> ~ curl             ….amzn2023.0.6 → 8.5.0-1.amzn2023.0.7  Important rule[0] A…",
        "  ~ glibc            …amzn2023.0.1 → 2.34-196.amzn2023.0.2  Low rule[1] ALAS202…",
        "  ~ libcurl-minimal  ….amzn2023.0.6 → 8.5.0-1.amzn2023.0.7  Important rule[0] A…",
        "  ~ openssl-libs     …mzn2023.0.2 → 1:3.2.2-1.amzn2023.0.3  Critical rule[0] AL…",
        "Skip: not-approved (1) — no approval rule approves a newer version",
      ]
    `);
  });

  it('marks an exclusion: its own group, x, the version left out, who and why', () => {
    const s = run(debianState(), {type: 'exclude'}, {type: 'type', text: 'CVE fix breaks proxy auth'}, {type: 'confirm'});
    const lines = text(s);
    expect(lines[1]).toBe('Plan: 11 to install, 7 skipped. 1 excluded. Reboot expected.');
    expect(lines).toContain('Skip: excluded-by-reviewer (1) — removed from the plan during review');
    expect(lines.find((l) => l.includes('x curl'))).toMatchInlineSnapshot(`"  x curl                  7.88.1-10+deb12u14 left out  alice: CVE fix breaks pr…"`);
    expect(lines.at(-2)).toBe('Excluded curl 7.88.1-10+deb12u14: CVE fix breaks proxy auth');
  });

  it('the filter prompt and a kept filter', () => {
    const typing = run(debianState(), {type: 'startFilter'}, {type: 'type', text: 'ssh'});
    expect(text(typing).slice(2, 5)).toEqual([
      'Install (2 of 12)',
      '> ~ openssh-client        1:9.2p1-2+deb12u7 → 1:9.2p1-2+deb12u8  rule[0]',
      '  ~ openssh-server        1:9.2p1-2+deb12u7 → 1:9.2p1-2+deb12u8  rule[0]',
    ]);
    expect(text(typing).slice(-2)).toEqual(['/ssh_', 'type part of a name  Enter keep  Esc clear  ↑↓ move']);
    const kept = run(typing, {type: 'confirm'});
    expect(text(kept)[1]).toBe('Plan: 12 to install, 6 skipped. Reboot expected. Filter: ssh.');
    expect(text(run(kept, {type: 'startFilter'}, {type: 'type', text: 'x'}))[2]).toBe('No package name contains "sshx".');
  });

  it('the note and path prompts name what they are for', () => {
    expect(text(run(debianState(), {type: 'exclude'}, {type: 'type', text: 'because'})).slice(-2)).toEqual([
      'Why exclude curl 7.88.1-10+deb12u14? because_',
      'one line: why leave this update out  Enter exclude  Esc cancel',
    ]);
    expect(text(run(debianState(), {type: 'save'}, {type: 'type', text: 'p.json'})).slice(-2)).toEqual([
      'Save the plan to: p.json_',
      'a file name  Enter save  Esc cancel',
    ]);
  });

  it('offers a only when the review can apply', () => {
    expect(text(debianState()).at(-1)).toBe('↑↓ move  Enter details  / filter  x exclude  u undo  s save  q quit');
    expect(text(initialState(debian.plan, contextOf(debian, {canApply: true}))).at(-1)).toBe(
      '↑↓ move  Enter details  / filter  x exclude  u undo  s save  a apply  q quit',
    );
  });

  it('a terminal too small for the review says so', () => {
    expect(text(debianState(), {columns: 39, rows: 24})).toEqual(['Too small: 40×12 needed; q quits.']);
    expect(text(debianState(), {columns: 80, rows: 11})).toEqual(['Too small: 40×12 needed; q quits.']);
  });
});

describe('the details', () => {
  it('installed → target, the decision, versions considered and the rule from the baseline', () => {
    expect(text(run(debianState(), {type: 'open'}))).toMatchInlineSnapshot(`
      [
        "patchplan review · web-01 (Debian GNU/Linux 12 (bookworm), apt) · baseline AWS-…",
        "Plan: 12 to install, 6 skipped. Reboot expected.",
        "curl (amd64) — install",
        "  Installed   7.88.1-10+deb12u12",
        "  Target      7.88.1-10+deb12u14",
        "  Decision    approval-rule: ApprovalRules.PatchRules[0] — 7.88.1-10+deb12u14",
        "              approved by this rule (PRIORITY optional)",
        "  Compliance  MISSING (level UNSPECIFIED)",
        "",
        "Versions considered (newest first)",
        "  → 7.88.1-10+deb12u14  chosen",
        "",
        "Rule ApprovalRules.PatchRules[0] in the baseline AWS-DebianDefaultPatchBaseline",
        "  PatchFilterGroup:",
        "    PatchFilters:",
        "      PRIORITY = Required, Important, Standard, Optional, Extra",
        "  ComplianceLevel: UNSPECIFIED",
        "  ApproveAfterDays: 0",
        "  EnableNonSecurity: false",
        "",
        "",
        "",
        "↑↓ scroll  Enter/Esc back  x exclude  u undo  s save  q quit",
      ]
    `);
  });

  it('advisories with severity, CVEs, dates and ages from the plan\'s evaluation time', () => {
    const s = initialState(amazon.plan, contextOf(amazon));
    expect(text(run(s, {type: 'open'}), {columns: 80, rows: 60}).filter((l) => l !== '')).toMatchInlineSnapshot(`
      [
        "patchplan review · api-02 (Amazon Linux 2023.9.20261110, dnf) · baseline AWS-Am…",
        "Plan: 4 to install, 4 skipped. Reboot expected.",
        "curl (x86_64) — install",
        "  Installed   8.5.0-1.amzn2023.0.6",
        "  Target      8.5.0-1.amzn2023.0.7",
        "  Decision    approval-rule: ApprovalRules.PatchRules[0] — 8.5.0-1.amzn2023.0.7",
        "              approved by this rule (CLASSIFICATION security, SEVERITY",
        "              Important), released 2026-11-10T19:55:00Z (notice issued date, 13",
        "              days ago), approved since 2026-11-17T19:55:00Z (ApproveAfterDays",
        "              7)",
        "  Released    2026-11-10, 13 days old",
        "  Compliance  MISSING (level UNSPECIFIED)",
        "Versions considered (newest first)",
        "  → 8.5.0-1.amzn2023.0.7  chosen · released 2026-11-10, 13 days old ·",
        "                          ALAS2023-2026-1214",
        "Advisories",
        "  ALAS2023-2026-1214  Important",
        "    security · issued 2026-11-10, 13 days old",
        "    Amazon Linux 2023 - ALAS2023-2026-1214: Important priority package update",
        "    for curl",
        "    CVEs: CVE-2026-31877",
        "Rule ApprovalRules.PatchRules[0] in the baseline AWS-AmazonLinux2023DefaultPatc…",
        "  PatchFilterGroup:",
        "    PatchFilters:",
        "      CLASSIFICATION = Security",
        "      SEVERITY = Critical, Important",
        "  ComplianceLevel: UNSPECIFIED",
        "  ApproveAfterDays: 7",
        "  EnableNonSecurity: false",
        "↑↓ scroll  Enter/Esc back  x exclude  u undo  s save  q quit",
      ]
    `);
  });

  it('an exclusion: who, why, what was left out and what undo restores', () => {
    const s = run(debianState(), {type: 'exclude'}, {type: 'type', text: 'wait for 12.5'}, {type: 'confirm'});
    const lines = text(run(s, {type: 'moveTo', where: 'first'}, {type: 'startFilter'}, {type: 'type', text: 'curl'}, {type: 'confirm'}, {type: 'moveTo', where: 'last'}, {type: 'open'}));
    expect(lines.slice(2, 14)).toMatchInlineSnapshot(`
      [
        "curl (amd64) — excluded by the reviewer",
        "  Installed   7.88.1-10+deb12u12",
        "  Newest      7.88.1-10+deb12u14 (the newest version offered)",
        "  Decision    excluded-by-reviewer — wait for 12.5",
        "  Compliance  MISSING (level UNSPECIFIED)",
        "",
        "Exclusion",
        "  By          alice",
        "  Note        wait for 12.5",
        "  Left out    7.88.1-10+deb12u14",
        "  Undo (u)    install 7.88.1-10+deb12u14: approval-rule:",
        "              ApprovalRules.PatchRules[0] — 7.88.1-10+deb12u14 approved by this",
      ]
    `);
  });

  it('scrolls when longer than the screen, and says where it is', () => {
    const opened = run(debianState(), {type: 'open'});
    const short = {columns: 80, rows: 14};
    const screen = reviewScreen(opened, short, {color: false});
    expect(screen.view.detailMax).toBeGreaterThan(0);
    expect(text(opened, short).at(-1)).toMatch(/^lines 1–9 of \d+ {2}↑↓ scroll/);
    const end = run(opened, {type: 'scroll', by: 100, max: screen.view.detailMax});
    expect(text(end, short).at(-1)).toMatch(/^lines \d+–(\d+) of \1 {2}/);
  });
});

describe('data is shown, never obeyed', () => {
  it('control characters in names, versions, notes and advisories are escaped', () => {
    const hostile = '\u001b]0;pwned\u0007\u001b[2J';
    const inventory = anInventory([aPackage(`evil${hostile}`, '1.0', ['1.0', '2.0\u202e'])]);
    const plan = aPlan({
      inventory,
      evaluation: anEvaluation([
        aDecision({name: `evil${hostile}`, installedVersion: '1.0', candidateVersion: '2.0\u202e', targetVersion: '2.0\u202e'}),
      ]),
    });
    const r = {plan, enginePlan: plan, requiresOf: () => []};
    const s = initialState(plan, contextOf(r, {reviewer: 'mallory\u001b[31m'}));
    const excluded = run(s, {type: 'exclude'}, {type: 'type', text: `note${hostile}`}, {type: 'confirm'});
    const screens = [s, run(s, {type: 'open'}), excluded, run(excluded, {type: 'open'}), run(s, {type: 'startFilter'}, {type: 'type', text: hostile})];
    for (const state of screens) {
      const all = text(state, {columns: 200, rows: 40}).join('\n');
      expect(all).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    }
    expect(text(excluded, {columns: 200, rows: 40}).join('\n')).toContain('evil\\x1b]0;pwned\\x07\\x1b[2J');
    expect(text(run(excluded, {type: 'open'}), {columns: 200, rows: 40}).join('\n')).toContain('mallory\\x1b[31m');
  });
});
