import {z} from 'zod';

import {MANAGER_IDS, OPERATING_SYSTEMS} from '../core/ids.js';

/**
 * The inventory snapshot: everything the engine needs to know about one node, and nothing
 * about how it was collected. Adapters produce it; `--inventory FILE` reads it; the plan
 * file fingerprints it. JSON keys are camelCase (we own this format). The published JSON
 * Schema in docs/ is generated from these schemas (`npm run schema`).
 */

export const OperatingSystemSchema = z.enum(OPERATING_SYSTEMS);
export type {ManagerId, OperatingSystem} from '../core/ids.js';

export const ManagerIdSchema = z.enum(MANAGER_IDS);

/**
 * An instant with a zone. A hand-written inventory often has a date or a zone-less time, so the
 * error writes the value as it should be. Non-strings fall through to the loader's messages
 * ("required field is missing", "expected string").
 */
const isoInstant = z.iso.datetime({
  offset: true,
  error: (issue) => (typeof issue.input === 'string' ? instantMessage(issue.input) : undefined),
});
const nonEmpty = z.string().min(1, 'must not be empty');

export function instantMessage(input: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(input)) return `must be an ISO 8601 date-time, not a date: write a date-time such as ${input}T00:00:00Z`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(input)) {
    return `must be an ISO 8601 date-time with a zone: write ${input}Z for UTC, or add an offset such as +01:00`;
  }
  return 'must be an ISO 8601 date-time such as 2026-01-15T00:00:00Z';
}

/**
 * Kernel live patching on Amazon Linux 2 (spec §6.7): what AWS's payload asks the node before it
 * adjusts the kernel's and the livepatches' compliance states (`patch_common/livepatch_utils.py`).
 * The descriptions below are the published documentation of each field (docs/inventory.md).
 */
export const KernelLivePatchingSchema = z
  .object({
    // The payload asks `yum list installed kernel-livepatch-*` and takes success as "plugin enabled".
    pluginInstalled: z.boolean().describe('The kernel-livepatch yum plugin package is installed.'),
    serviceEnabled: z.boolean().describe('`kpatch.service` is enabled (`systemctl is-enabled kpatch.service` succeeds).'),
    runningKernel: nonEmpty.describe('version-release of the running kernel: `uname -r` without the arch, e.g. `4.14.165-131.185.amzn2`.'),
    runningKernelBuildTime: isoInstant
      .optional()
      .describe(
        'When the running kernel was built (the date in `uname -v`); live patches are published for a kernel for 3 months after it. Absent: unknown, treated as outside that window.',
      ),
  })
  .strict()
  .describe('Amazon Linux 2 only: kernel live patching status. Absent: not collected, treated as live patching not in use.');
export type KernelLivePatching = z.infer<typeof KernelLivePatchingSchema>;

/** Windows: where the Windows Update Agent gets its updates (it follows Group Policy). */
export const UpdateSourceSchema = z
  .object({
    kind: z.enum(['microsoft-update', 'wsus']).describe('`wsus` when Group Policy (UseWUServer=1) points the agent at a WSUS server, which offers only the updates it approved; `microsoft-update` otherwise.'),
    server: z.string().optional().describe('The WSUS server (Group Policy WUServer).'),
  })
  .strict()
  .describe('Windows only: where the Windows Update Agent gets its updates.');
export type UpdateSource = z.infer<typeof UpdateSourceSchema>;

export const NodeInfoSchema = z
  .object({
    hostname: nonEmpty.describe('Host name of the node, shown in plans.'),
    machineId: nonEmpty.describe('/etc/machine-id (or the platform\'s equivalent); `apply` refuses a plan made for another machine.'),
    os: z
      .object({
        id: nonEmpty.describe('os-release ID: `debian`, `ubuntu`, `amzn`, `rhel`, `rocky`, `sles`, `macos`, `windows`, …'),
        versionId: z.string().describe('os-release VERSION_ID: `12`, `24.04`, `2`, `2023`, `9.4`, `15.6`; empty when the OS has none.'),
        // Only views print it (osLabel falls back to `id`), so a hand-written file may leave it out.
        name: z.string().default('').describe('Display name (os-release PRETTY_NAME), shown in plans; optional, `id` and `versionId` are shown instead.'),
      })
      .describe('The operating system as os-release names it.'),
    operatingSystem: OperatingSystemSchema.describe('The AWS OperatingSystem value of the node; it selects the baseline family and must match the baseline\'s.'),
    product: nonEmpty.describe('The AWS PRODUCT of the node (`Debian12`, `Ubuntu24.04`, `AmazonLinux2023`, `RedhatEnterpriseLinux9.4`), matched by PRODUCT filters.'),
    arch: nonEmpty.describe('Native architecture as the package manager names it (`amd64`, `arm64`, `x86_64`, `aarch64`).'),
    manager: ManagerIdSchema.describe(
      'The package manager whose semantics apply. It decides yum or dnf rules on rpm systems: `yum` for Amazon Linux 1 and 2 and 7.x releases, `dnf` for AL2023 and 8+ releases.',
    ),
    root: z.string().default('/').describe('The root directory the inventory was collected from (`/` unless `--root`); `plan --root` must agree with it.'),
    rebootPending: z.boolean().default(false).describe('The OS already says a reboot is pending (reboot-required, needs-restarting).'),
    kernelLivePatching: KernelLivePatchingSchema.optional(),
    updateSource: UpdateSourceSchema.optional(),
  })
  .strict()
  .describe('The node the packages belong to.');
