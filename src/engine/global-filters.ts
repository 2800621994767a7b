import {BASELINE_FILTER_KEYS, LENIENT_FILTER_KEYS, type Baseline, type Filter, type FilterKey} from '../baseline/model.js';
import type {FamilyRules} from './families/family.js';
import type {EngineContext, PatchRecord} from './linux-types.js';

/**
 * Filter evaluation (spec §1.3), used for GlobalFilters (§6.1 step 3) and rule filter groups
 * by every engine: OR within a filter's values, AND across filters, the lone `*` as the only
 * wildcard (DECISION-4), an empty group accepts everything (DECISION-2), a record lacking the
 * property passes only `*` (DECISION-5). The Linux families decide how a value matches
 * (FamilyRules.valueMatches); Windows and macOS match exactly.
 */

export interface FilterCheck {
  readonly filter: Filter;
  readonly accepted: boolean;
  /** The record's values for the key; [] when absent; null when the family ignores the key. */
  readonly actual: readonly string[] | null;
  /** The record value that matched (or `*`). */
  readonly matched: string | null;
}

export function checkFilter(filter: Filter, record: PatchRecord, rules: FamilyRules, ctx: EngineContext): FilterCheck {
  const property = rules.property(filter.key, record, ctx);
  if (property.kind === 'ignored') return {filter, accepted: true, actual: null, matched: null};
  const actual = property.kind === 'values' ? property.values : [];
  return checkFilterValues(filter, actual, (value, filterValue) => rules.valueMatches(filter.key, value, filterValue));
}

/** Windows and macOS compare property values as written: no globbing, no case folding. */
function exactly(value: string, filterValue: string): boolean {
  return value === filterValue;
}

/**
 * One filter against a record's values for its key: `*` accepts anything, a record lacking
 * the property included; otherwise the first record value that one of the filter's values
 * matches accepts it (OR within a filter).
 */
export function checkFilterValues(
  filter: Filter,
  actual: readonly string[],
  matches: (value: string, filterValue: string) => boolean = exactly,
): FilterCheck {
  if (filter.values.includes('*')) return {filter, accepted: true, actual, matched: '*'};
  for (const value of actual) {
    if (filter.values.some((filterValue) => matches(value, filterValue))) return {filter, accepted: true, actual, matched: value};
  }
  return {filter, accepted: false, actual, matched: null};
}

export interface GroupCheck {
  readonly accepted: boolean;
  readonly checks: readonly FilterCheck[];
  /** The first filter (in document order) that rejects the record. */
  readonly failing: FilterCheck | null;
}

function groupOf(checks: readonly FilterCheck[]): GroupCheck {
  const failing = checks.find((c) => !c.accepted) ?? null;
  return {accepted: failing === null, checks, failing};
}

export function checkFilterGroup(
  filters: readonly Filter[],
  record: PatchRecord,
  rules: FamilyRules,
  ctx: EngineContext,
): GroupCheck {
  return groupOf(filters.map((f) => checkFilter(f, record, rules, ctx)));
}

/** A filter group over a Windows or macOS record, whose properties are plain values matched exactly. */
export function checkExactFilterGroup(filters: readonly Filter[], valuesOf: (key: FilterKey) => readonly string[]): GroupCheck {
  return groupOf(filters.map((f) => checkFilterValues(f, valuesOf(f.key))));
}

/** §6.1 step 3, first half: the record passes every global filter. */
export function checkGlobalFilters(record: PatchRecord, rules: FamilyRules, ctx: EngineContext): GroupCheck {
  return checkFilterGroup(ctx.baseline.globalFilters, record, rules, ctx);
}

/** `CLASSIFICATION Security, SEVERITY Important` — the values that let a record through. */
export function describeAccepted(checks: readonly FilterCheck[]): string {
  const parts = checks.filter((c) => c.actual !== null).map((c) => `${c.filter.key} ${c.matched ?? '?'}`);
  return parts.length === 0 ? 'no filters' : parts.join(', ');
}

