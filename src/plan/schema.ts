import {z} from 'zod';

import type {ComplianceLevel} from '../baseline/model.js';
import {COMPLIANCE_LEVELS} from '../baseline/schema.js';
import type {Action, ComplianceState, ReasonCode, RebootOption} from '../engine/engine-io.js';
import {ManagerIdSchema, OperatingSystemSchema, UpdateSourceSchema} from '../inventory/schema.js';

/**
 * The plan file, format version 1 (cli-contract.md "The plan file"). The same object is what
 * `plan --json` and `show --json` print, and what the human and markdown views render from, so
 * the views can never show something the file does not say.
 *
 * Invariants the digest protects (see docs/plan-file.md):
 * - every field except `digest` is covered by the digest, so a reviewer approves exactly this;
 * - objects are strict: a field this version does not know is an error, because a reader that
 *   ignored it could apply a plan whose meaning it does not fully understand. A field that
 *   changes what apply does therefore needs a new `formatVersion`;
 * - there are no defaults or transforms here: the parsed plan is the written plan, so its digest
 *   can be recomputed from the parsed value.
 */

export const PLAN_FORMAT_VERSION = 1;
export const TOOL_NAME = 'patchplan';

// Compile-time proof that the runtime enums below are exactly the engine's unions: if a code is
// added on one side only, `true satisfies false` fails the build.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

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
  'pinned',
] as const;
export const ReasonCodeSchema = z.enum(REASON_CODES);

/**
 * The codes every plan's `summary.byReason` lists, zeros included. `pinned` came with `plan
 * --pin` and is listed only when a decision has it, so plans written before it still verify and
 * a plan made without pins is byte for byte what it was.
 */
export const ALWAYS_COUNTED_REASON_CODES = REASON_CODES.filter((c): c is Exclude<(typeof REASON_CODES)[number], 'pinned'> => c !== 'pinned');
true satisfies Same<z.infer<typeof ReasonCodeSchema>, ReasonCode>;

export const ACTIONS = ['install', 'skip'] as const;
export const ActionSchema = z.enum(ACTIONS);
true satisfies Same<z.infer<typeof ActionSchema>, Action>;

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
export const ComplianceStateSchema = z.enum(COMPLIANCE_STATES);
true satisfies Same<z.infer<typeof ComplianceStateSchema>, ComplianceState>;

// The levels AWS documents for baselines: a plan reports the baseline's own values.
export const ComplianceLevelSchema = z.enum(COMPLIANCE_LEVELS);
true satisfies Same<z.infer<typeof ComplianceLevelSchema>, ComplianceLevel>;

/** RebootIfRequired is a patchplan extension (docs/cli.md): reboot only when the OS says so. */
export const REBOOT_OPTIONS = ['RebootIfNeeded', 'NoReboot', 'RebootIfRequired'] as const;
export const RebootOptionSchema = z.enum(REBOOT_OPTIONS);
true satisfies Same<z.infer<typeof RebootOptionSchema>, RebootOption>;

const isoInstant = z.iso.datetime({offset: true, message: 'must be an ISO 8601 date-time'});
const nonEmpty = z.string().min(1, 'must not be empty');
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');
const count = z.number().int().nonnegative();

export const PlanDigestSchema = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be "sha256:" and 64 lower-case hex digits');

// The descriptions below are what docs/plan.schema.json says of each field (docs/plan-file.md
// says the same at more length).
export const PlanNodeSchema = z
  .object({
    hostname: nonEmpty.describe('Host name of the node the plan is for.'),
    machineId: nonEmpty.describe('Machine id of the node; `apply` refuses the plan on any other machine.'),
    os: z
      .object({
        id: nonEmpty.describe('os-release ID (`debian`, `amzn`, `rhel`, …).'),
        versionId: z.string().describe('os-release VERSION_ID; empty when the OS has none.'),
        name: z.string().describe('Display name (os-release PRETTY_NAME); empty when the inventory gave none.'),
      })
      .strict()
      .describe('The operating system as os-release names it.'),
    arch: nonEmpty.describe('Native architecture (`amd64`, `x86_64`, …).'),
    manager: ManagerIdSchema.describe('The package manager whose semantics the plan was evaluated with, and that `apply` uses.'),
    root: z.string().describe('The root the inventory was collected from and `apply` installs into (`/` unless `--root`).'),
    operatingSystem: OperatingSystemSchema.describe('Extension: the AWS OperatingSystem the plan was evaluated as.'),
    product: nonEmpty.describe('Extension: the AWS PRODUCT of the node (`Debian12`), which PRODUCT filters match.'),
    updateSource: UpdateSourceSchema.optional().describe('Extension, Windows only: where the Windows Update Agent gets its updates (a WSUS server by Group Policy, or Microsoft Update).'),
  })
  .strict()
  .describe('The node the plan is for.');