export type NodeInfo = z.infer<typeof NodeInfoSchema>;

/** An apt origin of one version: the Release fields of the index that offers it. */
export const AptOriginSchema = z
  .object({
    archive: z.string().describe('Release `Suite:` (a=), e.g. `bookworm-security`, `noble-security`, `noble-updates`. A trusted origin whose suite contains `security` makes the version a security update.'),
    codename: z.string().default('').describe('Release `Codename:` (n=), e.g. `bookworm-security`.'),
    label: z.string().default('').describe('Release `Label:` (l=).'),
    origin: z.string().default('').describe('Release `Origin:` (o=), e.g. `Debian`, `Ubuntu`.'),
    site: z.string().default('').describe('Host of the repository URI (`security.debian.org`, `archive.ubuntu.com`); empty for file: repositories.'),
    component: z.string().default('').describe('Repository component (`main`, `universe`).'),
    trusted: z.boolean().describe('The index is signed (or marked trusted=yes); only trusted origins count as security.'),
  })
  .strict()
  .describe('An index (Release file) that offers the version.');
export type AptOrigin = z.infer<typeof AptOriginSchema>;

/** Microsoft update metadata (Windows only): one "package" per update. */
export const WindowsUpdateInfoSchema = z
  .object({
    kbId: z.string().regex(/^KB\d+$/, 'must look like KB1234567').describe('The Knowledge Base id, `KB` and digits (`KB5044284`).'),
    msrcNumber: z.string().optional().describe('The MSRC bulletin number, when there is one.'),
    title: z.string().describe('The update\'s title.'),
    classification: z.string().describe('Microsoft classification: `SecurityUpdates`, `CriticalUpdates`, `Updates`, `UpdateRollups`, …'),
    msrcSeverity: z.string().optional().describe('MSRC severity: `Critical`, `Important`, `Moderate`, `Low`, `Unspecified`.'),
    products: z.array(z.string()).default([]).describe('Products the update applies to (`WindowsServer2022`).'),
    productFamily: z.string().optional().describe('Product family (`Windows`, `Office`).'),
    patchSet: z.enum(['OS', 'APPLICATION']).default('OS').describe('The AWS patch set: `OS` updates or `APPLICATION` updates.'),
    releaseDate: isoInstant.optional().describe('Microsoft release date; absent means 1970-01-01.'),
  })
  .strict()
  .describe('Windows only: the catalog metadata of this update revision.');
export type WindowsUpdateInfo = z.infer<typeof WindowsUpdateInfoSchema>;

/** A package that installing some version would also install or upgrade (resolved closure). */
export const DependencySchema = z
  .object({
    name: nonEmpty.describe('Package name.'),
    arch: z.string().optional().describe('Package architecture.'),
    version: nonEmpty.describe('The exact version installed with it.'),
  })
  .strict()
  .describe('A package installed or upgraded along with this version.');
export type Dependency = z.infer<typeof DependencySchema>;

/** One version of a package that the node's repositories (or update catalog) offer. */
export const AvailableVersionSchema = z
  .object({
    version: nonEmpty.describe(
      'The full version in the manager\'s own syntax: dpkg `[epoch:]upstream[-revision]`, rpm `[epoch:]version-release` (epoch left out when 0), the macOS or Homebrew version, the Windows update revision.',
    ),
    repository: z.string().optional().describe('Where it comes from: the rpm repository id, apt suite, zypper repository alias or macOS source. On apt only `origins` decide security.'),
    origins: z.array(AptOriginSchema).optional().describe('apt: every index that offers this version. Without it no apt version counts as a security update.'),
    candidate: z.boolean().optional().describe('apt: this is apt\'s own policy candidate (pins considered); python3-apt is upgraded to it.'),
    priority: z.string().optional().describe('apt: the `Priority:` of this version (`required`, `important`, `standard`, `optional`), which PRIORITY filters match; the predefined apt baselines filter on it.'),
    section: z.string().optional().describe('apt: the `Section:` of this version.'),
    advisories: z.array(z.string()).default([]).describe('Ids (from `advisories[].id`) of the update notices or patches that list this exact version.'),
    buildTime: isoInstant.optional().describe('rpm build time; yum dates a version that is in no notice by it.'),
    security: z.boolean().optional().describe('macOS: the update is a security or configuration-data update.'),
    source: z.string().optional().describe('macOS: `softwareupdate`, `brew` or `brew-cask`.'),
    windows: WindowsUpdateInfoSchema.optional(),
    requires: z.array(DependencySchema).optional().describe('What else installing this version pulls in (exact versions), when the collector resolved it.'),
    rebootSuggested: z.boolean().optional().describe('The update asks for a reboot (reboot_suggested, macOS restart action).'),
  })
  .strict()
  .describe('A version the repositories (or update catalog) offer.');
