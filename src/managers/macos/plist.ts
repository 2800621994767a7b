import {XMLParser} from 'fast-xml-parser';

import {InputError} from '../../errors.js';
import {checkXml, parseCheckedXml} from '../../xml/check.js';

/**
 * XML property lists (SystemVersion.plist, InstallHistory.plist): Apple's DTD
 * (`<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" …>`) is taken off before the bounded
 * XML check (xml/check.ts refuses every DOCTYPE: an internal subset could declare entities);
 * any other DOCTYPE stays and is refused there. A binary plist (`bplist00`) is refused with a
 * line saying so: both files are XML on every macOS release seen (formats/macos/SOURCE.md).
 */

export type PlistValue = string | number | boolean | PlistValue[] | {readonly [key: string]: PlistValue};

const APPLE_DOCTYPE = /<!DOCTYPE\s+plist\s+PUBLIC\s+"[^"[\]]*"\s+"[^"[\]]*"\s*>/;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  ignoreDeclaration: true,
});

type OrderedNode = Record<string, unknown>;

/** Parses an XML plist's root value; every problem is one InputError naming the file. */
export function parsePlist(text: string, file: string): PlistValue {
  if (text.startsWith('bplist')) throw new InputError(file, 'is a binary property list; patchplan reads XML plists only');
  const xml = text.replace(APPLE_DOCTYPE, '');
  const problem = checkXml(xml);
  if (problem !== null) {
    const at = problem.column === undefined ? `line ${problem.line}` : `line ${problem.line}, column ${problem.column}`;
    throw new InputError(file, `malformed plist at ${at}: ${problem.message}`);
  }
  const nodes = parseCheckedXml(() => parser.parse(xml) as OrderedNode[], (message) => new InputError(file, `malformed plist: ${message}`));
  const plist = elements(nodes).find((e) => e.name === 'plist');
  if (plist === undefined) throw new InputError(file, 'has no <plist> element');
  const [root, extra] = elements(plist.children);
  if (root === undefined || extra !== undefined) throw new InputError(file, '<plist> must hold exactly one value');
  return toValue(root, file, 'plist');
}

interface Element {
  readonly name: string;
  readonly children: OrderedNode[];
}

function elements(nodes: readonly OrderedNode[]): Element[] {
  const out: Element[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ':@');
    if (name === undefined || name === '#text' || name === '#comment') continue;
    out.push({name, children: (node[name] ?? []) as OrderedNode[]});
  }
  return out;
}

function textOf(element: Element): string {
  return element.children.map((c) => ('#text' in c ? String(c['#text']) : '')).join('');
}

function toValue(element: Element, file: string, where: string): PlistValue {
  switch (element.name) {
    case 'string':
    case 'date':
    case 'data':
      return textOf(element);
    case 'integer':
    case 'real': {
      const n = Number(textOf(element).trim());
      if (!Number.isFinite(n)) throw new InputError(file, `${where}: <${element.name}> ${JSON.stringify(textOf(element))} is not a number`);
      return n;
    }
    case 'true':
      return true;
    case 'false':
      return false;
    case 'array':
      return elements(element.children).map((e, i) => toValue(e, file, `${where}[${i}]`));
    case 'dict':
      return toDict(elements(element.children), file, where);
    default:
      throw new InputError(file, `${where}: unexpected <${element.name}> in a plist`);
  }
}

function toDict(children: readonly Element[], file: string, where: string): Record<string, PlistValue> {
  const dict: Record<string, PlistValue> = {};
  for (let i = 0; i < children.length; i += 2) {
    const key = children[i];
    const value = children[i + 1];
    if (key?.name !== 'key') throw new InputError(file, `${where}: <dict> has <${key?.name ?? '?'}> where a <key> was expected`);
    const name = textOf(key);
    if (value === undefined) throw new InputError(file, `${where}: <dict> key ${JSON.stringify(name)} has no value`);
    if (Object.hasOwn(dict, name)) throw new InputError(file, `${where}: <dict> has key ${JSON.stringify(name)} twice`);
    dict[name] = toValue(value, file, `${where}.${name}`);
  }
  return dict;
}

export function isDict(value: PlistValue | undefined): value is Record<string, PlistValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string member of a dict, or null when absent; any other type is a format change. */
export function stringIn(dict: Record<string, PlistValue>, key: string, file: string, where: string): string | null {
  const value = dict[key];
  if (value === undefined) return null;
  if (typeof value !== 'string') throw new InputError(file, `${where}.${key} is not a <string>`);
  return value;
}
