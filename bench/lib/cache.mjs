/**
 * Generated labs (roots, repositories, inventories) cached by a hash of their recipe: the builder's
 * name and parameters, the bytes of every script it runs, and the keys of the labs it builds on.
 * A lab lives in CACHE/<name>-<hash16>/ and counts as built only once CACHE/<name>-<hash16>/.complete
 * exists (written last, after the builder's own checks passed); a directory without it is the
 * remains of a failed or interrupted build and is removed before building again.
 *
 * Labs are built in place (their roots hold absolute paths to their repositories, so they cannot
 * be built elsewhere and moved). CACHE is $PATCHPLAN_BENCH_CACHE or /var/tmp/patchplan-bench.
 */
import {createHash} from 'node:crypto';
import {existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';

export const CACHE = process.env.PATCHPLAN_BENCH_CACHE || '/var/tmp/patchplan-bench';

/** The recipe hash: name, params, each file's path relative to `base` and bytes, dependency keys. */
export function recipeKey({name, params = {}, files = [], deps = [], base = '/'}) {
  const h = createHash('sha256');
  h.update(JSON.stringify({name, params, deps: deps.map((d) => d.key)}));
  for (const file of files) {
    h.update(`\0${path.relative(base, file)}\0`);
    h.update(readFileSync(file));
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * Returns {dir, key, cached, buildMs, info}. `build(dir)` must throw on any failure and may return
 * an object (saved in .complete and handed back as `info` on later runs).
 */
export async function cached(recipe, build, log = (m) => process.stderr.write(`${m}\n`)) {
  const key = recipeKey(recipe);
  const dir = path.join(CACHE, `${recipe.name}-${key}`);
  const marker = path.join(dir, '.complete');
  if (existsSync(marker)) {
    const saved = JSON.parse(readFileSync(marker, 'utf8'));
    return {dir, key, cached: true, buildMs: saved.buildMs, info: saved.info ?? {}};
  }
  rmSync(dir, {recursive: true, force: true});
  mkdirSync(dir, {recursive: true});
  log(`building ${recipe.name} (${key}) in ${dir} …`);
  const started = performance.now();
  let info;
  try {
    info = (await build(dir)) ?? {};
  } catch (error) {
    // Leave no directory that a later run could take for a finished one (there is no marker, but
    // the space is better given back at once).
    rmSync(dir, {recursive: true, force: true});
    throw new Error(`building ${recipe.name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const buildMs = performance.now() - started;
  writeFileSync(marker, `${JSON.stringify({name: recipe.name, params: recipe.params ?? {}, buildMs, builtAt: new Date().toISOString(), info}, null, 2)}\n`);
  log(`built ${recipe.name} in ${(buildMs / 1000).toFixed(1)} s`);
  return {dir, key, cached: false, buildMs, info};
}

/** Cache directories whose name starts with `name-` but whose hash is not `keep` (stale recipes). */
export function staleEntries(name, keep) {
  if (!existsSync(CACHE)) return [];
  return readdirSync(CACHE).filter((d) => d.startsWith(`${name}-`) && d !== `${name}-${keep}`).map((d) => path.join(CACHE, d));
}