export type PlanNode = z.infer<typeof PlanNodeSchema>;

export const PlanBaselineSchema = z
  .object({
    source: nonEmpty.describe('The `--baseline` value as given (a path) or the built-in id.'),
    sha256: sha256Hex.describe('Hex SHA-256 of the canonical JSON of `document`.'),
    document: z.record(z.string(), z.unknown()).describe('The baseline document exactly as written (PascalCase, the get-patch-baseline shape).'),
  })
  .strict()
  .describe('The patch baseline that was evaluated.');

/** What one decision saw of one package: the staleness fingerprint `apply` compares. */
export const FingerprintPackageSchema = z
  .object({
    name: nonEmpty.describe('Package name.'),
    arch: z.string().describe('Package architecture (empty when the inventory gave none).'),
    installedVersion: z.string().min(1).nullable().describe('The installed version when planned; null: not installed.'),
    candidates: z.array(nonEmpty).describe('Every version the repositories offered for this package, sorted, without duplicates.'),
  })
  .strict()
  .describe('What one decision saw of one package; `apply` refuses the plan when an install\'s package has changed since.');
export type FingerprintPackage = z.infer<typeof FingerprintPackageSchema>;

export const PlanInventorySchema = z
  .object({
    collectedAt: isoInstant.describe('When the inventory was collected.'),
    sha256: sha256Hex.describe('Hex SHA-256 of the canonical inventory (docs/plan-file.md).'),
    packages: z.array(FingerprintPackageSchema).describe('The staleness fingerprint: one entry per decision, in decision order.'),
  })
  .strict()
  .describe('The inventory the plan was made from.');

export const PlanOptionsSchema = z
  .object({
    rebootOption: RebootOptionSchema.describe('What `apply` does about rebooting; RebootIfRequired (reboot only when the OS says so) is an extension.'),
    installOverrideList: z
      .object({
        source: nonEmpty.describe('The path or https:// URL as given.'),
        sha256: sha256Hex.describe('Hex SHA-256 of the list\'s bytes as read.'),
      })
      .strict()
      .nullable()
      .describe('The InstallOverrideList, or null when none was given.'),
    pins: z
      .object({
        source: nonEmpty.describe('The `--pin` file as given.'),
        sha256: sha256Hex.describe('Hex SHA-256 of the pin file\'s bytes as read.'),
      })
      .strict()
      .optional()
      .describe('Extension: the `--pin` file (docs/fleet.md "Rings that do not drift"); absent when none was given.'),
    now: isoInstant.describe('The instant the baseline was evaluated as of (`--now`, else the clock when planning).'),
    lenient: z.boolean().describe('Extension: `--lenient`, NAME/ARCH/… filter keys were evaluated instead of refused.'),
    showNotApplicable: z.boolean().describe('Extension: `--show-not-applicable`, not-installed packages with an approved version are among the decisions.'),
  })
  .strict()
  .describe('The options the plan was made with.');
export type PlanOptions = z.infer<typeof PlanOptionsSchema>;

/** One newer version of a package and what the engine made of it (for reviewers; apply never reads it). */
export const ConsideredVersionSchema = z
  .object({
    version: nonEmpty.describe('The version.'),
    chosen: z.boolean().describe('This is the decision\'s target.'),
    approved: z.boolean().describe('Some rule or list approves it (it may still be rejected, blocked, or below the target).'),
    note: z.string().describe('One clause: why it was or was not chosen.'),
    released: isoInstant.nullable().describe('The release date the approval rules saw; null where none is used, as on apt.'),
    advisories: z.array(z.string()).describe('Advisory ids that list this exact version.'),
  })
  .strict()
  .describe('A version newer than the installed one and the engine\'s verdict on it.');
export type ConsideredVersion = z.infer<typeof ConsideredVersionSchema>;

export const PlanReasonSchema = z
  .object({
    code: ReasonCodeSchema.describe('Why, as a code scripts can rely on.'),
    rule: z
      .string()
      .nullable()
      .describe('The JSON path into the baseline (`ApprovalRules.PatchRules[0]`), the override-list entry or the requiring package; null when none.'),
    detail: z.string().describe('One human sentence; it may be reworded in any release.'),
  })
  .strict()
  .describe('Why the decision is what it is.');

