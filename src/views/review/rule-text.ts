import {visibleLine} from '../safe-text.js';

/**
 * What the baseline says at a decision's `reason.rule`, so the reviewer sees the rule itself
 * (its filters, ApproveAfterDays, …) and not only its path. `reason.rule` is a JSON path into
 * the baseline document (`ApprovalRules.PatchRules[0]`, `GlobalFilters.PatchFilters[1]`,
 * `RejectedPatches[0]`); for some codes it names something else (the package a dependency was
 * pulled in for), and then there is nothing to look up.
 */
export function ruleAt(document: Readonly<Record<string, unknown>>, rule: string): unknown {
  const steps = parsePath(rule);
  if (steps === null) return undefined;
  let at: unknown = document;
  for (const step of steps) {
    if (typeof step === 'number') at = Array.isArray(at) ? at[step] : undefined;
    else at = isRecord(at) && Object.hasOwn(at, step) ? at[step] : undefined;
    if (at === undefined) return undefined;
  }
  return at;
}

/** `A.B[2].C` → ['A', 'B', 2, 'C']; null when it is not a path of PascalCase keys and indexes. */
function parsePath(rule: string): (string | number)[] | null {
  if (!/^[A-Z][A-Za-z]*(?:\[\d+\])*(?:\.[A-Z][A-Za-z]*(?:\[\d+\])*)*$/.test(rule)) return null;
  const steps: (string | number)[] = [];
  for (const part of rule.split('.')) {
    const [key = '', ...indexes] = part.split('[');
    steps.push(key, ...indexes.map((i) => Number(i.slice(0, -1))));
  }
  return steps;
}

/**
 * The value as indented `Key: value` lines, already safe to show. Filters (`{Key, Values}`)
 * read as `PRIORITY = Required, Important`, the way the AWS console lists them.
 */
export function describeValue(value: unknown, indent = ''): string[] {
  if (isFilter(value)) return [`${indent}${filterText(value)}`];
  if (Array.isArray(value)) {
    if (value.every(isScalar)) return [`${indent}${value.map(scalarText).join(', ') || '(none)'}`];
    return value.flatMap((item) => describeValue(item, indent));
  }
  if (!isRecord(value)) return [`${indent}${scalarText(value)}`];
  return Object.entries(value).flatMap(([key, item]) => {
    const name = visibleLine(key);
    if (isScalar(item)) return [`${indent}${name}: ${scalarText(item)}`];
    if (Array.isArray(item) && item.every(isScalar)) return [`${indent}${name}: ${item.map(scalarText).join(', ') || '(none)'}`];
    return [`${indent}${name}:`, ...describeValue(item, `${indent}  `)];
  });
}

interface Filter {
  readonly Key: string;
  readonly Values: readonly unknown[];
}

function isFilter(value: unknown): value is Filter {
  return isRecord(value) && typeof value.Key === 'string' && Array.isArray(value.Values) && Object.keys(value).length === 2;
}

function filterText(filter: Filter): string {
  return `${visibleLine(filter.Key)} = ${filter.Values.map(scalarText).join(', ')}`;
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function scalarText(value: unknown): string {
  if (typeof value === 'string') return visibleLine(value);
  if (isScalar(value)) return String(value);
  return visibleLine(JSON.stringify(value) ?? '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
