import {InputError} from '../errors.js';

/**
 * JSON.parse with errors users can act on: `inventory.json:12:5: invalid JSON: unexpected '{',
 * expected ':' after a property name`. V8's own messages give a position only for some errors
 * and change between Node versions, so a small scanner reads the text first to find the first
 * offending character and say what was expected there.
 *
 * The scanner also refuses duplicate keys: JSON.parse silently keeps the last one, so a
 * reviewer reading the file could see one value while patchplan uses another.
 */
export function parseJsonText(text: string, source: string): unknown {
  // Editors on Windows write a byte order mark; it is not JSON but carries no meaning.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') throw new InputError(source, 'the file is empty');
  const found = locateJsonError(body);
  if (found) {
    const {line, column} = lineAndColumn(body, found.offset);
    throw new InputError(`${source}:${line}:${column}`, found.message);
  }
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    // Only reachable if the scanner and V8 disagree; still one line, without a position.
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError(source, `invalid JSON: ${message}`);
  }
}

/** 1-based line and column (in characters) of a UTF-16 offset. */
export function lineAndColumn(text: string, offset: number): {line: number; column: number} {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return {line, column: Array.from(text.slice(lineStart, offset)).length + 1};
}

interface JsonSyntaxError {
  offset: number;
  message: string;
}

class Stop extends Error {
  constructor(readonly found: JsonSyntaxError) {
    super(found.message);
  }
}

/** Finds the first RFC 8259 syntax error, or null when the text is valid JSON. */
export function locateJsonError(text: string): JsonSyntaxError | null {
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new Stop({offset: at, message: `invalid JSON: ${message}`});
  };
  const describe = (at: number): string =>
    at >= text.length ? 'end of file' : `'${String.fromCodePoint(text.codePointAt(at) ?? 0)}'`;
  const skipSpace = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) {
      i += word.length;
      return;
    }
    fail(`unexpected ${describe(i)}, expected a value`);
  };
  const string = (): void => {
    const start = i;
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail('unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail('control character in a string (escape it, e.g. \\n)');
      if (c === 0x5c) {
        const e = text.charAt(i + 1);
        if ('"\\/bfnrt'.includes(e) && e !== '') i += 2;
        else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else fail('invalid escape sequence in a string');
        continue;
      }
      i++;
    }
  };
  const number = (): void => {
    const pattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    pattern.lastIndex = i;
    const match = pattern.exec(text);
    if (match === null || match[0] === '-') fail('invalid number');
    else i = pattern.lastIndex;
    if (i < text.length && /[0-9.eE+-]/.test(text.charAt(i))) fail('invalid number');
  };
  const value = (): void => {
    skipSpace();
    const c = text.charAt(i);
    if (c === '{') object();
    else if (c === '[') array();
    else if (c === '"') string();
    else if (c === '-' || (c >= '0' && c <= '9')) number();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else fail(`unexpected ${describe(i)}, expected a value`);
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
      if (text.charAt(i) !== '"') fail(`unexpected ${describe(i)}, expected a property name in double quotes`);
      const keyStart = i;
      string();
      const key = JSON.parse(text.slice(keyStart, i)) as string;
      if (keys.has(key)) {
        throw new Stop({offset: keyStart, message: `duplicate key ${JSON.stringify(key)} (JSON readers disagree on which one counts)`});
      }
      keys.add(key);
      skipSpace();
      if (text.charAt(i) !== ':') fail(`unexpected ${describe(i)}, expected ':' after a property name`);
      i++;
      value();
      skipSpace();
      const c = text.charAt(i);
      if (c === '}') {
        i++;
        return;
      }
      if (c !== ',') fail(`unexpected ${describe(i)}, expected ',' or '}' after a property value`);
      i++;
      skipSpace();
      if (text.charAt(i) === '}') fail("unexpected '}' after ',' (trailing commas are not allowed)");
    }
  };
  const array = (): void => {
    i++;
    skipSpace();
    if (text.charAt(i) === ']') {
      i++;
      return;
    }
    for (;;) {
      value();
      skipSpace();
      const c = text.charAt(i);
      if (c === ']') {
        i++;
        return;
      }
      if (c !== ',') fail(`unexpected ${describe(i)}, expected ',' or ']' after an array element`);
      i++;
      skipSpace();
      if (text.charAt(i) === ']') fail("unexpected ']' after ',' (trailing commas are not allowed)");
    }
  };
  try {
    skipSpace();
    if (i >= text.length) fail('no JSON value');
    value();
    skipSpace();
    if (i < text.length) fail(`unexpected ${describe(i)} after the JSON value`);
    return null;
  } catch (error) {
    if (error instanceof Stop) return error.found;
    // Nesting deep enough to exhaust the stack is not something to report as a position.
    return {offset: i, message: 'nesting too deep'};
  }
}
