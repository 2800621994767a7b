import type {ApprovalCheck} from '../../approval/check.js';
import type {Streams} from '../../cli/streams.js';
import type {Plan} from '../../plan/schema.js';
import {renderHumanPlan, renderHumanSaved} from './human.js';
import {renderJsonPlan} from './json.js';
import {renderMarkdownPlan} from './markdown.js';

export type PlanViewFormat = 'human' | 'json' | 'markdown';

/** What a view may show besides the plan itself. */
export interface PlanViewContext {
  /** `show`: what verifying each approval found (absent: approvals are not listed, as for a plan just made). */
  readonly approvals?: readonly ApprovalCheck[] | undefined;
  /** `--verbose`: every decision with its full sentence. */
  readonly verbose?: boolean | undefined;
}

/** What `plan` and `show` print. Services never render; commands pick a view. */
export interface PlanView {
  /** The plan itself, on stdout. */
  plan(plan: Plan, context?: PlanViewContext): void;
  /** Where `plan --out` saved it. Machine formats print nothing: their stdout is the plan only. */
  saved(file: string): void;
}

export function createPlanView(format: PlanViewFormat, streams: Streams): PlanView {
  switch (format) {
    case 'human':
      return {
        plan: (plan, context) =>
          streams.stdout.write(
            renderHumanPlan(plan, {color: streams.color, width: streams.width, verbose: context?.verbose, approvals: context?.approvals}),
          ),
        saved: (file) => streams.stdout.write(renderHumanSaved(file)),
      };
    case 'json':
      return {plan: (plan) => streams.stdout.write(renderJsonPlan(plan)), saved: () => undefined};
    case 'markdown':
      return {plan: (plan, context) => streams.stdout.write(renderMarkdownPlan(plan, context?.approvals)), saved: () => undefined};
  }
}
