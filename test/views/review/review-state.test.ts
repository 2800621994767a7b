import {beforeAll, describe, expect, it} from 'vitest';

import {digestOf} from '../../../src/json/canonical-json.js';
import type {Plan} from '../../../src/plan/schema.js';
import {keyOf, visibleDecisions} from '../../../src/views/review/list.js';
import {
  activeFilter,
  initialState,
  reviewReducer,
  selectedDecision,
  unsaved,
  type ReviewAction,
  type ReviewState,
} from '../../../src/views/review/review-state.js';
import {contextOf, DEBIAN, dependentReview, fixtureReview, NEW, type Reviewable} from './support.js';

function run(state: ReviewState, ...actions: ReviewAction[]): ReviewState {
  return actions.reduce(reviewReducer, state);
}

const type = (text: string): ReviewAction => ({type: 'type', text});
const names = (s: ReviewState): string[] => visibleDecisions(s.plan, activeFilter(s)).map((d) => d.name);
const decisionOf = (plan: Plan, name: string) => plan.decisions.find((d) => d.name === name);
const selectedName = (s: ReviewState): string | undefined => selectedDecision(s)?.name;

let debian: Reviewable;
beforeAll(async () => {
  debian = await fixtureReview(DEBIAN);
});

const start = (overrides: Parameters<typeof contextOf>[1] = {}): ReviewState => initialState(debian.plan, contextOf(debian, overrides));

describe('moving', () => {
  it('starts on the first install and moves within the list, stopping at both ends', () => {
    const s = start();
    expect(selectedName(s)).toBe('curl');
    expect(selectedName(run(s, {type: 'move', by: 1}))).toBe('libcurl4');
    expect(selectedName(run(s, {type: 'move', by: -1}))).toBe('curl');
    expect(selectedName(run(s, {type: 'move', by: 100}))).toBe('tzdata');
    expect(selectedName(run(s, {type: 'moveTo', where: 'last'}, {type: 'moveTo', where: 'first'}))).toBe('curl');
  });

  it('walks the installs first, then each skip reason', () => {
    const s = start();
    expect(names(s).slice(0, 3)).toEqual(['curl', 'libcurl4', 'libgnutls30']);
    expect(names(s).slice(-6)).toEqual(['base-files', 'docker-ce', 'libsystemd0', 'nginx', 'systemd', 'tzdata']);
  });
});

describe('details', () => {
  it('Enter opens the selected package; Enter, Esc (cancel) or close go back to it in the list', () => {
    const opened = run(start(), {type: 'move', by: 2}, {type: 'open'});
    expect(opened.mode).toEqual({kind: 'detail', key: keyOf({name: 'libgnutls30', arch: 'amd64'}), scroll: 0});
    for (const back of [{type: 'open'}, {type: 'close'}, {type: 'cancel'}] as const) {
      const s = run(opened, back);
      expect(s.mode).toEqual({kind: 'list'});
      expect(selectedName(s)).toBe('libgnutls30');
    }
  });

  it('scrolls between 0 and the end the screen reports', () => {
    const opened = run(start(), {type: 'open'});
    expect(run(opened, {type: 'scroll', by: 5, max: 3}).mode).toMatchObject({scroll: 3});
    expect(run(opened, {type: 'scroll', by: 2, max: 3}, {type: 'scroll', by: -9, max: 3}).mode).toMatchObject({scroll: 0});
  });
});

describe('filter', () => {
  it('filters by name while typing; Enter keeps the filter', () => {
    const typing = run(start(), {type: 'startFilter'}, type('ss'), type('l'));
    expect(typing.mode).toEqual({kind: 'filter', draft: 'ssl'});
    expect(names(typing)).toEqual(['libssl3', 'openssl']);
    expect(selectedName(typing)).toBe('libssl3');
    const kept = run(typing, {type: 'confirm'});
    expect(kept.mode).toEqual({kind: 'list'});
    expect(kept.filter).toBe('ssl');
    expect(names(kept)).toEqual(['libssl3', 'openssl']);
  });

  it('Esc while typing clears it; Esc in the list clears a kept filter', () => {
    const typing = run(start(), {type: 'startFilter'}, type('SSH'));
    expect(names(typing)).toEqual(['openssh-client', 'openssh-server']);
    const cleared = run(typing, {type: 'cancel'});
    expect(cleared.filter).toBe('');
    expect(names(cleared)).toHaveLength(debian.plan.decisions.length);
    const kept = run(typing, {type: 'confirm'});
    expect(run(kept, {type: 'clearFilter'}).filter).toBe('');
    expect(selectedName(run(kept, {type: 'clearFilter'}))).toBe('openssh-client');
  });

  it('Backspace erases, and a filter nothing matches selects nothing', () => {
    const none = run(start(), {type: 'startFilter'}, type('zzz'));
    expect(names(none)).toEqual([]);
    expect(none.selected).toBeNull();
    const back = run(none, {type: 'erase'}, {type: 'erase'}, {type: 'erase'}, type('tz'));
    expect(selectedName(back)).toBe('tzdata');
  });
});