/** `CLASSIFICATION=SecurityUpdates, MSRC_SEVERITY=Critical`: how the Windows and macOS details say it. */
export function describeMatches(checks: readonly FilterCheck[]): string {
  if (checks.length === 0) return 'an empty filter group (accepts every update)';
  return checks.map((c) => `${c.filter.key}=${c.matched ?? '?'}`).join(', ');
}

/** `CLASSIFICATION is Bugfix, not one of [Security]`. */
export function describeRejection(check: FilterCheck): string {
  const actual = check.actual === null || check.actual.length === 0 ? 'absent' : check.actual.join(', ');
  return `${check.filter.key} is ${actual}, not one of [${check.filter.values.join(', ')}]`;
}

// The rpm families and SUSE document the same keys (spec §2.1).
const BASELINE_KEYS_RPM: ReadonlySet<FilterKey> = new Set(BASELINE_FILTER_KEYS.rpm);
const BASELINE_KEYS_APT: ReadonlySet<FilterKey> = new Set(BASELINE_FILTER_KEYS.apt);

/**
 * The DescribeAvailablePatches keys that DECISION-8 evaluates on Linux in lenient mode: all
 * but PATCH_ID, which names a Windows update and is no property of a Linux package.
 */
export const LENIENT_KEYS: ReadonlySet<FilterKey> = new Set(LENIENT_FILTER_KEYS.filter((key) => key !== 'PATCH_ID'));

/** Every filter of the baseline with its path, global filters first, then rules in order. */
function allFilters(baseline: Baseline): Filter[] {
  return [...baseline.globalFilters, ...baseline.rules.flatMap((r) => r.filters)];
}

/**
 * Warnings about filter keys the family does not evaluate as a baseline key: apt ignores
 * them, rpm families see an absent property (only `*` passes), and the DECISION-8 keys are
 * evaluated as exact-or-`*` matches (validation rejects them unless `--lenient`).
 */
export function filterKeyWarnings(baseline: Baseline, rules: FamilyRules, lenient: boolean): string[] {
  const warnings: string[] = [];
  for (const filter of allFilters(baseline)) {
    const key = filter.key;
    if (rules.family === 'apt') {
      if (!BASELINE_KEYS_APT.has(key)) {
        warnings.push(`${filter.path}: ${key} is ignored on ${baseline.operatingSystem} (apt evaluates only PRODUCT, PRIORITY and SECTION)`);
      }
      continue;
    }
    if (BASELINE_KEYS_RPM.has(key)) continue;
    if (LENIENT_KEYS.has(key)) {
      if (!lenient) {
        warnings.push(`${filter.path}: ${key} is not a baseline filter key; evaluated as an exact-or-* match`);
      }
      continue;
    }
    warnings.push(`${filter.path}: ${key} is not a property of ${baseline.operatingSystem} packages; only * matches it`);
  }
  return warnings;
}

/**
 * The same warnings for Windows and macOS, whose engines know their records' properties:
 * a key outside the OS's documented set is evaluated as an exact-or-`*` match when the
 * engine has the property (DECISION-8; no warning under --lenient), and otherwise sees an
 * absent property that only `*` accepts.
 */
export function exactFilterKeyWarnings(
  baseline: Baseline,
  input: {
    readonly baselineKeys: ReadonlySet<FilterKey>;
    readonly evaluates: (key: FilterKey) => boolean;
    /** What the records are, e.g. `Windows updates`. */
    readonly records: string;
    readonly lenient: boolean;
  },
): string[] {
  const warnings: string[] = [];
  for (const filter of allFilters(baseline)) {
    if (input.baselineKeys.has(filter.key)) continue;
    if (input.evaluates(filter.key)) {
      if (!input.lenient) {
        warnings.push(
          `${filter.path}: ${filter.key} is not a ${baseline.operatingSystem} baseline filter key; evaluated as an exact-or-* match`,
        );
      }
    } else {
      warnings.push(`${filter.path}: ${filter.key} is not a property of ${input.records}; only the value '*' accepts anything`);
    }
  }
  return warnings;
}
