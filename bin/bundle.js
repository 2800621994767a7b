#!/usr/bin/env node
// Bundles the compiled CLI (dist/, from tsc) into dist/bundle/ for start-up: bin/run.js takes
// oclif from dist/bundle/oclif.js and oclif imports every command from dist/bundle/commands.js
// (package.json `oclif.commands`, explicit strategy), so a run reads a few files instead of
// resolving and compiling some 400 modules one by one. Both entries share their code through
// chunks in dist/bundle/chunks/; what src/ loads with import() (the package managers' adapters,
// execa, the override-list parser, the review and the prompt) stays in chunks of its own, read
// only when used, and ink and react stay in node_modules. Run by `npm run build` after tsc and
// before generate-manifest.js (which reads the commands from the bundle).
import {readdirSync, readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import {build} from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outdir = path.join(root, 'dist', 'bundle');

rmSync(outdir, {recursive: true, force: true});
await build({
  absWorkingDir: root,
  entryPoints: {oclif: 'dist/cli/oclif.js', commands: 'dist/commands/index.js'},
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  external: [
    // Drawn only by the terminal review and prompt, loaded there with import().
    'ink',
    'react',
    'react/*',
    // What @oclif/core loads only to run TypeScript sources in development.
    'typescript',
    'ts-node',
    'tsx',
  ],
  // @oclif/core is CommonJS: its require() calls (node: modules, a plugin's files) need a require
  // in these ES modules.
  banner: {js: "import {createRequire as __patchplanCreateRequire} from 'node:module';\nconst require = __patchplanCreateRequire(import.meta.url);"},
  logLevel: 'warning',
});

// esbuild names a class that refers to itself `_Name` inside the bundle (`var X = class _X`), and
// errors take their name from their class (src/errors.ts): refuse a bundle where that would
// change what an error calls itself.
const renamed = readdirSync(outdir, {recursive: true})
  .filter((file) => file.endsWith('.js'))
  .flatMap((file) => [...readFileSync(path.join(outdir, file), 'utf8').matchAll(/\bvar (\w*Error) = class _\1\b/g)].map((m) => `${file}: ${m[1]}`));
if (renamed.length > 0) throw new Error(`bundle.js: error classes renamed by esbuild: ${renamed.join(', ')}`);
