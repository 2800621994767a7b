import {XMLParser} from 'fast-xml-parser';

import {ExternalCommandError} from '../../errors.js';
import {checkXml, parseCheckedXml} from '../../xml/check.js';

/**
 * zypper's `--xmlout` stream (zypper 1.14.42, fixtures/zypper/lab/*.xml):
 *
 *     <?xml version='1.0'?>
 *     <stream>
 *     <message type="info">Loading repository data...</message>
 *     <update-status version="0.6"><update-list><update kind="package" …/></update-list></update-status>
 *     </stream>
 *
 * Failures arrive as `<message type="error">…</message>` (fixtures/zypper/lab/list-updates-locked.xml).
 * Every element is turned into {attributes, children}; the parsers below walk that tree and
 * name the path of anything they did not expect, so a format change is one clear line.
 */

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Concatenated text content. */
  readonly text: string;
}

type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  ignoreDeclaration: true,
  commentPropName: '#comment',
});

function toElement(node: OrderedNode): XmlElement | null {
  const name = Object.keys(node).find((k) => k !== ':@');
  if (name === undefined || name === '#text' || name === '#comment') return null;
  const attrsRaw = (node[':@'] ?? {}) as Record<string, unknown>;
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrsRaw)) attrs[k] = String(v);
  const rawChildren = (node[name] ?? []) as OrderedNode[];
  const children: XmlElement[] = [];
  let text = '';
  for (const child of rawChildren) {
    if ('#text' in child) text += String(child['#text']);
    const element = toElement(child);
    if (element) children.push(element);
  }
  return {name, attrs, children, text};
}

/** Parses one XML document; malformed XML names the command, line and column. */
export function parseXmlDocument(xml: string, command: string): XmlElement {
  const problem = checkXml(xml);
  if (problem !== null) {
    const at = problem.column === undefined ? `line ${problem.line}` : `line ${problem.line}, column ${problem.column}`;
    throw new ExternalCommandError(command, `printed malformed XML at ${at}: ${problem.message}`);
  }
  const nodes = parseCheckedXml(() => parser.parse(xml) as OrderedNode[], (message) => new ExternalCommandError(command, `printed malformed XML: ${message}`));
  const roots = nodes.map(toElement).filter((e): e is XmlElement => e !== null);
  const root = roots[0];
  if (root === undefined) throw new ExternalCommandError(command, 'printed no XML element');
  return root;
}

export interface ZypperStream {
  /** `<message type="error|warning|info">` texts, in order. */
  readonly messages: readonly {readonly type: string; readonly text: string}[];
  /** The payload elements (everything that is not a message or progress report). */
  readonly body: readonly XmlElement[];
}

/** Elements zypper interleaves with the payload: reports, not data. */
const REPORT_ELEMENTS = new Set(['message', 'progress', 'download', 'prompt']);

export function parseZypperStream(xml: string, command: string): ZypperStream {
  const root = parseXmlDocument(xml, command);
  if (root.name !== 'stream') throw new ExternalCommandError(command, `printed <${root.name}> where <stream> was expected`);
  const messages: {type: string; text: string}[] = [];
  const body: XmlElement[] = [];
  for (const child of root.children) {
    if (child.name === 'message') messages.push({type: child.attrs.type ?? '', text: child.text.trim()});
    else if (!REPORT_ELEMENTS.has(child.name)) body.push(child);
  }
  return {messages, body};
}

/** The first error message, as one line (zypper wraps them over two). */
export function firstError(stream: ZypperStream): string | null {
  const error = stream.messages.find((m) => m.type === 'error');
  return error ? error.text.replace(/\s*\n\s*/g, ' ') : null;
}

/** The one payload element named `name`; anything else at that level is a format change. */
export function expectOnly(parent: readonly XmlElement[], name: string, command: string, where: string): XmlElement | null {
  let found: XmlElement | null = null;
  for (const element of parent) {
    if (element.name !== name) {
      throw new ExternalCommandError(command, `printed an unexpected <${element.name}> in ${where} (expected <${name}>)`);
    }
    found = element;
  }
  return found;
}

/** A required attribute; its absence names the element's path. */
export function attr(element: XmlElement, name: string, command: string, where: string): string {
  const value = element.attrs[name];
  if (value === undefined) throw new ExternalCommandError(command, `<${element.name}> in ${where} has no ${name}= attribute`);
  return value;
}
