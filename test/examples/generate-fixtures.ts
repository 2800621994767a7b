/**
 * Writes fixtures/examples/E*.json: every worked example of spec/patch-manager.md §8 as data.
 * This file is the source to edit; run `npx vite-node test/examples/generate-fixtures.ts`
 * and commit the regenerated JSON together with it. The JSON files are what the acceptance
 * test (examples.test.ts) reads; they are checked into the repository so that a reviewer can
 * read each example without running anything.
 *
 * Expectations come from the spec only (§8 examples, §6.4 states, §6.6 reason mapping), never
 * from the engine's code.
 */
import {mkdirSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {AdvisorySchema, InventoryInput, PackageSchema} from '../../src/inventory/schema.js';
import type {z} from 'zod';
import {ExampleFixtureSchema, type ExampleFixtureInput} from './fixture-schema.js';

type AdvisoryInput = z.input<typeof AdvisorySchema>;
type PackageInput = z.input<typeof PackageSchema>;
type CaseInput = ExampleFixtureInput['cases'][number];
type ExpectedInput = CaseInput['expected'];
type DecisionInput = ExpectedInput['decisions'][number];
type State = ExpectedInput['states'][string];

const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'examples');
const DEFAULT_NOW = '2025-06-01T00:00:00Z';
/** For examples without release dates: a date well before DEFAULT_NOW (§8 conventions). */
const OLD_DATE = '2025-03-01';

// ---------------------------------------------------------------------------------------------
// Dates

/** `YYYY-MM-DD` → `YYYY-MM-DDT00:00:00Z`; full instants are kept. */
function instant(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : date;
}

// ---------------------------------------------------------------------------------------------
// Nodes

type NodeKey =
  | 'al2'
  | 'al2023'
  | 'rhel7'
  | 'rhel8'
  | 'rhel9'
  | 'centos7'
  | 'centos-stream9'
  | 'ol8'
  | 'sles15.6'
  | 'ubuntu22.04'
  | 'ubuntu24.04'
  | 'debian12'
  | 'debian11';

const NODES: Record<NodeKey, Omit<InventoryInput['node'], 'hostname' | 'machineId'>> = {
  al2: {
    os: {id: 'amzn', versionId: '2', name: 'Amazon Linux'},
    operatingSystem: 'AMAZON_LINUX_2',
    product: 'AmazonLinux2',
    arch: 'x86_64',
    manager: 'yum',
    root: '/',
    rebootPending: false,
  },
  al2023: {
    os: {id: 'amzn', versionId: '2023', name: 'Amazon Linux'},
    operatingSystem: 'AMAZON_LINUX_2023',
    product: 'AmazonLinux2023',
    arch: 'x86_64',
    manager: 'dnf',
    root: '/',
    rebootPending: false,
  },
  rhel7: {
    os: {id: 'rhel', versionId: '7.9', name: 'Red Hat Enterprise Linux Server'},
    operatingSystem: 'REDHAT_ENTERPRISE_LINUX',
    product: 'RedhatEnterpriseLinux7.9',
    arch: 'x86_64',
    manager: 'yum',
    root: '/',
    rebootPending: false,
  },
  rhel8: {
    os: {id: 'rhel', versionId: '8.10', name: 'Red Hat Enterprise Linux'},
    operatingSystem: 'REDHAT_ENTERPRISE_LINUX',
    product: 'RedhatEnterpriseLinux8.10',
    arch: 'x86_64',
    manager: 'dnf',
    root: '/',
    rebootPending: false,
  },
  rhel9: {
    os: {id: 'rhel', versionId: '9.4', name: 'Red Hat Enterprise Linux'},
    operatingSystem: 'REDHAT_ENTERPRISE_LINUX',
    product: 'RedhatEnterpriseLinux9.4',
    arch: 'x86_64',
    manager: 'dnf',
    root: '/',
    rebootPending: false,
  },
  centos7: {
    os: {id: 'centos', versionId: '7', name: 'CentOS Linux'},
    operatingSystem: 'CENTOS',
    product: 'CentOS7.9',
    arch: 'x86_64',
    manager: 'yum',
    root: '/',
    rebootPending: false,
  },
  'centos-stream9': {
    os: {id: 'centos', versionId: '9', name: 'CentOS Stream'},
    operatingSystem: 'CENTOS',
    product: 'CentOSStream9',
    arch: 'x86_64',
    manager: 'dnf',
    root: '/',
    rebootPending: false,
  },
  ol8: {
    os: {id: 'ol', versionId: '8.10', name: 'Oracle Linux Server'},
    operatingSystem: 'ORACLE_LINUX',
    product: 'OracleLinux8.10',
    arch: 'x86_64',
    manager: 'dnf',
    root: '/',
    rebootPending: false,
  },
  'sles15.6': {
    os: {id: 'sles', versionId: '15.6', name: 'SLES'},
    operatingSystem: 'SUSE',
    product: 'Suse15.6',
    arch: 'x86_64',
    manager: 'zypper',
    root: '/',
    rebootPending: false,
  },
  'ubuntu22.04': {
    os: {id: 'ubuntu', versionId: '22.04', name: 'Ubuntu'},
    operatingSystem: 'UBUNTU',
    product: 'Ubuntu22.04',
    arch: 'amd64',
    manager: 'apt',
    root: '/',
    rebootPending: false,
  },
  'ubuntu24.04': {
    os: {id: 'ubuntu', versionId: '24.04', name: 'Ubuntu'},
    operatingSystem: 'UBUNTU',
    product: 'Ubuntu24.04',
    arch: 'amd64',
    manager: 'apt',
    root: '/',
    rebootPending: false,
  },
  debian12: {
    os: {id: 'debian', versionId: '12', name: 'Debian GNU/Linux'},
    operatingSystem: 'DEBIAN',
    product: 'Debian12',
    arch: 'amd64',
    manager: 'apt',
    root: '/',
    rebootPending: false,
  },
  debian11: {
    os: {id: 'debian', versionId: '11', name: 'Debian GNU/Linux'},
    operatingSystem: 'DEBIAN',
    product: 'Debian11',
    arch: 'amd64',
    manager: 'apt',
    root: '/',
    rebootPending: false,
  },
};

function machineId(example: number, caseIndex: number): string {
  return `${'0'.repeat(24)}${example.toString(16).padStart(4, '0')}${caseIndex.toString(16).padStart(4, '0')}`;
}

function inventory(
  ex: number,
  caseIndex: number,
  node: NodeKey,
  now: string,
  packages: PackageInput[],
  advisories: AdvisoryInput[],
): InventoryInput {
  return {
    schemaVersion: 1,
    collectedAt: now,
    node: {
      hostname: `e${String(ex).padStart(2, '0')}-${node.replace(/\./g, '')}`,
      machineId: machineId(ex, caseIndex),
      ...NODES[node],
    },
    packages,
    advisories,
  };
}

// ---------------------------------------------------------------------------------------------
// rpm / zypper packages and notices

interface NoticeOpts {
  /** `issued-only`: no `updated`. */
  issuedOnly?: boolean;
  /** Separate issued date (then `date` is the updated date). */
  issued?: string;
  cves?: string[];
  bugzillas?: string[];
  repository?: string;
}

/**
 * §8 notation `[id, type/severity, date]`: `severity` undefined = `type/-` (no severity element);
 * the string `None` = `type/none`. A single date is both issued and updated; a `self` reference
 * equal to the id.
 */
function notice(id: string, type: string, severity: string | undefined, date: string, opts: NoticeOpts = {}): AdvisoryInput {
  const a: AdvisoryInput = {id, type};
  if (severity !== undefined) a.severity = severity;
  if (opts.issuedOnly === true) {
    a.issued = instant(date);
  } else {
    a.issued = instant(opts.issued ?? date);
    a.updated = instant(date);
  }
  if (opts.cves !== undefined) a.cves = opts.cves;
  if (opts.bugzillas !== undefined) a.bugzillas = opts.bugzillas;
  a.selfReferences = [id];
  if (opts.repository !== undefined) a.repository = opts.repository;
  return a;
}

interface RpmVersion {
  version: string;
  advisories?: string[];
  buildTime?: string;
  requires?: {name: string; arch?: string; version: string}[];
  repository?: string;
}

