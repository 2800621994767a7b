import {z} from 'zod';

import {PackageResultSchema, type ApplyResultSchema} from '../apply/result-schema.js';
import type {ManagerId} from '../core/ids.js';
import {inputErrorFromZod, InputError} from '../errors.js';
import {ManagerIdSchema} from '../inventory/schema.js';
import {parseJsonText} from '../json/parse.js';
import {PlanDigestSchema} from './schema.js';

/**
 * The pin file (`fleet pin --out`, read by `plan --pin`): the exact versions a ring validated,
 * taken from its `apply --json` results, so the next ring's plans never go past them
 * (docs/fleet.md "Rings that do not drift").
 */

export const PIN_FILE_FORMAT_VERSION = 1;
export const PIN_FILE_MODE = 0o644;

const nonEmpty = z.string().min(1, 'must not be empty');

export const PinSchema = z
  .object({
    manager: ManagerIdSchema.describe('The package manager whose version order compares this pin (`fleet pin --manager`).'),
    name: nonEmpty.describe('Package name, as in the apply results.'),
    arch: z.string().describe('Package architecture, as in the apply results.'),
    version: nonEmpty.describe('The version the ring installed or already had: the newest a plan with this pin may target.'),
    nodes: z.number().int().nonnegative().describe('How many result files validated this version.'),
  })
  .strict()
  .describe('One validated package version.');
export type Pin = z.infer<typeof PinSchema>;

export const PinFileSchema = z
  .object({
    formatVersion: z.literal(PIN_FILE_FORMAT_VERSION).describe('Always 1.'),
    createdAt: z.iso.datetime({offset: true, message: 'must be an ISO 8601 date-time'}).describe('When `fleet pin` wrote the file.'),
    sources: z
      .array(z.object({file: nonEmpty.describe('The result file as given.'), plan: PlanDigestSchema.describe('The digest of the plan it applied.')}).strict())
      .describe('The apply results the pins were taken from.'),
    pins: z.array(PinSchema).describe('One per (manager, name, arch), sorted by name then arch.'),
  })
  .strict()
  .describe('Validated versions from one ring, for `plan --pin`.');
export type PinFile = z.infer<typeof PinFileSchema>;

/**
 * What `fleet pin` needs of one apply result: its plan digest, per-package results and, from
 * results written since the field exists, the manager that applied it.
 */
const ResultForPinsSchema = z.object({plan: PlanDigestSchema, manager: ManagerIdSchema.optional(), results: z.array(PackageResultSchema)}).passthrough();
export type ResultForPins = Pick<z.infer<typeof ApplyResultSchema>, 'plan' | 'results'> & {readonly manager?: ManagerId | undefined};

/** Parses one `apply --json` result file; a file that is not one is an InputError naming the file and JSON path. */
export function parseApplyResultText(text: string, source: string): ResultForPins {
  const parsed = ResultForPinsSchema.safeParse(parseJsonText(text, source));
  if (!parsed.success) throw inputErrorFromZod(source, parsed.error);
  return parsed.data;
}

/**
 * The manager the pins are for: `--manager` when given, else the one every result names. A
 * result naming another manager than `--manager`, results of two managers, or (without
 * `--manager`) a result that names none is an InputError: versions compare in one manager's
 * order, so a pin file is for one manager.
 */
export function pinManager(results: readonly {readonly file: string; readonly result: ResultForPins}[], given: ManagerId | undefined): ManagerId {
  if (given !== undefined) {
    const other = results.find(({result}) => result.manager !== undefined && result.manager !== given);
    if (other !== undefined) {
      throw new InputError(other.file, `was applied with ${other.result.manager}, not ${given} (--manager); pin one manager's results at a time, so nothing was written`);
    }
    return given;
  }
  const unnamed = results.find(({result}) => result.manager === undefined);
  if (unnamed !== undefined) {
    throw new InputError(unnamed.file, 'does not say which package manager applied it (an apply result from before patchplan recorded it): give --manager');
  }
  const [first, ...rest] = results;
  if (first?.result.manager === undefined) throw new InputError('', 'no apply results to pin');
  const other = rest.find(({result}) => result.manager !== first.result.manager);
  if (other !== undefined) {
    throw new InputError(
      '',
      `the results are from two package managers: ${first.result.manager} (${first.file}) and ${other.result.manager} (${other.file}); pin one manager at a time, so nothing was written`,
    );
  }
  return first.result.manager;
}

/**
 * The pins of a ring: every package a result file reports `installed` or `already-installed`,
 * at its `to` version. The same package (name, arch) at two versions across the files is an
 * InputError naming it and both files: a ring that validated two versions pins neither.
 */
export function collectPins(input: {
  readonly results: readonly {readonly file: string; readonly result: ResultForPins}[];
  readonly manager: ManagerId;
  readonly createdAt: Date;
}): PinFile {
  const found = new Map<string, {name: string; arch: string; version: string; file: string; files: Set<string>}>();
  for (const {file, result} of input.results) {
    for (const r of result.results) {
      if ((r.status !== 'installed' && r.status !== 'already-installed') || r.to === null) continue;
      const key = `${r.name}\u0000${r.arch}`;
      const seen = found.get(key);
      if (seen === undefined) {
        found.set(key, {name: r.name, arch: r.arch, version: r.to, file, files: new Set([file])});
      } else if (seen.version !== r.to) {
        const pkg = r.arch === '' ? r.name : `${r.name} (${r.arch})`;
        throw new InputError('', `${pkg} was validated at two versions: ${seen.version} in ${seen.file}, ${r.to} in ${file}; a ring pins one version, so nothing was written`);
      } else {
        seen.files.add(file);
      }
    }
  }
  const pins = [...found.values()]
    .sort((a, b) => compareText(a.name, b.name) || compareText(a.arch, b.arch))
    .map((p) => ({manager: input.manager, name: p.name, arch: p.arch, version: p.version, nodes: p.files.size}));
  return {
    formatVersion: PIN_FILE_FORMAT_VERSION,
    createdAt: input.createdAt.toISOString(),
    sources: input.results.map(({file, result}) => ({file, plan: result.plan})),
    pins,
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function serializePinFile(pins: PinFile): string {
  return `${JSON.stringify(pins, null, 2)}\n`;
}

/** Parses a pin file (`plan --pin`); a bad one is an InputError naming the file and JSON path. */
export function parsePinFileText(text: string, source: string): PinFile {
  const parsed = PinFileSchema.safeParse(parseJsonText(text, source));
  if (!parsed.success) throw inputErrorFromZod(source, parsed.error);
  const seen = new Set<string>();
  for (const [i, pin] of parsed.data.pins.entries()) {
    const key = `${pin.manager}\u0000${pin.name}\u0000${pin.arch}`;
    if (seen.has(key)) throw new InputError(`${source}: pins[${i}]`, `a second pin for ${pin.name} (${pin.arch}) on ${pin.manager}; a package has one pin`);
    seen.add(key);
  }
  return parsed.data;
}
