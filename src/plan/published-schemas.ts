import {z} from 'zod';

import {InventorySchema} from '../inventory/schema.js';
import {PlanSchema} from './schema.js';

/**
 * The JSON Schemas published in docs/, generated from the zod schemas so they cannot drift
 * (`npm run schema` writes them; a test fails when the committed files differ).
 *
 * The inventory schema describes what a file may contain (zod's input side: fields with
 * defaults are optional); the plan schema describes what patchplan writes (the output side:
 * every field present). Refinements the JSON Schema cannot express (an install needs a target
 * version) are enforced by patchplan only.
 */
export interface PublishedSchema {
  /** Path relative to the repository root. */
  readonly file: string;
  readonly content: string;
}

export function publishedSchemas(): PublishedSchema[] {
  return [
    publish('docs/inventory.schema.json', z.toJSONSchema(InventorySchema, {io: 'input'}), {
      title: 'patchplan inventory (schemaVersion 1)',
      description: 'What `patchplan plan --inventory FILE` reads and `patchplan inventory --json` prints. Generated from src/inventory/schema.ts.',
    }),
    publish('docs/plan.schema.json', z.toJSONSchema(PlanSchema, {io: 'output'}), {
      title: 'patchplan plan file (formatVersion 1)',
      description:
        'What `patchplan plan --out` writes and `plan --json` / `show --json` print. See docs/plan-file.md. Generated from src/plan/schema.ts.',
    }),
  ];
}

function publish(file: string, schema: object, meta: {title: string; description: string}): PublishedSchema {
  // Title and description go right after $schema, where a reader of the file looks first.
  const {$schema, ...rest} = schema as {$schema?: unknown};
  return {file, content: `${JSON.stringify({$schema, ...meta, ...rest}, null, 2)}\n`};
}
