import type {z} from 'zod';

import {formatJsonPath, InputError} from '../errors.js';
import type {OperatingSystem} from '../inventory/schema.js';
import {canonicalJson, sha256Hex} from '../plan/canonical-json.js';
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

export interface BaselineReader {
  readText(file: string): Promise<string>;
}

export function parseBaseline(text: string, source: string, options: ParseBaselineOptions = {}): LoadedBaseline {
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const problem = findJsonSyntaxProblem(json);
  if (problem) {
    const {line, column} = lineColumn(json, problem.offset);
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
export async function loadBaseline(ref: string, deps: BaselineReader, options: ParseBaselineOptions = {}): Promise<LoadedBaseline> {
  if (/^AWS-[A-Za-z0-9_-]+$/.test(ref) || ref.startsWith('arn:')) return loadPredefinedBaseline(ref, options);
  return parseBaseline(await deps.readText(ref), ref, options);
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

function lineColumn(text: string, offset: number): {line: number; column: number} {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return {line, column: offset - lineStart + 1};
}

interface JsonSyntaxProblem {
  readonly offset: number;
  readonly message: string;
}

class JsonSyntaxFailure {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/**
 * Finds the first syntax error with its offset, because Node 20's JSON.parse often reports
 * none ("Unexpected token '}', … is not valid JSON") and the contract wants file:line:column.
 * It also refuses duplicate keys: JSON.parse silently keeps the last one, and a reviewed
 * baseline must mean one thing. Returns null when the text is valid JSON.
 */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxFailure(at, message);
  };
  const describe = (at: number): string => {
    if (at >= text.length) return 'end of file';
    // A quote shown as "\"" is hard to read in a one-line error.
    return text[at] === '"' ? `'"'` : JSON.stringify(text[at]);
  };
  const skipWhitespace = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const readString = (): string => {
    const start = i;
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined) fail('invalid JSON: unterminated string', start);
      if (c === '"') {
        i++;
        return JSON.parse(text.slice(start, i)) as string;
      }
      if (c === '\\') {
        const escape = text[i + 1] ?? '';
        if ('"\\/bfnrt'.includes(escape) && escape !== '') i += 2;
        else if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else fail('invalid JSON: invalid escape in string');
      } else if ((c ?? '') < ' ') {
        fail('invalid JSON: control character in string (write it as an escape such as \\n)');
      } else {
        i++;
      }
    }
  };
  const readValue = (): void => {
    skipWhitespace();
    const c = text[i];
    if (c === '{') readObject();
    else if (c === '[') readArray();
    else if (c === '"') readString();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      const number = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
      number.lastIndex = i;
      const match = number.exec(text);
      if (!match || match[0] === '-') fail('invalid JSON: invalid number');
      i = number.lastIndex;
    } else {
      for (const word of ['true', 'false', 'null']) {
        if (text.startsWith(word, i)) {
          i += word.length;
          return;
        }
      }
      fail(`invalid JSON: expected a value, found ${describe(i)}`);
    }
  };
  const readObject = (): void => {
    i++;
    const keys = new Set<string>();
    skipWhitespace();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      skipWhitespace();
      if (text[i] !== '"') fail(`invalid JSON: expected a property name in double quotes, found ${describe(i)}`);
      const keyStart = i;
      const key = readString();
      if (keys.has(key)) fail(`duplicate key ${JSON.stringify(key)} (JSON parsers disagree on which one counts)`, keyStart);
      keys.add(key);
      skipWhitespace();
      if (text[i] !== ':') fail(`invalid JSON: expected ":" after the property name, found ${describe(i)}`);
      i++;
      readValue();
      skipWhitespace();
      if (text[i] === '}') {
        i++;
        return;
      }
      if (text[i] !== ',') fail(`invalid JSON: expected "," or "}" after a property value, found ${describe(i)}`);
      const comma = i;
      i++;
      skipWhitespace();
      if (text[i] === '}') fail('invalid JSON: trailing comma before "}"', comma);
    }
  };
  const readArray = (): void => {
    i++;
    skipWhitespace();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      readValue();
      skipWhitespace();
      if (text[i] === ']') {
        i++;
        return;
      }
      if (text[i] !== ',') fail(`invalid JSON: expected "," or "]" after an array element, found ${describe(i)}`);
      const comma = i;
      i++;
      skipWhitespace();
      if (text[i] === ']') fail('invalid JSON: trailing comma before "]"', comma);
    }
  };
  try {
    readValue();
    skipWhitespace();
    if (i < text.length) fail(`invalid JSON: unexpected ${describe(i)} after the end of the document`);
    return null;
  } catch (error) {
    if (error instanceof JsonSyntaxFailure) return {offset: error.offset, message: error.message};
    // Nesting deep enough to exhaust the stack: let JSON.parse decide, at offset 0.
    try {
      JSON.parse(text);
      return null;
    } catch (parseError) {
      return {offset: 0, message: `invalid JSON: ${parseError instanceof Error ? parseError.message : String(parseError)}`};
    }
  }
}
