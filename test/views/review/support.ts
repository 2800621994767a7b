import {requiresFromInventory, type ExclusionRequest} from '../../../src/plan/exclude.js';
import {makePlan, type MakePlanResult} from '../../../src/services/make-plan.js';
import {nodeFileSystem} from '../../../src/system/fs.js';
import type {ReviewContext} from '../../../src/views/review/review-state.js';
import {aDecision, aPackage, aPlan, anEvaluation, anInventory, CREATED_AT, NOW} from '../../helpers/plan-builders.js';

/**
 * Plans for the review tests: the README's Debian fixture and the Amazon Linux one (advisories
 * with severities, CVEs and dates) made by the real makePlan, and a small plan where openssl
 * needs the libssl3 the plan installs, for the refusals.
 */

export const DEBIAN = 'fixtures/inventories/debian-12.json';
export const AMAZON = 'fixtures/inventories/amazon-linux-2023.json';

export type Reviewable = Pick<MakePlanResult, 'plan' | 'enginePlan' | 'requiresOf'>;

export function fixtureReview(inventoryFile: string, exclusions: readonly ExclusionRequest[] = []): Promise<MakePlanResult> {
  return makePlan(
    {inventoryFile, rebootOption: 'RebootIfNeeded', now: NOW, toolVersion: '0.1.0', exclusions},
    {clock: {now: () => CREATED_AT}, fs: nodeFileSystem},
  );
}

export const OLD = '3.0.15-1~deb12u1';
export const NEW = '3.0.17-1~deb12u2';

/** libssl3 and openssl both upgraded; openssl's new version requires libssl3's. */
export function dependentReview(): Reviewable {
  const inventory = anInventory([
    aPackage('libssl3', OLD, [OLD, NEW]),
    {...aPackage('openssl', OLD, []), versions: [{version: NEW, requires: [{name: 'libssl3', arch: 'amd64', version: NEW}]}]},
  ]);
  const plan = aPlan({inventory, evaluation: anEvaluation([aDecision(), aDecision({name: 'openssl'})])});
  return {plan, enginePlan: plan, requiresOf: requiresFromInventory(inventory)};
}

export function contextOf(r: Reviewable, overrides: Partial<ReviewContext> = {}): ReviewContext {
  return {enginePlan: r.enginePlan, requiresOf: r.requiresOf, reviewer: 'alice', outFile: null, canApply: false, ...overrides};
}