export type AvailableVersion = z.infer<typeof AvailableVersionSchema>;

export const PackageSchema = z
  .object({
    name: nonEmpty.describe('Package name (Windows: the KB id of the update).'),
    arch: z
      .string()
      .default('')
      .describe('Package architecture (`amd64`, `all`, `x86_64`, `noarch`). Write it on rpm systems: RejectedPatches entries such as `krb5-libs.x86_64` match only packages that have one.'),
    installedVersion: z
      .string()
      .min(1, 'must not be empty: write null for a package that is not installed')
      .nullable()
      .describe('Installed version, in the syntax of `versions[].version`; null when not installed.'),
    versions: z
      .array(AvailableVersionSchema)
      .default([])
      .describe('Every version the repositories offer, in any order. The installed version may be among them (apt evaluates it too).'),
    pendingReboot: z
      .boolean()
      .optional()
      .describe('The installed version was changed by a NoReboot install and the node has not rebooted since (reported INSTALLED_PENDING_REBOOT).'),
    unfinished: z
      .string()
      .min(1)
      .optional()
      .describe(
        'The package manager reports the installation of `installedVersion` as unfinished (dpkg: half-installed, unpacked, half-configured, triggers-awaited, reinstall-required), in its own words; apply counts it as not at its target.',
      ),
  })
  .strict()
  .describe('One package (name and arch), installed or not.');
export type Package = z.infer<typeof PackageSchema>;

/** One update notice (updateinfo `<update>`), zypper patch, or similar advisory. */
export const AdvisorySchema = z
  .object({
    id: nonEmpty.describe('The notice id (`<id>` of updateinfo: `ALAS2023-2026-1214`, `RHSA-2026:1234`), the zypper patch name; what yum and zypper approve by.'),
    type: z.string().describe('Notice type or patch category as written: `security`, `bugfix`, `enhancement`, `recommended`, …'),
    severity: z.string().optional().describe('Severity as written (`Critical`, `Important`, `Moderate`, `Low`); absent when the notice has none, which on dnf makes it not security.'),
    issued: isoInstant.optional().describe('When the notice was issued, a date-time such as `2026-01-15T00:00:00Z`; dnf and zypper count approval delays from it.'),
    updated: isoInstant.optional().describe('When the notice was last updated; yum counts approval delays from it, else from `issued`.'),
    title: z.string().optional().describe('The notice title.'),
    cves: z.array(z.string()).default([]).describe('CVE ids the notice fixes; ApprovedPatches may name them.'),
    bugzillas: z.array(z.string()).default([]).describe('Bugzilla ids the notice references; ApprovedPatches may name them.'),
    selfReferences: z
      .array(z.string())
      .default([])
      .describe('The ids of `<reference type="self">`: dnf approves and filters advisory ids through these, not `id`, so write the notice\'s own id here on dnf systems.'),
    repository: z.string().optional().describe('The repository the notice comes from.'),
    rebootSuggested: z.boolean().default(false).describe('The notice asks for a reboot (reboot_suggested).'),
  })
  .strict()
  .describe('An update notice (updateinfo `<update>`), zypper patch or similar advisory.');
export type Advisory = z.infer<typeof AdvisorySchema>;

export const InventorySchema = z
  .object({
    schemaVersion: z.literal(1).describe('Always 1.'),
    collectedAt: isoInstant.describe('When the inventory was collected, a date-time with a zone (`2026-01-15T00:00:00Z`).'),
    node: NodeInfoSchema,
    packages: z.array(PackageSchema).describe('The packages the node has or is offered, each (name, arch) once.'),
    advisories: z.array(AdvisorySchema).default([]).describe('The update notices or patches that `versions[].advisories` refer to; empty on apt.'),
  })
  .strict();
export type Inventory = z.infer<typeof InventorySchema>;
/** What a file or adapter may write before defaults are filled in. */
export type InventoryInput = z.input<typeof InventorySchema>;
