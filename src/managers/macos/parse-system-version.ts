import {InputError} from '../../errors.js';
import {isDict, parsePlist, stringIn} from './plist.js';

/**
 * /System/Library/CoreServices/SystemVersion.plist, the file sw_vers(1) reads: ProductName
 * (`macOS`; `Mac OS X` before 10.12), ProductVersion (`14.6`), ProductBuildVersion (`23G80`).
 */
export interface SystemVersion {
  readonly productName: string;
  readonly productVersion: string;
  readonly build: string;
}

export function parseSystemVersion(text: string, file: string): SystemVersion {
  const root = parsePlist(text, file);
  if (!isDict(root)) throw new InputError(file, 'the plist is not a <dict>');
  const productVersion = stringIn(root, 'ProductVersion', file, 'plist');
  if (productVersion === null || !/^\d+(\.\d+)*$/.test(productVersion)) {
    throw new InputError(file, `ProductVersion ${JSON.stringify(productVersion)} is not a macOS version such as 14.6`);
  }
  return {
    productName: stringIn(root, 'ProductName', file, 'plist') ?? 'macOS',
    productVersion,
    build: stringIn(root, 'ProductBuildVersion', file, 'plist') ?? '',
  };
}

/** Apple's marketing names, by major version (10.x by minor); a later release is named by its number. */
const NAMES: Readonly<Record<string, string>> = {
  '10.13': 'High Sierra',
  '10.14': 'Mojave',
  '10.15': 'Catalina',
  '11': 'Big Sur',
  '12': 'Monterey',
  '13': 'Ventura',
  '14': 'Sonoma',
  '15': 'Sequoia',
  '26': 'Tahoe',
};

/** `14` for 14.6, `10.15` for 10.15.7: the release line (what PRODUCT and the OS package name follow). */
export function releaseLine(version: string): string {
  const [major = '', minor = '0'] = version.split('.');
  return major === '10' ? `${major}.${minor}` : major;
}

/**
 * The package the running OS is reported as: `macOS Sonoma`, whose installed version is
 * ProductVersion and whose offers are softwareupdate's `macOS Sonoma 14.7` titles.
 */
export function osPackageName(version: string): string {
  const line = releaseLine(version);
  return `macOS ${NAMES[line] ?? line}`;
}

/** The AWS PRODUCT value: `macOS14` (`macOS10.15` for 10.x), as the example inventories write it. */
export function productOf(version: string): string {
  return `macOS${releaseLine(version)}`;
}
