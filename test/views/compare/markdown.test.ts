import {describe, expect, it} from 'vitest';

import {withDigest} from '../../../src/plan/build.js';
import type {Plan} from '../../../src/plan/schema.js';
import {showComparison} from '../../../src/views/compare/index.js';
import {renderMarkdownComparison} from '../../../src/views/compare/markdown.js';
import {HOSTILE_STRINGS, expectNoControls} from '../../helpers/hostile.js';
import {aDecision, aPlan, anEvaluation} from '../../helpers/plan-builders.js';
import {captureStreams} from '../../helpers/streams.js';
import {compared, weekLaterComparison} from './scenario.js';

/** The table rows under a `### title` heading, up to the next blank line. */
function tableUnder(markdown: string, title: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`### ${title}`));
  if (start < 0) return [];
  const rows = lines.slice(start + 2);
  return rows.slice(0, rows.indexOf(''));
}

/** Cells of a table row, splitting only at pipes Markdown would split at (not `\|`). */
function cellCount(row: string): number {
  return row.split(/(?<!\\)\|/).length - 2;
}

describe('Markdown comparison view', () => {
  const markdown = renderMarkdownComparison(weekLaterComparison());

  it('heads the ticket with the host, the summary and both digests', () => {
    const c = weekLaterComparison().comparison;
    expect(markdown.startsWith('## Plan comparison for `web-01`\n\n**Compared with old.json: 1 enters, 1 leaves, 1 moves, 1 reason changed, 1 newly skipped, 1 no longer listed; baseline changed.**\n')).toBe(true);
    expect(markdown).toContain(`| Digest | \`${c.old.digest}\` | \`${c.new.digest}\` |`);
    expect(markdown).toContain('| File | old.json | new.json |');
  });

  it('one table per category, with the versions and both reasons', () => {
    expect(tableUnder(markdown, 'Entering the install set (1)')).toEqual([
      '| Package | Installed | Will install | Reason | Before |',
      '| --- | --- | --- | --- | --- |',
      '| `tzdata` | `2024a-0+deb12u1` | `2025b-0+deb12u1` | `approval-rule` (`ApprovalRules.PatchRules[0]`) | skipped: `not-security-repo` (`ApprovalRules.PatchRules[0]`) |',
    ]);
    expect(tableUnder(markdown, 'Leaving the install set (1)')[2]).toBe(
      '| `openssl` | `3.0.15-1~deb12u1` | `3.0.17-1~deb12u2` | skipped: `excluded-by-reviewer` by alice: breaks TLS pinning; INC-42 |',
    );
    expect(tableUnder(markdown, 'Target version moved (1)')[2]).toBe(
      '| `libssl3` | `3.0.17-1~deb12u2` | `3.0.18-1~deb12u1` | up | `approval-rule` (`ApprovalRules.PatchRules[0]`) | `approval-rule` (`ApprovalRules.PatchRules[0]`) |',
    );
    expect(tableUnder(markdown, 'Reason changed (1)')[2]).toBe(
      '| `sudo` | installs `1.9.13p3-1+deb12u3` | `approval-rule` (`ApprovalRules.PatchRules[0]`) | `approved-patches` (`ApprovedPatches[0]`) |',
    );
    expect(tableUnder(markdown, 'Skipped, listed by one plan only (2)').slice(2)).toEqual([
      '| `curl` | `7.88.1-10+deb12u14` | not listed | skipped: `not-security-repo` (`ApprovalRules.PatchRules[0]`) |',
      '| `nginx` | `1.22.1-9+deb12u4` | skipped: `not-approved` | not listed |',
    ]);
    expect(tableUnder(markdown, 'Reviewer exclusions (1)')[2]).toBe('| added | `openssl` | `3.0.17-1~deb12u2` | alice | breaks TLS pinning; INC-42 |');
  });

  it('the other changes, with the baseline paths and compliance states under their rows', () => {
    expect(tableUnder(markdown, 'Other changes').slice(2)).toEqual([
      '| Baseline document | sha256 75a8dc861047 | sha256 d5cf9cd62f0f |  |',
      '| Baseline document: `ApprovalRules.PatchRules[0].ApproveAfterDays` | `0` | `7` |  |',
      '| Reboot option | RebootIfNeeded | NoReboot |  |',
      '| Evaluated at | 2026-11-24T00:00:00.000Z | 2026-12-01T00:00:00.000Z |  |',
      '| Reboot forecast | expected (installed-this-run) | none (no-reboot-option) |  |',
      '| Compliance if scanned now | NON\\_COMPLIANT (INFORMATIONAL) | NON\\_COMPLIANT (INFORMATIONAL) | other counts |',
      '| Compliance if scanned now: `INSTALLED_OTHER` | `2` | `1` |  |',
      '| Compliance if scanned now: `MISSING` | `3` | `4` |  |',
    ]);
  });

  it('plans for two machines (under --force): both hosts in the title, and a warning first', () => {
    const plan = aPlan();
    const {digest: _d, approvals: _a, ...unsigned} = plan;
    const other = withDigest({...unsigned, node: {...unsigned.node, hostname: 'web-02', machineId: '0b5e7d9f1a3c4e6f8a0b2c4d6e8f0a1b'}});
    const out = renderMarkdownComparison(compared(plan, other));
    expect(out.split('\n').slice(0, 5)).toEqual([
      '## Plan comparison for `web-01` and `web-02`',
      '',
      '**Compared with old.json: same versions, same reasons.**',
      '',
      `> **Warning:** These plans are for different machines, web-01 (machine ${plan.node.machineId}) and web-02 (machine 0b5e7d9f1a3c4e6f8a0b2c4d6e8f0a1b): compared because of --force.`,
    ]);
  });

  it('the same plan: the head and the sentence, no tables', () => {
    const plan = aPlan();
    const streams = captureStreams();
    showComparison('markdown', compared(plan, plan), streams);
    expect(streams.out()).toContain('**Compared with old.json: same versions, same reasons.**');
    expect(streams.out()).not.toContain('###');
  });
});

