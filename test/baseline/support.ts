import {InputError} from '../../src/errors.js';
import {parseBaseline, type LoadedBaseline, type ParseBaselineOptions} from '../../src/baseline/load.js';

/** A document that passes both passes on its own; tests change one thing at a time. */
export function aDocument(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Name: 'test-baseline',
    OperatingSystem: 'AMAZON_LINUX_2023',
    ApprovalRules: {
      PatchRules: [
        {
          PatchFilterGroup: {PatchFilters: [{Key: 'CLASSIFICATION', Values: ['Security']}]},
          ApproveAfterDays: 7,
        },
      ],
    },
    ...overrides,
  };
}

/** One rule with these filters, approving after 7 days (valid timing for every non-apt OS). */
export function aRule(filters: readonly {Key: string; Values: readonly string[]}[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {PatchFilterGroup: {PatchFilters: filters}, ApproveAfterDays: 7, ...extra};
}

export function parse(doc: unknown, options: ParseBaselineOptions = {}): LoadedBaseline {
  return parseBaseline(JSON.stringify(doc, null, 2), 'baseline.json', options);
}

/** The one error line parseBaseline would print, or null when the document is accepted. */
export function errorLine(doc: unknown, options: ParseBaselineOptions = {}): string | null {
  try {
    parse(doc, options);
    return null;
  } catch (error) {
    if (error instanceof InputError) return error.line();
    throw error;
  }
}

/** Warnings as `path: message` lines (path omitted when the warning is about the whole file). */
export function warningLines(doc: unknown, options: ParseBaselineOptions = {}): string[] {
  return parse(doc, options).warnings.map((w) => (w.path ? `${w.path}: ${w.message}` : w.message));
}

export const repeat = <T>(count: number, make: (i: number) => T): T[] => Array.from({length: count}, (_, i) => make(i));
