import type {OperatingSystem} from '../../core/ids.js';
import type {BaselineDocument, PatchFilterDocument, PatchRuleDocument} from '../schema.js';

/**
 * The AWS-managed predefined baselines of spec §5, as `aws ssm get-patch-baseline` would
 * print them. DECISION-19: AWS publishes only prose for these, so the rules are
 * reconstructed from the User Guide's descriptions (the Description texts restate them);
 * real get-patch-baseline output can replace any of them as a baseline file. BaselineId is
 * left out on purpose: AWS-owned ids are per-region ARNs that we cannot know offline.
 *
 * They live in TypeScript, not .json files, so the compiled CLI carries them in dist/ and
 * no code reads files relative to its own location.
 */

const filter = (Key: PatchFilterDocument['Key'], ...Values: string[]): PatchFilterDocument => ({Key, Values});

function rule(ApproveAfterDays: number, filters: PatchFilterDocument[], EnableNonSecurity = false): PatchRuleDocument {
  return {
    PatchFilterGroup: {PatchFilters: filters},
    ComplianceLevel: 'UNSPECIFIED',
    ApproveAfterDays,
    EnableNonSecurity,
  };
}

function baseline(Name: string, OperatingSystem: OperatingSystem, Description: string, rules: PatchRuleDocument[]): BaselineDocument {
  return {
    Name,
    OperatingSystem,
    Description,
    GlobalFilters: {PatchFilters: [filter('PRODUCT', '*')]},
    ApprovalRules: {PatchRules: rules},
    ApprovedPatches: [],
    ApprovedPatchesComplianceLevel: 'UNSPECIFIED',
    ApprovedPatchesEnableNonSecurity: false,
    RejectedPatches: [],
    RejectedPatchesAction: 'ALLOW_AS_DEPENDENCY',
    Sources: [],
  };
}

/** R1 Security Critical/Important + R2 Bugfix, both after 7 days (spec §5, most rpm OSs). */
function securityAndBugfix(severities: string[] = ['Critical', 'Important']): PatchRuleDocument[] {
  return [
    rule(7, [filter('CLASSIFICATION', 'Security'), filter('SEVERITY', ...severities)]),
    rule(7, [filter('CLASSIFICATION', 'Bugfix')]),
  ];
}

const rpmDescription = (os: string, severities = '"Critical" or "Important"'): string =>
  `Approves all ${os} operating system patches classified as "Security" with a severity of ${severities}, and all patches classified as "Bugfix", 7 days after they are released.`;

/** Immediately, because apt repositories have no reliable release dates (spec §4.3). */
const aptRules = (): PatchRuleDocument[] => [rule(0, [filter('PRIORITY', 'Required', 'Important', 'Standard', 'Optional', 'Extra')])];
const aptDescription = (os: string): string =>
  `Immediately approves all ${os} operating system security-related patches with a priority of "Required", "Important", "Standard", "Optional" or "Extra". There is no approval delay because the repositories carry no reliable release dates.`;

const windowsOsRule = (): PatchRuleDocument =>
  rule(7, [
    filter('PATCH_SET', 'OS'),
    filter('PRODUCT', '*'),
    filter('CLASSIFICATION', 'CriticalUpdates', 'SecurityUpdates'),
    filter('MSRC_SEVERITY', 'Critical', 'Important'),
  ]);
const windowsOsDescription =
  'Approves all Windows Server operating system patches classified as "CriticalUpdates" or "SecurityUpdates" with an MSRC severity of "Critical" or "Important", 7 days after they are released.';

