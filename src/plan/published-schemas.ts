import {z} from 'zod';

import {ApplyResultSchema} from '../apply/result-schema.js';
import {InventorySchema} from '../inventory/schema.js';
import {PinFileSchema} from './pin-file.js';
import {PlanSchema} from './schema.js';

/**
 * The JSON Schemas published in docs/, generated from the zod schemas so they cannot drift
 * (`npm run schema` writes them; a test fails when the committed files differ).
 *
 * The inventory schema describes what a file may contain (zod's input side: fields with
 * defaults are optional); the plan schema describes what patchplan writes (the output side:
 * every field present), and so does the apply result schema (what `apply --json` prints).
 * Refinements the JSON Schema cannot express (an install needs a target version) are enforced by
 * patchplan only. Each has an `$id`, a URN that names the document and its format version (the
 * files are not served anywhere, so an https:// id would promise a location that does not exist).
 */
export interface PublishedSchema {
  /** Path relative to the repository root. */
  readonly file: string;
  readonly content: string;
}

export function publishedSchemas(): PublishedSchema[] {
  return [
    publish('docs/inventory.schema.json', z.toJSONSchema(InventorySchema, {io: 'input'}), {
      $id: 'urn:patchplan:inventory:1',
      title: 'patchplan inventory (schemaVersion 1)',
      description: 'What `patchplan plan --inventory FILE` reads and `patchplan inventory --json` prints. Generated from src/inventory/schema.ts.',
    }),
    publish('docs/plan.schema.json', z.toJSONSchema(PlanSchema, {io: 'output'}), {
      $id: 'urn:patchplan:plan:1',
      title: 'patchplan plan file (formatVersion 1)',
      description:
        'What `patchplan plan --out` writes and `plan --json` / `show --json` print. See docs/plan-file.md. Generated from src/plan/schema.ts.',
    }),
    publish('docs/apply-result.schema.json', z.toJSONSchema(ApplyResultSchema, {io: 'output'}), {
      $id: 'urn:patchplan:apply-result:1',
      title: 'patchplan apply results',
      description: 'What `patchplan apply --json` prints on stdout. See docs/apply.md "Results". Generated from src/apply/result-schema.ts.',
    }),
    publish('docs/pin-file.schema.json', z.toJSONSchema(PinFileSchema, {io: 'output'}), {
      $id: 'urn:patchplan:pin-file:1',
      title: 'patchplan pin file (formatVersion 1)',
      description: 'What `patchplan fleet pin --out` writes and `plan --pin` reads. See docs/fleet.md "Rings that do not drift". Generated from src/plan/pin-file.ts.',
    }),
  ];
}

function publish(file: string, schema: object, meta: {$id: string; title: string; description: string}): PublishedSchema {
  // The id, title and description go right after $schema, where a reader of the file looks first.
  const {$schema, ...rest} = schema as {$schema?: unknown};
  return {file, content: `${JSON.stringify({$schema, ...meta, ...rest}, null, 2)}\n`};
}