function rpm(name: string, arch: string, installedVersion: string | null, versions: RpmVersion[]): PackageInput {
  return {
    name,
    arch,
    installedVersion,
    versions: versions.map((v) => {
      const out: NonNullable<PackageInput['versions']>[number] = {
        version: v.version,
        advisories: v.advisories ?? [],
      };
      if (v.repository !== undefined) out.repository = v.repository;
      if (v.buildTime !== undefined) out.buildTime = instant(v.buildTime);
      if (v.requires !== undefined) out.requires = v.requires;
      return out;
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// apt packages

type AptOriginInput = NonNullable<NonNullable<PackageInput['versions']>[number]['origins']>[number];

/** An origin for the suite given in the example (trusted, §8 conventions). */
function origin(suite: string): AptOriginInput {
  const ubuntu = /^(jammy|noble)/.test(suite);
  if (ubuntu) {
    const codename = suite.split('-')[0] ?? suite;
    return {
      archive: suite,
      codename,
      label: 'Ubuntu',
      origin: 'Ubuntu',
      site: suite.endsWith('-security') ? 'security.ubuntu.com' : 'archive.ubuntu.com',
      component: 'main',
      trusted: true,
    };
  }
  if (suite.endsWith('-security')) {
    return {
      archive: suite,
      codename: suite,
      label: 'Debian-Security',
      origin: 'Debian',
      site: 'security.debian.org',
      component: 'main',
      trusted: true,
    };
  }
  return {archive: suite, codename: suite, label: 'Debian', origin: 'Debian', site: 'deb.debian.org', component: 'main', trusted: true};
}

interface AptVersion {
  version: string;
  priority: string;
  section: string;
  suites: string[];
  candidate?: boolean;
}

function apt(name: string, arch: string, installedVersion: string | null, versions: AptVersion[]): PackageInput {
  return {
    name,
    arch,
    installedVersion,
    versions: versions.map((v) => {
      const out: NonNullable<PackageInput['versions']>[number] = {
        version: v.version,
        repository: v.suites[0] ?? '',
        origins: v.suites.map(origin),
        priority: v.priority,
        section: v.section,
        advisories: [],
      };
      if (v.candidate === true) out.candidate = true;
      return out;
    }),
  };
}

/** python3-apt, installed and up to date (nothing offered), so that the §4.4 pre-step has nothing to do. */
function python3AptUpToDate(version: string): PackageInput {
  return apt('python3-apt', 'amd64', version, []);
}
const PY3APT_JAMMY = '2.4.0ubuntu4';
const PY3APT_NOBLE = '2.7.7ubuntu4';
const PY3APT_BOOKWORM = '2.6.0';
const PY3APT_NOTE =
  'python3-apt is installed and nothing newer is offered, so the §4.4 pre-step (PYTHON3_APT_PREREQ) has nothing to upgrade; by §6.6 it gets no decision (no newer version, not named by the baseline) and its state is INSTALLED_OTHER (no version ≥ installed is offered, so none is approved, §6.4).';

// ---------------------------------------------------------------------------------------------
// Baselines (get-patch-baseline output shape)

interface RuleSpec {
  filters: Record<string, string[]>;
  complianceLevel?: string;
  approveAfterDays?: number;
  approveUntilDate?: string;
  enableNonSecurity?: boolean;
}

interface BaselineSpec {
  name: string;
  os: string;
  description: string;
  globalFilters?: Record<string, string[]>;
  rules?: RuleSpec[];
  approved?: string[];
  approvedComplianceLevel?: string;
  approvedEnableNonSecurity?: boolean;
  rejected?: string[];
  rejectedAction?: 'ALLOW_AS_DEPENDENCY' | 'BLOCK';
}

function filters(f: Record<string, string[]> | undefined): {Key: string; Values: string[]}[] {
  return Object.entries(f ?? {}).map(([Key, Values]) => ({Key, Values}));
}

function baselineDocument(ex: number, caseIndex: number, spec: BaselineSpec): Record<string, unknown> {
  const id = (ex * 16 + caseIndex).toString(16).padStart(17, '0');
  return {
    BaselineId: `pb-${id}`,
    Name: spec.name,
    OperatingSystem: spec.os,
    GlobalFilters: {PatchFilters: filters(spec.globalFilters)},
    ApprovalRules: {
      PatchRules: (spec.rules ?? []).map((r) => {
        const rule: Record<string, unknown> = {
          PatchFilterGroup: {PatchFilters: filters(r.filters)},
          ComplianceLevel: r.complianceLevel ?? 'UNSPECIFIED',
        };
        if (r.approveAfterDays !== undefined) rule['ApproveAfterDays'] = r.approveAfterDays;
        if (r.approveUntilDate !== undefined) rule['ApproveUntilDate'] = r.approveUntilDate;
        rule['EnableNonSecurity'] = r.enableNonSecurity ?? false;
        return rule;
      }),
    },
    ApprovedPatches: spec.approved ?? [],
    ApprovedPatchesComplianceLevel: spec.approvedComplianceLevel ?? 'UNSPECIFIED',
    ApprovedPatchesEnableNonSecurity: spec.approvedEnableNonSecurity ?? false,
    RejectedPatches: spec.rejected ?? [],
    RejectedPatchesAction: spec.rejectedAction ?? 'ALLOW_AS_DEPENDENCY',
    PatchGroups: [],
    CreatedDate: 1740787200.123,
    ModifiedDate: 1740787200.123,
    Description: spec.description,
    Sources: [],
  };
}

/** The rules of the predefined rpm baselines (§5), for custom copies. */
const AL_DEFAULT_RULES: RuleSpec[] = [
  {filters: {CLASSIFICATION: ['Security'], SEVERITY: ['Critical', 'Important']}, approveAfterDays: 7},
  {filters: {CLASSIFICATION: ['Bugfix']}, approveAfterDays: 7},
];

// ---------------------------------------------------------------------------------------------
// Expectation helpers (§6.6 label → contract reason code)

const RULE = (n: number): string => `ApprovalRules.PatchRules[${n - 1}]`;

function install(
  name: string,
  arch: string,
  version: string,
  reasonCode: DecisionInput['reasonCode'],
  rule?: string | null,
  extra: Partial<DecisionInput> = {},
): DecisionInput {
  const d: DecisionInput = {name, arch, action: 'install', targetVersion: version, reasonCode};
  if (rule !== undefined) d.rule = rule;
  return {...d, ...extra};
}

function skip(
  name: string,
  arch: string,
  reasonCode: DecisionInput['reasonCode'],
  rule?: string | null,
  extra: Partial<DecisionInput> = {},
): DecisionInput {
  const d: DecisionInput = {name, arch, action: 'skip', targetVersion: null, reasonCode};
  if (rule !== undefined) d.rule = rule;
  return {...d, ...extra};
}

const pending = (name: string, arch: string, rule: string, until: string): DecisionInput =>
  skip(name, arch, 'approval-pending', rule, {detailIncludes: [until]});

const NON_COMPLIANT = {status: 'NON_COMPLIANT', severity: 'INFORMATIONAL'} as const;
const COMPLIANT = {status: 'COMPLIANT', severity: null} as const;

function states(entries: Record<string, State>): Record<string, State> {
  return entries;
}

// ---------------------------------------------------------------------------------------------
// The examples

const fixtures: {file: string; fixture: ExampleFixtureInput}[] = [];

function example(n: number, slug: string, title: string, cases: CaseInput[], notes?: string): void {
  const id = `E${n}`;
  const fixture: ExampleFixtureInput = {example: {id, title}, source: `spec/patch-manager.md §8 ${id}`, cases};
  if (notes !== undefined) fixture.notes = notes;
  fixtures.push({file: `E${String(n).padStart(2, '0')}-${slug}.json`, fixture});
}

// E1 ------------------------------------------------------------------------------------------
function e1Packages(opensslInstalled: string): {packages: PackageInput[]; advisories: AdvisoryInput[]} {
  // The repository offers 1:1.0.2k-24.amzn2.0.7 with its notice, whether or not it is installed.
  const opensslVersions: RpmVersion[] = [
    {version: '1:1.0.2k-24.amzn2.0.7', advisories: ['ALAS2-2025-2001'], repository: 'amzn2-core'},
  ];
  return {
    packages: [
      rpm('openssl-libs', 'x86_64', opensslInstalled, opensslVersions),
      rpm('curl', 'x86_64', '8.3.0-1.amzn2.0.4', [
        {version: '8.3.0-1.amzn2.0.5', advisories: ['ALAS2-2025-2002'], repository: 'amzn2-core'},
      ]),
      rpm('vim-minimal', 'x86_64', '2:9.0.2153-1.amzn2.0.1', [
        {version: '2:9.0.2153-1.amzn2.0.2', advisories: ['ALAS2-2025-2003'], repository: 'amzn2-core'},
      ]),
      rpm('zlib', 'x86_64', '1.2.7-19.amzn2.0.3', []),
    ],
    advisories: [
      notice('ALAS2-2025-2001', 'security', 'Important', '2025-03-01'),
      notice('ALAS2-2025-2002', 'security', 'Medium', '2025-02-01'),
      notice('ALAS2-2025-2003', 'bugfix', 'None', '2025-03-05'),
    ],
  };
}

{
  const now = '2025-03-10T12:00:00Z';
  const {packages, advisories} = e1Packages('1:1.0.2k-24.amzn2.0.6');
  example(1, 'al2-predefined-mixed', 'AL2 predefined baseline, mixed records', [
    {
      name: 'Scan on AMAZON_LINUX_2 with AWS-AmazonLinux2DefaultPatchBaseline',
      baseline: {builtin: 'AWS-AmazonLinux2DefaultPatchBaseline'},
      inventory: inventory(1, 0, 'al2', now, packages, advisories),
      now,
      operation: 'Scan',
      expected: {
        decisions: [
          install('openssl-libs', 'x86_64', '1:1.0.2k-24.amzn2.0.7', 'approval-rule', RULE(1), {
            complianceLevel: 'UNSPECIFIED',
          }),
          skip('curl', 'x86_64', 'not-approved', null),
          pending('vim-minimal', 'x86_64', RULE(2), '2025-03-12T00:00:00Z'),
        ],
        absent: ['zlib'],
        states: states({
          'openssl-libs.x86_64': 'MISSING',
          'curl.x86_64': 'INSTALLED_OTHER',
          'vim-minimal.x86_64': 'INSTALLED_OTHER',
          'zlib.x86_64': 'INSTALLED_OTHER',
        }),
        statesComplete: true,
        node: NON_COMPLIANT,
      },
      notes:
        'vim-minimal state: its only newer version is pending and no notice lists the installed version, so no approved version is known (§6.4 yum) → INSTALLED_OTHER. Node: one MISSING package at level UNSPECIFIED → NON_COMPLIANT, severity floored to INFORMATIONAL (§6.5).',
    },
  ]);
}

// E2 ------------------------------------------------------------------------------------------
{
  const doc = (i: number) =>
    baselineDocument(2, i, {
      name: 'patchplan-E2-approve-after-days-boundary',
      os: 'AMAZON_LINUX_2023',
      description: 'Worked example E2: ApproveAfterDays boundary',
      rules: [{filters: {CLASSIFICATION: ['Security'], SEVERITY: ['Critical']}, approveAfterDays: 7}],
    });
  const pkgs = [
    rpm('sudo', 'x86_64', '1.9.15-1.p5.amzn2023.0.1', [
      {version: '1.9.15-1.p5.amzn2023.0.2', advisories: ['ALAS2023-2025-900'], repository: 'amazonlinux'},
    ]),
  ];
  const adv = [notice('ALAS2023-2025-900', 'security', 'Critical', '2025-03-03T12:00:00Z')];
  const nows = ['2025-03-10T11:59:59Z', '2025-03-10T12:00:00Z', '2025-03-10T12:00:01Z'];
  example(
    2,
    'approve-after-days-boundary',
    'ApproveAfterDays boundary',
    nows.map((now, i): CaseInput => {
      const approved = i === 2;
      const c: CaseInput = {
        name: `now ${now}`,
        baseline: {document: doc(i)},
        inventory: inventory(2, i, 'al2023', now, pkgs, adv),
        now,
        operation: 'Scan',
        expected: {
          decisions: [
            approved
              ? install('sudo', 'x86_64', '1.9.15-1.p5.amzn2023.0.2', 'approval-rule', RULE(1))
              : pending('sudo', 'x86_64', RULE(1), '2025-03-10T12:00:00Z'),
          ],
          absent: [],
          states: {'sudo.x86_64': approved ? 'MISSING' : 'INSTALLED_OTHER'},
          statesComplete: true,
          node: approved ? NON_COMPLIANT : COMPLIANT,
        },
      };
      if (i === 1)
        c.notes = 'DECISION-15 (revised): approved iff R < now − 7 days, strictly; at the boundary instant it is still pending.';
      return c;
    }),
  );
}

// E3 ------------------------------------------------------------------------------------------
{
  const now = '2025-03-10T09:00:01Z';
  example(3, 'approve-after-days-zero', 'ApproveAfterDays 0', [
    {
      name: 'ApproveAfterDays 0, one notice released a second ago, one in the future',
      baseline: {
        document: baselineDocument(3, 0, {
          name: 'patchplan-E3-approve-after-days-zero',
          os: 'AMAZON_LINUX_2023',
          description: 'Worked example E3: ApproveAfterDays 0',
          rules: [{filters: {CLASSIFICATION: ['Security']}, approveAfterDays: 0}],
        }),
      },
      inventory: inventory(
        3,
        0,
        'al2023',
        now,
        [
          rpm('expat', 'x86_64', '2.5.0-1.amzn2023.0.4', [
            {version: '2.5.0-1.amzn2023.0.5', advisories: ['ALAS2023-2025-910'], repository: 'amazonlinux'},
          ]),
          rpm('less', 'x86_64', '633-1.amzn2023.0.1', [
            {version: '633-1.amzn2023.0.2', advisories: ['ALAS2023-2025-911'], repository: 'amazonlinux'},
          ]),
        ],
        [
          notice('ALAS2023-2025-910', 'security', 'Low', '2025-03-10T09:00:00Z'),
          notice('ALAS2023-2025-911', 'security', 'Medium', '2025-03-10T10:00:00Z'),
        ],
      ),
      now,
      operation: 'Scan',
      expected: {
        decisions: [
          install('expat', 'x86_64', '2.5.0-1.amzn2023.0.5', 'approval-rule', RULE(1)),
          pending('less', 'x86_64', RULE(1), '2025-03-10T10:00:00Z'),
        ],
        absent: [],
        states: {'expat.x86_64': 'MISSING', 'less.x86_64': 'INSTALLED_OTHER'},
        statesComplete: true,
        node: NON_COMPLIANT,
      },
    },
  ]);
}

// E4 ------------------------------------------------------------------------------------------
{
  const now = DEFAULT_NOW;
  example(4, 'approve-until-date-boundary', 'ApproveUntilDate boundary', [
    {
      name: 'ApproveUntilDate 2025-02-28 on RHEL 9.4 (dnf, issued date)',
      baseline: {
        document: baselineDocument(4, 0, {
          name: 'patchplan-E4-approve-until-date',
          os: 'REDHAT_ENTERPRISE_LINUX',
          description: 'Worked example E4: ApproveUntilDate boundary',
          rules: [{filters: {CLASSIFICATION: ['Security'], SEVERITY: ['Critical', 'Important']}, approveUntilDate: '2025-02-28'}],
        }),
      },
      inventory: inventory(
        4,
        0,
        'rhel9',
        now,
        [
          rpm('git-core', 'x86_64', '2.43.5-1.el9_4', [
            {version: '2.43.5-2.el9_4', advisories: ['RHSA-2025:1100'], repository: 'rhel-9-for-x86_64-appstream-rpms'},
          ]),
          rpm('libtiff', 'x86_64', '4.4.0-12.el9', [
            {version: '4.4.0-13.el9', advisories: ['RHSA-2025:1200'], repository: 'rhel-9-for-x86_64-appstream-rpms'},
          ]),
        ],
        [
          notice('RHSA-2025:1100', 'security', 'Important', '2025-02-28T23:30:00Z'),
          notice('RHSA-2025:1200', 'security', 'Important', '2025-03-01T00:00:00Z'),
        ],
      ),
      now,
      operation: 'Scan',
      expected: {
        decisions: [
          install('git-core', 'x86_64', '2.43.5-2.el9_4', 'approval-rule', RULE(1)),
          skip('libtiff', 'x86_64', 'approval-cutoff', RULE(1)),
        ],
        absent: [],
        states: {'git-core.x86_64': 'MISSING', 'libtiff.x86_64': 'INSTALLED_OTHER'},
        statesComplete: true,
        node: NON_COMPLIANT,
      },
    },
  ]);
}

// E5 ------------------------------------------------------------------------------------------
{
  const now = '2025-03-10T12:00:00Z';
  const doc = (i: number, os: string) =>
    baselineDocument(5, i, {
      name: 'patchplan-E5-updated-beats-issued',
      os,
      description: 'Worked example E5: updated beats issued (yum), issued only (dnf)',
      rules: [{filters: {CLASSIFICATION: ['Security'], SEVERITY: ['Important']}, approveAfterDays: 7}],
    });
  const pkgs = (repo: string) => [
    rpm('bind-libs', 'x86_64', '32:9.11.4-26.P2.amzn2.13', [
      {version: '32:9.11.4-26.P2.amzn2.14', advisories: ['ALAS2-2025-2010'], repository: repo},
    ]),
    rpm('unzip', 'x86_64', '6.0-57.amzn2.0.1', [
      {version: '6.0-57.amzn2.0.2', advisories: ['ALAS2-2025-2011'], repository: repo},
    ]),
  ];
  const adv = [
    notice('ALAS2-2025-2010', 'security', 'Important', '2025-03-08', {issued: '2025-02-01'}),
    notice('ALAS2-2025-2011', 'security', 'Important', '2025-03-05', {issuedOnly: true}),
  ];
  example(5, 'updated-beats-issued', '`updated` beats `issued`', [
    {
      name: 'AMAZON_LINUX_2 (yum): updated date, issued-only fallback',
      baseline: {document: doc(0, 'AMAZON_LINUX_2')},
      inventory: inventory(5, 0, 'al2', now, pkgs('amzn2-core'), adv),
      now,
      operation: 'Scan',
      expected: {
        decisions: [
          pending('bind-libs', 'x86_64', RULE(1), '2025-03-15T00:00:00Z'),
          pending('unzip', 'x86_64', RULE(1), '2025-03-12T00:00:00Z'),
        ],
        absent: [],
        states: {'bind-libs.x86_64': 'INSTALLED_OTHER', 'unzip.x86_64': 'INSTALLED_OTHER'},
        statesComplete: true,
        node: COMPLIANT,
      },
    },
    {
      name: 'AMAZON_LINUX_2023 (dnf): the same notices are dated by issued',
      baseline: {document: doc(1, 'AMAZON_LINUX_2023')},
      inventory: inventory(5, 1, 'al2023', now, pkgs('amazonlinux'), adv),
      now,
      operation: 'Scan',
      expected: {
        decisions: [
          install('bind-libs', 'x86_64', '32:9.11.4-26.P2.amzn2.14', 'approval-rule', RULE(1)),
          pending('unzip', 'x86_64', RULE(1), '2025-03-12T00:00:00Z'),
        ],
        absent: [],
        states: {'bind-libs.x86_64': 'MISSING', 'unzip.x86_64': 'INSTALLED_OTHER'},
        statesComplete: true,
        node: NON_COMPLIANT,
      },
      notes:
        'The spec states the dnf outcome for bind-libs only (issued 2025-02-01 → approved since 2025-02-08). unzip is kept from the yum case: its notice is issued-only 2025-03-05, so dnf dates it the same way → pending until 2025-03-12 (§4.1). The version strings are kept verbatim from the example ("the same bind-libs notice").',
    },
  ]);
}

// E6 ------------------------------------------------------------------------------------------
{
  const now = '2025-03-10T00:00:00Z';
  const spec = (os: string, approved: string): BaselineSpec => ({
    name: 'patchplan-E6-global-filter-vs-approved-list',
    os,
    description: 'Worked example E6: globally filtered but explicitly approved',
    globalFilters: {CLASSIFICATION: ['Security']},
    rules: [{filters: {CLASSIFICATION: ['Security'], SEVERITY: ['Critical', 'Important']}, approveAfterDays: 0}],
    approved: [approved],
  });
  const pkgs = (dist: 'amzn2023' | 'amzn2', prefix: string) => [
    rpm('chrony', 'x86_64', `4.3-1.${dist}.0.4`, [{version: `4.3-1.${dist}.0.5`, advisories: [`${prefix}-2025-310`]}]),
    rpm('rsyslog', 'x86_64', `8.2204.0-3.${dist}.0.3`, [
      {version: `8.2204.0-3.${dist}.0.4`, advisories: [`${prefix}-2025-311`]},
    ]),
  ];
  const adv = (prefix: string) => [
    notice(`${prefix}-2025-310`, 'bugfix', 'None', '2025-03-01'),
    notice(`${prefix}-2025-311`, 'bugfix', 'None', '2025-03-01'),
  ];
  const GF = 'GlobalFilters.PatchFilters[0]';
  example(6, 'global-filter-vs-approved-list', 'Globally filtered but explicitly approved', [
    {
      name: 'AMAZON_LINUX_2023 (dnf): advisory-ID approval bypasses GlobalFilters',
      baseline: {document: baselineDocument(6, 0, spec('AMAZON_LINUX_2023', 'ALAS2023-2025-310'))},
      inventory: inventory(6, 0, 'al2023', now, pkgs('amzn2023', 'ALAS2023'), adv('ALAS2023')),
      now,
      operation: 'Scan',
      expected: {
        decisions: [
          install('chrony', 'x86_64', '4.3-1.amzn2023.0.5', 'approved-patches', 'ApprovedPatches[0]'),
          skip('rsyslog', 'x86_64', 'global-filter', GF),
        ],
        absent: [],
        states: {'chrony.x86_64': 'MISSING', 'rsyslog.x86_64': 'INSTALLED_OTHER'},
        statesComplete: true,
        node: NON_COMPLIANT,
      },
      notes:
        'chrony passes the dnf security test for the explicit list: bugfix notice with a <severity>None</severity> element (§4.4). dnf approves advisory IDs through the self reference (§2.3).',
    },
    {
      name: 'AMAZON_LINUX_2 (yum): advisory-ID approval is still subject to GlobalFilters',
      baseline: {document: baselineDocument(6, 1, spec('AMAZON_LINUX_2', 'ALAS2-2025-310'))},
      inventory: inventory(6, 1, 'al2', now, pkgs('amzn2', 'ALAS2'), adv('ALAS2')),
      now,
      operation: 'Scan',
      expected: {
        decisions: [skip('chrony', 'x86_64', 'global-filter', GF), skip('rsyslog', 'x86_64', 'global-filter', GF)],
        absent: [],
        states: {'chrony.x86_64': 'INSTALLED_OTHER', 'rsyslog.x86_64': 'INSTALLED_OTHER'},
        statesComplete: true,
        node: COMPLIANT,
      },
      notes: 'Version strings use the amzn2 dist tag; the example only says "with an ALAS2-… notice".',
    },
    {
      name: 'AMAZON_LINUX_2 (yum): a package-spec entry bypasses GlobalFilters',
      baseline: {document: baselineDocument(6, 2, spec('AMAZON_LINUX_2', 'chrony'))},
      inventory: inventory(6, 2, 'al2', now, pkgs('amzn2', 'ALAS2'), adv('ALAS2')),
      now,
      operation: 'Scan',
      expected: {
        decisions: [
          install('chrony', 'x86_64', '4.3-1.amzn2.0.5', 'approved-patches', 'ApprovedPatches[0]'),
          skip('rsyslog', 'x86_64', 'global-filter', GF),
        ],
        absent: [],
        states: {'chrony.x86_64': 'MISSING', 'rsyslog.x86_64': 'INSTALLED_OTHER'},
        statesComplete: true,
        node: NON_COMPLIANT,
      },
      notes:
        'E6 (revised): "an entry chrony (package spec) would bypass them" (§6.1 step 4, yum). The version is in a notice, so it passes the yum security test (§4.4).',
    },
  ]);
}

// E7 ------------------------------------------------------------------------------------------
{
  const now = DEFAULT_NOW;
  example(7, 'approved-and-rejected', 'Approved and rejected: rejection wins', [
    {
      name: 'advisory approved, exact version rejected',
      baseline: {
        document: baselineDocument(7, 0, {
          name: 'patchplan-E7-approved-and-rejected',
          os: 'AMAZON_LINUX_2023',
          description: 'Worked example E7: approved and rejected',
          approved: ['ALAS2023-2025-400'],
          rejected: ['nginx-1:1.24.0-1.amzn2023.0.3.x86_64'],
        }),
      },
      inventory: inventory(
        7,
        0,
        'al2023',
        now,
        [
          rpm('nginx', 'x86_64', '1:1.22.1-1.amzn2023.0.3', [
            {version: '1:1.24.0-1.amzn2023.0.3', advisories: ['ALAS2023-2025-400']},
          ]),
        ],
        [notice('ALAS2023-2025-400', 'security', 'Important', '2025-02-01')],
      ),
      now,
      operation: 'Scan',
      expected: {
        decisions: [skip('nginx', 'x86_64', 'rejected-patches', 'RejectedPatches[0]')],
        absent: [],
        states: {'nginx.x86_64': 'INSTALLED_OTHER'},
        statesComplete: true,
        node: COMPLIANT,
      },
    },
  ]);
}

// E8 ------------------------------------------------------------------------------------------
{
  const now = '2025-03-10T00:00:00Z';
  example(8, 'rejected-version-falls-back', 'Rejecting one version falls back to the next approved one', [
    {
      name: 'highest approved version rejected, next approved one installed',
      baseline: {
        document: baselineDocument(8, 0, {
          name: 'patchplan-E8-reject-falls-back',
          os: 'AMAZON_LINUX_2023',
          description: 'Worked example E8: rejecting one version falls back',
          rules: [{filters: {CLASSIFICATION: ['Security'], SEVERITY: ['Critical', 'Important']}, approveAfterDays: 7}],
          rejected: ['nginx-1.24.0-1.amzn2023.0.4'],
        }),
      },
      inventory: inventory(
        8,
        0,
        'al2023',
        now,
        [
          rpm('nginx', 'x86_64', '1:1.22.1-1.amzn2023.0.3', [
            {version: '1:1.24.0-1.amzn2023.0.2', advisories: ['ALAS2023-2025-401']},
            {version: '1:1.24.0-1.amzn2023.0.4', advisories: ['ALAS2023-2025-402']},
          ]),
        ],
        [
          notice('ALAS2023-2025-401', 'security', 'Important', '2025-01-10'),
          notice('ALAS2023-2025-402', 'security', 'Critical', '2025-02-20'),
        ],
      ),
      now,
      operation: 'Scan',
      expected: {
        decisions: [
          install('nginx', 'x86_64', '1:1.24.0-1.amzn2023.0.2', 'approval-rule', RULE(1), {
            detailIncludes: ['1.24.0-1.amzn2023.0.4'],
            candidateVersion: '1:1.24.0-1.amzn2023.0.4',
            fallbackVersions: [],
          }),
        ],
        absent: [],
        states: {'nginx.x86_64': 'MISSING'},
        statesComplete: true,
        node: NON_COMPLIANT,
      },
      notes:
        'The detail must mention the rejected .0.4 version ("noted in the decision\'s detail"); the substring is written without epoch so either rendering passes. fallbackVersions is empty: the only other approved newer version is rejected.',
    },
  ]);
}

// E9 ------------------------------------------------------------------------------------------
{
  const now = DEFAULT_NOW;
  example(9, 'latest-approved-wins', 'Several approved versions: latest approved wins, newer unapproved ignored', [
    {
      name: 'three newer versions, two approved',
      baseline: {
        document: baselineDocument(9, 0, {
          name: 'patchplan-E9-latest-approved-wins',
          os: 'AMAZON_LINUX_2023',
          description: 'Worked example E9: latest approved wins',
          rules: [{filters: {CLASSIFICATION: ['Security'], SEVERITY: ['Critical', 'Important']}, approveAfterDays: 0}],
        }),
      },
      inventory: inventory(
        9,
        0,
        'al2023',
        now,
        [
          rpm('openssh', 'x86_64', '8.7p1-8.amzn2023.0.7', [
            {version: '8.7p1-8.amzn2023.0.10', advisories: ['ALAS2023-2025-420']},
            {version: '8.7p1-8.amzn2023.0.13', advisories: ['ALAS2023-2025-421']},
            {version: '8.7p1-8.amzn2023.0.14', advisories: ['ALAS2023-2025-422']},
          ]),
        ],
        [
          notice('ALAS2023-2025-420', 'security', 'Important', '2025-01-05'),
          notice('ALAS2023-2025-421', 'security', 'Critical', '2025-02-05'),
          notice('ALAS2023-2025-422', 'security', 'Low', '2025-03-01'),
        ],
      ),
      now,
      operation: 'Scan',
      expected: {
        decisions: [
          install('openssh', 'x86_64', '8.7p1-8.amzn2023.0.13', 'approval-rule', RULE(1), {
            candidateVersion: '8.7p1-8.amzn2023.0.14',
            fallbackVersions: ['8.7p1-8.amzn2023.0.10'],
          }),
        ],
        absent: [],
        states: {'openssh.x86_64': 'MISSING'},
        statesComplete: true,
        node: NON_COMPLIANT,
      },
    },
  ]);
}

// E10 -----------------------------------------------------------------------------------------
{
  const now = '2025-03-10T00:00:00Z';
  const spec = (rejected: string[]): BaselineSpec => ({
    name: 'patchplan-E10-epoch-ordering',
    os: 'REDHAT_ENTERPRISE_LINUX',
    description: 'Worked example E10: epoch ordering and epoch-less specs',
    rules: [{filters: {CLASSIFICATION: ['Security'], SEVERITY: ['Critical', 'Important']}, approveAfterDays: 7}],
    rejected,
  });
  const pkgs = (el: string) => [
    rpm('example-tool', 'x86_64', `5.0-1.${el}`, [{version: `1:4.9-1.${el}`, advisories: ['RHSA-2025:1000']}]),
  ];
  const adv = [notice('RHSA-2025:1000', 'security', 'Important', '2025-02-01')];
  example(
    10,
    'epoch-ordering',
    'Epoch ordering and epoch-less specs',
    [
      {
        name: 'REDHAT_ENTERPRISE_LINUX 7 (yum): full EVR order, epoch 1 beats epoch 0',
        baseline: {document: baselineDocument(10, 0, spec([]))},
        inventory: inventory(10, 0, 'rhel7', now, pkgs('el7'), adv),
        now,
        operation: 'Scan',
        expected: {
          decisions: [install('example-tool', 'x86_64', '1:4.9-1.el7', 'approval-rule', RULE(1))],
          absent: [],
          states: {'example-tool.x86_64': 'MISSING'},
          statesComplete: true,
          node: NON_COMPLIANT,
        },
      },
      {
        name: 'REDHAT_ENTERPRISE_LINUX 7 (yum): an epoch-less rejected spec matches epoch 1',
        baseline: {document: baselineDocument(10, 1, spec(['example-tool-4.9-1.el7.x86_64']))},
        inventory: inventory(10, 1, 'rhel7', now, pkgs('el7'), adv),
        now,
        operation: 'Scan',
        expected: {
          decisions: [skip('example-tool', 'x86_64', 'rejected-patches', 'RejectedPatches[0]')],
          absent: [],
          states: {'example-tool.x86_64': 'INSTALLED_OTHER'},
          statesComplete: true,
          node: COMPLIANT,
        },
        notes: 'State: yum with ALLOW_AS_DEPENDENCY never reports INSTALLED_REJECTED (§6.4); nothing is approved → INSTALLED_OTHER.',
      },
      {
        name: 'REDHAT_ENTERPRISE_LINUX 9 (dnf): patchplan uses full EVR order, detail notes AWS differs',
        baseline: {document: baselineDocument(10, 2, spec([]))},
        inventory: inventory(10, 2, 'rhel9', now, pkgs('el9'), adv),
        now,
        operation: 'Scan',
        expected: {
          decisions: [
            install('example-tool', 'x86_64', '1:4.9-1.el9', 'approval-rule', RULE(1), {
              detailIncludes: ['AWS Patch Manager would'],
            }),
          ],
          absent: [],
          states: {'example-tool.x86_64': 'MISSING'},
          statesComplete: true,
          node: NON_COMPLIANT,
        },
        notes:
          'DECISION-26. The installed version 0:5.0-1 is written without epoch, as the inventory format writes epoch 0 (src/inventory/schema.ts).',
      },
    ],
  );
}

// E11 -----------------------------------------------------------------------------------------
{
  const now = '2025-03-10T00:00:00Z';
  example(11, 'arch-specific-rejection', 'Architecture-specific rejection', [
    {
      name: 'libxslt.i686 rejected, libxslt.x86_64 installed',
      baseline: {
        document: baselineDocument(11, 0, {
          name: 'patchplan-E11-arch-specific-rejection',
          os: 'AMAZON_LINUX_2',
          description: 'Worked example E11: custom copy of the AL2 default rules with an arch-specific rejection',
          rules: AL_DEFAULT_RULES,
          rejected: ['libxslt.i686'],
        }),
      },
      inventory: inventory(
        11,
        0,
        'al2',
        now,
        [
          rpm('libxslt', 'x86_64', '1.1.28-6.amzn2', [{version: '1.1.28-7.amzn2', advisories: ['ALAS2-2025-2100']}]),
          rpm('libxslt', 'i686', '1.1.28-6.amzn2', [{version: '1.1.28-7.amzn2', advisories: ['ALAS2-2025-2100']}]),
        ],
        [notice('ALAS2-2025-2100', 'security', 'Critical', '2025-02-01')],
      ),
      now,
      operation: 'Scan',
      expected: {
        decisions: [
          install('libxslt', 'x86_64', '1.1.28-7.amzn2', 'approval-rule', RULE(1)),
          skip('libxslt', 'i686', 'rejected-patches', 'RejectedPatches[0]'),
        ],
        absent: [],
        states: {'libxslt.x86_64': 'MISSING', 'libxslt.i686': 'INSTALLED_OTHER'},
        statesComplete: true,
        node: NON_COMPLIANT,
      },
    },
  ]);
}

// E12 / E13 -----------------------------------------------------------------------------------
function dbusCase(ex: number, enableNonSecurity: boolean): CaseInput {
  const now = '2025-03-10T00:00:00Z';
  return {
    name: `ApprovedPatches ["dbus*"], ApprovedPatchesEnableNonSecurity ${String(enableNonSecurity)}`,
    baseline: {
      document: baselineDocument(ex, 0, {
        name: `patchplan-E${ex}-wildcard-approval`,
        os: 'AMAZON_LINUX_2023',
        description: `Worked example E${ex}: wildcard approval and the security gate`,
        approved: ['dbus*'],
        approvedEnableNonSecurity: enableNonSecurity,
      }),
    },
    inventory: inventory(
      ex,
      0,
      'al2023',
      now,
      [
        rpm('dbus', 'x86_64', '1:1.12.28-1.amzn2023.0.1', [
          {version: '1:1.12.28-1.amzn2023.0.2', advisories: ['ALAS2023-2025-500']},
        ]),
        rpm('dbus-tools', 'x86_64', '1:1.12.28-1.amzn2023.0.1', [
          {version: '1:1.12.28-1.amzn2023.0.2', advisories: ['ALAS2023-2025-500']},
        ]),
        rpm('dbus-broker', 'x86_64', '32-1.amzn2023.0.1', [{version: '33-1.amzn2023.0.1'}]),
      ],
      [notice('ALAS2023-2025-500', 'security', 'Low', '2025-03-09')],
    ),
    now,
    operation: 'Scan',
    expected: {
      decisions: [
        install('dbus', 'x86_64', '1:1.12.28-1.amzn2023.0.2', 'approved-patches', 'ApprovedPatches[0]'),
        install('dbus-tools', 'x86_64', '1:1.12.28-1.amzn2023.0.2', 'approved-patches', 'ApprovedPatches[0]'),
        enableNonSecurity
          ? install('dbus-broker', 'x86_64', '33-1.amzn2023.0.1', 'approved-patches', 'ApprovedPatches[0]')
          : skip('dbus-broker', 'x86_64', 'not-security-repo'),
      ],
      absent: [],
      states: {
        'dbus.x86_64': 'MISSING',
        'dbus-tools.x86_64': 'MISSING',
        'dbus-broker.x86_64': enableNonSecurity ? 'MISSING' : 'INSTALLED_OTHER',
      },
      statesComplete: true,
      node: NON_COMPLIANT,
    },
    notes: enableNonSecurity
      ? 'E13: with ApprovedPatchesEnableNonSecurity true the notice-less dbus-broker version is approved by the list.'
      : 'dbus-broker: SKIP_NOT_SECURITY caused by the ApprovedPatches entry (ApprovedPatchesEnableNonSecurity false); §6.6 gives no JSON path for that case (it names "the rule whose EnableNonSecurity is false"), so reason.rule is not asserted.',
  };
}
example(12, 'wildcard-approval-security-gate', 'Wildcard approval plus the security gate', [dbusCase(12, false)]);
example(13, 'wildcard-approval-enable-non-security', 'Same as E12 with ApprovedPatchesEnableNonSecurity: true', [
  dbusCase(13, true),
]);

// E14 -----------------------------------------------------------------------------------------
{
  const now = DEFAULT_NOW;
  example(14, 'cve-id-approval', 'CVE ID in ApprovedPatches', [
    {
      name: 'ApprovedPatches ["CVE-2025-24928"]',
      baseline: {
        document: baselineDocument(14, 0, {
          name: 'patchplan-E14-cve-approval',
          os: 'AMAZON_LINUX_2023',
          description: 'Worked example E14: CVE ID in ApprovedPatches',
          approved: ['CVE-2025-24928'],
        }),
      },
      inventory: inventory(
        14,
        0,
        'al2023',
        now,
        [
          rpm('libxml2', 'x86_64', '2.10.4-1.amzn2023.0.6', [
            {version: '2.10.4-1.amzn2023.0.9', advisories: ['ALAS2023-2025-838']},
          ]),
          rpm('python3-lxml', 'x86_64', '4.9.2-1.amzn2023.0.2', [
            {version: '4.9.2-1.amzn2023.0.3', advisories: ['ALAS2023-2025-839']},
          ]),
        ],
        [
          notice('ALAS2023-2025-838', 'security', 'Important', OLD_DATE, {cves: ['CVE-2025-24928']}),
          notice('ALAS2023-2025-839', 'security', 'Important', OLD_DATE, {cves: ['CVE-2025-11111']}),
        ],
      ),
      now,
      operation: 'Scan',
      expected: {
        decisions: [
          install('libxml2', 'x86_64', '2.10.4-1.amzn2023.0.9', 'approved-patches', 'ApprovedPatches[0]'),
          skip('python3-lxml', 'x86_64', 'not-approved', null),
        ],
        absent: [],
        states: {'libxml2.x86_64': 'MISSING', 'python3-lxml.x86_64': 'INSTALLED_OTHER'},
        statesComplete: true,
        node: NON_COMPLIANT,
      },
    },
  ]);
}

// E15 -----------------------------------------------------------------------------------------
{
  const now = DEFAULT_NOW;
  example(15, 'bugzilla-id-approval', 'Digits-only entry is a Bugzilla ID', [
    {
      name: 'ApprovedPatches ["2211567"] on RHEL 8 (dnf)',
      baseline: {
        document: baselineDocument(15, 0, {
          name: 'patchplan-E15-bugzilla-approval',
          os: 'REDHAT_ENTERPRISE_LINUX',
          description: 'Worked example E15: digits-only entry is a Bugzilla ID',
          approved: ['2211567'],
        }),
      },
      inventory: inventory(
        15,
        0,
        'rhel8',
        now,
        [
          rpm('tzdata', 'noarch', '2024b-1.el8', [
            {version: '2025a-1.el8', advisories: ['RHBA-2025:1300'], repository: 'rhel-8-for-x86_64-baseos-rpms'},
          ]),
        ],
        [notice('RHBA-2025:1300', 'bugfix', 'None', OLD_DATE, {bugzillas: ['2211567']})],
      ),
      now,
      operation: 'Scan',
      expected: {
        decisions: [install('tzdata', 'noarch', '2025a-1.el8', 'approved-patches', 'ApprovedPatches[0]')],
        absent: [],
        states: {'tzdata.noarch': 'MISSING'},
        statesComplete: true,
        node: NON_COMPLIANT,
      },
      notes:
        'bugfix/none: the notice has <severity>None</severity>, so on dnf the version counts as security and passes the explicit list gate (ApprovedPatchesEnableNonSecurity false, §4.4).',
    },
  ]);
}

// E16 / E17 -----------------------------------------------------------------------------------
{
  const now = '2025-03-10T12:00:00Z';
  const pkgs = (el: string) => [
    rpm('bash', 'x86_64', `4.2.46-34.${el}`, [{version: `4.2.46-35.${el}`, buildTime: '2025-03-01T08:00:00Z'}]),
    rpm('curl', 'x86_64', `7.29.0-59.${el}`, [{version: `7.29.0-60.${el}`, buildTime: '2025-03-05T00:00:00Z'}]),
  ];
  example(16, 'centos-build-time-delay', 'CentOS predefined baseline: no updateinfo, build-time delay', [
    {
      name: 'CentOS 7.9 (yum): notice-less versions dated by build time',
      baseline: {builtin: 'AWS-CentOSDefaultPatchBaseline'},
      inventory: inventory(16, 0, 'centos7', now, pkgs('el7'), []),
      now,
      operation: 'Scan',
      expected: {
        decisions: [
          install('bash', 'x86_64', '4.2.46-35.el7', 'approval-rule', RULE(1)),
          pending('curl', 'x86_64', RULE(1), '2025-03-12T00:00:00Z'),
        ],
        absent: [],
        states: {'bash.x86_64': 'MISSING'},
        statesComplete: false,
        node: NON_COMPLIANT,
      },
      notes:
        "curl's state is left open: its newer version is pending, and whether yum counts the installed 7.29.0-59.el7 itself as an approved (notice-less, EnableNonSecurity) record is not said by the spec (§6.1 step 1 lists notice and repository versions; the inventory does not offer the installed version). INSTALLED or INSTALLED_OTHER are both compliant, so the node result is unaffected.",
    },
    {
      name: 'CentOS Stream 9 (dnf): notice-less versions have no date, approved at once',
      baseline: {builtin: 'AWS-CentOSDefaultPatchBaseline'},
      inventory: inventory(16, 1, 'centos-stream9', now, pkgs('el9'), []),
      now,
      operation: 'Scan',
      expected: {
        decisions: [
          install('bash', 'x86_64', '4.2.46-35.el9', 'approval-rule', RULE(1)),
          install('curl', 'x86_64', '7.29.0-60.el9', 'approval-rule', RULE(1)),
        ],
        absent: [],
        states: {'bash.x86_64': 'MISSING', 'curl.x86_64': 'MISSING'},
        statesComplete: true,
        node: NON_COMPLIANT,
      },
      notes:
        'The inventory keeps the build times of the CentOS 7 case: dnf has no build-time fallback (DECISION-14), so they must not delay approval. Version strings use the el9 dist tag ("same situation").',
    },
  ]);
  example(17, 'unknown-build-time', 'Unknown build time means no delay', [
    {
      name: 'CentOS 7 (yum): version without build time',
      baseline: {builtin: 'AWS-CentOSDefaultPatchBaseline'},
      inventory: inventory(17, 0, 'centos7', now, [rpm('jq', 'x86_64', '1.6-1.el7', [{version: '1.6-2.el7'}])], []),
      now,
      operation: 'Scan',
      expected: {
        decisions: [install('jq', 'x86_64', '1.6-2.el7', 'approval-rule', RULE(1))],
        absent: [],
        states: {'jq.x86_64': 'MISSING'},
        statesComplete: true,
        node: NON_COMPLIANT,
      },
      notes: 'now as in E16 (2025-03-10T12:00:00Z); unknown build time ⇒ 1970-01-01 (§4.1).',
    },
  ]);
}

// E18 -----------------------------------------------------------------------------------------
{
  const now = DEFAULT_NOW;
  example(18, 'rhel-security-stops-at-notice', 'Security-only rule on RHEL stops at the notice version', [
    {
      name: 'RHEL 9 (dnf), security rule, notice-less newer versions',
      baseline: {
        document: baselineDocument(18, 0, {
          name: 'patchplan-E18-security-only',
          os: 'REDHAT_ENTERPRISE_LINUX',
          description: 'Worked example E18: security-only rule on RHEL',
          rules: [{filters: {CLASSIFICATION: ['Security'], SEVERITY: ['Critical', 'Important']}, approveAfterDays: 0}],
        }),
      },
      inventory: inventory(
        18,
        0,
        'rhel9',
        now,
        [
          rpm('openssl', 'x86_64', '1:3.0.7-27.el9', [
            {version: '1:3.0.7-28.el9', advisories: ['RHSA-2025:2000'], repository: 'rhel-9-for-x86_64-baseos-rpms'},
            {version: '1:3.0.7-29.el9', repository: 'rhel-9-for-x86_64-baseos-rpms'},
          ]),
          rpm('htop', 'x86_64', '3.2.1-1.el9', [{version: '3.3.0-1.el9', repository: 'epel'}]),
        ],
        [notice('RHSA-2025:2000', 'security', 'Important', '2025-02-01')],
      ),
      now,
      operation: 'Scan',
      expected: {
        decisions: [
          install('openssl', 'x86_64', '1:3.0.7-28.el9', 'approval-rule', RULE(1), {candidateVersion: '1:3.0.7-29.el9'}),
          skip('htop', 'x86_64', 'not-security-repo', RULE(1)),
        ],
        absent: [],
        states: {'openssl.x86_64': 'MISSING', 'htop.x86_64': 'INSTALLED_OTHER'},
        statesComplete: true,
        node: NON_COMPLIANT,
      },
      notes:
        'htop: SKIP_NOT_SECURITY → not-security-repo with reason.rule = the rule whose EnableNonSecurity is false (§6.6), the only rule. openssl -29 being SKIP_NOT_SECURITY is not a separate decision (one decision per package, §6.6).',
    },
  ]);
}

// E19 / E20 / E21 / E36 (Ubuntu 22.04) --------------------------------------------------------
{
  const now = DEFAULT_NOW;
  example(19, 'ubuntu-security-both-pockets', 'Ubuntu: security fix published to both pockets', [
    {
      name: 'Ubuntu 22.04, AWS-UbuntuDefaultPatchBaseline',
      baseline: {builtin: 'AWS-UbuntuDefaultPatchBaseline'},
      inventory: inventory(
        19,
        0,
        'ubuntu22.04',
        now,
        [
          apt('openssl', 'amd64', '3.0.2-0ubuntu1.17', [
            {
              version: '3.0.2-0ubuntu1.18',
              priority: 'optional',
              section: 'utils',
              suites: ['jammy-security', 'jammy-updates'],
              candidate: true,
            },
          ]),
          python3AptUpToDate(PY3APT_JAMMY),
        ],
        [],
      ),
      now,
      operation: 'Scan',
      expected: {
        decisions: [install('openssl', 'amd64', '3.0.2-0ubuntu1.18', 'approval-rule', RULE(1))],
        absent: ['python3-apt'],
        states: {'openssl.amd64': 'MISSING', 'python3-apt.amd64': 'INSTALLED_OTHER'},
        statesComplete: true,
        node: NON_COMPLIANT,
      },
      notes: PY3APT_NOTE,
    },
  ]);

  const tzdata = apt('tzdata', 'all', '2024a-0ubuntu0.22.04', [
    {
      version: '2025a-0ubuntu0.22.04',
      priority: 'required',
      section: 'localization',
      suites: ['jammy-updates'],
      candidate: true,
    },
  ]);
  example(20, 'ubuntu-newest-only-in-updates', 'Ubuntu: newest version only in -updates', [
    {
      name: 'Ubuntu 22.04, AWS-UbuntuDefaultPatchBaseline',
      baseline: {builtin: 'AWS-UbuntuDefaultPatchBaseline'},
      inventory: inventory(
        20,
        0,
        'ubuntu22.04',
        now,
        [
          apt('libc6', 'amd64', '2.35-0ubuntu3.7', [
            {version: '2.35-0ubuntu3.8', priority: 'required', section: 'libs', suites: ['jammy-security', 'jammy-updates']},
            {version: '2.35-0ubuntu3.9', priority: 'required', section: 'libs', suites: ['jammy-updates'], candidate: true},
          ]),
          tzdata,
          python3AptUpToDate(PY3APT_JAMMY),
        ],
        [],
      ),
      now,
      operation: 'Scan',
      expected: {
        decisions: [
          install('libc6', 'amd64', '2.35-0ubuntu3.8', 'approval-rule', RULE(1), {
            candidateVersion: '2.35-0ubuntu3.9',
            fallbackVersions: [],
          }),
          skip('tzdata', 'all', 'not-security-repo', RULE(1)),
        ],
        absent: ['python3-apt'],
        states: {'libc6.amd64': 'MISSING', 'tzdata.all': 'INSTALLED_OTHER', 'python3-apt.amd64': 'INSTALLED_OTHER'},
        statesComplete: true,
        node: NON_COMPLIANT,
      },
      notes: `tzdata is Architecture: all. tzdata's not-security-repo cites the predefined rule (EnableNonSecurity false, §5). ${PY3APT_NOTE}`,
    },
  ]);

  const e21 = (i: number, ens: boolean): CaseInput => ({
    name: `ApprovedPatches ["tzdata"], ApprovedPatchesEnableNonSecurity ${String(ens)}`,
    baseline: {
      document: baselineDocument(21, i, {
        name: 'patchplan-E21-ubuntu-explicit-approval',
        os: 'UBUNTU',
        description: 'Worked example E21: Ubuntu explicit approval and ApprovedPatchesEnableNonSecurity',
        approved: ['tzdata'],
        approvedEnableNonSecurity: ens,
      }),
    },
    inventory: inventory(21, i, 'ubuntu22.04', now, [tzdata, python3AptUpToDate(PY3APT_JAMMY)], []),
    now,
    operation: 'Scan',
    expected: {
      decisions: [
        ens
          ? install('tzdata', 'all', '2025a-0ubuntu0.22.04', 'approved-patches', 'ApprovedPatches[0]')
          : skip('tzdata', 'all', 'not-security-repo'),
      ],
      absent: ['python3-apt'],
      states: {'tzdata.all': ens ? 'MISSING' : 'INSTALLED_OTHER', 'python3-apt.amd64': 'INSTALLED_OTHER'},
      statesComplete: true,
      node: ens ? NON_COMPLIANT : COMPLIANT,
    },
    notes: ens
      ? PY3APT_NOTE
      : `Not-security through the ApprovedPatches entry: §6.6 gives no JSON path for that case, so reason.rule is not asserted. ${PY3APT_NOTE}`,
  });
  example(21, 'ubuntu-explicit-approval', 'Ubuntu explicit approval and ApprovedPatchesEnableNonSecurity', [
    e21(0, false),
    e21(1, true),
  ]);

  example(36, 'apt-dpkg-order', "apt: dpkg order picks the target (AWS's string order differs)", [
    {
      name: 'Ubuntu 22.04, two security versions 3.9 and 3.10',
      baseline: {builtin: 'AWS-UbuntuDefaultPatchBaseline'},
      inventory: inventory(
        36,
        0,
        'ubuntu22.04',
        now,
        [
          apt('libfoo1', 'amd64', '1.2-0ubuntu3.8', [
            {version: '1.2-0ubuntu3.9', priority: 'optional', section: 'libs', suites: ['jammy-security']},
            {version: '1.2-0ubuntu3.10', priority: 'optional', section: 'libs', suites: ['jammy-security'], candidate: true},
          ]),
          python3AptUpToDate(PY3APT_JAMMY),
        ],
        [],
      ),
      now,
      operation: 'Scan',
      expected: {
        decisions: [
          install('libfoo1', 'amd64', '1.2-0ubuntu3.10', 'approval-rule', RULE(1), {
            detailIncludes: ['AWS Patch Manager would', '1.2-0ubuntu3.9'],
            fallbackVersions: ['1.2-0ubuntu3.9'],
          }),
        ],
        absent: ['python3-apt'],
        states: {'libfoo1.amd64': 'MISSING', 'python3-apt.amd64': 'INSTALLED_OTHER'},
        statesComplete: true,
        node: NON_COMPLIANT,
      },
      notes: `The example gives no cand; 1.2-0ubuntu3.10 is the newest offered, so it is marked as apt's candidate. ${PY3APT_NOTE}`,
    },
  ]);
}

// E22 -----------------------------------------------------------------------------------------
{
  const now = DEFAULT_NOW;
  example(22, 'debian-priority-security-test', 'Debian PRIORITY filter and the security test', [
    {
      name: 'Debian 12, rule PRIORITY=[Required, Important]',
      baseline: {
        document: baselineDocument(22, 0, {
          name: 'patchplan-E22-debian-priority',
          os: 'DEBIAN',
          description: 'Worked example E22: Debian PRIORITY filter and the security test',
          rules: [{filters: {PRIORITY: ['Required', 'Important']}}],
        }),
      },
      inventory: inventory(
        22,
        0,
        'debian12',
        now,
        [
          apt('bash', 'amd64', '5.2.15-2+b7', [
            {version: '5.2.15-2+b8', priority: 'required', section: 'shells', suites: ['bookworm-security'], candidate: true},
          ]),
          apt('vim', 'amd64', '2:9.0.1378-2', [
            {
              version: '2:9.0.1378-2+deb12u1',
              priority: 'optional',
              section: 'editors',
              suites: ['bookworm-security'],
              candidate: true,
            },
          ]),
          apt('curl', 'amd64', '7.88.1-10+deb12u8', [
            {version: '7.88.1-10+deb12u12', priority: 'important', section: 'web', suites: ['bookworm'], candidate: true},
          ]),
          python3AptUpToDate(PY3APT_BOOKWORM),
        ],
        [],
      ),
      now,
      operation: 'Scan',
      expected: {
        decisions: [
          install('bash', 'amd64', '5.2.15-2+b8', 'approval-rule', RULE(1)),
          skip('vim', 'amd64', 'not-approved', null),
          skip('curl', 'amd64', 'not-security-repo', RULE(1)),
        ],
        absent: ['python3-apt'],
        states: {
          'bash.amd64': 'MISSING',
          'vim.amd64': 'INSTALLED_OTHER',
          'curl.amd64': 'INSTALLED_OTHER',
          'python3-apt.amd64': 'INSTALLED_OTHER',
        },
        statesComplete: true,
        node: NON_COMPLIANT,
      },
      notes: `curl's version comes from the bookworm point-release suite on deb.debian.org (archive "bookworm", not a security origin). The rule has no ApproveAfterDays/ApproveUntilDate: both are not supported on apt (§1.4). ${PY3APT_NOTE}`,
    },
  ]);
}

// E23 -----------------------------------------------------------------------------------------
{
  const now = DEFAULT_NOW;
  const spec = (i: number) =>
    baselineDocument(23, i, {
      name: 'patchplan-E23-debian-section-product',
      os: 'DEBIAN',
      description: 'Worked example E23: Debian SECTION filter and PRODUCT global filter',
      globalFilters: {PRODUCT: ['Debian12']},
      rules: [{filters: {PRIORITY: ['*'], SECTION: ['net']}}],
    });
  const pkgs = [
    apt('openssh-client', 'amd64', '1:9.2p1-2+deb12u3', [
      {version: '1:9.2p1-2+deb12u5', priority: 'standard', section: 'net', suites: ['bookworm-security'], candidate: true},
    ]),
    apt('libssl3', 'amd64', '3.0.15-1~deb12u1', [
      {version: '3.0.16-1~deb12u1', priority: 'optional', section: 'libs', suites: ['bookworm-security'], candidate: true},
    ]),
    python3AptUpToDate(PY3APT_BOOKWORM),
  ];
  const GF = 'GlobalFilters.PatchFilters[0]';
  example(23, 'debian-section-product-filter', 'Debian SECTION filter and PRODUCT global filter', [
    {
      name: 'node product Debian12',
      baseline: {document: spec(0)},
      inventory: inventory(23, 0, 'debian12', now, pkgs, []),
      now,
      operation: 'Scan',
      expected: {
        decisions: [
          install('openssh-client', 'amd64', '1:9.2p1-2+deb12u5', 'approval-rule', RULE(1)),
          skip('libssl3', 'amd64', 'not-approved', null),
        ],
        absent: ['python3-apt'],
        states: {
          'openssh-client.amd64': 'MISSING',
          'libssl3.amd64': 'INSTALLED_OTHER',
          'python3-apt.amd64': 'INSTALLED_OTHER',
        },
        statesComplete: true,
        node: NON_COMPLIANT,
      },
      notes: PY3APT_NOTE,
    },
    {
      name: 'node product Debian11',
      baseline: {document: spec(1)},
      inventory: inventory(23, 1, 'debian11', now, pkgs, []),
      now,
      operation: 'Scan',
      expected: {
        decisions: [skip('openssh-client', 'amd64', 'global-filter', GF), skip('libssl3', 'amd64', 'global-filter', GF)],
        absent: ['python3-apt'],
        states: {
          'openssh-client.amd64': 'INSTALLED_OTHER',
          'libssl3.amd64': 'INSTALLED_OTHER',
          'python3-apt.amd64': 'INSTALLED_OTHER',
        },
        statesComplete: true,
        node: COMPLIANT,
      },
      notes: `"Same packages on a Debian11 node": the package versions and origins are copied unchanged; only the node differs. ${PY3APT_NOTE}`,
    },
  ]);
}

// E24 -----------------------------------------------------------------------------------------
{
  const now = DEFAULT_NOW;
  example(24, 'apt-ignores-approve-after-days', 'apt ignores ApproveAfterDays', [
    {
      name: 'Ubuntu 24.04, rule PRIORITY=[*] with ApproveAfterDays 7',
      baseline: {
        document: baselineDocument(24, 0, {
          name: 'patchplan-E24-apt-approve-after-days',
          os: 'UBUNTU',
          description: 'Worked example E24: apt ignores ApproveAfterDays',
          rules: [{filters: {PRIORITY: ['*']}, approveAfterDays: 7}],
        }),
      },
      inventory: inventory(
        24,
        0,
        'ubuntu24.04',
        now,
        [
          apt('sudo', 'amd64', '1.9.15p5-3ubuntu5', [
            {
              version: '1.9.15p5-3ubuntu5.24.04.1',
              priority: 'optional',
              section: 'admin',
              suites: ['noble-security', 'noble-updates'],
              candidate: true,
            },
          ]),
          python3AptUpToDate(PY3APT_NOBLE),
        ],
        [],
      ),
      now,
      operation: 'Scan',
      expected: {
        decisions: [install('sudo', 'amd64', '1.9.15p5-3ubuntu5.24.04.1', 'approval-rule', RULE(1))],
        absent: ['python3-apt'],
        states: {'sudo.amd64': 'MISSING', 'python3-apt.amd64': 'INSTALLED_OTHER'},
        statesComplete: true,
        node: NON_COMPLIANT,
        baselineWarningPaths: ['ApprovalRules.PatchRules[0]'],
      },
      notes: `apt repositories carry no dates, so "now = the day the update appeared" is just the default instant. The "(validation warning)" is asserted as a parseBaseline warning whose path starts with ApprovalRules.PatchRules[0] (DECISION-7). ${PY3APT_NOTE}`,
    },
  ]);
}

// E25 / E26 -----------------------------------------------------------------------------------
function curlMinimalInventory(ex: number, i: number, node: 'al2023' | 'al2', now: string): InventoryInput {
  const dist = node === 'al2023' ? 'amzn2023' : 'amzn2';
  const id = node === 'al2023' ? 'ALAS2023-2025-600' : 'ALAS2-2025-600';
  const v = (n: number) => `8.5.0-1.${dist}.0.${n}`;
  return inventory(
    ex,
    i,
    node,
    now,
    [
      rpm('curl-minimal', 'x86_64', v(2), [
        {version: v(4), advisories: [id], requires: [{name: 'libcurl-minimal', arch: 'x86_64', version: v(4)}]},
      ]),
      rpm('libcurl-minimal', 'x86_64', v(2), [{version: v(4), advisories: [id]}]),
    ],
    [notice(id, 'security', 'Important', OLD_DATE)],
  );
}
function curlMinimalBaseline(
  ex: number,
  i: number,
  os: string,
  rejected: string,
  action: 'ALLOW_AS_DEPENDENCY' | 'BLOCK',
): Record<string, unknown> {
  return baselineDocument(ex, i, {
    name: `patchplan-E${ex}-rejected-dependency`,
    os,
    description: `Worked example E${ex}: rejected package needed as a dependency (${action})`,
    rules: [{filters: {CLASSIFICATION: ['Security'], SEVERITY: ['Critical', 'Important']}, approveAfterDays: 0}],
    rejected: [rejected],
    rejectedAction: action,
  });
}
{
  const now = DEFAULT_NOW;
  const APPLY_NOTE =
    'The engine has no RebootOption (EvaluateOptions); reboot and the post-install states belong to apply. Expected states are those a Scan would report now, before installing (Decision.state, src/engine/types.ts).';
  example(25, 'rejected-dependency-allow', 'Rejected package pulled in as a dependency (ALLOW_AS_DEPENDENCY)', [
    {
      name: 'AMAZON_LINUX_2023 (dnf), Install',
      baseline: {document: curlMinimalBaseline(25, 0, 'AMAZON_LINUX_2023', 'libcurl-minimal', 'ALLOW_AS_DEPENDENCY')},
      inventory: curlMinimalInventory(25, 0, 'al2023', now),
      now,
      operation: 'Install',
      expected: {
        decisions: [
          install('curl-minimal', 'x86_64', '8.5.0-1.amzn2023.0.4', 'approval-rule', RULE(1)),
          install('libcurl-minimal', 'x86_64', '8.5.0-1.amzn2023.0.4', 'dependency'),
        ],
        absent: [],
        states: {'curl-minimal.x86_64': 'MISSING', 'libcurl-minimal.x86_64': 'INSTALLED_REJECTED'},
        statesComplete: true,
        node: NON_COMPLIANT,
      },
      notes: `${APPLY_NOTE} Today: curl-minimal has an approved target (MISSING); libcurl-minimal's installed version matches the bare-name entry and its only newer version is rejected, so nothing is approved for it and dnf reports INSTALLED_REJECTED under either action (§6.4). After the install (apply, not asserted here): curl-minimal INSTALLED_OTHER, libcurl-minimal INSTALLED_REJECTED, node NON_COMPLIANT/INFORMATIONAL, reboot happens. reason.rule of the dependency decision ("the approved update that needs it") has no JSON-path format in the spec and is not asserted.`,
    },
    {
      name: 'AMAZON_LINUX_2 (yum), Install: rejected versions are excluded from yum',
      baseline: {document: curlMinimalBaseline(25, 1, 'AMAZON_LINUX_2', 'libcurl-minimal', 'ALLOW_AS_DEPENDENCY')},
      inventory: curlMinimalInventory(25, 1, 'al2', now),
      now,
      operation: 'Install',
      expected: {
        decisions: [
          install('curl-minimal', 'x86_64', '8.5.0-1.amzn2.0.4', 'approval-rule', RULE(1)),
          skip('libcurl-minimal', 'x86_64', 'rejected-patches', 'RejectedPatches[0]'),
        ],
        absent: [],
        states: {'curl-minimal.x86_64': 'MISSING', 'libcurl-minimal.x86_64': 'INSTALLED_OTHER'},
        statesComplete: true,
        node: NON_COMPLIANT,
      },
      notes: `${APPLY_NOTE} "its decision stays INSTALL; the apply result fails": curl-minimal FAILED is an apply result. libcurl-minimal cannot be a DEPENDENCY_INSTALL on yum (rejected versions are invisible to yum, §6.1 steps 2 and 7), so by §6.6 its decision is SKIP_REJECTED (its approved version is removed by RejectedPatches). yum + ALLOW_AS_DEPENDENCY → INSTALLED_OTHER (§6.4). Version strings use the amzn2 dist tag.`,
    },
  ]);

  example(26, 'rejected-dependency-block', 'Same with RejectedPatchesAction: BLOCK', [
    {
      name: 'dnf, BLOCK with a bare name: the closure check does not see it (outcome of E25)',
      baseline: {document: curlMinimalBaseline(26, 0, 'AMAZON_LINUX_2023', 'libcurl-minimal', 'BLOCK')},
      inventory: curlMinimalInventory(26, 0, 'al2023', now),
      now,
      operation: 'Install',
      expected: {
        decisions: [
          install('curl-minimal', 'x86_64', '8.5.0-1.amzn2023.0.4', 'approval-rule', RULE(1)),
          install('libcurl-minimal', 'x86_64', '8.5.0-1.amzn2023.0.4', 'dependency'),
        ],
        absent: [],
        states: {'curl-minimal.x86_64': 'MISSING', 'libcurl-minimal.x86_64': 'INSTALLED_REJECTED'},
        statesComplete: true,
        node: NON_COMPLIANT,
      },
      notes: `Operation Install as in E25 ("the outcome is E25's"). ${APPLY_NOTE}`,
    },
    {
      name: 'dnf, BLOCK with libcurl-minimal*, Scan',
      baseline: {document: curlMinimalBaseline(26, 1, 'AMAZON_LINUX_2023', 'libcurl-minimal*', 'BLOCK')},
      inventory: curlMinimalInventory(26, 1, 'al2023', now),
      now,
      operation: 'Scan',
      expected: {
        decisions: [
          skip('curl-minimal', 'x86_64', 'blocked-dependency', 'RejectedPatches[0]'),
          skip('libcurl-minimal', 'x86_64', 'rejected-patches', 'RejectedPatches[0]'),
        ],
        absent: [],
        states: {'curl-minimal.x86_64': 'INSTALLED_OTHER', 'libcurl-minimal.x86_64': 'INSTALLED_REJECTED'},
        statesComplete: true,
        node: NON_COMPLIANT,
      },
      notes:
        'SKIP_BLOCKED_DEPENDENCY → blocked-dependency with reason.rule = the rejected entry (§6.6). libcurl-minimal is not stated in the example beyond its state; its approved newer version is removed by RejectedPatches → SKIP_REJECTED (§6.6 order).',
    },
    {
      name: 'dnf, BLOCK with libcurl-minimal*, Install: nothing installed',
      baseline: {document: curlMinimalBaseline(26, 2, 'AMAZON_LINUX_2023', 'libcurl-minimal*', 'BLOCK')},
      inventory: curlMinimalInventory(26, 2, 'al2023', now),
      now,
      operation: 'Install',
      expected: {
        decisions: [
          skip('curl-minimal', 'x86_64', 'blocked-dependency', 'RejectedPatches[0]'),
          skip('libcurl-minimal', 'x86_64', 'rejected-patches', 'RejectedPatches[0]'),
        ],
        absent: [],
        states: {'curl-minimal.x86_64': 'INSTALLED_OTHER', 'libcurl-minimal.x86_64': 'INSTALLED_REJECTED'},
        statesComplete: true,
        node: NON_COMPLIANT,
      },
      notes: '"Install → nothing installed, nothing FAILED, no reboot": no install decision at all; reboot is apply\'s.',
    },
  ]);
}

// E27 -----------------------------------------------------------------------------------------
{
  const now = DEFAULT_NOW;
  const variants: {node: 'al2' | 'al2023'; action: 'ALLOW_AS_DEPENDENCY' | 'BLOCK'; state: State}[] = [
    {node: 'al2', action: 'ALLOW_AS_DEPENDENCY', state: 'INSTALLED_OTHER'},
    {node: 'al2', action: 'BLOCK', state: 'INSTALLED_REJECTED'},
    {node: 'al2023', action: 'ALLOW_AS_DEPENDENCY', state: 'INSTALLED_REJECTED'},
    {node: 'al2023', action: 'BLOCK', state: 'INSTALLED_REJECTED'},
  ];
  example(
    27,
    'installed-rejected-no-update',
    'Installed rejected package, no update',
    variants.map(
      (v, i): CaseInput => ({
        name: `${v.node === 'al2' ? 'AMAZON_LINUX_2 (yum)' : 'AMAZON_LINUX_2023 (dnf)'}, ${v.action}`,
        baseline: {
          document: baselineDocument(27, i, {
            name: 'patchplan-E27-installed-rejected',
            os: v.node === 'al2' ? 'AMAZON_LINUX_2' : 'AMAZON_LINUX_2023',
            description: 'Worked example E27: installed rejected package, no update',
            rules: AL_DEFAULT_RULES,
            rejected: ['telnet'],
            rejectedAction: v.action,
          }),
        },
        inventory: inventory(
          27,
          i,
          v.node,
          now,
          [rpm('telnet', 'x86_64', v.node === 'al2' ? '1:0.17-65.amzn2' : '1:0.17-85.amzn2023.0.2', [])],
          [],
        ),
        now,
        operation: 'Scan',
        expected: {
          decisions: [],
          absent: ['telnet'],
          states: {'telnet.x86_64': v.state},
          statesComplete: true,
          node: v.state === 'INSTALLED_REJECTED' ? NON_COMPLIANT : COMPLIANT,
        },
        notes:
          'The example gives no other baseline content; the rules are a custom copy of the predefined AL2/AL2023 rules (§5), which approve nothing for telnet (no notice). The spec says "no decision" for the yum ALLOW_AS_DEPENDENCY variant; the other variants have the same inventory (nothing newer than installed) and no decision is defined for a package without a newer version (§6.6: E27 shows that naming a package in RejectedPatches alone does not put it in the plan), so telnet is absent in all four. INSTALLED_REJECTED has level UNSPECIFIED → node severity INFORMATIONAL (§6.5).',
      }),
    ),
  );
}

// E28 -----------------------------------------------------------------------------------------
{
  const now = DEFAULT_NOW;
  const py = apt('python3-apt', 'amd64', '2.4.0ubuntu3', [
    {version: '2.4.0ubuntu4', priority: 'important', section: 'python', suites: ['jammy-updates'], candidate: true},
  ]);
  const cases: CaseInput[] = (['Install', 'Scan'] as const).map(
    (operation, i): CaseInput => ({
      name: `${operation}: python3-apt upgraded to apt's candidate`,
      baseline: {builtin: 'AWS-UbuntuDefaultPatchBaseline'},
      inventory: inventory(28, i, 'ubuntu22.04', now, [py], []),
      now,
      operation,
      expected: {
        decisions: [install('python3-apt', 'amd64', '2.4.0ubuntu4', 'python3-apt-prerequisite', null)],
        absent: [],
        states: {'python3-apt.amd64': 'INSTALLED_OTHER'},
        statesComplete: true,
        node: COMPLIANT,
      },
      notes:
        'The pre-step runs for every operation (DECISION-18). State: the only newer version is from jammy-updates (not security), so the baseline approves nothing → INSTALLED_OTHER before and after the pre-step; the node is compliant although the plan upgrades python3-apt.',
    }),
  );
  cases.push({
    name: 'after the pre-step: python3-apt at the candidate, nothing newer',
    baseline: {builtin: 'AWS-UbuntuDefaultPatchBaseline'},
    inventory: inventory(28, 2, 'ubuntu22.04', now, [
      apt('python3-apt', 'amd64', '2.4.0ubuntu4', [
        {version: '2.4.0ubuntu4', priority: 'important', section: 'python', suites: ['jammy-updates'], candidate: true},
      ]),
    ], []),
    now,
    operation: 'Scan',
    expected: {
      decisions: [],
      absent: ['python3-apt'],
      states: {'python3-apt.amd64': 'INSTALLED_OTHER'},
      statesComplete: true,
      node: COMPLIANT,
    },
    notes:
      '"Baseline evaluation afterwards: installed 2.4.0ubuntu4, not security, nothing newer → INSTALLED_OTHER". The installed version is offered by jammy-updates (apt evaluates it: not security, so not approved). Nothing newer → no decision (§6.6).',
  });
  example(28, 'python3-apt-prerequisite', 'python3-apt prerequisite', cases);
}

// E29 -----------------------------------------------------------------------------------------
{
  const now = '2025-03-10T12:00:00Z';
  const before = e1Packages('1:1.0.2k-24.amzn2.0.6');
  const after = e1Packages('1:1.0.2k-24.amzn2.0.7');
  example(
    29,
    'no-reboot-pending-reboot',
    'NoReboot and pending reboot',
    [
      {
        name: 'Install (RebootOption NoReboot): the plan installs openssl-libs',
        baseline: {builtin: 'AWS-AmazonLinux2DefaultPatchBaseline'},
        inventory: inventory(29, 0, 'al2', now, before.packages, before.advisories),
        now,
        operation: 'Install',
        expected: {
          decisions: [
            install('openssl-libs', 'x86_64', '1:1.0.2k-24.amzn2.0.7', 'approval-rule', RULE(1)),
            skip('curl', 'x86_64', 'not-approved', null),
            pending('vim-minimal', 'x86_64', RULE(2), '2025-03-12T00:00:00Z'),
          ],
          absent: ['zlib'],
          states: {
            'openssl-libs.x86_64': 'MISSING',
            'curl.x86_64': 'INSTALLED_OTHER',
            'vim-minimal.x86_64': 'INSTALLED_OTHER',
            'zlib.x86_64': 'INSTALLED_OTHER',
          },
          statesComplete: true,
          node: NON_COMPLIANT,
        },
        notes:
          'The engine part of E29 is the plan of E1 under Install. INSTALLED_PENDING_REBOOT after a NoReboot install, and the reboot on the next RebootIfNeeded run, are decided by apply and its state record (§6.1 step 9, §6.4), not by evaluateBaseline: not asserted here.',
      },
      {
        name: 'Scan after the reboot: openssl-libs at the approved version',
        baseline: {builtin: 'AWS-AmazonLinux2DefaultPatchBaseline'},
        inventory: inventory(29, 1, 'al2', now, after.packages, after.advisories),
        now,
        operation: 'Scan',
        expected: {
          decisions: [skip('curl', 'x86_64', 'not-approved', null), pending('vim-minimal', 'x86_64', RULE(2), '2025-03-12T00:00:00Z')],
          absent: ['openssl-libs', 'zlib'],
          states: {
            'openssl-libs.x86_64': 'INSTALLED',
            'curl.x86_64': 'INSTALLED_OTHER',
            'vim-minimal.x86_64': 'INSTALLED_OTHER',
            'zlib.x86_64': 'INSTALLED_OTHER',
          },
          statesComplete: true,
          node: COMPLIANT,
        },
        notes:
          'The repository still offers 1:1.0.2k-24.amzn2.0.7 with its notice ALAS2-2025-2001, so yum knows an approved version ≤ installed → INSTALLED (§6.4). No newer version → no decision. The other E1 packages are unchanged (same now).',
      },
    ],
    'The middle step of E29 (Install with RebootIfNeeded, nothing new approved → reboot because a patch is INSTALLED_PENDING_REBOOT) is apply behaviour (reboot controller and the recorded pending state) and has no engine fixture.',
  );
}

// E30 -----------------------------------------------------------------------------------------
{
  const now = '2025-03-20T00:00:00Z';
  const inv = (i: number) =>
    inventory(
      30,
      i,
      'al2023',
      now,
      [
        rpm('htop', 'x86_64', '3.2.2-1.amzn2023', [{version: '3.3.0-1.amzn2023'}]),
        rpm('openssl-libs', 'x86_64', '1:3.0.8-1.amzn2023.0.16', [
          {version: '1:3.0.8-1.amzn2023.0.18', advisories: ['ALAS2023-2025-700']},
        ]),
      ],
      [notice('ALAS2023-2025-700', 'security', 'Important', '2025-03-01')],
    );
  const list = {source: 'install-override-list.yaml', patches: [{id: 'htop.x86_64'}]};
  example(30, 'install-override-list', 'InstallOverrideList', [
    {
      name: 'Install with the override list',
      baseline: {builtin: 'AWS-AmazonLinux2023DefaultPatchBaseline'},
      inventory: inv(0),
      now,
      operation: 'Install',
      installOverrideList: list,
      expected: {
        decisions: [
          install('htop', 'x86_64', '3.3.0-1.amzn2023', 'install-override-list'),
          skip('openssl-libs', 'x86_64', 'not-in-override-list', null),
        ],
        absent: [],
        states: {'htop.x86_64': 'INSTALLED_OTHER', 'openssl-libs.x86_64': 'MISSING'},
        statesComplete: true,
        node: NON_COMPLIANT,
      },
      notes:
        'States are those of a Scan now (Decision.state), which the spec gives for the Scan case and which also match the Install report for openssl-libs (MISSING kept, §6.2). reason.rule of the override decision is "the list entry" with no defined format; not asserted.',
    },
    {
      name: 'Scan: the override list is ignored',
      baseline: {builtin: 'AWS-AmazonLinux2023DefaultPatchBaseline'},
      inventory: inv(1),
      now,
      operation: 'Scan',
      installOverrideList: list,
      expected: {
        decisions: [
          skip('htop', 'x86_64', 'not-security-repo'),
          install('openssl-libs', 'x86_64', '1:3.0.8-1.amzn2023.0.18', 'approval-rule', RULE(1)),
        ],
        absent: [],
        states: {'htop.x86_64': 'INSTALLED_OTHER', 'openssl-libs.x86_64': 'MISSING'},
        statesComplete: true,
        node: NON_COMPLIANT,
      },
      notes:
        "htop's Scan decision is not written in the example; by §6.6 order it is SKIP_NOT_SECURITY (no notice → not security on dnf, and the baseline has rules with EnableNonSecurity false). Both predefined rules qualify, so reason.rule is not asserted.",
    },
  ]);
}

// E31 -----------------------------------------------------------------------------------------
{
  const now = '2025-03-10T00:00:00Z';
  const P = 'SUSE-SLE-Module-Basesystem-15-SP6-2025-';
  example(31, 'suse-predefined', 'SUSE predefined baseline', [
    {
      name: 'SLES 15 SP6, AWS-SuseDefaultPatchBaseline',
      baseline: {builtin: 'AWS-SuseDefaultPatchBaseline'},
      inventory: inventory(
        31,
        0,
        'sles15.6',
        now,
        [
          rpm('libopenssl3', 'x86_64', '3.1.4-150600.5.15.1', [
            {version: '3.1.4-150600.5.21.1', advisories: [`${P}700`], repository: 'SLE-Module-Basesystem15-SP6-Updates'},
          ]),
          rpm('timezone', 'x86_64', '2024b-150000.75.28.1', [
            {version: '2025a-150000.75.31.1', advisories: [`${P}701`], repository: 'SLE-Module-Basesystem15-SP6-Updates'},
          ]),
          rpm('libxml2-2', 'x86_64', '2.10.3-150500.5.20.1', [
            {version: '2.10.3-150500.5.23.1', advisories: [`${P}702`], repository: 'SLE-Module-Basesystem15-SP6-Updates'},
          ]),
        ],
        [
          notice(`${P}700`, 'security', 'important', '2025-02-25'),
          notice(`${P}701`, 'recommended', 'moderate', '2025-02-01'),
          notice(`${P}702`, 'security', 'critical', '2025-03-05'),
        ],
      ),
      now,
      operation: 'Scan',
      expected: {
        decisions: [
          install('libopenssl3', 'x86_64', '3.1.4-150600.5.21.1', 'approval-rule', RULE(1)),
          skip('timezone', 'x86_64', 'not-approved', null),
          pending('libxml2-2', 'x86_64', RULE(1), '2025-03-12T00:00:00Z'),
        ],
        absent: [],
        states: {
          'libopenssl3.x86_64': 'MISSING',
          'timezone.x86_64': 'INSTALLED_OTHER',
          'libxml2-2.x86_64': 'INSTALLED_OTHER',
        },
        statesComplete: true,
        node: NON_COMPLIANT,
      },
      notes:
        'Package versions are invented (the example names only packages and patches). Patch categories and severities are written lower-case as zypper prints them (compared case-insensitively, §2.3). Each patch date is both issued and updated ("Created On"). No patch lists the installed versions, so zypper approves no installed version → INSTALLED_OTHER for the skipped packages (§6.4).',
    },
  ]);
}

// E32 -----------------------------------------------------------------------------------------
{
  const now = '2025-03-10T00:00:00Z';
  example(32, 'oracle-predefined-skips-critical', 'Oracle Linux predefined baseline skips Critical', [
    {
      name: 'Oracle Linux 8 (dnf), AWS-OracleLinuxDefaultPatchBaseline',
      baseline: {builtin: 'AWS-OracleLinuxDefaultPatchBaseline'},
      inventory: inventory(
        32,
        0,
        'ol8',
        now,
        [
          rpm('kernel-uek', 'x86_64', '5.15.0-205.149.5.1.el8uek', [
            {version: '5.15.0-206.153.7.1.el8uek', advisories: ['ELSA-2025-1500'], repository: 'ol8_UEKR7'},
          ]),
          rpm('sqlite-libs', 'x86_64', '3.26.0-19.el8_9', [
            {version: '3.26.0-20.el8_10', advisories: ['ELSA-2025-1501'], repository: 'ol8_baseos_latest'},
          ]),
        ],
        [
          notice('ELSA-2025-1500', 'security', 'Critical', '2025-02-01'),
          notice('ELSA-2025-1501', 'security', 'Moderate', '2025-02-01'),
        ],
      ),
      now,
      operation: 'Scan',
      expected: {
        decisions: [
          skip('kernel-uek', 'x86_64', 'not-approved', null),
          install('sqlite-libs', 'x86_64', '3.26.0-20.el8_10', 'approval-rule', RULE(1)),
        ],
        absent: [],
        states: {'kernel-uek.x86_64': 'INSTALLED_OTHER', 'sqlite-libs.x86_64': 'MISSING'},
        statesComplete: true,
        node: NON_COMPLIANT,
      },
      notes: 'kernel-uek versions are invented (the example says only "kernel-uek update").',
    },
  ]);
}

// E33 -----------------------------------------------------------------------------------------
{
  const now = DEFAULT_NOW;
  example(33, 'medium-is-not-moderate', 'AL2023 Medium is not Moderate', [
    {
      name: 'rule SEVERITY=[Medium]',
      baseline: {
        document: baselineDocument(33, 0, {
          name: 'patchplan-E33-medium-not-moderate',
          os: 'AMAZON_LINUX_2023',
          description: 'Worked example E33: Medium is not Moderate',
          rules: [{filters: {CLASSIFICATION: ['Security'], SEVERITY: ['Medium']}, approveAfterDays: 0}],
        }),
      },
      inventory: inventory(
        33,
        0,
        'al2023',
        now,
        [
          rpm('example-daemon', 'x86_64', '2.0-1', [{version: '2.0-2', advisories: ['EXT-2025-01'], repository: 'third-party'}]),
          rpm('less', 'x86_64', '633-1.amzn2023.0.1', [{version: '633-1.amzn2023.0.2', advisories: ['ALAS2023-2025-912']}]),
        ],
        [
          notice('EXT-2025-01', 'security', 'Moderate', OLD_DATE, {repository: 'third-party'}),
          notice('ALAS2023-2025-912', 'security', 'medium', OLD_DATE),
        ],
      ),
      now,
      operation: 'Scan',
      expected: {
        decisions: [
          skip('example-daemon', 'x86_64', 'not-approved', null),
          install('less', 'x86_64', '633-1.amzn2023.0.2', 'approval-rule', RULE(1)),
        ],
        absent: [],
        states: {'example-daemon.x86_64': 'INSTALLED_OTHER', 'less.x86_64': 'MISSING'},
        statesComplete: true,
        node: NON_COMPLIANT,
      },
      notes: 'No dates in the example: notices dated 2025-03-01, now 2025-06-01 (§8 conventions).',
    },
  ]);
}

// E34 -----------------------------------------------------------------------------------------
{
  const now = DEFAULT_NOW;
  example(34, 'overlapping-rules-severity', 'Overlapping rules and compliance severity', [
    {
      name: 'three rules with CRITICAL, MEDIUM and LOW levels',
      baseline: {
        document: baselineDocument(34, 0, {
          name: 'patchplan-E34-overlapping-rules',
          os: 'AMAZON_LINUX_2023',
          description: 'Worked example E34: overlapping rules and compliance severity',
          rules: [
            {filters: {CLASSIFICATION: ['Security'], SEVERITY: ['Critical']}, complianceLevel: 'CRITICAL', approveAfterDays: 0},
            {filters: {CLASSIFICATION: ['Security'], SEVERITY: ['*']}, complianceLevel: 'MEDIUM', approveAfterDays: 0},
            {filters: {CLASSIFICATION: ['Bugfix']}, complianceLevel: 'LOW', approveAfterDays: 0},
          ],
        }),
      },
      inventory: inventory(
        34,
        0,
        'al2023',
        now,
        [
          rpm('kernel', 'x86_64', '6.1.128-136.201.amzn2023', [
            {version: '6.1.129-138.220.amzn2023', advisories: ['ALAS2023-2025-800']},
          ]),
          rpm('expat', 'x86_64', '2.5.0-1.amzn2023.0.4', [{version: '2.5.0-1.amzn2023.0.5', advisories: ['ALAS2023-2025-801']}]),
          rpm('tar', 'x86_64', '2:1.34-1.amzn2023.0.4', [{version: '2:1.34-1.amzn2023.0.5', advisories: ['ALAS2023-2025-802']}]),
        ],
        [
          notice('ALAS2023-2025-800', 'security', 'Critical', OLD_DATE),
          notice('ALAS2023-2025-801', 'security', 'Important', OLD_DATE),
          notice('ALAS2023-2025-802', 'bugfix', 'Low', OLD_DATE),
        ],
      ),
      now,
      operation: 'Scan',
      expected: {
        decisions: [
          install('kernel', 'x86_64', '6.1.129-138.220.amzn2023', 'approval-rule', undefined, {complianceLevel: 'CRITICAL'}),
          install('expat', 'x86_64', '2.5.0-1.amzn2023.0.5', 'approval-rule', RULE(2), {complianceLevel: 'MEDIUM'}),
          install('tar', 'x86_64', '2:1.34-1.amzn2023.0.5', 'approval-rule', RULE(3), {complianceLevel: 'LOW'}),
        ],
        absent: [],
        states: {'kernel.x86_64': 'MISSING', 'expat.x86_64': 'MISSING', 'tar.x86_64': 'MISSING'},
        statesComplete: true,
        node: {status: 'NON_COMPLIANT', severity: 'CRITICAL'},
      },
      notes:
        'kernel is approved by R1 and R2; the spec does not say which rule reason.rule cites when several approve, so it is not asserted (the level must be the most severe, CRITICAL, DECISION-24). Package versions are invented.',
    },
  ]);
}

// E35 -----------------------------------------------------------------------------------------
{
  const now = DEFAULT_NOW;
  example(35, 'version-only-spec', 'Version-only spec approves unrelated packages', [
    {
      name: 'ApprovedPatches ["1.12.28"]',
      baseline: {
        document: baselineDocument(35, 0, {
          name: 'patchplan-E35-version-only-spec',
          os: 'AMAZON_LINUX_2023',
          description: 'Worked example E35: version-only spec',
          approved: ['1.12.28'],
        }),
      },
      inventory: inventory(
        35,
        0,
        'al2023',
        now,
        [
          rpm('dbus', 'x86_64', '1:1.12.20-8.amzn2023', [{version: '1:1.12.28-1.amzn2023.0.1', advisories: ['ALAS2023-2025-510']}]),
          rpm('foo-utils', 'x86_64', '1.12.27-1', [{version: '1.12.28-3', advisories: ['ALAS2023-2025-511']}]),
          rpm('bar', 'x86_64', '1.12.27-1', [{version: '1.12.28-4', advisories: ['ALAS2023-2025-512']}]),
        ],
        [
          notice('ALAS2023-2025-510', 'bugfix', 'Low', OLD_DATE),
          notice('ALAS2023-2025-511', 'enhancement', 'Low', OLD_DATE),
          notice('ALAS2023-2025-512', 'enhancement', undefined, OLD_DATE),
        ],
      ),
      now,
      operation: 'Scan',
      expected: {
        decisions: [
          install('dbus', 'x86_64', '1:1.12.28-1.amzn2023.0.1', 'approved-patches', 'ApprovedPatches[0]'),
          install('foo-utils', 'x86_64', '1.12.28-3', 'approved-patches', 'ApprovedPatches[0]'),
          skip('bar', 'x86_64', 'not-security-repo'),
        ],
        absent: [],
        states: {'dbus.x86_64': 'MISSING', 'foo-utils.x86_64': 'MISSING', 'bar.x86_64': 'INSTALLED_OTHER'},
        statesComplete: true,
        node: NON_COMPLIANT,
        baselineWarningPaths: ['ApprovedPatches[0]'],
      },
      notes:
        'bar: SKIP_NOT_SECURITY through the ApprovedPatches entry; §6.6 gives no JSON path for that case, so reason.rule is not asserted. The version-only warning is asserted as a parseBaseline warning at ApprovedPatches[0] (§3.1 "patchplan warns").',
    },
  ]);
}

// ---------------------------------------------------------------------------------------------
// Write

mkdirSync(OUT_DIR, {recursive: true});
for (const f of readdirSync(OUT_DIR)) {
  if (/^E\d{2}-.*\.json$/.test(f)) rmSync(join(OUT_DIR, f));
}
for (const {file, fixture} of fixtures) {
  const parsed = ExampleFixtureSchema.safeParse(fixture);
  if (!parsed.success) {
    throw new Error(`${file}: ${parsed.error.message}`);
  }
  const ordered: ExampleFixtureInput = {
    example: fixture.example,
    source: fixture.source,
    ...(fixture.notes === undefined ? {} : {notes: fixture.notes}),
    cases: fixture.cases.map((c) => ({
      name: c.name,
      ...(c.notes === undefined ? {} : {notes: c.notes}),
      baseline: c.baseline,
      now: c.now,
      operation: c.operation,
      ...(c.installOverrideList === undefined ? {} : {installOverrideList: c.installOverrideList}),
      expected: c.expected,
      inventory: c.inventory,
    })),
  };
  writeFileSync(join(OUT_DIR, file), `${JSON.stringify(ordered, null, 2)}\n`);
}
console.log(`wrote ${fixtures.length} fixtures to ${OUT_DIR}`);