export const PREDEFINED_DOCUMENTS: readonly BaselineDocument[] = [
  baseline('AWS-AmazonLinuxDefaultPatchBaseline', 'AMAZON_LINUX', rpmDescription('Amazon Linux'), securityAndBugfix()),
  baseline(
    'AWS-AmazonLinux2DefaultPatchBaseline',
    'AMAZON_LINUX_2',
    'Baseline containing all Security and Bugfix updates approved for Amazon Linux 2 instances: "Security" patches with a severity of "Critical" or "Important" and all "Bugfix" patches, 7 days after they are released.',
    securityAndBugfix(),
  ),
  baseline('AWS-AmazonLinux2022DefaultPatchBaseline', 'AMAZON_LINUX_2022', rpmDescription('Amazon Linux 2022'), securityAndBugfix()),
  baseline('AWS-AmazonLinux2023DefaultPatchBaseline', 'AMAZON_LINUX_2023', rpmDescription('Amazon Linux 2023'), securityAndBugfix()),
  baseline('AWS-RedHatDefaultPatchBaseline', 'REDHAT_ENTERPRISE_LINUX', rpmDescription('Red Hat Enterprise Linux'), securityAndBugfix()),
  baseline('AWS-RockyLinuxDefaultPatchBaseline', 'ROCKY_LINUX', rpmDescription('Rocky Linux'), securityAndBugfix()),
  baseline('AWS-AlmaLinuxDefaultPatchBaseline', 'ALMA_LINUX', rpmDescription('AlmaLinux'), securityAndBugfix()),
  baseline(
    'AWS-OracleLinuxDefaultPatchBaseline',
    'ORACLE_LINUX',
    rpmDescription('Oracle Linux', '"Important" or "Moderate"'),
    securityAndBugfix(['Important', 'Moderate']),
  ),
  baseline(
    'AWS-SuseDefaultPatchBaseline',
    'SUSE',
    'Approves all SUSE Linux Enterprise Server operating system patches classified as "Security" with a severity of "Critical" or "Important", 7 days after they are released.',
    [rule(7, [filter('CLASSIFICATION', 'Security'), filter('SEVERITY', 'Critical', 'Important')])],
  ),
  baseline(
    'AWS-CentOSDefaultPatchBaseline',
    'CENTOS',
    'Approves all CentOS updates 7 days after they become available, including nonsecurity updates.',
    [rule(7, [filter('PRODUCT', '*'), filter('CLASSIFICATION', '*'), filter('SEVERITY', '*')], true)],
  ),
  baseline('AWS-UbuntuDefaultPatchBaseline', 'UBUNTU', aptDescription('Ubuntu Server'), aptRules()),
  baseline('AWS-DebianDefaultPatchBaseline', 'DEBIAN', aptDescription('Debian Server'), aptRules()),
  baseline('AWS-DefaultRaspbianPatchBaseline', 'RASPBIAN', aptDescription('Raspberry Pi OS (Raspbian)'), aptRules()),
  baseline(
    'AWS-MacOSDefaultPatchBaseline',
    'MACOS',
    'Approves all macOS operating system patches classified as "Security", and all packages with a current update.',
    // DECISION-20: R2 approves every available update, so the net effect is "everything".
    [rule(0, [filter('CLASSIFICATION', 'Security')]), rule(0, [filter('CLASSIFICATION', '*')], true)],
  ),
  baseline('AWS-DefaultPatchBaseline', 'WINDOWS', windowsOsDescription, [windowsOsRule()]),
  baseline('AWS-WindowsPredefinedPatchBaseline-OS', 'WINDOWS', windowsOsDescription, [windowsOsRule()]),
  baseline(
    'AWS-WindowsPredefinedPatchBaseline-OS-Applications',
    'WINDOWS',
    'For the Windows Server operating system, approves all patches classified as "CriticalUpdates" or "SecurityUpdates" with an MSRC severity of "Critical" or "Important"; for Microsoft applications, approves all patches. Both are approved 7 days after they are released.',
    [
      windowsOsRule(),
      // Spec §5: at most 4 filters per group; "*" filters accept everything, so this is
      // "every Microsoft application update".
      rule(7, [filter('PATCH_SET', 'APPLICATION'), filter('PRODUCT_FAMILY', '*'), filter('PRODUCT', '*'), filter('CLASSIFICATION', '*')]),
    ],
  ),
];
