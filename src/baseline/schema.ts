import {z} from 'zod';

import {OPERATING_SYSTEMS} from '../core/ids.js';

/**
 * The baseline document as written, PascalCase, in the shape `aws ssm get-patch-baseline`
 * prints (`GetPatchBaselineResult`), which also covers the `CreatePatchBaseline` request and
 * one element of a `BaselineOverride` array (spec §1). This is the first of two passes: it
 * checks shape and every limit of spec §1.1–§1.6; `rules.ts` checks meaning per OS.
 *
 * Messages are written for the one-line error `FILE: JSON.Path: message`, so each says what
 * is allowed and, where it helps, what was found.
 */

/** Every key botocore's `PatchFilterKey` enum allows; which ones an OS accepts is `rules.ts`'s job. */
export const PATCH_FILTER_KEYS = [
  'ARCH',
  'ADVISORY_ID',
  'BUGZILLA_ID',
  'PATCH_SET',
  'PRODUCT',
  'PRODUCT_FAMILY',
  'CLASSIFICATION',
  'CVE_ID',
  'EPOCH',
  'MSRC_SEVERITY',
  'NAME',
  'PATCH_ID',
  'SECTION',
  'PRIORITY',
  'REPOSITORY',
  'RELEASE',
  'SEVERITY',
  'SECURITY',
  'VERSION',
] as const;

export const COMPLIANCE_LEVELS = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNSPECIFIED'] as const;
export const REJECTED_PATCHES_ACTIONS = ['ALLOW_AS_DEPENDENCY', 'BLOCK'] as const;
export const SECURITY_UPDATES_COMPLIANCE_STATUSES = ['COMPLIANT', 'NON_COMPLIANT'] as const;

/** Spec §1.6. Exported so tests and docs check the same numbers the schema enforces. */
export const LIMITS = {
  rules: 10,
  filtersPerGroup: 4,
  valuesPerFilter: 20,
  filterValueLength: 64,
  patchListEntries: 50,
  patchListEntryLength: 100,
  approveAfterDaysMax: 360,
  sources: 20,
  productsPerSource: 20,
  sourceProductLength: 128,
  sourceConfigurationLength: 1024,
  descriptionLength: 1024,
} as const;

type Issue = {readonly input?: unknown};

/** A type mismatch reads "is required" when the field is absent, else "must be <expected>". */
function expect(expected: string): (issue: Issue) => string {
  return (issue) => (issue.input === undefined ? 'is required' : `must be ${expected}`);
}

function found(input: unknown): string {
  if (typeof input === 'string' || Array.isArray(input)) return ` (found ${input.length})`;
  return '';
}

function lengthBetween(min: number, max: number, what = 'characters'): (issue: Issue) => string {
  return (issue) => `must be ${min} to ${max} ${what}${found(issue.input)}`;
}

function boundedString(min: number, max: number): z.ZodString {
  return z
    .string({error: expect('a string')})
    .min(min, {error: lengthBetween(min, max)})
    .max(max, {error: lengthBetween(min, max)});
}

function enumMessage(values: readonly string[]): (issue: Issue) => string {
  return (issue) =>
    issue.input === undefined ? 'is required' : `must be one of ${values.join(', ')} (found ${JSON.stringify(issue.input)})`;
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T): z.ZodEnum<{[K in T[number]]: K}> {
  return z.enum(values, {error: enumMessage(values)});
}

function strictObject<T extends z.ZodRawShape>(shape: T): z.ZodObject<T, z.core.$strict> {
  // Inside the document a misspelt field (`EnableNonSecurty`) would silently fall back to a
  // default and change what gets approved, so nested objects refuse unknown fields.
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') return `unknown field ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
      return issue.input === undefined ? 'is required' : 'must be an object';
    },
  });
}

const booleanField = z.boolean({error: expect('true or false')});

export const PatchFilterSchema = strictObject({
  Key: oneOf(PATCH_FILTER_KEYS),
  Values: z
    .array(boundedString(1, LIMITS.filterValueLength), {error: expect('an array of strings')})
    .min(1, {error: lengthBetween(1, LIMITS.valuesPerFilter, 'values')})
    .max(LIMITS.valuesPerFilter, {error: lengthBetween(1, LIMITS.valuesPerFilter, 'values')}),
});
export type PatchFilterDocument = z.infer<typeof PatchFilterSchema>;

export const PatchFilterGroupSchema = strictObject({
  PatchFilters: z
    .array(PatchFilterSchema, {error: expect('an array of filters')})
    .max(LIMITS.filtersPerGroup, {
      error: (issue) => `at most ${LIMITS.filtersPerGroup} filters per group${found(issue.input)}`,
    }),
});
export type PatchFilterGroupDocument = z.infer<typeof PatchFilterGroupSchema>;

