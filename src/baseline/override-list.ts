import {isAlias, isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document} from 'yaml';
import {z} from 'zod';

import {formatJsonPath, InputError} from '../errors.js';
import type {InstallOverrideList} from './model.js';
import {MAX_YAML_DEPTH} from '../json/limits.js';
import {codePoint} from '../xml/check.js';

/**
 * InstallOverrideList files (spec §6.3):
 *
 *   patches:
 *     - id: 'kernel.x86_64'              # required
 *     - id: 'bind*.x86_64'
 *       title: '32:9.8.2-0.62.rc1.57.amzn1'
 *
 * Errors name the file, line:column and path: `override.yaml:4:7: patches[1].id: is required`.
 */

const text = (what: string) =>
  z
    .string({error: (issue) => (issue.input === undefined || issue.input === null ? 'is required' : `must be ${what}`)})
    .min(1, {error: 'must not be empty'});

const OverrideEntrySchema = z.strictObject(
  {
    id: text('a string (a package spec, KB id, …)'),
    // `title:` with nothing after it reads as "no title".
    title: text('a string').nullable().optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.map((k) => JSON.stringify(k)).join(', ')} (entries have id and title)`
        : 'must be a mapping with an id',
  },
);

const OverrideListSchema = z.strictObject(
  {
    // `patches:` with no entries is an empty list: it matches nothing (spec §6.3).
    patches: z.array(OverrideEntrySchema, {error: (issue) => (issue.input === undefined ? 'is required' : 'must be a list of entries')}).nullable(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.map((k) => JSON.stringify(k)).join(', ')} (the file has one field, patches)`
        : 'must be a YAML mapping with a patches list',
  },
);

export function parseInstallOverrideList(yamlText: string, source: string): InstallOverrideList {
  const lineCounter = new LineCounter();
  // YAML's printable set (c-printable) has no C0 control but tab, LF and CR, no DEL and no C1
  // but NEL; the yaml library lets some through in plain scalars.
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f]/.exec(yamlText);
  if (control !== null) {
    const before = yamlText.lastIndexOf('\n', control.index);
    const line = yamlText.slice(0, control.index).split('\n').length;
    throw new InputError(`${source}:${line}:${control.index - before}`, `invalid YAML: control character ${codePoint(control[0])} (not allowed in YAML)`);
  }
  const doc = parseDocument(yamlText, {lineCounter, prettyErrors: false, uniqueKeys: true});
  const syntaxError = doc.errors[0];
  if (syntaxError) {
    const {line, col} = lineCounter.linePos(syntaxError.pos[0]);
    // The yaml parser recurses into flow collections: thousands of `[` exhaust its stack.
    const message = /call stack/i.test(syntaxError.message) ? `nesting deeper than ${MAX_YAML_DEPTH} levels` : (syntaxError.message.split('\n')[0] ?? '');
    throw new InputError(`${source}:${line}:${col}`, `invalid YAML: ${message}`);
  }
  refuseAliasesAndDepth(doc, (offset, message) => {
    const {line, col} = lineCounter.linePos(offset);
    return new InputError(`${source}:${line}:${col}`, message);
  });
  keepScalarsAsWritten(doc);
  const parsed = OverrideListSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const located = parsed.error.issues.map((issue) => {
      const path = issue.path.filter((step): step is string | number => typeof step !== 'symbol');
      // Name (and point at) the unknown field itself, not the mapping that holds it.
      const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
      if (unknownKey !== undefined) path.push(unknownKey);
      return {path, message: issue.message, unknown: unknownKey !== undefined, offset: offsetOf(doc, path, unknownKey !== undefined)};
    });
    // The first in the file; at the same place an unknown field wins over a missing one,
    // since `patch:` next to a missing `patches` is a typo, not two problems.
    located.sort((a, b) => a.offset - b.offset || Number(b.unknown) - Number(a.unknown));
    const first = located[0];
    const {line, col} = lineCounter.linePos(first?.offset ?? 0);
    const jsonPath = formatJsonPath(first?.path ?? []);
    throw new InputError(`${source}:${line}:${col}${jsonPath ? `: ${jsonPath}` : ''}`, first?.message ?? 'invalid override list');
  }
  return {
    source,
    patches: (parsed.data.patches ?? []).map((entry) =>
      entry.title === null || entry.title === undefined ? {id: entry.id} : {id: entry.id, title: entry.title},
    ),
  };
}

/**
 * An override list is a short list of ids: it needs neither aliases (`*a`, which can expand a
 * few lines into billions of nodes) nor more than MAX_YAML_DEPTH levels of nesting.
 */
function refuseAliasesAndDepth(doc: Document, error: (offset: number, message: string) => InputError): void {
  visit(doc, (_key, node, path) => {
    if (isAlias(node)) throw error(rangeStart(node) ?? 0, `invalid YAML: aliases (*${node.source}) are not accepted in an override list`);
    if (isCollection(node) && path.filter(isCollection).length >= MAX_YAML_DEPTH) {
      throw error(rangeStart(node) ?? 0, `invalid YAML: nesting deeper than ${MAX_YAML_DEPTH} levels`);
    }
    return undefined;
  });
}

/**
 * YAML would read `id: 1.10` as the number 1.1 and `id: 1234567` as a number; ids and
 * titles are patterns, so the text as written is what counts.
 */
function keepScalarsAsWritten(doc: Document): void {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'number' || typeof node.value === 'boolean') node.value = node.source ?? String(node.value);
    },
  });
}

/**
 * The source offset of the deepest node on `path` that exists (a missing key points at its
 * parent); with `atKey`, the last step points at the key rather than its value.
 */
function offsetOf(doc: Document, path: readonly (string | number)[], atKey: boolean): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [index, step] of path.entries()) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(step));
      next = atKey && index === path.length - 1 ? pair?.key : (pair?.value ?? pair?.key);
    } else if (isSeq(node) && typeof step === 'number') {
      next = node.items[step];
    }
    const start = rangeStart(next);
    if (start === undefined) break;
    node = next;
    offset = start;
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as {range?: unknown} | null | undefined)?.range;
  return Array.isArray(range) && typeof range[0] === 'number' ? range[0] : undefined;
}
