import {mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';

/**
 * The reliability figures: each reliability test records what it tried and how many came out
 * right (`recordFigure`), and the tier's global teardown prints them as one summary
 * (`npm run test:reliability`, also the end of `npm test`). The numbers are counts of outcomes,
 * never timings, so a loaded machine changes how long the tier takes, not what it reports.
 */

export interface Figure {
  /** What was tried, as the summary says it: `bad inputs`, `kills inside the installer (apt)`. */
  readonly label: string;
  readonly tried: number;
  /** How many ended as promised (refused cleanly, recovered, truthful). */
  readonly ok: number;
  /** What "ok" means, for the summary: `refused cleanly`, `recovered`, `truthful`. */
  readonly okMeans: string;
  /** Lost data (a plan or journal destroyed, a package left broken): must stay 0. */
  readonly lost?: number;
}

const ENV = 'PATCHPLAN_RELIABILITY_DIR';

export function figuresDir(): string {
  const dir = process.env[ENV];
  if (dir === undefined || dir === '') throw new Error(`${ENV} is not set: run the reliability tests through vitest (its global setup sets it)`);
  return dir;
}

/** Records one figure under `key` (a later record with the same key replaces it). */
export function recordFigure(key: string, figure: Figure): void {
  const dir = figuresDir();
  mkdirSync(dir, {recursive: true});
  writeFileSync(path.join(dir, `${key.replace(/[^\w.-]/g, '_')}.json`), `${JSON.stringify(figure)}\n`);
}

export function readFigures(dir: string): Figure[] {
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return files.map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Figure);
}

/** `bad inputs: 2240 tried, 2240 refused cleanly; kills inside the installer (apt): 20/20 recovered; …; data lost: 0` */
export function summarize(figures: readonly Figure[]): string {
  if (figures.length === 0) return 'reliability: no figures were recorded';
  const parts = figures.map((f) => `${f.label}: ${f.ok}/${f.tried} ${f.okMeans}`);
  const lost = figures.reduce((sum, f) => sum + (f.lost ?? 0), 0);
  return `reliability: ${parts.join('; ')}; data lost: ${lost}`;
}
