import {mkdtemp, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';

import chalk from 'chalk';
import {render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {confirmationFor} from '../../../src/apply/confirmation.js';
import {readPlanFile, writePlanFile} from '../../../src/plan/file.js';
import type {Plan} from '../../../src/plan/schema.js';
import {nodeFileSystem} from '../../../src/system/fs.js';
import {summaryLine} from '../../../src/views/plan/labels.js';
import {ConfirmPrompt} from '../../../src/views/prompt/ConfirmPrompt.js';
import {ReviewApp, type ReviewOutcome} from '../../../src/views/review/ReviewApp.js';
import type {ReviewContext} from '../../../src/views/review/review-state.js';
import {stripStyle} from '../../../src/views/style.js';
import {contextOf, DEBIAN, dependentReview, fixtureReview, type Reviewable} from './support.js';

/**
 * The review app in ink-testing-library: keys go in through its stdin, frames come out of its
 * stdout, and `s` writes a real plan file (writePlanFile on the real file system, in a
 * temporary directory) that is read back and verified.
 */

const DOWN = '\u001b[B';
const UP = '\u001b[A';
const ENTER = '\r';
const ESCAPE = '\u001b';

let tmp: string;
let debian: Reviewable;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'patchplan-review-'));
  debian = await fixtureReview(DEBIAN);
});
afterAll(async () => {
  await rm(tmp, {recursive: true, force: true});
});

/** ink reads its stdin listener in an effect after the first render, and draws on the next tick. */
const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 10));

function open(r: Reviewable = debian, overrides: Partial<ReviewContext> = {}, color = false) {
  const outcomes: ReviewOutcome[] = [];
  const instance = render(
    <ReviewApp
      plan={r.plan}
      context={contextOf(r, overrides)}
      size={{columns: 80, rows: 24}}
      color={color}
      save={(file, plan) => writePlanFile(file, plan, nodeFileSystem)}
      onExit={(outcome) => outcomes.push(outcome)}
    />,
  );
  const raw = (): string => instance.lastFrame() ?? '';
  const frame = (): string => stripStyle(raw());
  /** Polls until the frame shows `text` (a busy machine may take a while to draw); fails with the frame otherwise. */
  const shows = async (text: string | RegExp): Promise<string> => {
    for (let i = 0; i < 1000; i++) {
      const now = frame();
      if (typeof text === 'string' ? now.includes(text) : text.test(now)) return now;
      await tick();
    }
    throw new Error(`the review never showed ${String(text)}; last frame:\n${frame()}`);
  };
  const press = async (...keys: string[]): Promise<void> => {
    await shows('patchplan review');
    await tick();
    for (const key of keys) {
      instance.stdin.write(key);
      await tick();
    }
  };
  const selected = (): string => frame().split('\n').find((l) => l.startsWith('>')) ?? '';
  return {instance, outcomes, raw, frame, shows, press, selected};
}

