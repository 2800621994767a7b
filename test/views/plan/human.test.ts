import {describe, expect, it} from 'vitest';

import type {ApprovalCheck} from '../../../src/approval/check.js';
import type {Decision} from '../../../src/engine/engine-io.js';
import {withDigest} from '../../../src/plan/build.js';
import {excludeFromPlan} from '../../../src/plan/exclude.js';
import type {Plan} from '../../../src/plan/schema.js';
import {makePlan} from '../../../src/services/make-plan.js';
import {nodeFileSystem} from '../../../src/system/fs.js';
import {createPlanView} from '../../../src/views/plan/index.js';
import {renderHumanPlan, renderHumanSaved} from '../../../src/views/plan/human.js';
import {stripStyle} from '../../../src/views/style.js';
import {displayWidth} from '../../../src/views/text.js';
import {expectNoControls, HOSTILE_STRINGS} from '../../helpers/hostile.js';
import {aBuildInput, aDecision, anEvaluation, aPlan} from '../../helpers/plan-builders.js';
import {captureStreams} from '../../helpers/streams.js';

/** A plan made by the real engine from a fixture inventory, as `plan --inventory FILE --now …` makes it. */
async function planOf(inventoryFile: string, now: string): Promise<Plan> {
  const clock = {now: () => new Date(now)};
  const {plan} = await makePlan({inventoryFile, rebootOption: 'RebootIfNeeded', now: new Date(now), toolVersion: '0.1.0'}, {clock, fs: nodeFileSystem});
  return plan;
}

function lines(text: string): string[] {
  return text.replace(/\n$/, '').split('\n');
}

function widest(text: string): number {
  return Math.max(...lines(text).map(displayWidth));
}

/** The real Debian 12 host of the issue: 90 installs and 47 skips (fixtures/inventories/README.md). */
const hostPlan = planOf('fixtures/inventories/debian-12-host.json', '2026-12-02T19:00:00Z');

