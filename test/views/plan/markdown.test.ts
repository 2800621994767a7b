import {describe, expect, it} from 'vitest';

import type {ApprovalCheck} from '../../../src/approval/check.js';
import {excludeFromPlan} from '../../../src/plan/exclude.js';
import type {Plan} from '../../../src/plan/schema.js';
import {makePlan} from '../../../src/services/make-plan.js';
import {nodeFileSystem} from '../../../src/system/fs.js';
import {createPlanView} from '../../../src/views/plan/index.js';
import {renderMarkdownPlan} from '../../../src/views/plan/markdown.js';
import {expectNoControls, HOSTILE_STRINGS} from '../../helpers/hostile.js';
import {aDecision, anEvaluation, aPlan} from '../../helpers/plan-builders.js';
import {captureStreams} from '../../helpers/streams.js';

async function planOf(inventoryFile: string, now: string): Promise<Plan> {
  const {plan} = await makePlan({inventoryFile, rebootOption: 'RebootIfNeeded', now: new Date(now), toolVersion: '0.1.0'}, {clock: {now: () => new Date(now)}, fs: nodeFileSystem});
  return plan;
}

/** Cells of a Markdown table row, unescaped pipes being the boundaries. */
function cells(row: string): string[] {
  return row.replace(/\\\|/g, '\u0000').split('|').slice(1, -1).map((c) => c.trim().replace(/\u0000/g, '\\|'));
}