describe('exclude (x) with a note', () => {
  it('asks for a note; Enter records excluded-by-reviewer with the note and reviewer, re-digested', () => {
    const asking = run(start(), {type: 'move', by: 3}, {type: 'exclude'});
    expect(asking.mode).toMatchObject({kind: 'note', draft: '', from: 'list'});
    const done = run(asking, type('waiting for '), type('the vendor fix'), {type: 'confirm'});
    const d = decisionOf(done.plan, 'libssl3');
    expect(d).toMatchObject({
      action: 'skip',
      targetVersion: null,
      reason: {code: 'excluded-by-reviewer', rule: null, detail: 'waiting for the vendor fix'},
      reviewer: 'alice',
      excludedVersion: '3.0.18-1~deb12u1',
    });
    expect(done.plan.digest).not.toBe(debian.plan.digest);
    expect(digestOf(done.plan)).toBe(done.plan.digest);
    expect(done.plan.summary.byAction).toEqual({install: 11, skip: 7});
    expect(done.message).toEqual({text: 'Excluded libssl3 3.0.18-1~deb12u1: waiting for the vendor fix', tone: 'info'});
    // The cursor stays in place, on the package after the one that moved to the exclusions.
    expect(selectedName(done)).toBe('libxml2');
    expect(done.mode).toEqual({kind: 'list'});
  });

  it('refuses an empty note and keeps asking; Esc cancels without a change', () => {
    const asking = run(start(), {type: 'exclude'}, type('   '), {type: 'confirm'});
    expect(asking.mode).toMatchObject({kind: 'note'});
    expect(asking.message?.tone).toBe('error');
    expect(asking.message?.text).toMatch(/needs a note/);
    const cancelled = run(asking, {type: 'cancel'});
    expect(cancelled.mode).toEqual({kind: 'list'});
    expect(cancelled.plan).toBe(debian.plan);
  });

  it('a pasted note with a newline is one line, confirmed', () => {
    const done = run(start(), {type: 'exclude'}, type('known regression\nignored'));
    expect(decisionOf(done.plan, 'curl')?.reason.detail).toBe('known regression');
  });

  it('from the details it stays on the package, now shown excluded', () => {
    const done = run(start(), {type: 'open'}, {type: 'exclude'}, type('later'), {type: 'confirm'});
    expect(done.mode).toMatchObject({kind: 'detail', key: keyOf({name: 'curl', arch: 'amd64'})});
    expect(selectedDecision(done)?.reason.code).toBe('excluded-by-reviewer');
  });

  it('refuses a skip, an exclusion already made, and a review without a reviewer name', () => {
    const skip = run(start(), {type: 'moveTo', where: 'last'}, {type: 'exclude'});
    expect(skip.mode).toEqual({kind: 'list'});
    expect(skip.message).toEqual({text: 'tzdata is not installed by the plan, so there is nothing to exclude', tone: 'error'});
    const twice = run(start(), {type: 'exclude'}, type('x'), {type: 'confirm'}, {type: 'moveTo', where: 'last'});
    const excludedRow = run(twice, {type: 'move', by: -6}, {type: 'exclude'});
    expect(selectedName(excludedRow)).toBe('curl');
    expect(excludedRow.message?.text).toBe('curl is already excluded; u restores it');
    const nobody = run(start({reviewer: null}), {type: 'exclude'});
    expect(nobody.mode).toEqual({kind: 'list'});
    expect(nobody.message?.text).toMatch(/--reviewer NAME/);
  });

  it('refuses an exclusion that strands an approved dependent, and says which', () => {
    const dependent = dependentReview();
    const s = run(initialState(dependent.plan, contextOf(dependent)), {type: 'exclude'}, type('broken on arm'), {type: 'confirm'});
    expect(selectedName(s)).toBe('libssl3');
    expect(s.plan).toBe(dependent.plan);
    expect(s.message).toEqual({
      text: `cannot exclude libssl3 ${NEW}: openssl ${NEW}, which the plan installs, needs it (exclude openssl too, or keep libssl3)`,
      tone: 'error',
    });
    expect(s.mode).toEqual({kind: 'list'});
  });
});

