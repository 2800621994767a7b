import type {Decision} from '../../../src/engine/engine-io.js';
import {canonicalJson, sha256Hex} from '../../../src/json/canonical-json.js';
import {comparePlans} from '../../../src/plan/compare.js';
import {excludeFromPlan} from '../../../src/plan/exclude.js';
import type {Plan} from '../../../src/plan/schema.js';
import type {ComparedPlans} from '../../../src/services/compare-plans.js';
import {BASELINE_DOCUMENT, aBuildInput, aDecision, aPlan, anEvaluation} from '../../helpers/plan-builders.js';

/**
 * A plan re-made a week later with one package in every category: libssl3's target moves up,
 * openssl is excluded by a reviewer (leaves), tzdata becomes approved (enters), sudo is approved
 * by another list (reason changed), curl appears skipped, nginx disappears; the baseline waits
 * 7 days now, and apply no longer reboots.
 */
export function weekLaterComparison(): ComparedPlans {
  return compared(oldPlan(), newPlan());
}

export function compared(oldPlan: Plan, newPlan: Plan, files = {oldFile: 'old.json', newFile: 'new.json'}): ComparedPlans {
  return {...files, comparison: comparePlans(oldPlan, newPlan)};
}

const RULE0 = {code: 'approval-rule' as const, rule: 'ApprovalRules.PatchRules[0]', detail: 'approved by this rule'};

function oldPlan(): Plan {
  return aPlan({
    evaluation: anEvaluation([
      aDecision({reason: RULE0}),
      aDecision({name: 'openssl', reason: RULE0}),
      skip('tzdata', '2024a-0+deb12u1', '2025b-0+deb12u1', 'not-security-repo', {arch: 'all'}),
      aDecision({name: 'sudo', installedVersion: '1.9.13p3-1+deb12u2', candidateVersion: '1.9.13p3-1+deb12u3', targetVersion: '1.9.13p3-1+deb12u3', reason: RULE0}),
      skip('nginx', '1.22.1-9+deb12u3', '1.22.1-9+deb12u4', 'not-approved'),
    ]),
  });
}

function newPlan(): Plan {
  const [rule] = BASELINE_DOCUMENT.ApprovalRules.PatchRules;
  const document = {...BASELINE_DOCUMENT, ApprovalRules: {PatchRules: [{...rule, ApproveAfterDays: 7}]}};
  const input = aBuildInput();
  const plan = aPlan({
    baseline: {...input.baseline, document, sha256: sha256Hex(canonicalJson(document))},
    options: {...input.options, rebootOption: 'NoReboot', now: new Date('2026-12-01T00:00:00Z')},
    evaluation: anEvaluation([
      aDecision({targetVersion: '3.0.18-1~deb12u1', candidateVersion: '3.0.18-1~deb12u1', reason: RULE0}),
      aDecision({name: 'openssl', reason: RULE0}),
      aDecision({name: 'tzdata', arch: 'all', installedVersion: '2024a-0+deb12u1', candidateVersion: '2025b-0+deb12u1', targetVersion: '2025b-0+deb12u1', reason: RULE0}),
      aDecision({
        name: 'sudo',
        installedVersion: '1.9.13p3-1+deb12u2',
        candidateVersion: '1.9.13p3-1+deb12u3',
        targetVersion: '1.9.13p3-1+deb12u3',
        reason: {code: 'approved-patches', rule: 'ApprovedPatches[0]', detail: 'listed'},
      }),
      skip('curl', '7.88.1-10+deb12u12', '7.88.1-10+deb12u14', 'not-security-repo'),
    ]),
  });
  const outcome = excludeFromPlan(plan, [{spec: 'openssl', note: 'breaks TLS pinning; INC-42', reviewer: 'alice'}], () => []);
  if (!outcome.ok) throw new Error(outcome.problem);
  return outcome.plan;
}

export function skip(name: string, installed: string, candidate: string, code: Decision['reason']['code'], extra: Partial<Decision> = {}): Decision {
  return aDecision({
    name,
    installedVersion: installed,
    candidateVersion: candidate,
    action: 'skip',
    targetVersion: null,
    reason: {code, rule: code === 'not-approved' ? null : 'ApprovalRules.PatchRules[0]', detail: ''},
    state: 'INSTALLED_OTHER',
    ...extra,
  });
}