export const PlanDecisionSchema = z
  .object({
    name: nonEmpty.describe('Package name.'),
    arch: z.string().describe('Package architecture.'),
    installedVersion: z.string().min(1).nullable().describe('The installed version; null when not installed (a new dependency, a NOT_APPLICABLE package).'),
    candidateVersion: z.string().min(1).nullable().describe('The highest offered version newer than the installed one; null when none.'),
    action: ActionSchema.describe('`install` or `skip`.'),
    targetVersion: z.string().min(1).nullable().describe('The exact version `apply` installs: a string for install, null for skip.'),
    reason: PlanReasonSchema,
    advisories: z.array(z.string()).describe('Advisory ids of the target (install) or of the candidate (skip).'),
    complianceLevel: ComplianceLevelSchema.describe('The baseline\'s compliance level for this package.'),
    state: ComplianceStateSchema.describe('The AWS compliance state the package would report today.'),
    fallbackVersions: z.array(z.string().min(1)).describe('Extension: other approved versions, highest first, that AWS would try after the target.'),
    considered: z
      .array(ConsideredVersionSchema)
      .optional()
      .describe('Extension: every newer version the engine weighed, highest first, with its verdict; absent on Windows and macOS.'),
    reviewer: nonEmpty.optional().describe('Extension, excluded-by-reviewer only: who excluded it (`--reviewer`, else $USER).'),
    excludedVersion: nonEmpty.optional().describe('Extension, excluded-by-reviewer only: the version the plan would have installed.'),
  })
  .strict()
  .superRefine((decision, ctx) => {
    if ((decision.reviewer !== undefined || decision.excludedVersion !== undefined) && decision.reason.code !== 'excluded-by-reviewer') {
      ctx.addIssue({code: 'custom', path: ['reviewer'], message: 'only an excluded-by-reviewer decision names a reviewer or an excluded version'});
    }
    // apply installs `targetVersion`; an install without one, or a skip with one, is meaningless.
    if (decision.action === 'install' && decision.targetVersion === null) {
      ctx.addIssue({code: 'custom', path: ['targetVersion'], message: 'an install decision needs a target version'});
    }
    if (decision.action === 'skip' && decision.targetVersion !== null) {
      ctx.addIssue({code: 'custom', path: ['targetVersion'], message: 'a skip decision has no target version (null)'});
    }
  })
  .describe('What the plan does about one package.');
export type PlanDecision = z.infer<typeof PlanDecisionSchema>;

export const PlanSummarySchema = z
  .object({
    byAction: z.record(ActionSchema, count).describe('Count per action, zeros included.'),
    byReason: z
      .partialRecord(ReasonCodeSchema, count)
      .superRefine((counts, ctx) => {
        for (const code of ALWAYS_COUNTED_REASON_CODES) {
          if (counts[code] === undefined) ctx.addIssue({code: 'custom', path: [code], message: 'required field is missing'});
        }
      })
      .describe('Count per reason code, zeros included: every code present except `pinned`, which is present only when a decision has it.'),
  })
  .strict()
  .describe('The decisions counted.');
export type PlanSummary = z.infer<typeof PlanSummarySchema>;

export const PlanComplianceSchema = z
  .object({
    status: z.enum(['COMPLIANT', 'NON_COMPLIANT']).describe('The node\'s compliance status.'),
    severity: ComplianceLevelSchema.nullable().describe('The most severe level among non-compliant packages; null when compliant.'),
    counts: z.record(ComplianceStateSchema, count).describe('Packages per compliance state, every state present.'),
  })
  .strict()
  .describe('Extension: the AWS compliance the node would report if scanned now.');
export type PlanCompliance = z.infer<typeof PlanComplianceSchema>;

export const PlanAdvisorySchema = z
  .object({
    id: nonEmpty.describe('The advisory id.'),
    type: z.string().describe('Notice type or patch category as the inventory gave it.'),
    severity: z.string().nullable().describe('Severity as written; null when the notice has none.'),
    issued: isoInstant.nullable().describe('When it was issued; null when unknown.'),
    updated: isoInstant.nullable().describe('When it was last updated; null when unknown.'),
    title: z.string().nullable().describe('Its title; null when none.'),
    cves: z.array(z.string()).describe('CVE ids it fixes.'),
    rebootSuggested: z.boolean().describe('It asks for a reboot.'),
  })
  .strict()
  .describe('An advisory a decision names, as the inventory described it.');
