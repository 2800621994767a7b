import type {z} from 'zod';

import {formatJsonPath, InputError} from '../errors.js';
import type {OperatingSystem} from '../core/ids.js';
import {describeLimitProblem, lineAndColumn, scanJson, withoutByteOrderMark, type JsonContainer} from '../json/parse.js';
import {canonicalJson, sha256Hex} from '../json/canonical-json.js';
import {readInputText, type InputReader} from '../system/input-files.js';
import type {Baseline, BaselineWarning} from './model.js';
import {normalizeBaseline} from './normalize.js';
import {defaultPredefinedName, findPredefinedBaseline} from './predefined/index.js';
import {checkBaselineRules, checkUnknownTopLevelFields, compareDocumentOrder, type RuleIssue} from './rules.js';
import {BaselineDocumentSchema} from './schema.js';

/**
 * The one entry point that turns a baseline reference (a file's text or a built-in name)
 * into a checked `Baseline`: JSON syntax (with line:column), then shape (`schema.ts`), then
 * meaning (`rules.ts`), then defaults (`normalize.ts`). Errors are InputErrors whose line is
 * `FILE: JSON.Path: message`; warnings come back with the result.
 */

export interface LoadedBaseline {
  /** The file path as given, or the predefined baseline's name. */
  source: string;
  /** The JSON object as written (for a BaselineOverride array: the element that was used). */
  document: Record<string, unknown>;
  baseline: Baseline;
  /** Hex SHA-256 of the canonical JSON (keys sorted, no whitespace) of `document`. */
  sha256: string;
  /** Paths are relative to the file (they start with `[i].` for a BaselineOverride array). */
  warnings: BaselineWarning[];
}

export interface ParseBaselineOptions {
  /** DECISION-8: accept NAME/ARCH/… filter keys with a warning instead of an error. */
  lenient?: boolean;
  /**
   * The node's OS, used only to pick one entry from a BaselineOverride array that holds
   * several (AWS picks the one whose OperatingSystem matches the node).
   */
  operatingSystem?: OperatingSystem;
}

export function parseBaseline(text: string, source: string, options: ParseBaselineOptions = {}): LoadedBaseline {
  const json = withoutByteOrderMark(text);
  const problem = findJsonSyntaxProblem(json);
  if (problem) {
    // Baseline errors count columns in UTF-16 code units, as they always have.
    const {line, column} = lineAndColumn(json, problem.offset, 'code-units');
    throw new InputError(`${source}:${line}:${column}`, problem.message);
  }
  const value: unknown = JSON.parse(json);
  if (Array.isArray(value)) {
    const index = pickOverrideEntry(value, source, options.operatingSystem);
    return checkDocument(value[index], source, [index], options);
  }
  return checkDocument(value, source, [], options);
}

export function loadPredefinedBaseline(id: string, options: Pick<ParseBaselineOptions, 'lenient'> = {}): LoadedBaseline {
  const predefined = findPredefinedBaseline(id);
  if (!predefined) {
    if (id.startsWith('arn:')) {
      throw new InputError(
        id,
        'AWS-owned baseline ARNs differ per region and are not shipped; use the baseline name (see `patchplan baseline list`) or save `aws ssm get-patch-baseline` output to a file',
      );
    }
    throw new InputError(id, 'unknown predefined baseline (see `patchplan baseline list`)');
  }
  // A copy: callers own the returned document and must not be able to change the built-in.
  return checkDocument(structuredClone(predefined.document), predefined.name, [], options);
}

/**
 * A built-in name (`AWS-…` without a path separator or extension, or an ARN) is looked up
 * among the predefined baselines; anything else is read as a file. To read a file whose
 * name looks like a built-in, give it as `./AWS-…`.
 */
export async function loadBaseline(ref: string, deps: InputReader, options: ParseBaselineOptions = {}): Promise<LoadedBaseline> {
  if (/^AWS-[A-Za-z0-9_-]+$/.test(ref) || ref.startsWith('arn:')) return loadPredefinedBaseline(ref, options);
  return parseBaseline(await readInputText(deps, ref, 'baseline'), ref, options);
}

/** The predefined default baseline name for an OS (`AWS-UbuntuDefaultPatchBaseline`, …). */
export function defaultBaselineFor(os: OperatingSystem): string {
  return defaultPredefinedName(os);
}

type Path = readonly (string | number)[];

/** BaselineOverride (spec §1): an array of get-patch-baseline outputs; patchplan uses one. */
function pickOverrideEntry(entries: readonly unknown[], source: string, os: OperatingSystem | undefined): number {
  if (entries.length === 0) throw new InputError(source, 'the BaselineOverride array is empty; it must hold one baseline');
  if (entries.length === 1) return 0;
  if (os === undefined) {
    throw new InputError(source, `the BaselineOverride array holds ${entries.length} baselines; patchplan reads exactly one`);
  }
  const matching = entries.flatMap((entry, index) => (operatingSystemOf(entry) === os ? [index] : []));
  if (matching.length === 1 && matching[0] !== undefined) return matching[0];
  throw new InputError(
    source,
    matching.length === 0
      ? `the BaselineOverride array holds no baseline for ${os}`
      : `the BaselineOverride array holds ${matching.length} baselines for ${os}; it must hold one per OS`,
  );
}

