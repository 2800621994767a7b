/**
 * What the end-to-end files (apt, dnf, zypper) share: reading the built CLI's errors, writing a
 * baseline beside a lab root, looking at a plan and an apply result, and the host's rpm
 * databases fingerprinted before and after (a lab must never touch them). Apply results are
 * parsed with the product's own published schema (src/apply/result-schema.ts).
 */
import {createHash} from 'node:crypto';
import {existsSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {expect} from 'vitest';
import type {z} from 'zod';

import {ApplyResultSchema} from '../../../src/apply/result-schema.js';
import type {Plan} from '../../../src/plan/schema.js';
import type {CliResult} from '../../helpers/cli.js';

export {ApplyResultSchema};
export type ApplyResult = z.infer<typeof ApplyResultSchema>;

/** The error lines of a run (progress lines may come before them). */
export function errorLines(result: CliResult): string[] {
  return result.stderr.split('\n').filter((l) => l.startsWith('error:') || l.startsWith('internal error:'));
}

/** Exactly one error line, the last thing on stderr. */
export function theErrorLine(result: CliResult): string {
  const errors = errorLines(result);
  expect(errors).toHaveLength(1);
  expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(errors[0]);
  return errors[0] ?? '';
}

/** A baseline document `NAME.json` in `dir`, for `--baseline`. */
export function writeBaseline(dir: string, name: string, operatingSystem: string, document: Record<string, unknown>): string {
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({Name: name, OperatingSystem: operatingSystem, ...document}, null, 2));
  return file;
}

/** name → `install VERSION (reason)` or `skip (reason)`. */
export function decisionsOf(plan: Plan): Record<string, string> {
  return Object.fromEntries(plan.decisions.map((d) => [d.name, d.action === 'install' ? `install ${d.targetVersion} (${d.reason.code})` : `skip (${d.reason.code})`]));
}

/** What the plan installs: name → target version. */
export function targetsOf(plan: Plan): Record<string, string> {
  return Object.fromEntries(plan.decisions.filter((d) => d.action === 'install').map((d) => [d.name, d.targetVersion ?? '']));
}

export function statusesOf(result: ApplyResult | null): Record<string, string> {
  return Object.fromEntries((result?.results ?? []).map((r) => [r.name, r.status]));
}

/**
 * The rpm databases rpm could use on the host (/var/lib/rpm, ~/.rpmdb), file by file; the sqlite
 * shared-memory index is left out (any reader changes it, the data does not). Taken when a test
 * file loads and compared at its end.
 */
export function hostRpmFingerprint(): Record<string, string> {
  const dirs = [...new Set(['/var/lib/rpm', path.join(os.homedir(), '.rpmdb'), path.join(process.env.HOME ?? os.homedir(), '.rpmdb')])];
  return Object.fromEntries(dirs.map((dir) => [dir, fingerprint(dir)]));
}

function fingerprint(dir: string): string {
  if (!existsSync(dir)) return 'absent';
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (name.endsWith('-shm') || !statSync(file).isFile()) continue;
    hash.update(name).update(readFileSync(file));
  }
  return hash.digest('hex');
}
