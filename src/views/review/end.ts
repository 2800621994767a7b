import {renderHumanSaved} from '../plan/human.js';
import {summaryLine} from '../plan/labels.js';
import {visibleLine} from '../safe-text.js';
import type {ReviewOutcome} from './ReviewApp.js';

/**
 * What `plan --interactive` prints once the review has left the screen: the plan's summary and
 * where it was saved (with the commands that use it), or that nothing was written.
 */
export function renderReviewEnd(outcome: ReviewOutcome): string {
  const summary = summaryLine(outcome.plan);
  const saved = outcome.saved;
  if (saved === null) return `${summary}\nReview ended without saving: no plan file was written.\n`;
  const file = visibleLine(saved.file);
  if (saved.digest !== outcome.plan.digest) {
    return `${summary}\nThe plan saved to ${file} does not have the changes made after saving; they were not written.\n`;
  }
  return `${summary}\n${renderHumanSaved(saved.file)}`;
}