export type PlanAdvisory = z.infer<typeof PlanAdvisorySchema>;

/**
 * Why a package is expected to need a reboot: a kernel, a package the OS's own tools list as
 * needing one (glibc, systemd, …), an advisory or version marked reboot_suggested, or the OS
 * already waiting for one (`package` null).
 */
export const REBOOT_CAUSE_KINDS = ['kernel', 'core-package', 'reboot-suggested', 'already-pending'] as const;
export const RebootCauseSchema = z
  .object({
    kind: z
      .enum(REBOOT_CAUSE_KINDS)
      .describe('A kernel, a package the OS\'s own tools list as needing a reboot, an advisory or version marked reboot_suggested, or the OS already waiting for one.'),
    package: nonEmpty.nullable().describe('The package that causes it; null for already-pending from the OS.'),
    advisory: nonEmpty.nullable().describe('The advisory that suggests it (reboot-suggested), else null.'),
  })
  .strict()
  .describe('One reason a reboot is expected.');
export type RebootCause = z.infer<typeof RebootCauseSchema>;

export const PlanRebootSchema = z
  .object({
    expected: z.boolean().describe('`apply` of this plan on this root would reboot (the reboot option applied to what the plan installs).'),
    reason: nonEmpty.describe('The apply reboot reason code this forecast is (docs/apply.md), e.g. `installed-this-run`.'),
    causes: z.array(RebootCauseSchema).describe('What makes a reboot necessary for the installs to take effect; empty when nothing does.'),
  })
  .strict()
  .describe('Extension: whether `apply` is expected to reboot, and why, stated before anything runs; absent in plans written before 0.2.');
export type PlanReboot = z.infer<typeof PlanRebootSchema>;

/**
 * A signed approval (contract "Additions"): an Ed25519 signature over the UTF-8 bytes of the
 * plan's `digest` string. Approvals sit outside the digest, so adding one does not change it,
 * and any other change to the plan invalidates every approval.
 */
export const PlanApprovalSchema = z
  .object({
    by: nonEmpty.describe('Who approved.'),
    comment: z.string().describe('The approver\'s comment.'),
    signedAt: isoInstant.describe('When it was signed.'),
    publicKey: nonEmpty.describe('The signer\'s public key (PEM), or its SHA-256 fingerprint (`sha256:` and the hex of the DER SPKI).'),
    signature: nonEmpty.describe('Base64 of the 64-byte Ed25519 signature over the UTF-8 bytes of `digest`.'),
  })
  .strict()
  .describe('A signed approval of the plan\'s digest (docs/approval.md).');
export type PlanApproval = z.infer<typeof PlanApprovalSchema>;

export const PlanSchema = z
  .object({
    formatVersion: z.literal(PLAN_FORMAT_VERSION).describe('The format of this file: 1.'),
    tool: z
      .object({name: nonEmpty.describe('`patchplan`.'), version: nonEmpty.describe('The patchplan version that wrote the plan.')})
      .strict()
      .describe('What wrote the plan; informational.'),
    createdAt: isoInstant.describe('When the plan was made; `apply --max-age` measures its age from here.'),
    node: PlanNodeSchema,
    baseline: PlanBaselineSchema,
    inventory: PlanInventorySchema,
    options: PlanOptionsSchema,
    decisions: z.array(PlanDecisionSchema).describe('One per package with a newer version or named by the baseline or override list, sorted by name, then arch.'),
    summary: PlanSummarySchema,
    compliance: PlanComplianceSchema,
    warnings: z
      .array(z.string())
      .describe('Extension: non-fatal findings, one sentence each: traps of an --inventory file, then the baseline\'s, the engine\'s, and --exclude flags that were not applied.'),
    advisories: z
      .array(PlanAdvisorySchema)
      .optional()
      .describe('Extension: the advisories the decisions name, sorted by id (absent in plans written before 0.2).'),
    reboot: PlanRebootSchema.optional(),
    digest: PlanDigestSchema.describe('`sha256:` and the hex SHA-256 of the canonical JSON of every other field except `approvals`.'),
    approvals: z.array(PlanApprovalSchema).optional().describe('Signed approvals; outside the digest. `[]` in a new plan, absent in older ones.'),
  })
  .strict();
export type Plan = z.infer<typeof PlanSchema>;
/** What the digest covers: everything but the digest itself and the approvals of it. */
export type UnsignedPlan = Omit<Plan, 'digest' | 'approvals'>;