describe('human plan view: one screen', () => {
  it('shows the 137-decision host plan at 80 columns in at most 110 lines, none wider than 80', async () => {
    const plan = await hostPlan;
    expect(plan.summary.byAction).toEqual({install: 90, skip: 47});
    const text = renderHumanPlan(plan, {color: false, width: 80});
    expect(lines(text).length).toBeLessThanOrEqual(110);
    expect(widest(text)).toBeLessThanOrEqual(80);
    // One line per install, the skips collapsed into one line per reason.
    expect(lines(text).filter((l) => /^ {2}[~+] /.test(l))).toHaveLength(90);
    expect(lines(text).filter((l) => /^ {2}= /.test(l))).toEqual(['  = 47 not-security-repo (rule[0]): appstream, base-files, bash and 44 more']);
    // Why, once: the rule in the legend, not a sentence per package.
    expect(text.match(/ApprovalRules\.PatchRules\[0\]/g)).toHaveLength(1);
    expect(text).toContain('  rule[0]  ApprovalRules.PatchRules[0]: PRIORITY Required, Important, Standard,\n           Optional, Extra; security updates only; approved 0 days after release');
    expect(lines(text).at(-1)).toBe('Plan: 90 to install, 47 skipped.');
  });

  it('uses a wide terminal: at 200 columns nothing is cut', async () => {
    const plan = await hostPlan;
    const text = renderHumanPlan(plan, {color: false, width: 200});
    expect(widest(text)).toBeLessThanOrEqual(200);
    expect(lines(text).filter((l) => /^ {2}[~+] /.test(l) && l.includes('…'))).toEqual([]);
    expect(text).toMatch(/\n {2}~ libgdk-pixbuf2\.0-common +2\.42\.10\+dfsg-1\+deb12u2 → 2\.42\.10\+dfsg-1\+deb12u4 +rule\[0\]\n/);
  });

  it('at 80 columns keeps names and targets whole, shortening the installed version to what differs', async () => {
    const text = renderHumanPlan(await hostPlan, {color: false, width: 80});
    expect(text).toContain('  ~ libgdk-pixbuf2.0-common   …2 → 2.42.10+dfsg-1+deb12u4                rule[0]');
    expect(text).toContain('  ~ libevent-2.1-7            2.1.12-stable-8 → 2.1.12-stable-8+deb12u1  rule[0]');
    const al = renderHumanPlan(await planOf('fixtures/inventories/amazon-linux-2023.json', '2026-11-24T00:00:00Z'), {color: false, width: 80});
    expect(widest(al)).toBeLessThanOrEqual(80);
    // The installed version keeps what differs; the advisory keeps its severity.
    expect(al).toContain('  ~ openssl-libs     …2 → 1:3.2.2-1.amzn2023.0.3     ALAS…1201 Critical  rule[0]');
    // Only when even that does not fit is a name cut.
    const narrow = renderHumanPlan(await hostPlan, {color: false, width: 60});
    expect(narrow).toContain('  ~ libgdk-pixbuf2.…  …2 → 2.42.10+dfsg-1+deb12u4    rule[0]');
  });

  it('lays out for the width the streams give (COLUMNS, the terminal, or 80)', async () => {
    const plan = await hostPlan;
    const narrow = captureStreams({width: 60});
    createPlanView('human', narrow).plan(plan);
    expect(widest(narrow.out())).toBeLessThanOrEqual(60);
    expect(narrow.out()).toBe(renderHumanPlan(plan, {color: false, width: 60}));
  });

  it('says "nothing to install" in one line, then the summary', () => {
    const skip = aDecision({name: 'tzdata', action: 'skip', targetVersion: null, reason: {code: 'not-security-repo', rule: 'ApprovalRules.PatchRules[0]', detail: ''}, state: 'INSTALLED_OTHER'});
    const text = renderHumanPlan(aPlan({evaluation: anEvaluation([skip, {...skip, name: 'bash'}])}), {color: false, width: 80});
    expect(text).toMatchInlineSnapshot(`
      "Node      web-01 · Debian GNU/Linux 12 (bookworm) · amd64 · apt
      Baseline  AWS-DebianDefaultPatchBaseline (sha256 75a8dc861047)
      As of     2026-11-24 00:00 UTC · reboot option RebootIfNeeded

      No changes: nothing to install; 2 updates are skipped (2 not-security-repo);
        --verbose lists them.

      Reboot  none: nothing is installed, and no earlier install is waiting for a
              reboot.
      If scanned now: COMPLIANT: 2 INSTALLED_OTHER.

      Plan: 0 to install, 2 skipped.
      "
    `);
  });

  it('says so when there is nothing to decide at all', () => {
    const text = renderHumanPlan(aPlan({evaluation: anEvaluation([])}), {color: false, width: 80});
    expect(text).toContain('\nNo changes: no package has a newer version, and the baseline names none.\n');
    expect(lines(text).at(-1)).toBe('Plan: 0 to install, 0 skipped.');
  });

  it('highlights the changed part of each version in colour, and the text is the same without it', () => {
    const plan = aPlan();
    const coloured = renderHumanPlan(plan, {color: true, width: 80});
    expect(coloured).toContain('3.0.\u001b[31m15\u001b[39m-1~deb12u\u001b[31m1\u001b[39m → 3.0.\u001b[32m17\u001b[39m-1~deb12u\u001b[32m2\u001b[39m');
    const plain = renderHumanPlan(plan, {color: false, width: 80});
    expect(plain).not.toContain('\u001b[');
    expect(stripStyle(coloured)).toBe(plain);
  });

  it('names architectures when a name has several, marks new packages with +, tags code-only reasons', () => {
    const plan = aPlan({
      evaluation: anEvaluation([
        aDecision({name: 'libssl3', arch: 'amd64'}),
        aDecision({name: 'libssl3', arch: 'i386'}),
        aDecision({name: 'linux-image-6.1.0-41-amd64', installedVersion: null, targetVersion: '6.1.158-1', reason: {code: 'dependency', rule: 'linux-image-amd64.amd64', detail: ''}}),
      ]),
    });
    const rows = lines(renderHumanPlan(plan, {color: false, width: 100})).filter((l) => /^ {2}[~+] /.test(l));
    expect(rows).toEqual([
      '  ~ libssl3:amd64               3.0.15-1~deb12u1 → 3.0.17-1~deb12u2  rule[0]',
      '  ~ libssl3:i386                3.0.15-1~deb12u1 → 3.0.17-1~deb12u2  rule[0]',
      '  + linux-image-6.1.0-41-amd64  6.1.158-1                            dependency',
    ]);
  });

  it('shows advisories with their severity where the OS publishes them', async () => {
    const al = await planOf('fixtures/inventories/amazon-linux-2023.json', '2026-11-24T00:00:00Z');
    const text = renderHumanPlan(al, {color: false, width: 200});
    expect(text).toContain('  ~ openssl-libs     1:3.2.2-1.amzn2023.0.2 → 1:3.2.2-1.amzn2023.0.3  ALAS2023-2026-1201 Critical   rule[0]');
    expect(text).toContain('  rule[0]       ApprovalRules.PatchRules[0]: CLASSIFICATION Security; SEVERITY Critical, Important; security updates only; approved 7 days after release');
  });

  it('says before apply whether a reboot is expected and what needs it', async () => {
    const kernel = renderHumanPlan(aPlan({evaluation: anEvaluation([aDecision({name: 'linux-image-amd64', targetVersion: '6.1.158-1'})])}), {color: false, width: 200});
    expect(kernel).toContain('Reboot  expected: RebootIfNeeded reboots after any install. Needed for: linux-image-amd64 (kernel).');
    const input = aBuildInput();
    const noReboot = aPlan({
      options: {...input.options, rebootOption: 'NoReboot'},
      evaluation: anEvaluation([aDecision({name: 'linux-image-amd64', targetVersion: '6.1.158-1'})]),
    });
    expect(renderHumanPlan(noReboot, {color: false, width: 200})).toContain(
      'Reboot  not by patchplan (NoReboot), but the installs need one to take effect. Needed for: linux-image-amd64 (kernel).',
    );
  });

  it("lists a reviewer's exclusions with who excluded them and why", () => {
    const outcome = excludeFromPlan(aPlan(), [{spec: 'openssl', note: 'breaks TLS pinning, INC-42', reviewer: 'alice'}], () => []);
    if (!outcome.ok) throw new Error(outcome.problem);
    const text = renderHumanPlan(outcome.plan, {color: false, width: 80});
    expect(text).toContain('Excluded in review (1 update; the plan does not install them):\n  x openssl 3.0.17-1~deb12u2  excluded by alice: breaks TLS pinning, INC-42\n');
    expect(lines(text).at(-1)).toBe('Plan: 1 to install, 2 skipped.');
  });

  it('shows three warnings and counts the rest; --verbose shows all', () => {
    const warnings = ['one', 'two', 'three', 'four', 'five'].map((w) => `warning ${w}`);
    const plan = aPlan({evaluation: {...anEvaluation(), warnings}});
    const text = renderHumanPlan(plan, {color: false, width: 80});
    expect(text).toContain('Warnings (5):\n  - warning one\n  - warning two\n  - warning three\n  … and 2 more (--verbose or --json shows them)\n');
    expect(renderHumanPlan(plan, {color: false, width: 80, verbose: true})).toContain('  - warning five\n');
  });

  it('lists approvals and whether each verifies when show gives them', () => {
    const checks: ApprovalCheck[] = [
      {by: 'alice', comment: 'ok for Friday', signedAt: '2026-11-24T09:00:00Z', fingerprint: `sha256:${'a'.repeat(64)}`, valid: true, trusted: null, counted: true, problem: null},
      {by: 'mallory', comment: '', signedAt: '2026-11-24T09:05:00Z', fingerprint: `sha256:${'b'.repeat(64)}`, valid: false, trusted: null, counted: false, problem: "the signature does not match this plan's digest"},
    ];
    const text = renderHumanPlan(aPlan(), {color: false, width: 120, approvals: checks});
    expect(text).toContain(
      [
        'Approvals: 1 of 2 valid',
        `  ✓ alice, 2026-11-24T09:00:00Z, key sha256:aaaaaaaaaaaaaaaa…: valid "ok for Friday"`,
        `  ✗ mallory, 2026-11-24T09:05:00Z, key sha256:bbbbbbbbbbbbbbbb…: the signature does not match this plan's digest`,
      ].join('\n'),
    );
    expect(renderHumanPlan(aPlan(), {color: false, width: 80})).not.toContain('Approvals');
  });
});

