import {XMLValidator} from 'fast-xml-parser';

import {MAX_XML_DEPTH} from '../json/limits.js';

/**
 * What must hold before fast-xml-parser builds anything from XML that a repository or a
 * command handed us (updateinfo.xml, zypper's --xmlout): well formed (XMLValidator, with line
 * and column), no DOCTYPE (neither format has one, and its entity declarations are how "billion
 * laughs" expands a few lines into gigabytes; an external entity would read local files), and
 * no nesting past MAX_XML_DEPTH (the parser throws a bare "Maximum nested tags exceeded"
 * otherwise). The first problem, or null.
 */
export interface XmlProblem {
  readonly line: number;
  /** Absent when the validator gives none (an empty document). */
  readonly column?: number;
  readonly message: string;
}

export function checkXml(xml: string): XmlProblem | null {
  // XML 1.0 (Char) allows no C0 control but tab, LF and CR, as libxml2 (dnf, zypper) enforces;
  // fast-xml-parser would pass them through.
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.exec(xml);
  if (control !== null) return {...position(xml, control.index), message: `control character ${codePoint(control[0])} (not allowed in XML)`};
  const doctype = /<!DOCTYPE/i.exec(xml);
  if (doctype !== null) return {...position(xml, doctype.index), message: 'a DOCTYPE is not accepted (entity declarations could expand without bound)'};
  let valid: ReturnType<typeof XMLValidator.validate>;
  try {
    valid = XMLValidator.validate(xml);
  } catch (error) {
    return {line: 1, message: error instanceof Error ? error.message : String(error)};
  }
  if (valid !== true) {
    const {line, col, msg} = valid.err;
    return typeof col === 'number' ? {line, column: col, message: msg} : {line, message: msg};
  }
  const deep = firstTooDeep(xml);
  return deep === null ? null : {...position(xml, deep), message: `elements nested deeper than ${MAX_XML_DEPTH} levels`};
}

/**
 * The offset of the first start tag one level deeper than the limit, in a document the validator
 * accepted: there `<` only begins markup, so tags, comments, CDATA and processing instructions
 * are all it has to tell apart (and quoted attribute values, which may hold `>`).
 */
function firstTooDeep(xml: string): number | null {
  let depth = 0;
  let i = xml.indexOf('<');
  while (i !== -1 && i < xml.length) {
    if (xml.startsWith('<!--', i)) i = after(xml, '-->', i);
    else if (xml.startsWith('<![CDATA[', i)) i = after(xml, ']]>', i);
    else if (xml.startsWith('<?', i)) i = after(xml, '?>', i);
    else if (xml.startsWith('<!', i)) i = after(xml, '>', i);
    else if (xml.startsWith('</', i)) {
      depth--;
      i = after(xml, '>', i);
    } else {
      const start = i;
      let quote = '';
      let j = i + 1;
      for (; j < xml.length; j++) {
        const c = xml.charAt(j);
        if (quote !== '') {
          if (c === quote) quote = '';
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '>') break;
      }
      if (xml.charAt(j - 1) !== '/') {
        depth++;
        if (depth > MAX_XML_DEPTH) return start;
      }
      i = j + 1;
    }
    i = xml.indexOf('<', i);
  }
  return null;
}

/**
 * Runs fast-xml-parser on a document checkXml accepted; whatever it still refuses (a tag named
 * `__proto__`, a limit of its own) becomes the caller's one-line error instead of a bare Error.
 */
export function parseCheckedXml<T>(parse: () => T, refuse: (message: string) => Error): T {
  try {
    return parse();
  } catch (error) {
    throw refuse((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '');
  }
}

/** `U+001B`: how a character the output must not carry is named instead. */
export function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function after(xml: string, end: string, from: number): number {
  const at = xml.indexOf(end, from);
  return at === -1 ? xml.length : at + end.length;
}

function position(text: string, offset: number): {line: number; column: number} {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return {line, column: offset - lineStart + 1};
}
