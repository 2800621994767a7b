#!/usr/bin/env node
// Writes the published JSON Schemas (docs/*.schema.json) from the zod schemas
// (src/plan/published-schemas.ts). Run `npm run build` first; `npm run schema` runs this.
import {writeFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const {publishedSchemas} = await import('../dist/plan/published-schemas.js');
for (const {file, content} of publishedSchemas()) {
  await writeFile(new URL(file, `file://${root}`), content);
  process.stdout.write(`wrote ${file}\n`);
}