describe('human plan view: --verbose', () => {
  it('lists every decision with its full sentence, wrapped at the width without cutting', async () => {
    const plan = await hostPlan;
    const text = renderHumanPlan(plan, {color: false, width: 80, verbose: true});
    expect(widest(text)).toBeLessThanOrEqual(80);
    expect(lines(text).filter((l) => /^ {2}[~+=x] /.test(l))).toHaveLength(137);
    expect(text).toContain('  ~ libgdk-pixbuf2.0-common 2.42.10+dfsg-1+deb12u2 → 2.42.10+dfsg-1+deb12u4\n      # approval-rule: ApprovalRules.PatchRules[0]');
    expect(text).toContain(
      '  = appstream 0.16.1-2 (0.16.1-2+b1 available)\n      # not-security-repo: ApprovalRules.PatchRules[0] — no origin of\n        0.16.1-2+b1 is a trusted security suite',
    );
    expect(text).toContain('Machine   3d1219c7c4c5404aaa1f6d2a48adfda4 · plan ');
  });
});

describe('human plan view: data is shown, never obeyed', () => {
  function hostilePlan(text: string): Plan {
    const input = aBuildInput();
    const decisions: Decision[] = [
      aDecision({name: `pkg${text}`, installedVersion: `1${text}`, targetVersion: `2${text}`, candidateVersion: `2${text}`, advisories: [`ADV${text}`]}),
      aDecision({name: `skip${text}`, action: 'skip', targetVersion: null, reason: {code: 'not-approved', rule: null, detail: `detail${text}`}}),
    ];
    const plan = aPlan({
      evaluation: {...anEvaluation(decisions), warnings: [`warning${text}`]},
      inventory: {...input.inventory, node: {...input.inventory.node, hostname: `host${text}`, root: `/srv/${text}`}},
      baseline: {...input.baseline, source: `baseline${text}.json`},
    });
    const outcome = excludeFromPlan(withDigest({...plan}), [{spec: `pkg${text}`, note: `note${text}`, reviewer: `rev${text}`}], () => []);
    if (!outcome.ok) throw new Error(outcome.problem);
    // Keep one install too, so every section is drawn.
    const other = aPlan({evaluation: anEvaluation([aDecision({name: `other${text}`})])}).decisions;
    return withDigest({...outcome.plan, decisions: [...outcome.plan.decisions, ...other]});
  }

  it.each(HOSTILE_STRINGS.map((s) => [JSON.stringify(s), s]))('escapes %s in every section, default and verbose', (_label, text) => {
    const plan = hostilePlan(text);
    const approvals: ApprovalCheck[] = [{by: `by${text}`, comment: `c${text}`, signedAt: '2026-11-24T09:00:00Z', fingerprint: null, valid: false, trusted: null, counted: false, problem: 'bad'}];
    for (const verbose of [false, true]) {
      const out = renderHumanPlan(plan, {color: false, width: 80, verbose, approvals});
      expectNoControls(out);
      // With colour, the only escape sequences left are the view's own SGR codes.
      expectNoControls(renderHumanPlan(plan, {color: true, width: 80, verbose, approvals}).replace(/\u001b\[[0-9;]*m/g, ''));
    }
    expectNoControls(renderHumanSaved(`plans/${text}.json`));
  });

  it('measures wide characters by the columns they take', () => {
    const plan = aPlan({evaluation: anEvaluation([aDecision({name: '日本語パッケージ名前がとても長いです'}), aDecision()])});
    const text = renderHumanPlan(plan, {color: false, width: 60});
    expect(widest(text)).toBeLessThanOrEqual(60);
  });
});

describe('saved', () => {
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

describe('human plan view: where a Windows node gets its updates', () => {
  it('says a WSUS server set by Group Policy decides what is offered, and Microsoft Update otherwise; Linux plans have no such line', () => {
    const plan = aPlan();
    const on = (updateSource: Plan['node']['updateSource']): string[] =>
      lines(renderHumanPlan(withDigest({...plan, node: {...plan.node, updateSource}}), {color: false, width: 120})).filter((l) => l.startsWith('Updates'));
    expect(on({kind: 'wsus', server: 'https://wsus.example.corp:8531'})).toEqual([
      'Updates   WSUS server https://wsus.example.corp:8531 (Group Policy): only the updates it approved are offered',
    ]);
    expect(on({kind: 'microsoft-update'})).toEqual(['Updates   Microsoft Update (no WSUS server set by Group Policy)']);
    expect(on(undefined)).toEqual([]);
  });
});
