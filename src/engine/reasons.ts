import type {Filter, PatchListEntry, RejectedPatchesAction, Rule} from '../baseline/model.js';
import {DAY_MS} from './approval-rules.js';
import {describeRejection, type FilterCheck} from './global-filters.js';
import type {ReleaseDate} from './linux-types.js';
import type {Reason} from './engine-io.js';

/**
 * Reason constructors: the contract's codes (cli-contract "Decisions") with the JSON path of
 * the deciding element and ONE sentence of evidence. The views own the short wording; the
 * detail is where the values that decided it live (filter values, dates, ages).
 */

/** `2025-03-10T12:00:00Z` (milliseconds only when they are not zero). */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Whole days between two instants, e.g. `9 days ago` / `in 2 days`. */
export function describeAge(release: number, now: number): string {
  if (release > now) return 'in the future';
  const days = Math.floor((now - release) / DAY_MS);
  return `${days} ${days === 1 ? 'day' : 'days'} ago`;
}

const SOURCE_TEXT: Readonly<Record<ReleaseDate['source'], string>> = {
  updated: 'notice updated date',
  issued: 'notice issued date',
  'build time': 'package build time',
  unknown: 'no release date',
};

/** `released 2025-03-01T00:00:00Z (notice updated date, 9 days ago)`. */
export function describeRelease(release: ReleaseDate, now: number): string {
  if (release.source === 'unknown') return 'no release date, so treated as released 1970-01-01';
  return `released ${formatInstant(release.instant)} (${SOURCE_TEXT[release.source]}, ${describeAge(release.instant, now)})`;
}

/** Joins a main clause and notes into one sentence. */
export function sentence(main: string, notes: readonly string[] = []): string {
  const text = [main, ...notes].filter((p) => p !== '').join('; ');
  return text.endsWith('.') ? text : `${text}.`;
}

function quoted(entry: PatchListEntry): string {
  return `${entry.path} "${entry.value}"`;
}

export function approvalRuleReason(input: {
  readonly rule: Rule;
  readonly version: string;
  readonly matched: string;
  readonly release: ReleaseDate | null;
  readonly now: number;
  readonly notes?: readonly string[];
}): Reason {
  const {rule, release, now} = input;
  const clauses = [`${input.version} approved by ${rule.path} (${input.matched})`];
  if (release !== null) {
    clauses.push(describeRelease(release, now));
    if (rule.approveAfterDays !== null && release.source !== 'unknown') {
      clauses.push(`approved since ${formatInstant(release.instant + rule.approveAfterDays * DAY_MS)} (ApproveAfterDays ${rule.approveAfterDays})`);
    }
    if (rule.approveUntilDate !== null) clauses.push(`released on or before ApproveUntilDate ${rule.approveUntilDate}`);
  }
  return {code: 'approval-rule', rule: rule.path, detail: sentence(clauses.join(', '), input.notes)};
}

export function approvedPatchesReason(input: {
  readonly entry: PatchListEntry;
  readonly version: string;
  readonly via: 'spec' | 'id';
  readonly advisoryId: string | null;
  readonly notes?: readonly string[];
}): Reason {
  const how =
    input.via === 'id'
      ? `an id of notice ${input.advisoryId ?? '?'}`
      : 'a package spec';
  return {
    code: 'approved-patches',
    rule: input.entry.path,
    detail: sentence(`${input.version} explicitly approved by ${quoted(input.entry)} (${how}; no date or rule applies)`, input.notes),
  };
}

export function rejectedPatchesReason(input: {
  readonly entry: PatchListEntry;
  readonly version: string;
  readonly action: RejectedPatchesAction;
  /** What the action means on this family, e.g. yum's exclude list. */
  readonly effect: string;
  readonly notes?: readonly string[];
}): Reason {
  return {
    code: 'rejected-patches',
    rule: input.entry.path,
    detail: sentence(
      `approved version ${input.version} is rejected by ${quoted(input.entry)} (RejectedPatchesAction ${input.action}: ${input.effect})`,
      input.notes,
    ),
  };
}

export function globalFilterReason(input: {
  readonly filter: Filter;
  readonly check: FilterCheck;
  readonly version: string;
  readonly notes?: readonly string[];
}): Reason {
  return {
    code: 'global-filter',
    rule: input.filter.path,
    detail: sentence(
      `every newer version is dropped by GlobalFilters and none is explicitly approved (${input.version}: ${describeRejection(input.check)})`,
      input.notes,
    ),
  };
}

export function notApprovedReason(input: {readonly version: string; readonly properties: string; readonly notes?: readonly string[]}): Reason {
  return {
    code: 'not-approved',
    rule: null,
    detail: sentence(`no approval rule or ApprovedPatches entry approves any newer version; newest ${input.version} has ${input.properties}`, input.notes),
  };
}