describe('ReviewApp', () => {
  it('draws the list at 80×24: 23 rows, none wider than 80, the keys at the bottom', async () => {
    const app = open();
    const frame = await app.shows('Install (12)');
    const lines = frame.split('\n');
    expect(lines).toHaveLength(23);
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(80);
    expect(lines[3]).toMatch(/^> ~ curl {2,}7\.88\.1-10\+deb12u12 → 7\.88\.1-10\+deb12u14 {2,}rule\[0\]$/);
    expect(lines.at(-1)).toBe('↑↓ move  Enter details  / filter  x exclude  u undo  s save  q quit');
    app.instance.unmount();
  });

  it('↓/j and ↑/k move the selection', async () => {
    const app = open();
    await app.press(DOWN, 'j');
    await app.shows(/^> ~ libgnutls30 /m);
    await app.press(UP);
    await app.shows(/^> ~ libcurl4 /m);
    await app.press('k');
    await app.shows(/^> ~ curl /m);
    app.instance.unmount();
  });

  it('a run of keys arriving at once is each key in turn', async () => {
    const app = open();
    await app.press('jjj');
    await app.shows(/^> ~ libssl3 /m);
    app.instance.unmount();
  });

  it('Enter expands the package into its details; Esc goes back to it', async () => {
    const app = open();
    await app.press('jj', ENTER);
    const detail = await app.shows('libgnutls30 (amd64) — install');
    expect(detail).toContain('  Target      3.7.9-2+deb12u5');
    expect(detail).toContain('Versions considered (newest first)');
    expect(detail).toMatch(/✓ 3\.7\.9-2\+deb12u6 +approved, not chosen|✗ 3\.7\.9-2\+deb12u6 +not approved/);
    expect(detail).toContain('Rule ApprovalRules.PatchRules[0] in the baseline AWS-DebianDefaultPatchBaseline');
    await app.press(ESCAPE);
    await app.shows(/^> ~ libgnutls30 /m);
    app.instance.unmount();
  });

  it('/ filters by name; Enter keeps the filter, Esc clears it', async () => {
    const app = open();
    await app.press('/', 'ssl');
    await app.shows('/ssl_');
    expect(app.frame()).toContain('Install (2 of 12)');
    await app.press(ENTER);
    const kept = await app.shows('Filter: ssl.');
    expect(kept).not.toContain('curl');
    await app.press('/', 'h', ESCAPE);
    const cleared = await app.shows('Install (12)');
    expect(cleared).not.toContain('Filter:');
    app.instance.unmount();
  });

  it('x asks for a note; Enter excludes, marked in the list with who and why', async () => {
    const app = open();
    await app.press('jjj', 'x');
    await app.shows('Why exclude libssl3 3.0.18-1~deb12u1? _');
    await app.press('waiting for the vendor fix', ENTER);
    const frame = await app.shows('Excluded libssl3 3.0.18-1~deb12u1: waiting for the vendor fix');
    expect(frame).toContain('Plan: 11 to install, 7 skipped. 1 excluded.');
    expect(frame).toContain('Skip: excluded-by-reviewer (1)');
    // Cut at the terminal's edge; the details and the message above show the whole note.
    expect(frame).toMatch(/^ {2}x libssl3 +3\.0\.18-1~deb12u1 left out {2}alice: waiting for the ven…$/m);
    app.instance.unmount();
  });

  it('an empty note is refused; Esc cancels the exclusion', async () => {
    const app = open();
    await app.press('x', ENTER);
    await app.shows('an exclusion needs a note');
    await app.press(ESCAPE);
    const frame = await app.shows('Exclusion cancelled.');
    expect(frame).toContain('Plan: 12 to install, 6 skipped.');
    app.instance.unmount();
  });

  it('an exclusion that strands a dependent is refused with the reason', async () => {
    const app = open(dependentReview());
    await app.press('x', 'broken', ENTER);
    const frame = await app.shows('cannot exclude libssl3');
    // The refusal wraps onto a second row rather than being cut.
    expect(frame).toContain('cannot exclude libssl3 3.0.17-1~deb12u2: openssl 3.0.17-1~deb12u2, which the\nplan installs, needs it (exclude openssl too, or keep libssl3)');
    expect(frame).toContain('Plan: 2 to install, 0 skipped.');
    app.instance.unmount();
  });

  it('u undoes the exclusion', async () => {
    const app = open();
    await app.press('x', 'later', ENTER);
    await app.shows('1 excluded.');
    await app.press('u');
    const frame = await app.shows('Restored curl: the plan installs it again.');
    expect(frame).toContain('Plan: 12 to install, 6 skipped.');
    expect(frame).not.toContain('excluded-by-reviewer');
    app.instance.unmount();
  });

  it('s with --out writes the reviewed plan there (0600), verified, the exclusion in it', async () => {
    const file = path.join(tmp, 'out.json');
    const app = open(debian, {outFile: file});
    await app.press('x', 'known regression', ENTER, 's');
    await app.shows(`Saved the plan to ${file}`);
    const saved = await readPlanFile(file, nodeFileSystem);
    expect(saved.decisions.find((d) => d.name === 'curl')).toMatchObject({
      action: 'skip',
      reason: {code: 'excluded-by-reviewer', detail: 'known regression'},
      reviewer: 'alice',
      excludedVersion: '7.88.1-10+deb12u14',
    });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(app.frame()).toContain('Saved.');
    app.instance.unmount();
  });

  it('s without --out asks for the path; the typed path is where it saves', async () => {
    const file = path.join(tmp, 'typed.json');
    const app = open();
    await app.press('s');
    await app.shows('Save the plan to: _');
    await app.press(file, ENTER);
    await app.shows(`Saved the plan to ${file}`);
    expect((await readPlanFile(file, nodeFileSystem)).digest).toBe(debian.plan.digest);
    app.instance.unmount();
  });

  it('a save that fails says why, and the review goes on', async () => {
    const file = path.join(tmp, 'missing-dir', 'p.json');
    const app = open(debian, {outFile: file});
    await app.press('s');
    await app.shows(`Not saved: ${file}: cannot write`);
    await app.press('j');
    await app.shows(/^> ~ libcurl4 /m);
    app.instance.unmount();
  });

  it('a (under apply) ends the review with the reviewed plan, which the confirmation then asks about', async () => {
    const app = open(debian, {canApply: true});
    // The kernel's image package first: the metapackage needs it, so excluding it alone is refused.
    await app.press('/', 'linux', ENTER, 'x', 'next window', ENTER);
    await app.shows('cannot exclude linux-image-6.1.0-41-amd64');
    await app.press('j', 'x', 'next window', ENTER);
    await app.shows('1 excluded.');
    await app.press('g', 'x', 'next window', ENTER);
    await app.shows('2 excluded.');
    await app.press('a');
    const outcome = await waitForOutcome(app.outcomes);
    expect(outcome.kind).toBe('apply');
    expect(outcome.plan.summary.byAction.install).toBe(10);
    // The kernel is no longer installed, so the prompt asks for `yes`, not the host name.
    expect(confirmationFor(debian.plan).kind).toBe('dangerous');
    expect(confirmationFor(outcome.plan)).toEqual({kind: 'yes', phrase: 'yes'});
    const prompt = render(
      <ConfirmPrompt
        confirmation={confirmationFor(outcome.plan)}
        hostname={outcome.plan.node.hostname}
        root={outcome.plan.node.root}
        rebootOption={outcome.plan.options.rebootOption}
        summary={summaryLine(outcome.plan)}
        onAnswer={() => undefined}
      />,
    );
    await tick();
    expect(stripStyle(prompt.lastFrame() ?? '')).toContain('Plan: 10 to install, 8 skipped.');
    prompt.unmount();
  });

  it('a when only an approved file may be applied (trusted keys) says how to apply instead', async () => {
    const app = open();
    await app.press('a');
    await app.shows('trusted keys are set: save (s), approve the file, then `patchplan apply FILE`');
    expect(app.outcomes).toEqual([]);
    app.instance.unmount();
  });

  it('q quits without writing; Ctrl+C too', async () => {
    for (const key of ['q', '\u0003']) {
      const app = open(debian, {outFile: path.join(tmp, 'never.json')});
      await app.press('x', 'n', ENTER, key);
      const outcome = await waitForOutcome(app.outcomes);
      expect(outcome).toMatchObject({kind: 'quit', saved: null});
      expect(outcome.plan.summary.byReason['excluded-by-reviewer']).toBe(1);
    }
    await expect(stat(path.join(tmp, 'never.json'))).rejects.toThrow();
  });

  it('without colour there are no escape codes, and > marks the selection', async () => {
    const app = open();
    await app.shows('Install (12)');
    expect(app.raw()).not.toContain('\u001b[');
    expect(app.selected()).toMatch(/^> ~ curl /);
    app.instance.unmount();
  });

  it('with colour the selected row is also drawn inverse', async () => {
    const level = chalk.level;
    chalk.level = 1;
    try {
      const app = open(debian, {}, true);
      await app.shows('Install (12)');
      const row = app.raw().split('\n').find((l) => stripStyle(l).startsWith('> ~ curl')) ?? '';
      expect(row).toContain('\u001b[7m');
      app.instance.unmount();
    } finally {
      chalk.level = level;
    }
  });
});

async function waitForOutcome(outcomes: readonly ReviewOutcome[]): Promise<ReviewOutcome> {
  for (let i = 0; i < 1000 && outcomes.length === 0; i++) await tick();
  const [outcome] = outcomes;
  if (outcome === undefined) throw new Error('the review did not end');
  return outcome;
}

export type {Plan};
