import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

/**
 * The layout's dependency rules (docs/architecture.md), checked on every import in src/. A rule
 * broken by a new file fails here with the file and the import, instead of being found in review.
 */

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

interface SourceFile {
  /** Path under src/, e.g. `managers/apt/collect.ts`. */
  readonly file: string;
  /** Top-level module, e.g. `managers` (`errors` for src/errors.ts). */
  readonly layer: string;
  readonly text: string;
  /** Layers this file imports from (relative imports only), with the import text. */
  readonly imports: readonly {layer: string; spec: string}[];
  /** `node:` modules it imports. */
  readonly builtins: readonly string[];
}

function layerOf(relative: string): string {
  const [first] = relative.split('/');
  return (first ?? '').replace(/\.(ts|tsx|js)$/, '');
}

function readSources(dir: string): SourceFile[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return readSources(full);
    if (!/\.tsx?$/.test(entry.name)) return [];
    const text = readFileSync(full, 'utf8');
    const file = path.relative(SRC, full);
    const specs = [...text.matchAll(/^(?:import|export)[^;]*?from '([^']+)';/gms)].map((m) => m[1] ?? '');
    return [
      {
        file,
        layer: layerOf(file),
        text,
        imports: specs.filter((s) => s.startsWith('.')).map((spec) => ({spec, layer: layerOf(path.relative(SRC, path.resolve(path.dirname(full), spec)))})),
        builtins: specs.filter((s) => s.startsWith('node:')),
      },
    ];
  });
}

const SOURCES = readSources(SRC);

/** Layer → the layers it must never import, and why. */
const FORBIDDEN: Record<string, {readonly layers: readonly string[]; readonly why: string}> = {
  core: {layers: ['*'], why: 'shared names sit below every layer'},
  versions: {layers: ['*', '!core'], why: 'version ordering is pure and knows only the manager ids'},
  engine: {layers: ['system', 'managers', 'services', 'cli', 'commands', 'views', 'plan', 'apply', 'approval', 'hooks'], why: 'the engine is pure: data in, decisions out'},
  baseline: {layers: ['engine', 'plan', 'managers', 'services', 'cli', 'commands', 'views', 'apply'], why: 'baselines are input to the engine, not built on it'},
  system: {layers: ['managers', 'engine', 'plan', 'services', 'cli', 'commands', 'views', 'baseline', 'apply', 'inventory'], why: 'the system layer is the bottom of the I/O stack'},
  managers: {layers: ['engine', 'plan', 'baseline', 'services', 'cli', 'commands', 'views', 'apply', 'approval'], why: 'a package manager reads and installs; it decides nothing'},
  views: {layers: ['managers', 'commands'], why: 'views render models; they run nothing'},
  plan: {layers: ['managers', 'services', 'cli', 'commands', 'views'], why: 'the plan model is data'},
};

function breaks(file: SourceFile, rule: {readonly layers: readonly string[]}): string[] {
  const all = rule.layers.includes('*');
  const allowed = new Set(rule.layers.filter((l) => l.startsWith('!')).map((l) => l.slice(1)));
  return file.imports
    .filter((i) => i.layer !== file.layer && (all ? !allowed.has(i.layer) : rule.layers.includes(i.layer)))
    .map((i) => `${file.file} imports ${i.spec}`);
}

describe('dependency rules (docs/architecture.md)', () => {
  it('reads the source tree', () => {
    expect(SOURCES.length).toBeGreaterThan(200);
    const layers = new Set(SOURCES.map((s) => s.layer));
    // A rule for a layer that no longer exists would pass on nothing.
    expect(Object.keys(FORBIDDEN).filter((layer) => !layers.has(layer))).toEqual([]);
    // The scan sees imports at all: the services import the managers' registry.
    expect(SOURCES.find((s) => s.file === 'services/collect-inventory.ts')?.imports.map((i) => i.layer)).toContain('managers');
  });

  for (const [layer, rule] of Object.entries(FORBIDDEN)) {
    it(`${layer}/ imports none of ${rule.layers.join(', ')} (${rule.why})`, () => {
      expect(SOURCES.filter((s) => s.layer === layer).flatMap((s) => breaks(s, rule))).toEqual([]);
    });
  }

  it('the engine, versions and core use no Node module and read no clock', () => {
    const pure = SOURCES.filter((s) => ['engine', 'versions', 'core'].includes(s.layer));
    expect(pure.flatMap((s) => s.builtins.map((b) => `${s.file} imports ${b}`))).toEqual([]);
    expect(pure.filter((s) => /new Date\(\)|Date\.now\(\)/.test(s.text)).map((s) => s.file)).toEqual([]);
  });

  it('package managers reach files, compression, the uid, the architecture and the clock only through the system layer and their context', () => {
    const managers = SOURCES.filter((s) => s.layer === 'managers');
    expect(managers.flatMap((s) => s.builtins.filter((b) => /^node:(fs|fs\/promises|zlib)$/.test(b)).map((b) => `${s.file} imports ${b}`))).toEqual([]);
    expect(managers.filter((s) => /new Date\(\)|Date\.now\(\)|process\.(arch|getuid)/.test(s.text)).map((s) => s.file)).toEqual([]);
  });

  it('commands and services take the terminal, the architecture and the process id from the runtime', () => {
    const layers = SOURCES.filter((s) => ['commands', 'services'].includes(s.layer));
    expect(layers.filter((s) => /process\.(stdin|stdout|stderr|arch|pid)\b/.test(s.text)).map((s) => s.file)).toEqual([]);
  });
});
