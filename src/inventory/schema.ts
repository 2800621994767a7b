import {z} from 'zod';

/**
 * The inventory snapshot: everything the engine needs to know about one node, and nothing
 * about how it was collected. Adapters produce it; `--inventory FILE` reads it; the plan
 * file fingerprints it. JSON keys are camelCase (we own this format). The published JSON
 * Schema in docs/ is generated from these schemas (`npm run schema`).
 */

export const OperatingSystemSchema = z.enum([
  'WINDOWS',
  'AMAZON_LINUX',
  'AMAZON_LINUX_2',
  'AMAZON_LINUX_2022',
  'UBUNTU',
  'REDHAT_ENTERPRISE_LINUX',
  'SUSE',
  'CENTOS',
  'ORACLE_LINUX',
  'DEBIAN',
  'MACOS',
  'RASPBIAN',
  'ROCKY_LINUX',
  'ALMA_LINUX',
  'AMAZON_LINUX_2023',
]);
export type OperatingSystem = z.infer<typeof OperatingSystemSchema>;

export const ManagerIdSchema = z.enum(['apt', 'dnf', 'yum', 'zypper', 'macos', 'windows']);
export type ManagerId = z.infer<typeof ManagerIdSchema>;

const isoInstant = z.iso.datetime({offset: true, message: 'must be an ISO 8601 date-time'});
const nonEmpty = z.string().min(1, 'must not be empty');

/**
 * Kernel live patching on Amazon Linux 2 (spec §6.7): what AWS's payload asks the node before it
 * adjusts the kernel's and the livepatches' compliance states (`patch_common/livepatch_utils.py`).
 * Absent = not collected, treated as live patching not in use.
 */
export const KernelLivePatchingSchema = z
  .object({
    /**
     * The kernel-livepatch yum plugin package is installed. (The payload asks
     * `yum list installed kernel-livepatch-*` and takes success as "plugin enabled".)
     */
    pluginInstalled: z.boolean(),
    /** `kpatch.service` is enabled (`systemctl is-enabled kpatch.service` succeeds). */
    serviceEnabled: z.boolean(),
    /** version-release of the running kernel: `uname -r` without the arch (`4.14.165-131.185.amzn2`). */
    runningKernel: nonEmpty,
    /**
     * When the running kernel was built (the date in `uname -v`); live patches are published for a
     * kernel for 3 months after it. Absent = unknown, treated as outside that window.
     */
    runningKernelBuildTime: isoInstant.optional(),
  })
  .strict();
export type KernelLivePatching = z.infer<typeof KernelLivePatchingSchema>;

export const NodeInfoSchema = z
  .object({
    hostname: nonEmpty,
    /** /etc/machine-id (or the platform's equivalent); `apply` refuses plans for another machine. */
    machineId: nonEmpty,
    os: z.object({
      /** os-release ID (`debian`, `ubuntu`, `amzn`, `rhel`, `sles`, …) */
      id: nonEmpty,
      /** os-release VERSION_ID (`12`, `22.04`, `2023`, `9.4`) */
      versionId: z.string(),
      name: z.string(),
    }),
    /** The AWS OperatingSystem this node is, which selects the family semantics. */
    operatingSystem: OperatingSystemSchema,
    /** The AWS PRODUCT property of the node (`Debian12`, `AmazonLinux2023`, `Ubuntu22.04`). */
    product: nonEmpty,
    /** Native architecture name (`amd64`, `x86_64`, `arm64`). */
    arch: nonEmpty,
    manager: ManagerIdSchema,
    /** The root the inventory was collected from (`/` unless `--root`). */
    root: z.string().default('/'),
    /** Whether the OS already says a reboot is pending (reboot-required, needs-restarting). */
    rebootPending: z.boolean().default(false),
    /** AMAZON_LINUX_2 only: kernel live patching status (spec §6.7); absent when not collected. */
    kernelLivePatching: KernelLivePatchingSchema.optional(),
  })
  .strict();
export type NodeInfo = z.infer<typeof NodeInfoSchema>;

/** An apt origin of one version: the Release fields of the index that offers it. */
export const AptOriginSchema = z
  .object({
    /** Release `Suite:` (a=), e.g. `stable-security`, `jammy-security`. */
    archive: z.string(),
    /** Release `Codename:` (n=), e.g. `bookworm-security`. */
    codename: z.string().default(''),
    /** Release `Label:` (l=). */
    label: z.string().default(''),
    /** Release `Origin:` (o=). */
    origin: z.string().default(''),
    /** Host of the repository URI (`security.debian.org`, `deb.debian.org`); empty for file: repos. */
    site: z.string().default(''),
    component: z.string().default(''),
    /** Signed (or marked trusted=yes). AWS counts only trusted origins as security (spec §4.4). */
    trusted: z.boolean(),
  })
  .strict();
export type AptOrigin = z.infer<typeof AptOriginSchema>;

