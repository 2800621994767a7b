import {readFileSync} from 'node:fs';

import {describe, expect, it} from 'vitest';

import {publishedSchemas} from '../../src/plan/published-schemas.js';

describe('published JSON Schemas', () => {
  it.each(publishedSchemas().map((s) => [s.file, s.content] as const))(
    '%s equals what the zod schemas generate (run `npm run build && npm run schema` after changing a schema)',
    (file, content) => {
      expect(readFileSync(file, 'utf8')).toBe(content);
    },
  );

  it('describes the plan as strict, with every contract field required', () => {
    const plan = JSON.parse(publishedSchemas().find((s) => s.file === 'docs/plan.schema.json')?.content ?? '{}') as {
      required: string[];
      additionalProperties: boolean;
    };
    expect(plan.additionalProperties).toBe(false);
    expect(plan.required).toEqual(
      expect.arrayContaining(['formatVersion', 'tool', 'createdAt', 'node', 'baseline', 'inventory', 'options', 'decisions', 'summary', 'digest']),
    );
  });

  it('lets an inventory file leave out fields that have defaults', () => {
    const inventory = JSON.parse(publishedSchemas().find((s) => s.file === 'docs/inventory.schema.json')?.content ?? '{}') as {
      required: string[];
    };
    expect(inventory.required).not.toContain('advisories');
    expect(inventory.required).toEqual(expect.arrayContaining(['schemaVersion', 'collectedAt', 'node', 'packages']));
  });
});