describe('undo (u)', () => {
  it('on an excluded row puts back what the engine decided', () => {
    const excluded = run(start(), {type: 'exclude'}, type('x'), {type: 'confirm'});
    const onIt = run(excluded, {type: 'startFilter'}, type('curl'), {type: 'confirm'}, {type: 'moveTo', where: 'last'});
    expect(selectedName(onIt)).toBe('curl');
    const undone = run(onIt, {type: 'undo'});
    expect(undone.plan.digest).toBe(debian.plan.digest);
    expect(undone.message?.text).toBe('Restored curl: the plan installs it again.');
    expect(selectedName(undone)).toBe('curl');
  });

  it('elsewhere undoes the latest exclusion of this review, then the one before', () => {
    const two = run(start(), {type: 'exclude'}, type('a'), {type: 'confirm'}, {type: 'exclude'}, type('b'), {type: 'confirm'});
    expect(two.plan.summary.byReason['excluded-by-reviewer']).toBe(2);
    const once = run(two, {type: 'moveTo', where: 'first'}, {type: 'undo'});
    expect(decisionOf(once.plan, 'libcurl4')?.action).toBe('install');
    expect(decisionOf(once.plan, 'curl')?.action).toBe('skip');
    const twice = run(once, {type: 'moveTo', where: 'first'}, {type: 'undo'});
    expect(twice.plan.digest).toBe(debian.plan.digest);
    expect(run(twice, {type: 'undo'}).message?.text).toMatch(/^nothing to undo/);
  });

  it('undoes an exclusion made with --exclude before the review', async () => {
    const cli = await fixtureReview(DEBIAN, [{spec: 'sudo', note: 'from the command line', reviewer: 'bob'}]);
    const s = initialState(cli.plan, contextOf(cli));
    const onSudo = run(s, {type: 'startFilter'}, type('sudo'), {type: 'confirm'}, {type: 'undo'});
    expect(decisionOf(onSudo.plan, 'sudo')?.action).toBe('install');
    expect(onSudo.plan.digest).toBe(cli.enginePlan.digest);
  });

  it('refuses to restore a package while a package it needs is still excluded', () => {
    const dependent = dependentReview();
    const s = initialState(dependent.plan, contextOf(dependent));
    // openssl first (nothing needs it), then libssl3 (openssl no longer installs).
    const first = run(s, {type: 'move', by: 1}, {type: 'exclude'}, type('a'), {type: 'confirm'});
    const both = run(first, {type: 'moveTo', where: 'first'}, {type: 'exclude'}, type('b'), {type: 'confirm'});
    expect(both.plan.summary.byAction.install).toBe(0);
    const refused = run(both, {type: 'startFilter'}, type('openssl'), {type: 'confirm'}, {type: 'undo'});
    expect(refused.message?.text).toBe(`cannot restore openssl: it needs libssl3 ${NEW}, which is excluded; restore libssl3 first`);
    expect(refused.plan).toBe(both.plan);
  });
});

describe('save (s)', () => {
  it('with --out saves there at once; keys wait until the result comes back', () => {
    const saving = run(start({outFile: 'out/p.json'}), {type: 'save'});
    expect(saving.effect).toEqual({kind: 'save', file: 'out/p.json'});
    expect(run(saving, {type: 'move', by: 1}, {type: 'quit'})).toBe(saving);
    const saved = run(saving, {type: 'saved', file: 'out/p.json', digest: debian.plan.digest});
    expect(saved.effect).toBeNull();
    expect(saved.saved).toEqual({file: 'out/p.json', digest: debian.plan.digest});
    expect(saved.message?.text).toBe(`Saved the plan to out/p.json (digest ${debian.plan.digest.slice(7, 19)}…)`);
    expect(unsaved(saved)).toBe(false);
    expect(unsaved(run(saved, {type: 'exclude'}, type('n'), {type: 'confirm'}))).toBe(true);
  });

  it('without --out asks for a path; an empty one is refused, Esc saves nothing', () => {
    const asking = run(start(), {type: 'save'});
    expect(asking.mode).toEqual({kind: 'path', draft: ''});
    const empty = run(asking, {type: 'confirm'});
    expect(empty.effect).toBeNull();
    expect(empty.message?.tone).toBe('error');
    expect(run(asking, type('x'), {type: 'cancel'})).toMatchObject({mode: {kind: 'list'}, effect: null, message: {text: 'Not saved.'}});
    const typed = run(asking, type('/tmp/reviewed.json'), {type: 'confirm'});
    expect(typed.effect).toEqual({kind: 'save', file: '/tmp/reviewed.json'});
    // Saving again offers the same path.
    const again = run(typed, {type: 'saved', file: '/tmp/reviewed.json', digest: debian.plan.digest}, {type: 'save'});
    expect(again.mode).toEqual({kind: 'path', draft: '/tmp/reviewed.json'});
  });

  it('a failed write is shown, and the review goes on', () => {
    const failed = run(start({outFile: '/nope/p.json'}), {type: 'save'}, {type: 'saveFailed', message: '/nope/p.json: cannot write: no such file'});
    expect(failed.message).toEqual({text: 'Not saved: /nope/p.json: cannot write: no such file', tone: 'error'});
    expect(failed.saved).toBeNull();
    expect(run(failed, {type: 'move', by: 1}).selected).not.toBe(failed.selected);
  });
});

describe('apply (a) and quit (q)', () => {
  it('a leaves the review for the confirmation; under trusted keys it says how to apply', () => {
    expect(run(start({canApply: true}), {type: 'apply'}).effect).toEqual({kind: 'apply'});
    const planOnly = run(start(), {type: 'apply'});
    expect(planOnly.effect).toBeNull();
    expect(planOnly.message).toEqual({text: 'trusted keys are set: save (s), approve the file, then `patchplan apply FILE`', tone: 'error'});
  });

  it('q leaves; nothing happens after it', () => {
    const quit = run(start(), {type: 'quit'});
    expect(quit.effect).toEqual({kind: 'quit'});
    expect(run(quit, {type: 'exclude'}, {type: 'save'})).toBe(quit);
  });
});