function operatingSystemOf(entry: unknown): unknown {
  return isRecord(entry) ? entry.OperatingSystem : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function checkDocument(value: unknown, source: string, prefix: Path, options: ParseBaselineOptions): LoadedBaseline {
  const where = (path: Path): string => {
    const jsonPath = formatJsonPath([...prefix, ...path]);
    return jsonPath ? `${source}: ${jsonPath}` : source;
  };
  const parsed = BaselineDocumentSchema.safeParse(value);
  if (!parsed.success || !isRecord(value)) {
    const first = parsed.success ? undefined : firstInDocumentOrder(value, zodIssues(parsed.error));
    throw new InputError(where(first?.path ?? []), first?.message ?? 'must be a JSON object in the shape `aws ssm get-patch-baseline` prints');
  }
  const findings = checkBaselineRules(parsed.data, {lenient: options.lenient ?? false});
  const firstError = firstInDocumentOrder(value, findings.errors);
  if (firstError) throw new InputError(where(firstError.path), firstError.message);
  const warnings = sortInDocumentOrder(value, [...checkUnknownTopLevelFields(value), ...findings.warnings]);
  return {
    source,
    document: value,
    baseline: normalizeBaseline(parsed.data),
    sha256: sha256Hex(canonicalJson(value)),
    warnings: warnings.map((w) => ({path: formatJsonPath([...prefix, ...w.path]), message: w.message})),
  };
}

function zodIssues(error: z.ZodError): RuleIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.filter((step): step is string | number => typeof step !== 'symbol');
    // Point at the unknown field itself, not at the object that holds it.
    if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) return {path: [...path, issue.keys[0]], message: issue.message};
    return {path, message: issue.message};
  });
}

function sortInDocumentOrder(document: unknown, issues: readonly RuleIssue[]): RuleIssue[] {
  return [...issues].sort((a, b) => compareDocumentOrder(document, a.path, b.path));
}

function firstInDocumentOrder(document: unknown, issues: readonly RuleIssue[]): RuleIssue | undefined {
  return sortInDocumentOrder(document, issues)[0];
}

interface JsonSyntaxError {
  readonly offset: number;
  readonly message: string;
}

/**
 * The first JSON syntax error or duplicate key, worded as baseline errors have always read
 * (docs/baselines.md, fixtures/baselines/invalid/*.error.txt), or null when the text is
 * valid JSON. Node 20's JSON.parse often gives no position ("Unexpected token '}', … is not
 * valid JSON") and the contract wants file:line:column; a reviewed baseline must also mean
 * one thing, so a repeated key is an error rather than JSON.parse's silent last-one-wins.
 */
export function findJsonSyntaxProblem(text: string): JsonSyntaxError | null {
  const problem = scanJson(text);
  if (problem === null) return null;
  const found = describeFound(text, problem.offset);
  const invalid = (message: string, offset = problem.offset): JsonSyntaxError => ({offset, message: `invalid JSON: ${message}`});
  const afterValue = (within: JsonContainer): JsonSyntaxError => {
    switch (within) {
      case 'object':
        return invalid(`expected "," or "}" after a property value, found ${found}`);
      case 'array':
        return invalid(`expected "," or "]" after an array element, found ${found}`);
      case 'document':
        return invalid(`unexpected ${found} after the end of the document`);
    }
  };
  switch (problem.kind) {
    case 'no-value':
    case 'expected-value':
      return invalid(`expected a value, found ${found}`);
    case 'invalid-number':
      return invalid('invalid number');
    case 'number-runs-on':
      // `07`: the number is `0`, and what follows is where a separator should be.
      return afterValue(problem.within);
    case 'unterminated-string':
      return invalid('unterminated string');
    case 'control-character':
      return invalid('control character in string (write it as an escape such as \\n)');
    case 'invalid-escape':
      return invalid('invalid escape in string');
    case 'expected-property-name':
      return invalid(`expected a property name in double quotes, found ${found}`);
    case 'duplicate-key':
      return {offset: problem.offset, message: `duplicate key ${JSON.stringify(problem.key)} (JSON parsers disagree on which one counts)`};
    case 'expected-colon':
      return invalid(`expected ":" after the property name, found ${found}`);
    case 'expected-separator':
      return afterValue(problem.within);
    case 'trailing-comma':
      return invalid(`trailing comma before "${problem.within === 'object' ? '}' : ']'}"`, problem.comma);
    case 'text-after-value':
      return afterValue('document');
    case 'too-deep':
    case 'number-out-of-range':
    case 'string-too-long':
    case 'too-many-elements':
      return invalid(describeLimitProblem(problem));
  }
}

/** `"x"` as JSON writes it, `'"'` for a quote (`"\""` is hard to read in one line), or `end of file`. */
function describeFound(text: string, at: number): string {
  if (at >= text.length) return 'end of file';
  return text[at] === '"' ? `'"'` : JSON.stringify(text[at]);
}
