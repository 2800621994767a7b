import {InputError} from '../errors.js';
import {MAX_JSON_CONTAINER_SIZE, MAX_JSON_DEPTH, MAX_JSON_STRING_LENGTH} from './limits.js';

/**
 * JSON text with errors users can act on: `inventory.json:12:5: invalid JSON: unexpected '{',
 * expected ':' after a property name`. V8's own messages give a position only for some errors
 * and change between Node versions, so a small scanner reads the text first to find the first
 * offending character and what was expected there.
 *
 * The scanner also refuses duplicate keys: JSON.parse silently keeps the last one, so a
 * reviewer reading the file could see one value while patchplan uses another. And it refuses
 * what JSON allows but no format of ours can hold (json/limits.ts), before JSON.parse or zod
 * see the value: numbers that overflow to ±Infinity (`1e400`), nesting deeper than
 * MAX_JSON_DEPTH (a stack overflow otherwise), strings and arrays past their limits.
 *
 * The scanner reports what it found as data; `parseJsonText` words it for inventories and
 * plans, and baseline/load.ts words it the way its documented errors read.
 */

/** What holds a value: an object member, an array element, or the document itself. */
export type JsonContainer = 'object' | 'array' | 'document';

/** The first place where a text stops being JSON (RFC 8259); offsets are UTF-16 indexes. */
export type JsonSyntaxProblem =
  /** Nothing but whitespace. */
  | {readonly kind: 'no-value'; readonly offset: number}
  | {readonly kind: 'expected-value'; readonly offset: number}
  /** A `-` without digits. */
  | {readonly kind: 'invalid-number'; readonly offset: number}
  /** A number followed by a character that would continue one: `01`, `1.`, `1e`. */
  | {readonly kind: 'number-runs-on'; readonly offset: number; readonly within: JsonContainer}
  | {readonly kind: 'unterminated-string'; readonly offset: number}
  | {readonly kind: 'control-character'; readonly offset: number}
  | {readonly kind: 'invalid-escape'; readonly offset: number}
  | {readonly kind: 'expected-property-name'; readonly offset: number}
  | {readonly kind: 'duplicate-key'; readonly offset: number; readonly key: string}
  | {readonly kind: 'expected-colon'; readonly offset: number}
  /** Neither `,` nor the closing bracket after a member or element. */
  | {readonly kind: 'expected-separator'; readonly offset: number; readonly within: 'object' | 'array'}
  /** `offset` is the closing bracket, `comma` the comma before it. */
  | {readonly kind: 'trailing-comma'; readonly offset: number; readonly comma: number; readonly within: 'object' | 'array'}
  | {readonly kind: 'text-after-value'; readonly offset: number}
  /** The opening bracket one level deeper than MAX_JSON_DEPTH. */
  | {readonly kind: 'too-deep'; readonly offset: number}
  /** A number whose value is not finite as a double (`1e400`, `-1e999`). */
  | {readonly kind: 'number-out-of-range'; readonly offset: number}
  /** A string (value or property name) longer than MAX_JSON_STRING_LENGTH. */
  | {readonly kind: 'string-too-long'; readonly offset: number}
  /** The element or member one past MAX_JSON_CONTAINER_SIZE. */
  | {readonly kind: 'too-many-elements'; readonly offset: number; readonly within: 'object' | 'array'};

class Stop extends Error {
  constructor(readonly problem: JsonSyntaxProblem) {
    super(problem.kind);
  }
}

