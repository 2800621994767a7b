/**
 * The apply journal: one JSON line per event, per plan, under the root
 * (`var/lib/patchplan/<digest>.jsonl`, 0600; system/journal-store.ts writes it). It is what lets
 * a rerun tell a package an earlier run of this plan installed (or was installing when it was
 * killed) from one someone else changed since planning. Lines are appended and synced before the
 * step they announce, so a kill at any point leaves every package the installer may have
 * touched on record. Pure: building and reading the lines.
 */

import {scanJson} from '../json/parse.js';

export interface JournalPackage {
  readonly name: string;
  readonly arch: string;
  readonly from: string | null;
  readonly to: string;
}

export type JournalEntry =
  | {readonly event: 'run-started'; readonly run: string; readonly at: string; readonly pid: number}
  /** Written before the installer starts: every package it is given. */
  | {readonly event: 'installing'; readonly run: string; readonly at: string; readonly packages: readonly JournalPackage[]}
  /** Repair commands run before the install (a rerun after an interruption). */
  | {readonly event: 'repaired'; readonly run: string; readonly at: string; readonly commands: readonly string[]}
  | {
      readonly event: 'run-finished';
      readonly run: string;
      readonly at: string;
      /** `interrupted` also after a second Ctrl+C, when the results were not read back. */
      readonly outcome: 'completed' | 'failed' | 'interrupted';
      readonly results: readonly {readonly name: string; readonly arch: string; readonly status: string}[];
    };

export function journalLine(entry: JournalEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

/**
 * The entries of a journal's text. A line that is not a journal entry (a kill in the middle of
 * a write leaves a torn last line) is skipped: the journal only ever adds evidence, so a lost
 * line can make a rerun stricter (a package not on record is treated as changed by someone
 * else), never looser.
 */
export function parseJournal(text: string): JournalEntry[] {
  const entries: JournalEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    // The same bounds as every other JSON input (json/parse.ts): a damaged line is skipped.
    if (scanJson(line) !== null) continue;
    const value: unknown = JSON.parse(line);
    if (isEntry(value)) entries.push(value);
  }
  return entries;
}

function isEntry(value: unknown): value is JournalEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.run !== 'string' || typeof v.at !== 'string') return false;
  if (v.event === 'installing') return Array.isArray(v.packages) && v.packages.every(isPackage);
  return v.event === 'run-started' || v.event === 'repaired' || v.event === 'run-finished';
}

function isPackage(value: unknown): value is JournalPackage {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return typeof p.name === 'string' && typeof p.arch === 'string' && typeof p.to === 'string' && (p.from === null || typeof p.from === 'string');
}

/** An earlier run that gave this package, at this version, to the installer. */
export interface EarlierAttempt {
  readonly run: string;
  readonly at: string;
}

/** Which earlier run of this plan sent `name`/`arch` at version `to` to the installer (the last one), or null. */
export function earlierAttempt(entries: readonly JournalEntry[], pkg: {name: string; arch: string; to: string}): EarlierAttempt | null {
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    if (entry?.event !== 'installing') continue;
    if (entry.packages.some((p) => p.name === pkg.name && p.arch === pkg.arch && p.to === pkg.to)) return {run: entry.run, at: entry.at};
  }
  return null;
}
