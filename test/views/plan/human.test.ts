import {describe, expect, it} from 'vitest';

import {createPlanView} from '../../../src/views/plan/index.js';
import {renderHumanPlan, renderHumanSaved} from '../../../src/views/plan/human.js';
import {stripStyle} from '../../../src/views/style.js';
import {aBuildInput, aDecision, anEvaluation, aPlan} from '../../helpers/plan-builders.js';
import {captureStreams} from '../../helpers/streams.js';

describe('human plan view', () => {
  it('renders installs, then skips, then the summary', () => {
    const streams = captureStreams();
    createPlanView('human', streams).plan(aPlan());
    expect(streams.err()).toBe('');
    expect(streams.out()).toMatchInlineSnapshot(`
      "Node:           web-01 (Debian GNU/Linux 12 (bookworm), amd64, apt)
      Machine ID:     5f0c3b1e9a2d4c6f8e7b1a0d2c4e6f80
      Baseline:       AWS-DebianDefaultPatchBaseline (sha256 75a8dc861047)
      Evaluated at:   2026-11-24T00:00:00.000Z
      Reboot option:  RebootIfNeeded

      Actions are shown with these symbols:
        ~ upgrade to the planned version
        = leave as is

      patchplan will install:

        ~ libssl3  3.0.15-1~deb12u1 → 3.0.17-1~deb12u2   (approval-rule: ApprovalRules.PatchRules[0] — 3.0.17-1~deb12u2 is from a trusted security origin (oldstable-security, security.debian.org))
        ~ openssl  3.0.15-1~deb12u1 → 3.0.17-1~deb12u2   (approval-rule: ApprovalRules.PatchRules[0] — 3.0.17-1~deb12u2 is from a trusted security origin (oldstable-security, security.debian.org))

      patchplan will leave as they are:

        = tzdata   2024a-0+deb12u1 (2025b-0+deb12u1 available)   (not-security-repo: ApprovalRules.PatchRules[0] — 2025b-0+deb12u1 is only in oldstable-updates (deb.debian.org), not a security repository)

      If the node were scanned now: NON_COMPLIANT (severity INFORMATIONAL): 1 INSTALLED_OTHER, 2 MISSING.

      Plan: 2 to install, 1 skipped. By reason: 2 approval-rule, 1 not-security-repo.
      "
    `);
  });

  it('uses colour only when the streams allow it, and the text is the same without it', () => {
    const plan = aPlan();
    const coloured = captureStreams({color: true});
    createPlanView('human', coloured).plan(plan);
    expect(coloured.out()).toContain('\u001b[');
    // The changed part of each version is highlighted: removed in red, added in green.
    expect(coloured.out()).toContain('3.0.\u001b[31m15\u001b[39m-1~deb12u\u001b[31m1\u001b[39m → 3.0.\u001b[32m17\u001b[39m');
    const plain = captureStreams({color: false});
    createPlanView('human', plain).plan(plan);
    expect(plain.out()).not.toContain('\u001b[');
    expect(stripStyle(coloured.out())).toBe(plain.out());
  });

  it('says so when there is nothing to decide', () => {
    expect(renderHumanPlan(aPlan({evaluation: anEvaluation([])}), false)).toMatchInlineSnapshot(`
      "Node:           web-01 (Debian GNU/Linux 12 (bookworm), amd64, apt)
      Machine ID:     5f0c3b1e9a2d4c6f8e7b1a0d2c4e6f80
      Baseline:       AWS-DebianDefaultPatchBaseline (sha256 75a8dc861047)
      Evaluated at:   2026-11-24T00:00:00.000Z
      Reboot option:  RebootIfNeeded

      No changes. No package has a newer version available, and the baseline names none.

      If the node were scanned now: COMPLIANT.

      Plan: 0 to install, 0 skipped.
      "
    `);
  });

  it('marks new packages with +, names architectures when a name has several, shows not-installed skips', () => {
    const security = {code: 'approval-rule', rule: 'ApprovalRules.PatchRules[0]', detail: 'from oldstable-security'} as const;
    const plan = aPlan({
      evaluation: anEvaluation([
        aDecision({name: 'libc6', arch: 'amd64', installedVersion: '2.36-9+deb12u9', targetVersion: '2.36-9+deb12u10', reason: security}),
        aDecision({name: 'libc6', arch: 'i386', installedVersion: '2.36-9+deb12u9', targetVersion: '2.36-9+deb12u10', reason: security}),
        aDecision({
          name: 'linux-image-6.1.0-41-amd64',
          installedVersion: null,
          candidateVersion: '6.1.158-1',
          targetVersion: '6.1.158-1',
          reason: {code: 'dependency', rule: 'linux-image-amd64', detail: 'needed by linux-image-amd64 6.1.158-1'},
        }),
        aDecision({
          name: 'nginx-extras',
          installedVersion: null,
          candidateVersion: '1.22.1-9+deb12u4',
          action: 'skip',
          targetVersion: null,
          reason: {code: 'not-approved', rule: null, detail: ''},
          state: 'NOT_APPLICABLE',
        }),
      ]),
    });
    expect(renderHumanPlan(plan, false).split('\n').filter((l) => /^ {2}[~+=] \S+ {2}/.test(l))).toMatchInlineSnapshot(`
      [
        "  ~ libc6:amd64                 2.36-9+deb12u9 → 2.36-9+deb12u10   (approval-rule: ApprovalRules.PatchRules[0] — from oldstable-security)",
        "  ~ libc6:i386                  2.36-9+deb12u9 → 2.36-9+deb12u10   (approval-rule: ApprovalRules.PatchRules[0] — from oldstable-security)",
        "  + linux-image-6.1.0-41-amd64  6.1.158-1                          (dependency: linux-image-amd64 — needed by linux-image-amd64 6.1.158-1)",
        "  = nginx-extras                not installed (1.22.1-9+deb12u4 available)   (not-approved — no approval rule approves a newer version)",
      ]
    `);
  });

  it('names the rule once when the detail names it too', () => {
    const plan = aPlan({
      evaluation: anEvaluation([
        aDecision({
          name: 'curl',
          installedVersion: '7.88.1-10+deb12u12',
          targetVersion: '7.88.1-10+deb12u14',
          reason: {code: 'approval-rule', rule: 'ApprovalRules.PatchRules[0]', detail: '7.88.1-10+deb12u14 approved by ApprovalRules.PatchRules[0] (PRIORITY optional).'},
        }),
        aDecision({
          name: 'tzdata',
          installedVersion: '2024a-0+deb12u1',
          candidateVersion: '2025b-0+deb12u1',
          action: 'skip',
          targetVersion: null,
          reason: {
            code: 'not-security-repo',
            rule: 'ApprovalRules.PatchRules[0]',
            detail: 'no origin of 2025b-0+deb12u1 is a trusted security suite (origins: oldstable-updates), and ApprovalRules.PatchRules[0] has EnableNonSecurity false.',
          },
          state: 'INSTALLED_OTHER',
        }),
      ]),
    });
    expect(renderHumanPlan(plan, false).split('\n').filter((l) => /^ {2}[~+=] \S+ {2}/.test(l))).toMatchInlineSnapshot(`
      [
        "  ~ curl    7.88.1-10+deb12u12 → 7.88.1-10+deb12u14   (approval-rule: ApprovalRules.PatchRules[0] — 7.88.1-10+deb12u14 approved by this rule (PRIORITY optional))",
        "  = tzdata  2024a-0+deb12u1 (2025b-0+deb12u1 available)   (not-security-repo: ApprovalRules.PatchRules[0] — no origin of 2025b-0+deb12u1 is a trusted security suite (origins: oldstable-updates), and this rule has EnableNonSecurity false)",
      ]
    `);
  });

  it('puts each reason on its own line under its package on a terminal narrower than the lines', () => {
    const plan = aPlan();
    const lines = renderHumanPlan(plan, false, 80).split('\n');
    const tables = lines.slice(lines.indexOf('patchplan will install:'), lines.findIndex((l) => l.startsWith('If the node were scanned now')));
    expect(tables).toMatchInlineSnapshot(`
      [
        "patchplan will install:",
        "",
        "  ~ libssl3  3.0.15-1~deb12u1 → 3.0.17-1~deb12u2",
        "      # approval-rule: ApprovalRules.PatchRules[0] — 3.0.17-1~deb12u2 is from a",
        "        trusted security origin (oldstable-security, security.debian.org)",
        "  ~ openssl  3.0.15-1~deb12u1 → 3.0.17-1~deb12u2",
        "      # approval-rule: ApprovalRules.PatchRules[0] — 3.0.17-1~deb12u2 is from a",
        "        trusted security origin (oldstable-security, security.debian.org)",
        "",
        "patchplan will leave as they are:",
        "",
        "  = tzdata   2024a-0+deb12u1 (2025b-0+deb12u1 available)",
        "      # not-security-repo: ApprovalRules.PatchRules[0] — 2025b-0+deb12u1 is only",
        "        in oldstable-updates (deb.debian.org), not a security repository",
        "",
      ]
    `);
    expect(tables.every((l) => Array.from(l).length <= 80)).toBe(true);
    // Wide enough for every line: the one-line layout.
    expect(renderHumanPlan(plan, false, 300)).toBe(renderHumanPlan(plan, false));
  });

  it('takes the width from a terminal only: piped output keeps one line per package', () => {
    const plan = aPlan();
    const piped = captureStreams({columns: 80});
    createPlanView('human', piped).plan(plan);
    expect(piped.out()).toBe(renderHumanPlan(plan, false));
    const terminal = captureStreams({columns: 80});
    createPlanView('human', {...terminal, stdout: {...terminal.stdout, isTTY: true}}).plan(plan);
    expect(terminal.out()).toBe(renderHumanPlan(plan, false, 80));
  });

  it('shows the override list, options and warnings', () => {
    const input = aBuildInput();
    const plan = aPlan({
      options: {...input.options, installOverrideList: {source: 'override.yaml', sha256: 'b'.repeat(64)}, lenient: true},
      evaluation: {...anEvaluation(), warnings: ['ApproveAfterDays is ignored on apt (DECISION-7)']},
      inventory: {...input.inventory, node: {...input.inventory.node, root: '/mnt/image'}},
    });
    const text = renderHumanPlan(plan, false);
    expect(text).toContain('Node:           web-01 (Debian GNU/Linux 12 (bookworm), amd64, apt, root /mnt/image)');
    expect(text).toContain(`Override list:  override.yaml (sha256 ${'b'.repeat(12)})`);
    expect(text).toContain('Evaluated at:   2026-11-24T00:00:00.000Z, lenient filter keys');
    expect(text).toContain('Warnings:\n  - ApproveAfterDays is ignored on apt (DECISION-7)\n');
  });

  it('tells where the plan was saved and how to use it', () => {
    const streams = captureStreams();
    createPlanView('human', streams).saved('plans/web 01.json');
    expect(streams.out()).toBe(renderHumanSaved('plans/web 01.json'));
    expect(streams.out()).toMatchInlineSnapshot(`
      "
      Saved the plan to: plans/web 01.json

      To review it again:
          patchplan show 'plans/web 01.json'
      To install exactly these versions:
          patchplan apply 'plans/web 01.json'
      "
    `);
  });
});
