import {z} from 'zod';

import type {ComplianceLevel} from '../baseline/model.js';
import {COMPLIANCE_LEVELS} from '../baseline/schema.js';
import type {Action, ComplianceState, ReasonCode, RebootOption} from '../engine/types.js';
import {ManagerIdSchema, OperatingSystemSchema} from '../inventory/schema.js';

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
] as const;
export const ReasonCodeSchema = z.enum(REASON_CODES);
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

export const PlanNodeSchema = z
  .object({
    hostname: nonEmpty,
    machineId: nonEmpty,
    os: z.object({id: nonEmpty, versionId: z.string(), name: z.string()}).strict(),
    arch: nonEmpty,
    manager: ManagerIdSchema,
    root: z.string(),
    /** Extension: the AWS OperatingSystem the plan was evaluated as. */
    operatingSystem: OperatingSystemSchema,
    /** Extension: the AWS PRODUCT of the node (`Debian12`). */
    product: nonEmpty,
  })
  .strict();
export type PlanNode = z.infer<typeof PlanNodeSchema>;

export const PlanBaselineSchema = z
  .object({
    /** File path as given, or the built-in id. */
    source: nonEmpty,
    /** Hex SHA-256 of the canonical JSON of `document`. */
    sha256: sha256Hex,
    /** The baseline document exactly as written (PascalCase, AWS shape). */
    document: z.record(z.string(), z.unknown()),
  })
  .strict();

/** What one decision saw of one package: the staleness fingerprint `apply` compares. */
export const FingerprintPackageSchema = z
  .object({
    name: nonEmpty,
    arch: z.string(),
    installedVersion: z.string().min(1).nullable(),
    /** Every version the repositories offered for this package, sorted, without duplicates. */
    candidates: z.array(nonEmpty),
  })
  .strict();
export type FingerprintPackage = z.infer<typeof FingerprintPackageSchema>;

export const PlanInventorySchema = z
  .object({
    collectedAt: isoInstant,
    /** Hex SHA-256 of the canonical inventory (docs/plan-file.md). */
    sha256: sha256Hex,
    /** One entry per decision, in decision order. */
    packages: z.array(FingerprintPackageSchema),
  })
  .strict();

export const PlanOptionsSchema = z
  .object({
    rebootOption: RebootOptionSchema,
    installOverrideList: z
      .object({
        source: nonEmpty,
        /** Hex SHA-256 of the list's bytes as read. */
        sha256: sha256Hex,
      })
      .strict()
      .nullable(),
    /** The evaluation instant (`--now`, else the clock when planning). */
    now: isoInstant,
    /** Extension: NAME/ARCH/… filter keys were evaluated instead of refused (DECISION-8). */
    lenient: z.boolean(),
    /** Extension: not-installed packages (NOT_APPLICABLE) are among the decisions (DECISION-22). */
    showNotApplicable: z.boolean(),
  })
  .strict();
export type PlanOptions = z.infer<typeof PlanOptionsSchema>;

/** One newer version of a package and what the engine made of it (for reviewers; apply never reads it). */
export const ConsideredVersionSchema = z
  .object({
    version: nonEmpty,
    /** This is the decision's target. */
    chosen: z.boolean(),
    /** Some rule or list approves it (it may still be rejected, blocked, or below the target). */
    approved: z.boolean(),
    /** One clause: why it was or was not chosen. */
    note: z.string(),
    /** The release date the approval rules saw (null: none, as on apt). */
    released: isoInstant.nullable(),
    /** Advisory ids that list this exact version. */
    advisories: z.array(z.string()),
  })
  .strict();
export type ConsideredVersion = z.infer<typeof ConsideredVersionSchema>;

export const PlanReasonSchema = z
  .object({
    code: ReasonCodeSchema,
    rule: z.string().nullable(),
    detail: z.string(),
  })
  .strict();

export const PlanDecisionSchema = z
  .object({
    name: nonEmpty,
    arch: z.string(),
    installedVersion: z.string().min(1).nullable(),
    candidateVersion: z.string().min(1).nullable(),
    action: ActionSchema,
    targetVersion: z.string().min(1).nullable(),
    reason: PlanReasonSchema,
    advisories: z.array(z.string()),
    complianceLevel: ComplianceLevelSchema,
    state: ComplianceStateSchema,
    /** Extension: other approved versions, highest first, that AWS would try after the target. */
    fallbackVersions: z.array(z.string().min(1)),
    /** Extension: every newer version the engine weighed for this package, highest first, and its verdict. */
    considered: z.array(ConsideredVersionSchema).optional(),
    /** Extension, `excluded-by-reviewer` only: who excluded it (`--reviewer`, else $USER). */
    reviewer: nonEmpty.optional(),
    /** Extension, `excluded-by-reviewer` only: the version the plan would have installed. */
    excludedVersion: nonEmpty.optional(),
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
  });