describe('markdown plan view', () => {
  it('renders a change ticket: node, baseline, counts, reboot, digest, installs, skips by reason, the rules once', () => {
    const streams = captureStreams();
    const plan = aPlan({evaluation: anEvaluation([aDecision(), aDecision({name: 'linux-image-amd64', targetVersion: '6.1.158-1'}), aDecision({name: 'tzdata', action: 'skip', targetVersion: null, reason: {code: 'not-security-repo', rule: 'ApprovalRules.PatchRules[0]', detail: ''}, state: 'INSTALLED_OTHER'})])});
    createPlanView('markdown', streams).plan(plan);
    const out = streams.out();
    expect(out).toContain(`| Plan digest | \`${plan.digest}\` |`);
    expect(out.replace(plan.digest, 'sha256:<digest>')).toMatchInlineSnapshot(`
      "## Patch plan for \`web-01\`

      **Plan: 2 to install, 1 skipped.**

      | | |
      |---|---|
      | Node | web-01 — Debian GNU/Linux 12 (bookworm), amd64, apt |
      | Machine ID | \`5f0c3b1e9a2d4c6f8e7b1a0d2c4e6f80\` |
      | Baseline | AWS-DebianDefaultPatchBaseline (sha256 \`75a8dc8610476240ed548274ee8b71bb9929709786900d652fc8fd48b1313c39\`) |
      | Evaluated as of | 2026-11-24T00:00:00.000Z |
      | Reboot option | RebootIfNeeded |
      | Reboot | expected: RebootIfNeeded reboots after any install. Needed for: linux-image-amd64 (kernel). |
      | Inventory collected at | 2026-11-23T23:50:00Z |
      | Plan created at | 2026-11-24T00:05:00.000Z by patchplan 0.1.0 |
      | Plan digest | \`sha256:<digest>\` |
      | If scanned now | NON_COMPLIANT (INFORMATIONAL) |

      ### To install (2)

      | Package | Installed | Planned | Why |
      |---|---|---|---|
      | \`libssl3\` | \`3.0.15-1~deb12u1\` | \`3.0.17-1~deb12u2\` | \`approval-rule\` \`rule[0]\` |
      | \`linux-image-amd64\` | \`3.0.15-1~deb12u1\` | \`6.1.158-1\` | \`approval-rule\` \`rule[0]\` |

      ### Left as they are (1)

      | Why | Count | Packages |
      |---|---|---|
      | \`not-security-repo\` \`rule[0]\` | 1 | \`tzdata\` |

      ### Rules

      - \`rule[0]\` \`ApprovalRules.PatchRules[0]\`: PRIORITY Required, Important, Standard, Optional, Extra; security updates only; approved 0 days after release
      "
    `);
  });

  it('lists advisories with severity and CVEs where the OS publishes them', async () => {
    const text = renderMarkdownPlan(await planOf('fixtures/inventories/amazon-linux-2023.json', '2026-11-24T00:00:00Z'));
    expect(text).toContain('| Package | Installed | Planned | Advisories | Why |');
    expect(text).toContain(
      '| `openssl-libs` | `1:3.2.2-1.amzn2023.0.2` | `1:3.2.2-1.amzn2023.0.3` | `ALAS2023-2026-1201` (Critical; CVE-2026-30140, CVE-2026-30141) | `approval-rule` `rule[0]` |',
    );
    expect(text).toContain('| `approval-pending` `rule[0]` | 1 | `kernel` |');
    expect(text).toContain('- `not-approved`: no approval rule approves a newer version');
  });

  it('has no column that repeats another', async () => {
    const text = renderMarkdownPlan(await planOf('fixtures/inventories/debian-12-host.json', '2026-12-02T19:00:00Z'));
    for (const table of text.split('\n\n').filter((block) => block.startsWith('| ') && !block.startsWith('| |'))) {
      const rows = table.split('\n').slice(2).map(cells);
      const columns = (rows[0] ?? []).map((_, i) => rows.map((r) => r[i]).join('\n'));
      expect(new Set(columns).size).toBe(columns.length);
    }
    // 47 skips, one row per reason.
    expect(text).toContain('| `not-security-repo` `rule[0]` | 47 | `appstream`, `base-files`,');
  });

  it('shows exclusions with their notes, and the approvals', () => {
    const outcome = excludeFromPlan(aPlan(), [{spec: 'openssl', note: 'CAB-1234: after the audit', reviewer: 'alice'}], () => []);
    if (!outcome.ok) throw new Error(outcome.problem);
    const approvals: ApprovalCheck[] = [{by: 'bob', comment: 'ok', signedAt: '2026-11-24T09:00:00Z', fingerprint: `sha256:${'c'.repeat(64)}`, valid: true, trusted: true, counted: true, problem: null}];
    const text = renderMarkdownPlan(outcome.plan, approvals);
    expect(text).toContain('### Excluded in review (1)\n\n| Package | Installed | Excluded version | Excluded by | Note |\n|---|---|---|---|---|\n| `openssl` | `3.0.15-1~deb12u1` | `3.0.17-1~deb12u2` | alice | CAB-1234: after the audit |\n');
    expect(text).toContain(`| bob | 2026-11-24T09:00:00Z | \`sha256:${'c'.repeat(64)}\` | yes (trusted key) | ok |`);
  });

  it('keeps hostile text inside its cell and shows control characters escaped', () => {
    for (const hostile of HOSTILE_STRINGS) {
      const plan = aPlan({
        evaluation: {
          ...anEvaluation([aDecision({name: `we|ird${hostile}`, reason: {code: 'approved-patches', rule: 'ApprovedPatches[0]', detail: `d${hostile}`}})]),
          warnings: [`w${hostile}`],
        },
      });
      const text = renderMarkdownPlan(plan, [{by: `b${hostile}`, comment: `c${hostile}`, signedAt: '2026-11-24T09:00:00Z', fingerprint: null, valid: false, trusted: null, counted: false, problem: 'x'}]);
      expectNoControls(text);
      const row = text.split('\n').find((l) => l.includes('ird'));
      // Every unescaped pipe is a cell boundary: 4 columns.
      expect(cells(row ?? '')).toHaveLength(4);
    }
  });

  it('says "Nothing." for an empty section', () => {
    expect(renderMarkdownPlan(aPlan({evaluation: anEvaluation([])}))).toContain('### To install (0)\n\nNothing.\n');
  });
});
