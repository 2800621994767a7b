import type {z} from 'zod';

import {formatJsonPath, InputError} from '../errors.js';
import {parseJsonText} from '../json/parse.js';
import {readInputText, type InputReader} from '../system/input-files.js';
import {InventorySchema, WindowsUpdateInfoSchema, type Inventory} from './schema.js';

/**
 * Reads an inventory file (`plan --inventory FILE`) in two passes, as for baselines: the schema
 * checks shape, then a few rules check meaning that the schema cannot (duplicates, references).
 * Every failure is one InputError whose line names the file and the JSON path:
 * `inventory.json: packages[3].versions[0].version: must not be empty`.
 */

export async function loadInventory(file: string, deps: InputReader): Promise<Inventory> {
  return parseInventoryText(await readInputText(deps, file, 'inventory'), file);
}

export function parseInventoryText(text: string, source: string): Inventory {
  const raw = parseJsonText(text, source);
  const parsed = InventorySchema.safeParse(raw, {error: missingFieldMessage});
  if (!parsed.success) throw inventoryErrorFromZod(source, parsed.error);
  checkInventoryRules(parsed.data, source);
  return parsed.data;
}

/** zod says "expected object, received undefined"; people say a field is missing. */
function missingFieldMessage(issue: z.core.$ZodRawIssue): string | undefined {
  return issue.code === 'invalid_type' && issue.input === undefined ? 'required field is missing' : undefined;
}

function inventoryErrorFromZod(source: string, error: z.ZodError): InputError {
  const issue = error.issues[0];
  if (!issue) return new InputError(source, 'invalid inventory');
  const path = issue.path.filter((step): step is string | number => typeof step !== 'symbol');
  // zod reports an unknown field on the object that holds it; point at the field itself.
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) {
    return new InputError(`${source}: ${formatJsonPath([...path, issue.keys[0]])}`, unknownFieldMessage(path, issue.keys[0]));
  }
  const where = formatJsonPath(path);
  return new InputError(where ? `${source}: ${where}` : source, issue.message);
}

const WINDOWS_FIELDS: ReadonlySet<string> = new Set(Object.keys(WindowsUpdateInfoSchema.shape));

/**
 * Windows update metadata is per update revision, so a hand-written file that puts `kbId` on the
 * package (or on the version itself) is told where it goes.
 */
function unknownFieldMessage(path: readonly (string | number)[], key: string): string {
  const inPackage = path.length === 2 && path[0] === 'packages';
  const inVersion = path.length === 4 && path[0] === 'packages' && path[2] === 'versions';
  if (WINDOWS_FIELDS.has(key) && (inPackage || inVersion)) {
    return `unknown field: ${key} is Windows update metadata, which belongs in versions[].windows: write "versions": [{"version": "1", "windows": {"${key}": …}}]`;
  }
  return 'unknown field';
}

/** Meaning the schema cannot check. The first problem, in document order, is the error. */
function checkInventoryRules(inventory: Inventory, source: string): void {
  const fail = (path: (string | number)[], message: string): never => {
    throw new InputError(`${source}: ${formatJsonPath(path)}`, message);
  };
  const advisoryIds = new Set<string>();
  inventory.advisories.forEach((advisory, index) => {
    if (advisoryIds.has(advisory.id)) fail(['advisories', index, 'id'], `duplicate advisory id "${advisory.id}"`);
    advisoryIds.add(advisory.id);
  });
  const packages = new Map<string, number>();
  inventory.packages.forEach((pkg, index) => {
    const key = `${pkg.name}\u0000${pkg.arch}`;
    const first = packages.get(key);
    // The engine and apply address packages by (name, arch): two entries would be two truths.
    if (first !== undefined) fail(['packages', index], `duplicate package ${pkg.name} (${pkg.arch || 'no arch'}), first at packages[${first}]`);
    packages.set(key, index);
    const versions = new Set<string>();
    pkg.versions.forEach((version, v) => {
      if (versions.has(version.version)) fail(['packages', index, 'versions', v, 'version'], `duplicate version "${version.version}"`);
      versions.add(version.version);
      version.advisories.forEach((id, a) => {
        if (!advisoryIds.has(id)) fail(['packages', index, 'versions', v, 'advisories', a], `unknown advisory "${id}" (not in advisories[])`);
      });
    });
  });
}
