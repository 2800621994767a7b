import {describe, expect, it} from 'vitest';

import {createPlanView} from '../../../src/views/plan/index.js';
import {renderMarkdownPlan} from '../../../src/views/plan/markdown.js';
import {aDecision, anEvaluation, aPlan} from '../../helpers/plan-builders.js';
import {captureStreams} from '../../helpers/streams.js';

describe('markdown plan view', () => {
  it('renders a change ticket with the digest', () => {
    const streams = captureStreams();
    const plan = aPlan();
    createPlanView('markdown', streams).plan(plan);
    expect(streams.out()).toContain(`| Plan digest | \`${plan.digest}\` |`);
    expect(streams.out()).toMatchInlineSnapshot(`
      "## Patch plan for \`web-01\`

      **Plan: 2 to install, 1 skipped.**

      | | |
      |---|---|
      | Node | web-01 — Debian GNU/Linux 12 (bookworm), amd64, apt |
      | Machine ID | \`5f0c3b1e9a2d4c6f8e7b1a0d2c4e6f80\` |
      | Baseline | AWS-DebianDefaultPatchBaseline (sha256 \`75a8dc8610476240ed548274ee8b71bb9929709786900d652fc8fd48b1313c39\`) |
      | Evaluated at | 2026-11-24T00:00:00.000Z |
      | Reboot option | RebootIfNeeded |
      | Inventory collected at | 2026-11-23T23:50:00Z |
      | Plan created at | 2026-11-24T00:05:00.000Z by patchplan 0.1.0 |
      | Plan digest | \`sha256:040776d2b582ad864d57dfa24c21d782eed7c38b633baba26ec4aa2d0bdcc27b\` |
      | Compliance if scanned now | NON_COMPLIANT (INFORMATIONAL) |

      ### To install (2)

      | Package | Installed | Planned version | Reason | Rule | Why | Advisories |
      |---|---|---|---|---|---|---|
      | \`libssl3\` | \`3.0.15-1~deb12u1\` | \`3.0.17-1~deb12u2\` | \`approval-rule\` | \`ApprovalRules.PatchRules[0]\` | 3.0.17-1\\~deb12u2 is from a trusted security origin (oldstable-security, security.debian.org) |  |
      | \`openssl\` | \`3.0.15-1~deb12u1\` | \`3.0.17-1~deb12u2\` | \`approval-rule\` | \`ApprovalRules.PatchRules[0]\` | 3.0.17-1\\~deb12u2 is from a trusted security origin (oldstable-security, security.debian.org) |  |

      ### Left as they are (1)

      | Package | Installed | Newest available | Reason | Rule | Why |
      |---|---|---|---|---|---|
      | \`tzdata\` | \`2024a-0+deb12u1\` | \`2025b-0+deb12u1\` | \`not-security-repo\` | \`ApprovalRules.PatchRules[0]\` | 2025b-0+deb12u1 is only in oldstable-updates (deb.debian.org), not a security repository |

      <details><summary>Reason codes</summary>

      - \`approval-rule\` (2): approved by an approval rule of the baseline.
      - \`not-security-repo\` (1): non-security updates are excluded and the candidate is not from a security repository.

      </details>
      "
    `);
  });

  it('keeps hostile text inside its table cell', () => {
    const plan = aPlan({
      evaluation: anEvaluation([
        aDecision({
          name: 'we|ird`pkg',
          reason: {code: 'approved-patches', rule: 'ApprovedPatches[0]', detail: 'matched "a|b" *and* <script>\nsecond line'},
        }),
      ]),
    });
    const row = renderMarkdownPlan(plan)
      .split('\n')
      .find((l) => l.includes('ird'));
    expect(row).toMatchInlineSnapshot(`"| \`\`we\\|ird\`pkg\`\` | \`3.0.15-1~deb12u1\` | \`3.0.17-1~deb12u2\` | \`approved-patches\` | \`ApprovedPatches[0]\` | matched "a\\|b" \\*and\\* \\<script\\> second line |  |"`);
    // Every unescaped pipe is a cell boundary: 7 columns → 8 pipes.
    expect(row?.replace(/\\\|/g, '').split('|')).toHaveLength(9);
  });

  it('says "Nothing." for an empty section', () => {
    expect(renderMarkdownPlan(aPlan({evaluation: anEvaluation([])}))).toContain('### To install (0)\n\nNothing.\n');
  });
});