export function approvalPendingReason(input: {
  readonly rule: Rule;
  readonly version: string;
  readonly matched: string;
  readonly release: ReleaseDate;
  readonly approvedAfter: number;
  readonly now: number;
}): Reason {
  const days = input.rule.approveAfterDays ?? 0;
  return {
    code: 'approval-pending',
    rule: input.rule.path,
    detail: sentence(
      `${input.version} matches ${input.rule.path} (${input.matched}) and becomes approved after ${formatInstant(input.approvedAfter)}: ${describeRelease(input.release, input.now)}, ApproveAfterDays ${days}`,
    ),
  };
}

export function approvalCutoffReason(input: {
  readonly rule: Rule;
  readonly version: string;
  readonly matched: string;
  readonly release: ReleaseDate;
  readonly untilDate: string;
  readonly now: number;
}): Reason {
  return {
    code: 'approval-cutoff',
    rule: input.rule.path,
    detail: sentence(
      `${input.version} matches ${input.rule.path} (${input.matched}) but was ${describeRelease(input.release, input.now)}, after ApproveUntilDate ${input.untilDate}, so this rule never approves it`,
    ),
  };
}

export function notSecurityReason(input: {readonly path: string; readonly why: string}): Reason {
  const gate = input.path.startsWith('ApprovedPatches')
    ? `${input.path} approves it only with ApprovedPatchesEnableNonSecurity true`
    : `${input.path} has EnableNonSecurity false`;
  return {code: 'not-security-repo', rule: input.path, detail: sentence(`${input.why}, and ${gate}`)};
}

export function blockedDependencyReason(input: {
  readonly entry: PatchListEntry | null;
  readonly version: string;
  readonly dependency: string;
  readonly notes?: readonly string[];
}): Reason {
  const by = input.entry === null ? 'the InstallOverrideList' : quoted(input.entry);
  return {
    code: 'blocked-dependency',
    rule: input.entry?.path ?? null,
    detail: sentence(
      `approved version ${input.version} needs ${input.dependency}, which is rejected by ${by} under RejectedPatchesAction BLOCK, and no other approved version is installable`,
      input.notes,
    ),
  };
}

export function dependencyReason(input: {
  readonly dependent: string;
  readonly dependentVersion: string;
  readonly version: string;
  readonly rejectedBy: PatchListEntry | null;
  /** Why a rejected version may still be pulled in (the action, or a family's narrower check). */
  readonly allowedBecause: string;
}): Reason {
  const why =
    input.rejectedBy === null
      ? 'it is not approved as an update itself'
      : `it is rejected as an update by ${quoted(input.rejectedBy)}, but ${input.allowedBecause}`;
  return {
    code: 'dependency',
    rule: input.dependent,
    detail: sentence(`installed at ${input.version} because ${input.dependent} ${input.dependentVersion} requires it; ${why}`),
  };
}

export function python3AptReason(input: {readonly version: string; readonly installed: string | null; readonly notes?: readonly string[]}): Reason {
  const verb = input.installed === null ? 'installs' : 'upgrades';
  return {
    code: 'python3-apt-prerequisite',
    rule: null,
    detail: sentence(
      `AWS-RunPatchBaseline runs "apt-get install python3-apt -y" before every operation, which ${verb} python3-apt to apt's candidate ${input.version}, whatever the baseline says`,
      input.notes,
    ),
  };
}

export function upToDateReason(input: {readonly rule: string; readonly named: string; readonly installed: string}): Reason {
  return {
    code: 'up-to-date',
    rule: input.rule,
    detail: sentence(`${input.named} names this package, but no version newer than the installed ${input.installed} is available`),
  };
}

export function installOverrideReason(input: {
  readonly rule: string;
  readonly id: string;
  readonly title: string | undefined;
  readonly version: string;
  readonly notes?: readonly string[];
}): Reason {
  const title = input.title === undefined ? '' : ` and title "${input.title}"`;
  return {
    code: 'install-override-list',
    rule: input.rule,
    detail: sentence(
      `${input.version} selected by InstallOverrideList id "${input.id}"${title}; baseline rules, security test and dates are skipped`,
      input.notes,
    ),
  };
}

export function notInOverrideListReason(input: {readonly installed: string; readonly candidate: string}): Reason {
  return {
    code: 'not-in-override-list',
    rule: null,
    detail: sentence(
      `an InstallOverrideList is in effect and none of its entries selects a version newer than ${input.installed} (newest available ${input.candidate}), so the package is left as is`,
    ),
  };
}

export function pinnedReason(input: {readonly pin: string; readonly installed: string; readonly candidate: string}): Reason {
  return {
    code: 'pinned',
    rule: null,
    detail: sentence(
      `pinned at ${input.pin} by --pin, and no approved version newer than the installed ${input.installed} is at or below the pin (newest available ${input.candidate})`,
    ),
  };
}
