import {z} from 'zod';
import {InventorySchema} from '../../src/inventory/schema.js';

/**
 * Shape of the worked-example fixtures in fixtures/examples/ (spec/patch-manager.md §8).
 * Local to the acceptance tests: a typo in a fixture must fail loudly, not pass silently.
 */

export const REASON_CODES = [
  'install-override-list',
  'not-in-override-list',
  'approval-rule',
  'approved-patches',
  'rejected-patches',
  'global-filter',
  'not-approved',
  'approval-pending',
  'not-security-repo',
  'approval-cutoff',
  'blocked-dependency',
  'dependency',
  'python3-apt-prerequisite',
  'up-to-date',
  'excluded-by-reviewer',
] as const;

export const COMPLIANCE_STATES = [
  'INSTALLED',
  'INSTALLED_OTHER',
  'INSTALLED_PENDING_REBOOT',
  'INSTALLED_REJECTED',
  'MISSING',
  'NOT_APPLICABLE',
  'FAILED',
  'AVAILABLE_SECURITY_UPDATE',
] as const;

export const COMPLIANCE_LEVELS = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNSPECIFIED'] as const;

const isoInstant = z.iso.datetime({offset: true});

export const ExpectedDecisionSchema = z
  .object({
    name: z.string().min(1),
    arch: z.string().min(1),
    action: z.enum(['install', 'skip']),
    /** The exact version apply installs; null for a skip. */
    targetVersion: z.string().min(1).nullable(),
    reasonCode: z.enum(REASON_CODES),
    /** Asserted only when present: the JSON path (`ApprovalRules.PatchRules[0]`) or null. */
    rule: z.string().min(1).nullable().optional(),
    /** Substrings `reason.detail` must contain. */
    detailIncludes: z.array(z.string().min(1)).optional(),
    complianceLevel: z.enum(COMPLIANCE_LEVELS).optional(),
    /** Asserted only when present: the highest version newer than installed that is offered. */
    candidateVersion: z.string().min(1).nullable().optional(),
    /** Asserted only when present: the other approved newer versions, highest first (§6.1 step 6). */
    fallbackVersions: z.array(z.string().min(1)).optional(),
  })
  .strict()
  .refine((d) => (d.action === 'install') === (d.targetVersion !== null), {
    message: 'an install decision needs a targetVersion and a skip decision must have targetVersion null',
  });
export type ExpectedDecision = z.infer<typeof ExpectedDecisionSchema>;

export const InstallOverrideListSchema = z
  .object({
    source: z.string().min(1),
    patches: z.array(z.object({id: z.string().min(1), title: z.string().min(1).optional()}).strict()),
  })
  .strict();

export const ExpectedSchema = z
  .object({
    decisions: z.array(ExpectedDecisionSchema),
    /** Package names that must get no decision at all (any arch). */
    absent: z.array(z.string().min(1)),
    /** `name.arch` → the compliance state the package reports today (a Scan now). */
    states: z.record(z.string().regex(/^[^.]+(\.[^.]+)*\.[^.]+$/, 'must be name.arch'), z.enum(COMPLIANCE_STATES)),
    /**
     * true: `states` names every installed package of the inventory, so the node's per-state
     * counts must equal its tally. false: some state is left open (see the case notes); the
     * counts must be at least the tally.
     */
    statesComplete: z.boolean(),
    node: z
      .object({
        status: z.enum(['COMPLIANT', 'NON_COMPLIANT']),
        severity: z.enum(COMPLIANCE_LEVELS).nullable(),
      })
      .strict()
      .optional(),
    /** parseBaseline must report a warning whose path starts with each of these. */
    baselineWarningPaths: z.array(z.string().min(1)).optional(),
  })
  .strict();

export const BaselineRefSchema = z.union([
  z.object({builtin: z.string().min(1)}).strict(),
  z.object({document: z.record(z.string(), z.unknown())}).strict(),
]);

export const ExampleCaseSchema = z
  .object({
    name: z.string().min(1),
    notes: z.string().min(1).optional(),
    baseline: BaselineRefSchema,
    inventory: InventorySchema,
    now: isoInstant,
    operation: z.enum(['Scan', 'Install']),
    installOverrideList: InstallOverrideListSchema.optional(),
    expected: ExpectedSchema,
  })
  .strict()
  .superRefine((c, ctx) => {
    const installed = new Set(
      c.inventory.packages.filter((p) => p.installedVersion !== null).map((p) => `${p.name}.${p.arch}`),
    );
    const all = new Set(c.inventory.packages.map((p) => `${p.name}.${p.arch}`));
    const names = new Set(c.inventory.packages.map((p) => p.name));
    const seen = new Set<string>();
    for (const d of c.expected.decisions) {
      const key = `${d.name}.${d.arch}`;
      if (!all.has(key)) ctx.addIssue({code: 'custom', message: `expected decision ${key} is not in the inventory`});
      if (seen.has(key)) ctx.addIssue({code: 'custom', message: `expected decision ${key} listed twice`});
      seen.add(key);
    }
    for (const n of c.expected.absent) {
      if (!names.has(n)) ctx.addIssue({code: 'custom', message: `absent package ${n} is not in the inventory`});
      if (c.expected.decisions.some((d) => d.name === n))
        ctx.addIssue({code: 'custom', message: `${n} is both expected and absent`});
    }
    for (const key of Object.keys(c.expected.states)) {
      if (!installed.has(key)) ctx.addIssue({code: 'custom', message: `state for ${key}: not an installed package`});
    }
    if (c.expected.statesComplete) {
      for (const key of installed) {
        if (!(key in c.expected.states))
          ctx.addIssue({code: 'custom', message: `statesComplete but no state for installed package ${key}`});
      }
    } else if (c.notes === undefined) {
      ctx.addIssue({code: 'custom', message: 'statesComplete false needs notes saying which state is left open'});
    }
    const adv = new Set(c.inventory.advisories.map((a) => a.id));
    for (const p of c.inventory.packages) {
      for (const v of p.versions) {
        for (const id of v.advisories) {
          if (!adv.has(id)) ctx.addIssue({code: 'custom', message: `${p.name} ${v.version}: unknown advisory ${id}`});
        }
      }
    }
    if (c.operation === 'Scan' && c.expected.decisions.some((d) => d.reasonCode === 'install-override-list'))
      ctx.addIssue({code: 'custom', message: 'a Scan ignores the InstallOverrideList'});
  });
export type ExampleCase = z.infer<typeof ExampleCaseSchema>;

export const ExampleFixtureSchema = z
  .object({
    example: z.object({id: z.string().regex(/^E([1-9]|[1-2]\d|3[0-6])$/), title: z.string().min(1)}).strict(),
    source: z.string().regex(/^spec\/patch-manager\.md §8 E\d+$/),
    notes: z.string().min(1).optional(),
    cases: z.array(ExampleCaseSchema).min(1),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.source !== `spec/patch-manager.md §8 ${f.example.id}`)
      ctx.addIssue({code: 'custom', message: `source ${f.source} does not name ${f.example.id}`});
    const names = f.cases.map((c) => c.name);
    if (new Set(names).size !== names.length) ctx.addIssue({code: 'custom', message: 'case names must be unique'});
  });
export type ExampleFixture = z.infer<typeof ExampleFixtureSchema>;
export type ExampleFixtureInput = z.input<typeof ExampleFixtureSchema>;
