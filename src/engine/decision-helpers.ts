import type {Baseline} from '../baseline/model.js';
import {InputError} from '../errors.js';
import type {Inventory} from '../inventory/schema.js';
import {codeUnitOrder} from './package-views.js';
import type {Decision, Reason} from './engine-io.js';

/**
 * What every engine (the Linux families, Windows, macOS) does the same way around its
 * decisions: the OS check, warnings without repeats, how a skip looks, and the order of
 * the result.
 */

/** Refuses a baseline or node of another OS: applying it would silently approve nothing. */
export function assertOperatingSystem(
  inventory: Inventory,
  baseline: Baseline,
  expected: Baseline['operatingSystem'],
): void {
  if (baseline.operatingSystem !== expected) {
    throw new InputError(
      'baseline: OperatingSystem',
      `is ${baseline.operatingSystem}, but this engine evaluates ${expected} baselines`,
    );
  }
  if (inventory.node.operatingSystem !== expected) {
    throw new InputError(
      'inventory: node.operatingSystem',
      `is ${inventory.node.operatingSystem}, but the baseline is for ${expected}`,
    );
  }
}

/** Warnings in first-seen order without repeats. */
export class WarningList {
  private readonly seen = new Set<string>();
  readonly list: string[] = [];

  add(message: string): void {
    if (this.seen.has(message)) return;
    this.seen.add(message);
    this.list.push(message);
  }
}

/** The fields a decision has whatever it decides. */
export type DecisionSubject = Omit<Decision, 'action' | 'targetVersion' | 'reason' | 'advisories' | 'fallbackVersions'>;

/** A package left as it is: no target and nothing to fall back to. */
export function skipDecision(subject: DecisionSubject, reason: Reason, advisories: readonly string[]): Decision {
  return {...subject, action: 'skip', targetVersion: null, reason, advisories, fallbackVersions: []};
}

/** By name, then arch, in code-unit order so the result does not depend on the locale. */
export function sortDecisions(decisions: Iterable<Decision>): Decision[] {
  return [...decisions].sort((a, b) => codeUnitOrder(a.name, b.name) || codeUnitOrder(a.arch, b.arch));
}