describe('Markdown comparison view: hostile data', () => {
  function hostilePlans(hostile: string): [Plan, Plan] {
    const old = aPlan({evaluation: anEvaluation([aDecision({name: hostile, targetVersion: `1.0${hostile}`})])});
    const {digest: _d, approvals: _a, ...unsigned} = aPlan({
      evaluation: anEvaluation([
        aDecision({name: hostile, action: 'skip', targetVersion: null, state: 'INSTALLED_OTHER', reason: {code: 'excluded-by-reviewer', rule: null, detail: hostile}}),
      ]),
    });
    const renewed = withDigest({
      ...unsigned,
      decisions: unsigned.decisions.map((d) => ({...d, reviewer: hostile, excludedVersion: `1.0${hostile}`})),
      baseline: {...unsigned.baseline, source: hostile},
    });
    return [old, renewed];
  }

  it.each(HOSTILE_STRINGS.map((s) => [s]))('%j cannot act on a terminal, add markup, or break a table', (hostile) => {
    const [old, renewed] = hostilePlans(hostile);
    const out = renderMarkdownComparison(compared(old, renewed, {oldFile: hostile, newFile: 'new.json'}));
    expectNoControls(out);
    // Markup counts only outside code spans: inside one, CommonMark shows `<script>` as text.
    expect(out.replace(/``[^]*?``|`[^`]*`/g, '')).not.toContain('<script>');
    for (const title of ['Leaving the install set (1)', 'Reviewer exclusions (1)', 'Other changes']) {
      const [header, ...rows] = tableUnder(out, title);
      expect(rows.length).toBeGreaterThan(1);
      for (const row of rows) expect(cellCount(row)).toBe(cellCount(header ?? ''));
    }
  });
});
