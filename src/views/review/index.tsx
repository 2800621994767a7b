import ansiEscapes from 'ansi-escapes';
import {render} from 'ink';

import type {Plan} from '../../plan/schema.js';
import {ReviewApp, type ReviewOutcome} from './ReviewApp.js';
import type {ReviewContext} from './review-state.js';

export type {ReviewOutcome} from './ReviewApp.js';
export type {ReviewContext} from './review-state.js';

export interface ReviewIo {
  readonly stdin: NodeJS.ReadStream;
  /** A terminal: the review takes over its screen (the alternate screen, as less and vim do). */
  readonly stdout: NodeJS.WriteStream;
}

export interface ReviewOptions {
  readonly plan: Plan;
  readonly context: ReviewContext;
  readonly color: boolean;
  readonly save: (file: string, plan: Plan) => Promise<void>;
}

// xterm's alternate screen: the review draws on a screen of its own and, when it ends, the
// terminal shows what it showed before, scrollback untouched.
const ENTER_ALTERNATE_SCREEN = ansiEscapes.enterAlternativeScreen;
const LEAVE_ALTERNATE_SCREEN = ansiEscapes.exitAlternativeScreen;

/** Runs the review until `q` (or Ctrl+C) or `a`, redrawing for the terminal's size as it changes. */
export async function runReview(options: ReviewOptions, io: ReviewIo): Promise<ReviewOutcome> {
  let outcome: ReviewOutcome = {kind: 'quit', plan: options.plan, saved: null};
  const size = () => ({columns: io.stdout.columns || 80, rows: io.stdout.rows || 24});
  const app = () => (
    <ReviewApp
      plan={options.plan}
      context={options.context}
      size={size()}
      color={options.color}
      save={options.save}
      onExit={(o) => {
        outcome = o;
      }}
    />
  );
  io.stdout.write(ENTER_ALTERNATE_SCREEN);
  try {
    // Ctrl+C is the review's quit key, not a kill: ink must restore the terminal before the command goes on.
    const instance = render(app(), {stdin: io.stdin, stdout: io.stdout, exitOnCtrlC: false, patchConsole: false});
    const redraw = (): void => instance.rerender(app());
    io.stdout.on('resize', redraw);
    try {
      await instance.waitUntilExit();
    } finally {
      io.stdout.off('resize', redraw);
    }
  } finally {
    io.stdout.write(LEAVE_ALTERNATE_SCREEN);
  }
  return outcome;
}

/** What `apply` without PLAN needs to open the review on a new plan. */
export interface ApplyReviewOptions {
  readonly review: Pick<ReviewContext, 'enginePlan' | 'requiresOf'>;
  /** `--reviewer`, else $USER; empty: exclusions are refused with a message saying so. */
  readonly reviewer: string;
  readonly color: boolean;
  readonly save: (file: string, plan: Plan) => Promise<void>;
}

/**
 * `apply` on a terminal: the review of the plan just made, where `a` ends it for apply's usual
 * confirmation. Resolves the reviewed plan, or null when the review was quit (apply cancels).
 */
export async function reviewBeforeApply(plan: Plan, options: ApplyReviewOptions, io: ReviewIo): Promise<Plan | null> {
  const context: ReviewContext = {
    ...options.review,
    reviewer: options.reviewer === '' ? null : options.reviewer,
    // apply has no --out: `s` asks where to save.
    outFile: null,
    canApply: true,
  };
  const outcome = await runReview({plan, context, color: options.color, save: options.save}, io);
  return outcome.kind === 'apply' ? outcome.plan : null;
}
