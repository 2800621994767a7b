import {InputError} from '../../errors.js';
import type {Argv} from '../../system/runner.js';
import {brewBinary, SOFTWAREUPDATE} from './paths.js';

/**
 * Every command the macOS adapter runs, as data (style.md §6.4): absolute paths, argv arrays,
 * never a shell. What each flag is based on is in docs/managers/macos.md.
 */

export const PKGUTIL = '/usr/sbin/pkgutil';
export const IOREG = '/usr/sbin/ioreg';
export const STAT = '/usr/bin/stat';
export const SUDO = '/usr/bin/sudo';
export const ENV = '/usr/bin/env';

/** English keys and messages where the tool honours the locale (titles stay the catalog's). */
const C_LOCALE = {LC_ALL: 'C', LANG: 'C'} as const;

/** `--include-config-data`: XProtect, MRT and Gatekeeper data updates are listed too (DECISION-10 needs them). */
export function listUpdatesArgv(): Argv {
  return {file: SOFTWAREUPDATE, args: ['--list', '--include-config-data'], env: {...C_LOCALE}};
}

/**
 * The exact labels `--list` printed. `--no-scan`: install from the scan the list just made
 * (which included config data), as munki's nice_updater does; a label not in it fails alone.
 * No `--restart`: the reboot is apply's decision (RebootOption), not softwareupdate's.
 */
export function installUpdatesArgv(labels: readonly string[]): Argv {
  for (const label of labels) {
    if (label === '' || label.startsWith('-') || /[\n\r]/.test(label)) throw new InputError(label, 'is not a softwareupdate label');
  }
  return {file: SOFTWAREUPDATE, args: ['--no-scan', '--install', ...labels], env: {...C_LOCALE}};
}

export function pkgsArgv(): Argv {
  return {file: PKGUTIL, args: ['--pkgs'], env: {...C_LOCALE}};
}

export function pkgInfoArgv(id: string): Argv {
  if (!/^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(id)) throw new InputError(id, 'is not a package identifier');
  return {file: PKGUTIL, args: ['--pkg-info', id], env: {...C_LOCALE}};
}

/** The platform expert's properties, where IOPlatformUUID is. */
export function ioregArgv(): Argv {
  return {file: IOREG, args: ['-rd1', '-c', 'IOPlatformExpertDevice'], env: {...C_LOCALE}};
}

/** BSD stat(1): `%Su` is the owner's user name. */
export function ownerArgv(prefix: string): Argv {
  return {file: STAT, args: ['-f', '%Su', prefix], env: {...C_LOCALE}};
}

// ---------------------------------------------------------------- Homebrew

/**
 * HOMEBREW_NO_AUTO_UPDATE: `brew upgrade` would otherwise `brew update` first and could install
 * a newer version than the plan's. The others keep the output to what is asked.
 */
export const BREW_ENV: Readonly<Record<string, string>> = {
  HOMEBREW_NO_AUTO_UPDATE: '1',
  HOMEBREW_NO_ENV_HINTS: '1',
  HOMEBREW_NO_COLOR: '1',
};

/** Who brew runs as: itself when patchplan is not root, else the prefix's owner through sudo. */
export interface BrewRunAs {
  readonly prefix: string;
  /** Null: run brew directly (patchplan already runs as a user). */
  readonly user: string | null;
}

const USER_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * Homebrew refuses to run as root. As root: `sudo -n -u OWNER -H -- /usr/bin/env VAR=… brew …`:
 * `-n` never prompts, `-H` gives brew the owner's HOME, and env(1) sets the variables sudo's
 * env_reset would drop.
 */
export function brewArgv(runAs: BrewRunAs, args: readonly string[]): Argv {
  const brew = brewBinary(runAs.prefix);
  if (runAs.user === null) return {file: brew, args: [...args], env: {...BREW_ENV}};
  if (!USER_NAME.test(runAs.user)) throw new InputError(runAs.prefix, `owner ${JSON.stringify(runAs.user)} is not a user name`);
  const vars = Object.entries(BREW_ENV).map(([k, v]) => `${k}=${v}`);
  return {file: SUDO, args: ['-n', '-u', runAs.user, '-H', '--', ENV, ...vars, brew, ...args]};
}

export function brewUpdateArgv(runAs: BrewRunAs): Argv {
  return brewArgv(runAs, ['update']);
}

export function brewInfoInstalledArgv(runAs: BrewRunAs): Argv {
  return brewArgv(runAs, ['info', '--json=v2', '--installed']);
}

/** No `--greedy`: casks that update themselves (auto_updates, version :latest) are left to themselves. */
export function brewOutdatedArgv(runAs: BrewRunAs): Argv {
  return brewArgv(runAs, ['outdated', '--json=v2']);
}

const BREW_NAME = /^[A-Za-z0-9][A-Za-z0-9@+._/-]*$/;

function checkBrewNames(names: readonly string[]): void {
  for (const name of names) if (!BREW_NAME.test(name)) throw new InputError(name, 'is not a Homebrew formula or cask name');
}

/** `--formula`: a cask of the same name is never upgraded by it. */
export function upgradeFormulaeArgv(runAs: BrewRunAs, names: readonly string[]): Argv {
  checkBrewNames(names);
  return brewArgv(runAs, ['upgrade', '--formula', ...names]);
}

export function upgradeCasksArgv(runAs: BrewRunAs, names: readonly string[]): Argv {
  checkBrewNames(names);
  return brewArgv(runAs, ['upgrade', '--cask', ...names]);
}