/** Microsoft update metadata (Windows only): one "package" per update. */
export const WindowsUpdateInfoSchema = z
  .object({
    kbId: z.string().regex(/^KB\d+$/, 'must look like KB1234567'),
    msrcNumber: z.string().optional(),
    title: z.string(),
    classification: z.string(),
    msrcSeverity: z.string().optional(),
    products: z.array(z.string()).default([]),
    productFamily: z.string().optional(),
    patchSet: z.enum(['OS', 'APPLICATION']).default('OS'),
    /** Microsoft release date; missing means 1970-01-01 (spec §2.3). */
    releaseDate: isoInstant.optional(),
  })
  .strict();
export type WindowsUpdateInfo = z.infer<typeof WindowsUpdateInfoSchema>;

/** A package that installing some version would also install or upgrade (resolved closure). */
export const DependencySchema = z
  .object({name: nonEmpty, arch: z.string().optional(), version: nonEmpty})
  .strict();
export type Dependency = z.infer<typeof DependencySchema>;

/** One version of a package that the node's repositories (or update catalog) offer. */
export const AvailableVersionSchema = z
  .object({
    /**
     * The full version in the manager's own syntax: dpkg `[epoch:]upstream[-revision]`,
     * rpm `[epoch:]version-release` (epoch omitted when 0), macOS/Homebrew version string,
     * Windows: the update revision.
     */
    version: nonEmpty,
    /** rpm repository id, apt suite, zypper repo alias, macOS source. */
    repository: z.string().optional(),
    /** apt: every index that offers this version. */
    origins: z.array(AptOriginSchema).optional(),
    /** apt: this is apt's own policy candidate (pins considered); python3-apt is upgraded to it (§4.4). */
    candidate: z.boolean().optional(),
    /** apt `Priority:` of this version. */
    priority: z.string().optional(),
    /** apt `Section:` of this version. */
    section: z.string().optional(),
    /** Ids (into `advisories`) of the update notices / patches that list this exact version. */
    advisories: z.array(z.string()).default([]),
    /** rpm build time; yum dates notice-less versions by it (spec §4.1). */
    buildTime: isoInstant.optional(),
    /** macOS: the update is a security / config-data update (DECISION-10). */
    security: z.boolean().optional(),
    /** macOS: `softwareupdate`, `brew`, `brew-cask`. */
    source: z.string().optional(),
    /** Windows: the update's catalog metadata. */
    windows: WindowsUpdateInfoSchema.optional(),
    /** What else installing this version pulls in (exact versions), when the collector resolved it. */
    requires: z.array(DependencySchema).optional(),
    /** The update asks for a reboot (reboot_suggested, macOS restart action). */
    rebootSuggested: z.boolean().optional(),
  })
  .strict();
export type AvailableVersion = z.infer<typeof AvailableVersionSchema>;

export const PackageSchema = z
  .object({
    name: nonEmpty,
    /** Package architecture (`amd64`, `all`, `x86_64`, `noarch`, …). */
    arch: z.string().default(''),
    /** Installed version in the same syntax as `versions[].version`; null = not installed. */
    installedVersion: z.string().min(1).nullable(),
    /**
     * Every version the repositories offer, in any order. The installed version may be
     * among them (apt evaluates it too; an offered installed version can be "security").
     */
    versions: z.array(AvailableVersionSchema).default([]),
    /**
     * The installed version was changed by a NoReboot install and no reboot has happened since
     * (AWS reports such packages INSTALLED_PENDING_REBOOT, spec §6.4).
     */
    pendingReboot: z.boolean().optional(),
    /**
     * The package manager reports the installation of `installedVersion` as unfinished (dpkg:
     * half-installed, unpacked, half-configured, triggers-awaited, or reinstall-required), in
     * its own words: the files are on disk but the version is not in effect. Apply counts such a
     * package as not at its target.
     */
    unfinished: z.string().min(1).optional(),
  })
  .strict();
export type Package = z.infer<typeof PackageSchema>;

/** One update notice (updateinfo `<update>`), zypper patch, or similar advisory. */
export const AdvisorySchema = z
  .object({
    id: nonEmpty,
    /** Raw notice type / patch category: `security`, `bugfix`, `enhancement`, `recommended`, … */
    type: z.string(),
    /** Raw severity; absent when the notice has no `<severity>` element (matters on dnf, §4.4). */
    severity: z.string().optional(),
    issued: isoInstant.optional(),
    updated: isoInstant.optional(),
    title: z.string().optional(),
    cves: z.array(z.string()).default([]),
    bugzillas: z.array(z.string()).default([]),
    /** `<reference type="self">` ids: dnf approves advisory ids through these (§2.3). */
    selfReferences: z.array(z.string()).default([]),
    repository: z.string().optional(),
    rebootSuggested: z.boolean().default(false),
  })
  .strict();
export type Advisory = z.infer<typeof AdvisorySchema>;

export const InventorySchema = z
  .object({
    schemaVersion: z.literal(1),
    collectedAt: isoInstant,
    node: NodeInfoSchema,
    packages: z.array(PackageSchema),
    advisories: z.array(AdvisorySchema).default([]),
  })
  .strict();
export type Inventory = z.infer<typeof InventorySchema>;
/** What a file or adapter may write before defaults are filled in. */
export type InventoryInput = z.input<typeof InventorySchema>;
