/**
 * integrations/ssm/patchplan.yml against the shape of an AWS Systems Manager Command document,
 * schema version 2.2, as AWS documents it ("Data elements and parameters" and "Schemas, features,
 * and examples" in the Systems Manager user guide): top-level schemaVersion (required),
 * description, parameters, mainSteps (required); a parameter has a type (String, StringList,
 * Boolean, Integer, MapList, StringMap) and optional description, default, allowedValues,
 * allowedPattern, displayType, min/max items and chars, interpolationType ENV_VAR; a step has an
 * action, a unique name, optional precondition (StringEquals [platformType, OS]) and inputs.
 * Only the plugin this document uses, aws:runShellScript (inputs runCommand, workingDirectory,
 * timeoutSeconds), is modelled; strict objects, so a misspelt key fails.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';

import {describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {z} from 'zod';

import {REPO} from '../helpers/cli.js';

const ParameterSchema = z
  .object({
    type: z.enum(['String', 'StringList', 'Boolean', 'Integer', 'MapList', 'StringMap']),
    description: z.string().optional(),
    default: z.unknown().optional(),
    allowedValues: z.array(z.string()).min(1).optional(),
    allowedPattern: z.string().optional(),
    displayType: z.enum(['textarea', 'textfield']).optional(),
    minItems: z.number().int().optional(),
    maxItems: z.number().int().optional(),
    minChars: z.number().int().optional(),
    maxChars: z.number().int().optional(),
    interpolationType: z.literal('ENV_VAR').optional(),
  })
  .strict();

const RunShellScriptStepSchema = z
  .object({
    action: z.literal('aws:runShellScript'),
    name: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/),
    precondition: z.object({StringEquals: z.tuple([z.literal('platformType'), z.enum(['Linux', 'MacOS', 'Windows'])])}).strict().optional(),
    inputs: z
      .object({
        runCommand: z.array(z.string()).min(1),
        workingDirectory: z.string().optional(),
        timeoutSeconds: z.union([z.string().regex(/^\d+$/), z.number().int()]).optional(),
      })
      .strict(),
  })
  .strict();

export const SsmCommandDocumentSchema = z
  .object({
    schemaVersion: z.literal('2.2'),
    description: z.string().optional(),
    parameters: z.record(z.string().regex(/^[A-Za-z0-9_]+$/), ParameterSchema).optional(),
    mainSteps: z.array(RunShellScriptStepSchema).min(1),
  })
  .strict()
  .superRefine((doc, ctx) => {
    const names = doc.mainSteps.map((s) => s.name);
    if (new Set(names).size !== names.length) ctx.addIssue({code: 'custom', message: `step names must be unique: ${names.join(', ')}`});
    for (const [name, p] of Object.entries(doc.parameters ?? {})) {
      if (p.allowedValues !== undefined && typeof p.default === 'string' && !p.allowedValues.includes(p.default)) {
        ctx.addIssue({code: 'custom', message: `parameter ${name}: default ${p.default} is not among allowedValues`});
      }
      if (p.allowedPattern !== undefined && typeof p.default === 'string' && !new RegExp(p.allowedPattern).test(p.default)) {
        ctx.addIssue({code: 'custom', message: `parameter ${name}: default ${JSON.stringify(p.default)} does not match allowedPattern`});
      }
    }
  });

const FILE = path.join(REPO, 'integrations', 'ssm', 'patchplan.yml');
const doc = SsmCommandDocumentSchema.parse(parse(readFileSync(FILE, 'utf8')));

describe('integrations/ssm/patchplan.yml', () => {
  it('is a schema 2.2 Command document of aws:runShellScript steps', () => {
    expect(doc.mainSteps.map((s) => s.name)).toEqual(['plan', 'apply']);
  });

  it('takes every parameter as an environment variable, and every script uses only parameters it declares', () => {
    const declared = Object.keys(doc.parameters ?? {});
    for (const p of Object.values(doc.parameters ?? {})) expect(p.interpolationType).toBe('ENV_VAR');
    for (const step of doc.mainSteps) {
      const script = step.inputs.runCommand.join('\n');
      expect(script).not.toMatch(/\{\{/); // no {{ }} pasted into a shell script
      for (const used of script.matchAll(/\$\{?SSM_([A-Za-z0-9_]+)/g)) expect(declared).toContain(used[1]);
    }
  });

  it('plans to S3 for review, and applies only the approved plan with --auto-approve --json', () => {
    const [plan, apply] = doc.mainSteps.map((s) => s.inputs.runCommand.join('\n'));
    expect(plan).toMatch(/plan --out "\$dir\/plan\.json"/);
    expect(plan).toMatch(/aws s3 cp "\$dir\/plan\.json" "s3:\/\/\$SSM_PlanBucket\/\$SSM_PlanPrefix\/plans\//);
    expect(apply).toMatch(/aws s3 cp "s3:\/\/\$SSM_PlanBucket\/\$SSM_PlanPrefix\/approved\//);
    expect(apply).toMatch(/apply "\$dir\/approved\.json" --auto-approve --json/);
    expect(apply).toMatch(/--trusted-keys "\$dir\/trusted-keys"/);
  });

  it('the schema refuses what AWS would: another schema version, an unknown step key, a default outside allowedValues', () => {
    const raw = parse(readFileSync(FILE, 'utf8')) as Record<string, unknown>;
    expect(SsmCommandDocumentSchema.safeParse({...raw, schemaVersion: '1.2'}).success).toBe(false);
    expect(SsmCommandDocumentSchema.safeParse({...raw, mainSteps: [{...doc.mainSteps[0], runCommand: ['x']}]}).success).toBe(false);
    expect(SsmCommandDocumentSchema.safeParse({...raw, parameters: {...doc.parameters, Action: {type: 'String', allowedValues: ['Plan'], default: 'Go'}}}).success).toBe(false);
    expect(SsmCommandDocumentSchema.safeParse({...raw, mainSteps: [doc.mainSteps[0], doc.mainSteps[0]]}).success).toBe(false);
  });
});