/** `YYYY-MM-DD` that names a real day (DECISION-6): 2025-02-30 is refused, 2024-02-29 is not. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0..99 to 1900..1999.
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const approveAfterDaysMessage = `must be an integer 0..${LIMITS.approveAfterDaysMax}`;

export const PatchRuleSchema = strictObject({
  PatchFilterGroup: PatchFilterGroupSchema,
  ComplianceLevel: oneOf(COMPLIANCE_LEVELS).optional(),
  ApproveAfterDays: z
    .number({error: approveAfterDaysMessage})
    .int({error: approveAfterDaysMessage})
    .min(0, {error: approveAfterDaysMessage})
    .max(LIMITS.approveAfterDaysMax, {error: approveAfterDaysMessage})
    .optional(),
  ApproveUntilDate: z
    .string({error: 'must be a date YYYY-MM-DD'})
    .regex(/^\d{4}-\d{2}-\d{2}$/, {error: 'must be a date YYYY-MM-DD'})
    .refine(isCalendarDate, {error: (issue) => `${JSON.stringify(issue.input)} is not a calendar date`})
    .optional(),
  EnableNonSecurity: booleanField.optional(),
});
export type PatchRuleDocument = z.infer<typeof PatchRuleSchema>;

export const PatchRuleGroupSchema = strictObject({
  PatchRules: z
    .array(PatchRuleSchema, {error: expect('an array of rules')})
    .max(LIMITS.rules, {error: (issue) => `at most ${LIMITS.rules} rules${found(issue.input)}`}),
});

const namePattern = (min: number, max: number): z.ZodString =>
  z
    .string({error: expect('a string')})
    .regex(new RegExp(`^[a-zA-Z0-9_\\-.]{${min},${max}}$`), {
      error: `must be ${min} to ${max} characters: letters, digits, "_", "-", "."`,
    });

export const PatchSourceSchema = strictObject({
  Name: namePattern(3, 50),
  Products: z
    .array(boundedString(1, LIMITS.sourceProductLength), {error: expect('an array of strings')})
    .min(1, {error: lengthBetween(1, LIMITS.productsPerSource, 'products')})
    .max(LIMITS.productsPerSource, {error: lengthBetween(1, LIMITS.productsPerSource, 'products')}),
  Configuration: boundedString(1, LIMITS.sourceConfigurationLength),
});
export type PatchSourceDocument = z.infer<typeof PatchSourceSchema>;

const patchList = z
  .array(boundedString(1, LIMITS.patchListEntryLength), {error: expect('an array of strings')})
  .max(LIMITS.patchListEntries, {error: (issue) => `at most ${LIMITS.patchListEntries} entries${found(issue.input)}`});

/** get-patch-baseline prints epoch seconds (`1550244180.465`) or ISO 8601, by CLI settings. */
const timestamp = z.unknown().refine(
  (value) =>
    (typeof value === 'number' && Number.isFinite(value)) ||
    (typeof value === 'string' && !Number.isNaN(Date.parse(value))),
  {error: 'must be epoch seconds or an ISO 8601 date-time'},
);

/**
 * Top-level fields. `z.object` (not strict): the response envelope (`ResponseMetadata`),
 * request-only fields (`Tags`, `ClientToken`) and anything AWS adds later are ignored, as
 * spec §1 says; `rules.ts` warns about top-level names it does not know.
 */
export const BaselineDocumentSchema = z.object(
  {
    BaselineId: z
      .string({error: 'must be a string'})
      .regex(/^[a-zA-Z0-9_\-:/]{20,128}$/, {error: 'must be 20 to 128 characters: letters, digits, "_", "-", ":", "/"'})
      .optional(),
    Name: namePattern(3, 128).optional(),
    Description: boundedString(1, LIMITS.descriptionLength).optional(),
    // The inventory's closed set, with this file's message.
    OperatingSystem: z.enum(OPERATING_SYSTEMS, {error: enumMessage(OPERATING_SYSTEMS)}).optional(),
    GlobalFilters: PatchFilterGroupSchema.optional(),
    ApprovalRules: PatchRuleGroupSchema.optional(),
    ApprovedPatches: patchList.optional(),
    ApprovedPatchesComplianceLevel: oneOf(COMPLIANCE_LEVELS).optional(),
    ApprovedPatchesEnableNonSecurity: booleanField.optional(),
    RejectedPatches: patchList.optional(),
    RejectedPatchesAction: oneOf(REJECTED_PATCHES_ACTIONS).optional(),
    Sources: z
      .array(PatchSourceSchema, {error: expect('an array of sources')})
      .max(LIMITS.sources, {error: (issue) => `at most ${LIMITS.sources} sources${found(issue.input)}`})
      .optional(),
    AvailableSecurityUpdatesComplianceStatus: oneOf(SECURITY_UPDATES_COMPLIANCE_STATUSES).optional(),
    // Output-only fields of GetPatchBaselineResult: accepted and ignored (spec §1.1).
    PatchGroups: z.unknown().optional(),
    CreatedDate: timestamp.optional(),
    ModifiedDate: timestamp.optional(),
  },
  {error: 'must be a JSON object in the shape `aws ssm get-patch-baseline` prints'},
);
export type BaselineDocument = z.infer<typeof BaselineDocumentSchema>;

/** Top-level names that are known and deliberately ignored, so no "unknown field" warning. */
export const IGNORED_TOP_LEVEL_FIELDS: ReadonlySet<string> = new Set([
  'PatchGroups',
  'CreatedDate',
  'ModifiedDate',
  'Tags',
  'ClientToken',
  'ResponseMetadata',
]);

export const KNOWN_TOP_LEVEL_FIELDS: ReadonlySet<string> = new Set([
  ...Object.keys(BaselineDocumentSchema.shape),
  ...IGNORED_TOP_LEVEL_FIELDS,
]);
