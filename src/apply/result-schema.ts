import {z} from 'zod';

import {ManagerIdSchema} from '../inventory/schema.js';
import {RebootOptionSchema} from '../plan/schema.js';
import type {PackageStatus, RebootReason} from './results.js';

/**
 * What `apply --json` prints (src/views/apply/json.ts renders an ApplyResult as exactly this),
 * as a zod schema so docs/apply-result.schema.json is generated from it (`npm run schema`) and a
 * test can check real apply output against it. The descriptions are the published documentation
 * of each field; docs/apply.md "Results" says the same at more length.
 */

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const PACKAGE_STATUSES = ['installed', 'already-installed', 'failed', 'skipped', 'interrupted'] as const;
true satisfies Same<(typeof PACKAGE_STATUSES)[number], PackageStatus>;

export const REBOOT_REASONS = [
  'no-reboot-option',
  'installed-this-run',
  'pending-from-earlier-install',
  'nothing-installed',
  'required-by-os',
  'not-required-by-os',
  'alternate-root',
  'no-reboot-command',
  'reboot-check-failed',
  'interrupted',
] as const;
true satisfies Same<(typeof REBOOT_REASONS)[number], RebootReason>;

const isoInstant = z.iso.datetime({offset: true});

export const PackageResultSchema = z
  .object({
    name: z.string().min(1).describe('Package name, as in the plan decision.'),
    arch: z.string().describe('Package architecture, as in the plan decision.'),
    from: z.string().min(1).nullable().describe('The installed version the plan was made for; null: not installed then (a new dependency).'),
    to: z.string().min(1).nullable().describe('The planned version; null for a skipped decision.'),
    status: z
      .enum(PACKAGE_STATUSES)
      .describe(
        '`installed`: this run moved it to `to` (read back from the package database); `already-installed`: an earlier run of this plan installed it; `failed`: not at `to` after the run (exit 4); `skipped`: a skip decision, never touched; `interrupted` (extension): a signal stopped the run before the installer finished it.',
      ),
    message: z
      .string()
      .nullable()
      .describe('One sentence: why it failed (quoting the installer), where an interrupted or earlier run left it, or why it was skipped; null when there is nothing to add.'),
  })
  .strict()
  .describe('What apply did about one decision of the plan.');

export const RebootReportSchema = z
  .object({
    option: RebootOptionSchema.describe('The plan\'s reboot option.'),
    required: z.boolean().describe('The OS says a reboot is required after this run (apt: /var/run/reboot-required under the root), asked whatever the option.'),
    performed: z.boolean().describe('patchplan starts a reboot right after printing this object.'),
    reason: z.enum(REBOOT_REASONS).describe('Extension: why it did or did not reboot, as a code (docs/apply.md).'),
  })
  .strict()
  .describe('The reboot decision.');

export const ApplyResultSchema = z
  .object({
    plan: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/)
      .describe('The digest of the plan that was applied (for `apply` without a plan file, of the plan it made and had approved).'),
    manager: ManagerIdSchema.describe('Extension: the package manager that applied the plan (its `node.manager`); `fleet pin` reads it.'),
    startedAt: isoInstant.describe('When apply began checking the node (after approval).'),
    finishedAt: isoInstant.describe('When the results and the reboot decision were complete (before any reboot).'),
    results: z.array(PackageResultSchema).describe('One entry per decision of the plan, in the plan\'s order.'),
    reboot: RebootReportSchema,
    repaired: z.array(z.string()).describe('Extension: the repair commands this run ran first, for what an interrupted run left; empty when none.'),
    interrupted: z
      .object({
        signal: z.enum(['SIGINT', 'SIGTERM']).describe('The signal that stopped the run.'),
        aborted: z.boolean().describe('A second signal aborted the run at once; the results were not read back.'),
      })
      .strict()
      .nullable()
      .describe('Extension: the signal that stopped this run, or null when none did.'),
    recovery: z
      .string()
      .nullable()
      .describe('Extension: one sentence saying how to recover from what this run left unfinished (a stop, a failure, a failing maintainer script); null when nothing is left.'),
  })
  .strict();
