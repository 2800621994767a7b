/**
 * What patchplan reads, bounded (docs/reliability.md, "Bad input"). Every limit is far above
 * what a real file needs, so it only ever stops a broken or hostile one, and it is checked
 * before the value is used: before it is built (baselines' JSON, XML) or right after V8's
 * iterative JSON.parse built it (inventories, plans: json/parse.ts), or before the file is read
 * at all (sizes). Memory and stack stay bounded whatever the input.
 */

/** Deepest nesting of arrays and objects in any JSON input (no format of ours needs more than ~10). */
export const MAX_JSON_DEPTH = 64;

/** Longest JSON string (a value or a property name), in UTF-16 code units: 64 Ki. */
export const MAX_JSON_STRING_LENGTH = 65_536;

/** Most elements in one JSON array or members in one object: the 100k-package inventories fit ten times over. */
export const MAX_JSON_CONTAINER_SIZE = 1_000_000;

/** Deepest nesting of elements in an XML document (updateinfo.xml needs 6, zypper's output 5). */
export const MAX_XML_DEPTH = 64;

/** Deepest nesting of mappings and lists in an override list (it needs 3). */
export const MAX_YAML_DEPTH = 64;

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/** The kinds of input file with a size limit. */
export type InputKind = 'inventory' | 'plan' | 'apply result' | 'baseline' | 'override list' | 'pin file' | 'key' | 'node file';

/** How the limit's error names each kind: `the 256 MiB input limit for inventories`. */
export const INPUT_KIND_PLURAL: Readonly<Record<InputKind, string>> = {
  inventory: 'inventories',
  plan: 'plans',
  'apply result': 'apply results',
  baseline: 'baselines',
  'override list': 'override lists',
  'pin file': 'pin files',
  key: 'key files',
  'node file': "the node's package files",
};

/**
 * The default size limits, in bytes. Inventories and plans grow with the node (a 100k-package
 * inventory is ~60 MB); so do the node's own files that collection reads (dpkg's status, apt's
 * package lists, updateinfo.xml); baselines and override lists are written by hand; keys are a
 * few hundred bytes. `--max-input-size` (or PATCHPLAN_MAX_INPUT_SIZE) replaces all of them.
 */
export const DEFAULT_MAX_INPUT_SIZE: Readonly<Record<InputKind, number>> = {
  inventory: 256 * MiB,
  plan: 256 * MiB,
  'apply result': 256 * MiB,
  'node file': 256 * MiB,
  baseline: 16 * MiB,
  'override list': 16 * MiB,
  'pin file': 16 * MiB,
  key: 1 * MiB,
};

/** The limit for a kind: `--max-input-size` when given, else the kind's default. */
export function inputLimit(kind: InputKind, override: number | undefined): number {
  return override ?? DEFAULT_MAX_INPUT_SIZE[kind];
}

/**
 * `300 MiB is larger than the 256 MiB input limit for inventories (--max-input-size to raise it)`;
 * `size` is null when it is not known in advance (a pipe), only that it passed the limit.
 */
export function oversizeMessage(size: number | null, limit: number, kind: InputKind): string {
  const sizes = size === null ? {size: '', limit: formatBinarySize(limit)} : describeOversize(size, limit);
  const what = size === null ? 'larger than' : `${sizes.size} is larger than`;
  return `${what} the ${sizes.limit} input limit for ${INPUT_KIND_PLURAL[kind]} (--max-input-size to raise it)`;
}

const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: KiB,
  kb: 1000,
  kib: KiB,
  m: MiB,
  mb: 1000 ** 2,
  mib: MiB,
  g: GiB,
  gb: 1000 ** 3,
  gib: GiB,
  t: 1024 * GiB,
  tb: 1000 ** 4,
  tib: 1024 * GiB,
};

/**
 * A size as people write it: `1048576`, `256MiB`, `1GiB`, `500MB`, `1.5G` (KiB/MiB/GiB and
 * K/M/G are powers of 1024, KB/MB/GB powers of 1000). Null when it is not one.
 */
export function parseSize(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (m === null) return null;
  const unit = UNITS[(m[2] ?? '').toLowerCase()];
  if (unit === undefined) return null;
  const bytes = Math.floor(Number(m[1]) * unit);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : null;
}

/** `256 MiB`, `16 MiB`, `1.5 GiB`, `812 bytes`: the way the limits are written. */
export function formatBinarySize(bytes: number): string {
  for (const [unit, size] of [
    ['GiB', GiB],
    ['MiB', MiB],
    ['KiB', KiB],
  ] as const) {
    if (bytes >= size) return `${trim(bytes / size)} ${unit}`;
  }
  return `${bytes} bytes`;
}

/**
 * How a file's size compares with a limit, in the limit's units: `300 MiB` against `256 MiB`;
 * in bytes when the rounded sizes would read alike (`268435457 bytes` against `268435456 bytes`).
 */
export function describeOversize(size: number, limit: number): {size: string; limit: string} {
  const a = formatBinarySize(size);
  const b = formatBinarySize(limit);
  return a === b ? {size: `${size} bytes`, limit: `${limit} bytes`} : {size: a, limit: b};
}

function trim(value: number): string {
  return value >= 100 ? String(Math.floor(value)) : String(Math.floor(value * 10) / 10);
}