export type PlanDecision = z.infer<typeof PlanDecisionSchema>;

export const PlanSummarySchema = z
  .object({
    /** Every action, zeros included. */
    byAction: z.record(ActionSchema, count),
    /** Every reason code, zeros included, so consumers never need a default. */
    byReason: z.record(ReasonCodeSchema, count),
  })
  .strict();
export type PlanSummary = z.infer<typeof PlanSummarySchema>;

/** Extension: the AWS compliance the node would report if scanned now (spec §6.4–6.5). */
export const PlanComplianceSchema = z
  .object({
    status: z.enum(['COMPLIANT', 'NON_COMPLIANT']),
    severity: ComplianceLevelSchema.nullable(),
    counts: z.record(ComplianceStateSchema, count),
  })
  .strict();
export type PlanCompliance = z.infer<typeof PlanComplianceSchema>;

/** Extension: what the advisories the decisions name say, so a saved plan can be reviewed without the node. */
export const PlanAdvisorySchema = z
  .object({
    id: nonEmpty,
    type: z.string(),
    severity: z.string().nullable(),
    issued: isoInstant.nullable(),
    updated: isoInstant.nullable(),
    title: z.string().nullable(),
    cves: z.array(z.string()),
    rebootSuggested: z.boolean(),
  })
  .strict();
export type PlanAdvisory = z.infer<typeof PlanAdvisorySchema>;

/**
 * Why a package is expected to need a reboot: a kernel, a package the OS's own tools list as
 * needing one (glibc, systemd, …), an advisory or version marked reboot_suggested, or the OS
 * already waiting for one (`package` null).
 */
export const REBOOT_CAUSE_KINDS = ['kernel', 'core-package', 'reboot-suggested', 'already-pending'] as const;
export const RebootCauseSchema = z
  .object({
    kind: z.enum(REBOOT_CAUSE_KINDS),
    package: nonEmpty.nullable(),
    /** The advisory that suggests it (`reboot-suggested`), else null. */
    advisory: nonEmpty.nullable(),
  })
  .strict();
export type RebootCause = z.infer<typeof RebootCauseSchema>;

/** Extension: whether `apply` is expected to reboot, and why, stated before anything runs. */
export const PlanRebootSchema = z
  .object({
    /** `apply` of this plan on this root would reboot (the reboot option applied to what the plan installs). */
    expected: z.boolean(),
    /** The apply reboot reason code this forecast is (docs/apply.md), e.g. `installed-this-run`. */
    reason: nonEmpty,
    /** What makes a reboot necessary for the installs to take effect; empty when nothing does. */
    causes: z.array(RebootCauseSchema),
  })
  .strict();
export type PlanReboot = z.infer<typeof PlanRebootSchema>;

/**
 * A signed approval (contract "Additions"): an Ed25519 signature over the UTF-8 bytes of the
 * plan's `digest` string. Approvals sit outside the digest, so adding one does not change it,
 * and any other change to the plan invalidates every approval.
 */
export const PlanApprovalSchema = z
  .object({
    by: nonEmpty,
    comment: z.string(),
    signedAt: isoInstant,
    /** The signer's public key (PEM), or its SHA-256 fingerprint (`sha256:` + hex of the DER SPKI). */
    publicKey: nonEmpty,
    /** Base64 of the 64-byte Ed25519 signature. */
    signature: nonEmpty,
  })
  .strict();
export type PlanApproval = z.infer<typeof PlanApprovalSchema>;

export const PlanSchema = z
  .object({
    formatVersion: z.literal(PLAN_FORMAT_VERSION),
    tool: z.object({name: nonEmpty, version: nonEmpty}).strict(),
    createdAt: isoInstant,
    node: PlanNodeSchema,
    baseline: PlanBaselineSchema,
    inventory: PlanInventorySchema,
    options: PlanOptionsSchema,
    decisions: z.array(PlanDecisionSchema),
    summary: PlanSummarySchema,
    /** Extension. */
    compliance: PlanComplianceSchema,
    /** Extension: non-fatal findings about the baseline and the evaluation, one sentence each. */
    warnings: z.array(z.string()),
    /** Extension: the advisories the decisions name (absent in plans written before 0.2). */
    advisories: z.array(PlanAdvisorySchema).optional(),
    /** Extension: the reboot forecast (absent in plans written before 0.2). */
    reboot: PlanRebootSchema.optional(),
    digest: PlanDigestSchema,
    /** Signed approvals; outside the digest. */
    approvals: z.array(PlanApprovalSchema).optional(),
  })
  .strict();
export type Plan = z.infer<typeof PlanSchema>;
/** What the digest covers: everything but the digest itself and the approvals of it. */
export type UnsignedPlan = Omit<Plan, 'digest' | 'approvals'>;
