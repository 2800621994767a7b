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

  it.each(publishedSchemas().map((s) => [s.file, s.content] as const))('%s has an $id, a title and a description on every field', (_file, content) => {
    const schema = JSON.parse(content) as Record<string, unknown>;
    expect(schema.$id).toMatch(/^urn:patchplan:[a-z-]+:\d+$/);
    expect(schema.title).toEqual(expect.any(String));
    expect(undescribedFields(schema)).toEqual([]);
  });

  it('gives every schema its own $id', () => {
    const ids = publishedSchemas().map((s) => (JSON.parse(s.content) as {$id: string}).$id);
    expect(new Set(ids).size).toBe(ids.length);
  });

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

/** JSON paths of every property (at any depth: objects, array items, unions) that has no description. */
function undescribedFields(node: unknown, path = '$'): string[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => undescribedFields(item, `${path}[${i}]`));
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const properties = (record.properties ?? {}) as Record<string, Record<string, unknown>>;
  const missing = Object.entries(properties).flatMap(([key, value]) => (typeof value.description === 'string' && value.description !== '' ? [] : [`${path}.${key}`]));
  const nested = Object.entries(record).flatMap(([key, value]) => undescribedFields(value, key === 'properties' ? path : `${path}/${key}`));
  return [...missing, ...nested];
}
