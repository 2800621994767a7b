import type {OperatingSystem} from '../../core/ids.js';
import type {BaselineDocument} from '../schema.js';
import {PREDEFINED_DOCUMENTS} from './documents.js';

export interface PredefinedBaseline {
  readonly name: string;
  /** Other names accepted for it (spelling some tooling uses). */
  readonly aliases: readonly string[];
  readonly operatingSystem: OperatingSystem;
  /** The baseline AWS uses for this OS when none is registered (and patchplan's default). */
  readonly isDefault: boolean;
  readonly document: BaselineDocument;
}

/** The OS → default predefined baseline mapping (spec §5; Windows has three, this one is default). */
const DEFAULTS: Readonly<Record<OperatingSystem, string>> = {
  WINDOWS: 'AWS-DefaultPatchBaseline',
  AMAZON_LINUX: 'AWS-AmazonLinuxDefaultPatchBaseline',
  AMAZON_LINUX_2: 'AWS-AmazonLinux2DefaultPatchBaseline',
  AMAZON_LINUX_2022: 'AWS-AmazonLinux2022DefaultPatchBaseline',
  AMAZON_LINUX_2023: 'AWS-AmazonLinux2023DefaultPatchBaseline',
  UBUNTU: 'AWS-UbuntuDefaultPatchBaseline',
  REDHAT_ENTERPRISE_LINUX: 'AWS-RedHatDefaultPatchBaseline',
  SUSE: 'AWS-SuseDefaultPatchBaseline',
  CENTOS: 'AWS-CentOSDefaultPatchBaseline',
  ORACLE_LINUX: 'AWS-OracleLinuxDefaultPatchBaseline',
  DEBIAN: 'AWS-DebianDefaultPatchBaseline',
  MACOS: 'AWS-MacOSDefaultPatchBaseline',
  RASPBIAN: 'AWS-DefaultRaspbianPatchBaseline',
  ROCKY_LINUX: 'AWS-RockyLinuxDefaultPatchBaseline',
  ALMA_LINUX: 'AWS-AlmaLinuxDefaultPatchBaseline',
};

/** Spec §5: the Raspbian baseline is documented as AWS-DefaultRaspbianPatchBaseline; some tooling lists the other spelling. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  'AWS-DefaultRaspbianPatchBaseline': ['AWS-RaspbianDefaultPatchBaseline'],
};

export const PREDEFINED_BASELINES: readonly PredefinedBaseline[] = PREDEFINED_DOCUMENTS.map((document) => {
  // Every predefined document names its OS; the fallback only satisfies the optional type.
  const name = document.Name ?? '';
  const operatingSystem = document.OperatingSystem ?? 'WINDOWS';
  return {
    name,
    aliases: ALIASES[name] ?? [],
    operatingSystem,
    isDefault: DEFAULTS[operatingSystem] === name,
    document,
  };
});

/** Finds a predefined baseline by its name or an alias (exact, case-sensitive as AWS names are). */
export function findPredefinedBaseline(nameOrAlias: string): PredefinedBaseline | undefined {
  return PREDEFINED_BASELINES.find((b) => b.name === nameOrAlias || b.aliases.includes(nameOrAlias));
}

export function defaultPredefinedName(os: OperatingSystem): string {
  return DEFAULTS[os];
}
