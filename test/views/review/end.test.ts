import {beforeAll, describe, expect, it} from 'vitest';

import {excludeFromPlan} from '../../../src/plan/exclude.js';
import {renderReviewEnd} from '../../../src/views/review/end.js';
import {DEBIAN, fixtureReview, type Reviewable} from './support.js';

let debian: Reviewable;
beforeAll(async () => {
  debian = await fixtureReview(DEBIAN);
});

describe('renderReviewEnd (what plan --interactive prints after the review)', () => {
  it('nothing saved', () => {
    expect(renderReviewEnd({kind: 'quit', plan: debian.plan, saved: null})).toBe(
      'Plan: 12 to install, 6 skipped.\nReview ended without saving: no plan file was written.\n',
    );
  });

  it('saved as it stands: where, and the commands that use it', () => {
    const text = renderReviewEnd({kind: 'quit', plan: debian.plan, saved: {file: 'p.json', digest: debian.plan.digest}});
    expect(text).toBe(
      'Plan: 12 to install, 6 skipped.\n\nSaved the plan to: p.json\n\nTo review it again:\n    patchplan show p.json\nTo install exactly these versions:\n    patchplan apply p.json\n',
    );
  });

  it('changed after saving: says the changes were not written; a hostile file name is escaped', () => {
    const changed = excludeFromPlan(debian.plan, [{spec: 'curl', note: 'n', reviewer: 'a'}], debian.requiresOf);
    if (!changed.ok) throw new Error(changed.problem);
    const text = renderReviewEnd({kind: 'quit', plan: changed.plan, saved: {file: 'p\u001b[2J.json', digest: debian.plan.digest}});
    expect(text).toBe(
      'Plan: 11 to install, 7 skipped.\nThe plan saved to p\\x1b[2J.json does not have the changes made after saving; they were not written.\n',
    );
  });
});