/** A JSON number at lastIndex (sticky; one object for every scan, reset before each use). */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
/** Characters a string may hold as they are: anything but a quote, a backslash or a control character (sticky, as NUMBER). */
const PLAIN_RUN = /[^"\\\u0000-\u001f]*/y;
/** JSON's whitespace (sticky, as NUMBER). */
const SPACE_RUN = /[ \n\r\t]*/y;

/** Finds the first RFC 8259 syntax error or duplicate key, or null when the text is valid JSON. */
export function scanJson(text: string): JsonSyntaxProblem | null {
  let i = 0;
  const stop = (problem: JsonSyntaxProblem): never => {
    throw new Stop(problem);
  };
  const skipSpace = (): void => {
    // Runs for every token: a plan's indentation is most of its bytes. A single space (or
    // none) is the common case and needs no regex call.
    let c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
    c = text.charCodeAt(++i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
    SPACE_RUN.lastIndex = i;
    SPACE_RUN.test(text);
    i = SPACE_RUN.lastIndex;
  };
  /** Reads a string; true when it has an escape (a key then needs decoding). */
  const string = (): boolean => {
    const start = i;
    let escaped = false;
    i++; // opening quote
    for (;;) {
      // The run of characters that need no attention, skipped by the regex engine in one call.
      PLAIN_RUN.lastIndex = i;
      PLAIN_RUN.test(text);
      i = PLAIN_RUN.lastIndex;
      if (i >= text.length) stop({kind: 'unterminated-string', offset: start});
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        // Escapes make the text longer than the string; the limit is generous enough for that.
        if (i - start - 2 > MAX_JSON_STRING_LENGTH) stop({kind: 'string-too-long', offset: start});
        return escaped;
      }
      if (c < 0x20) stop({kind: 'control-character', offset: i});
      // A backslash: the only other character PLAIN_RUN stops at.
      escaped = true;
      const e = text.charAt(i + 1);
      if ('"\\/bfnrt'.includes(e) && e !== '') i += 2;
      else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
      else stop({kind: 'invalid-escape', offset: i});
    }
  };
  const number = (within: JsonContainer): void => {
    const pattern = NUMBER;
    pattern.lastIndex = i;
    if (pattern.exec(text) === null) stop({kind: 'invalid-number', offset: i});
    const start = i;
    i = pattern.lastIndex;
    if (i < text.length && /[0-9.eE+-]/.test(text.charAt(i))) stop({kind: 'number-runs-on', offset: i, within});
    if (!Number.isFinite(Number(text.slice(start, i)))) stop({kind: 'number-out-of-range', offset: start});
  };
  let depth = 0;
  const value = (within: JsonContainer): void => {
    skipSpace();
    const c = text.charAt(i);
    if (c === '{' || c === '[') {
      if (depth >= MAX_JSON_DEPTH) stop({kind: 'too-deep', offset: i});
      depth++;
      if (c === '{') object();
      else array();
      depth--;
    }
    else if (c === '"') string();
    else if (c === '-' || (c >= '0' && c <= '9')) number(within);
    else if (text.startsWith('true', i) || text.startsWith('null', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else stop({kind: 'expected-value', offset: i});
  };
  const object = (): void => {
    i++;
    skipSpace();
    if (text.charAt(i) === '}') {
      i++;
      return;
    }
    const keys = new Set<string>();
    for (;;) {
      skipSpace();
      if (keys.size >= MAX_JSON_CONTAINER_SIZE) stop({kind: 'too-many-elements', offset: i, within: 'object'});
      if (text.charAt(i) !== '"') stop({kind: 'expected-property-name', offset: i});
      const keyStart = i;
      const escaped = string();
      const key = escaped ? (JSON.parse(text.slice(keyStart, i)) as string) : text.slice(keyStart + 1, i - 1);
      if (keys.has(key)) stop({kind: 'duplicate-key', offset: keyStart, key});
      keys.add(key);
      skipSpace();
      if (text.charAt(i) !== ':') stop({kind: 'expected-colon', offset: i});
      i++;
      value('object');
      skipSpace();
      const c = text.charAt(i);
      if (c === '}') {
        i++;
        return;
      }
      if (c !== ',') stop({kind: 'expected-separator', offset: i, within: 'object'});
      const comma = i;
      i++;
      skipSpace();
      if (text.charAt(i) === '}') stop({kind: 'trailing-comma', offset: i, comma, within: 'object'});
    }
  };
  const array = (): void => {
    i++;
    skipSpace();
    if (text.charAt(i) === ']') {
      i++;
      return;
    }
    for (let count = 0; ; count++) {
      if (count >= MAX_JSON_CONTAINER_SIZE) stop({kind: 'too-many-elements', offset: i, within: 'array'});
      value('array');
      skipSpace();
      const c = text.charAt(i);
      if (c === ']') {
        i++;
        return;
      }
      if (c !== ',') stop({kind: 'expected-separator', offset: i, within: 'array'});
      const comma = i;
      i++;
      skipSpace();
      if (text.charAt(i) === ']') stop({kind: 'trailing-comma', offset: i, comma, within: 'array'});
    }
  };
  try {
    skipSpace();
    if (i >= text.length) stop({kind: 'no-value', offset: i});
    value('document');
    skipSpace();
    if (i < text.length) stop({kind: 'text-after-value', offset: i});
    return null;
  } catch (error) {
    if (error instanceof Stop) return error.problem;
    // Unreachable with the depth limit; should the stack still run out, it is nesting all the same.
    return {kind: 'too-deep', offset: i};
  }
}

/** Editors on Windows write a byte order mark; it is not JSON but carries no meaning. */
export function withoutByteOrderMark(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/**
 * 1-based line and column of a UTF-16 offset. Columns count characters (code points), or
 * UTF-16 code units where an error format was fixed that way (baselines).
 */
export function lineAndColumn(
  text: string,
  offset: number,
  count: 'characters' | 'code-units' = 'characters',
): {line: number; column: number} {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const before = count === 'characters' ? Array.from(text.slice(lineStart, offset)).length : offset - lineStart;
  return {line, column: before + 1};
}

/** The character at an offset as the messages quote it: `'x'`, or `end of file`. */
function quoteFound(text: string, at: number): string {
  return at >= text.length ? 'end of file' : `'${String.fromCodePoint(text.codePointAt(at) ?? 0)}'`;
}

/** The inventory and plan wording of a problem, with the offset it points at. */
function describeProblem(problem: JsonSyntaxProblem, text: string): {offset: number; message: string} {
  const found = quoteFound(text, problem.offset);
  const invalid = (message: string): {offset: number; message: string} => ({offset: problem.offset, message: `invalid JSON: ${message}`});
  switch (problem.kind) {
    case 'no-value':
      return invalid('no JSON value');
    case 'expected-value':
      return invalid(`unexpected ${found}, expected a value`);
    case 'invalid-number':
    case 'number-runs-on':
      return invalid('invalid number');
    case 'unterminated-string':
      return invalid('unterminated string');
    case 'control-character':
      return invalid('control character in a string (escape it, e.g. \\n)');
    case 'invalid-escape':
      return invalid('invalid escape sequence in a string');
    case 'expected-property-name':
      return invalid(`unexpected ${found}, expected a property name in double quotes`);
    case 'duplicate-key':
      return {offset: problem.offset, message: `duplicate key ${JSON.stringify(problem.key)} (JSON readers disagree on which one counts)`};
    case 'expected-colon':
      return invalid(`unexpected ${found}, expected ':' after a property name`);
    case 'expected-separator':
      return invalid(
        problem.within === 'object'
          ? `unexpected ${found}, expected ',' or '}' after a property value`
          : `unexpected ${found}, expected ',' or ']' after an array element`,
      );
    case 'trailing-comma':
      return invalid(`unexpected ${found} after ',' (trailing commas are not allowed)`);
    case 'text-after-value':
      return invalid(`unexpected ${found} after the JSON value`);
    case 'too-deep':
    case 'number-out-of-range':
    case 'string-too-long':
    case 'too-many-elements':
      return invalid(describeLimitProblem(problem));
  }
}

/** The wording of a limit (json/limits.ts), shared by inventories, plans and baselines. */
export function describeLimitProblem(
  problem: Extract<JsonSyntaxProblem, {kind: 'too-deep' | 'number-out-of-range' | 'string-too-long' | 'too-many-elements'}>,
): string {
  switch (problem.kind) {
    case 'too-deep':
      return `nesting deeper than ${MAX_JSON_DEPTH} levels`;
    case 'number-out-of-range':
      return 'number out of range (it would be infinite)';
    case 'string-too-long':
      return `string longer than ${MAX_JSON_STRING_LENGTH.toLocaleString('en-US')} characters`;
    case 'too-many-elements':
      return `${problem.within === 'object' ? 'object with more than' : 'array with more than'} ${MAX_JSON_CONTAINER_SIZE.toLocaleString('en-US')} ${problem.within === 'object' ? 'members' : 'elements'}`;
  }
}

/** The first syntax error in inventory/plan wording, or null when the text is valid JSON. */
export function locateJsonError(text: string): {offset: number; message: string} | null {
  const problem = scanJson(text);
  return problem === null ? null : describeProblem(problem, text);
}

/**
 * JSON.parse of an inventory or plan file, with `FILE:LINE:COLUMN: …` errors.
 *
 * Valid files are the common case, and V8's parser is several times faster than the scanner:
 * JSON.parse goes first, and `withinOurRules` checks what it cannot (duplicate keys, the
 * limits). Anything either of them refuses goes to the scanner, which finds the first problem
 * and its position exactly as before; so every error, and every value returned, is what the
 * scanner-first order gave (test/json/parse.test.ts compares the two on generated texts). The
 * value of a file past a limit is built before it is refused; the file's size is bounded
 * (json/limits.ts), so memory still is.
 */
export function parseJsonText(text: string, source: string): unknown {
  const body = withoutByteOrderMark(text);
  if (body.trim() === '') throw new InputError(source, 'the file is empty');
  let value: unknown;
  let parsed = false;
  try {
    value = JSON.parse(body) as unknown;
    parsed = true;
  } catch {
    // The scanner below says where and why.
  }
  if (parsed && withinOurRules(body, value)) return value;
  const found = locateJsonError(body);
  if (found) {
    const {line, column} = lineAndColumn(body, found.offset);
    throw new InputError(`${source}:${line}:${column}`, found.message);
  }
  // The walk deferred (a long string: withinOurRules is conservative) and the scanner found nothing.
  if (parsed) return value;
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    // Only reachable if the scanner and V8 disagree; still one line, without a position.
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError(source, `invalid JSON: ${message}`);
  }
}

/**
 * Whether a value JSON.parse built from `text` is one the scanner would accept too: no key twice
 * in an object (JSON.parse keeps the last silently), and within json/limits.ts. False sends the
 * text to the scanner.
 *
 * Duplicates: the names written in the text are counted (propertyNamesIn); the parsed objects
 * hold one key per distinct name. The counts are equal exactly when no object repeats a name.
 * Limits are guarded conservatively: the scanner measures a string as written (escapes
 * included), so any string longer than a sixth of the limit (the longest escape is six
 * characters for one) defers to it.
 */
function withinOurRules(text: string, value: unknown): boolean {
  const keys = walkWithinLimits(value);
  return keys !== null && keys === propertyNamesIn(text);
}

/**
 * How many property names a text that JSON.parse accepted writes. Outside string literals, every
 * quote opens one; a string literal followed by a colon (after whitespace) is a name. indexOf
 * finds the quotes: ~0.1 s for a 42 MB inventory, where a regex over the literals took ~0.5 s.
 */
function propertyNamesIn(text: string): number {
  let names = 0;
  for (let open = text.indexOf('"'); open !== -1; ) {
    let close = text.indexOf('"', open + 1);
    while (isEscaped(text, close)) close = text.indexOf('"', close + 1);
    let next = close + 1;
    let c = text.charCodeAt(next);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++next);
    if (c === 0x3a) names++;
    open = text.indexOf('"', next);
  }
  return names;
}

/** Whether the quote at `at` is escaped: an odd number of backslashes before it. */
function isEscaped(text: string, at: number): boolean {
  let backslashes = 0;
  for (let k = at - 1; text.charCodeAt(k) === 0x5c; k--) backslashes++;
  return backslashes % 2 === 1;
}

const SAFE_STRING_LENGTH = Math.floor(MAX_JSON_STRING_LENGTH / 6);

/** The number of object keys in the value, or null when it reaches a limit (or might, for strings). */
function walkWithinLimits(root: unknown): number | null {
  let keys = 0;
  const walk = (value: unknown, depth: number): boolean => {
    if (typeof value === 'string') return value.length <= SAFE_STRING_LENGTH;
    if (typeof value === 'number') return Number.isFinite(value);
    if (value === null || typeof value !== 'object') return true;
    if (depth >= MAX_JSON_DEPTH) return false;
    if (Array.isArray(value)) {
      if (value.length > MAX_JSON_CONTAINER_SIZE) return false;
      for (const item of value) if (!walk(item, depth + 1)) return false;
      return true;
    }
    const names = Object.keys(value);
    if (names.length > MAX_JSON_CONTAINER_SIZE) return false;
    keys += names.length;
    for (const name of names) {
      if (name.length > SAFE_STRING_LENGTH) return false;
      if (!walk((value as Record<string, unknown>)[name], depth + 1)) return false;
    }
    return true;
  };
  return walk(root, 0) ? keys : null;
}
