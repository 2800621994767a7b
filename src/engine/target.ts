import {compareAwsApt, compareAwsRpmIgnoringEpoch} from '../versions/aws-order.js';
import type {LinuxFamily} from './linux-types.js';

/**
 * Step 6 of spec §6.1 picks the highest approved version in the manager's own order
 * (DECISION-26). AWS's payload orders apt versions as plain strings and ignores rpm epochs on
 * dnf and zypper; when that would have installed something else, the decision says so.
 */
export function awsOrderNote(input: {
  readonly family: LinuxFamily;
  readonly installed: string;
  readonly target: string;
  /** Every approved, installable version other than the installed one (any order). */
  readonly approved: readonly string[];
  readonly compare: (a: string, b: string) => number;
}): string | null {
  const {family, installed, target, approved, compare} = input;
  const highest = (order: (a: string, b: string) => number, versions: readonly string[]): string | null => {
    let best: string | null = null;
    for (const v of versions) {
      // Ties in AWS's order keep the manager's order, so equal-ignoring-epoch never looks different.
      if (best === null || order(v, best) > 0 || (order(v, best) === 0 && compare(v, best) > 0)) best = v;
    }
    return best;
  };
  switch (family) {
    case 'yum':
      return null;
    case 'apt': {
      const newer = approved.filter((v) => compare(v, installed) > 0);
      const pick = highest(compareAwsApt, newer);
      if (pick === null || pick === target) return null;
      return `AWS Patch Manager would choose ${pick} (it orders apt versions as plain strings)`;
    }
    case 'dnf':
    case 'zypper': {
      const newer = approved.filter((v) => compareAwsRpmIgnoringEpoch(v, installed) > 0);
      const pick = highest(compareAwsRpmIgnoringEpoch, newer);
      if (pick === null) {
        return `AWS Patch Manager would not offer this version (it ignores the epoch, so ${target} does not count as newer than ${installed})`;
      }
      if (pick === target) return null;
      return `AWS Patch Manager would choose ${pick} (it ignores the epoch when ordering versions)`;
    }
  }
}
