import {ExternalCommandError} from '../../errors.js';
import {lineAndColumn, locateJsonError} from '../../json/parse.js';

/**
 * Homebrew's JSON v2 (docs.brew.sh "Querying brew"; Homebrew/brew cmd/outdated.rb, cask.rb):
 *
 *   brew outdated --json=v2          {"formulae": [{name, installed_versions: [..], current_version, pinned, pinned_version}],
 *                                     "casks":    [{name, installed_versions: [..] (a ", "-joined string before Homebrew 4), current_version}]}
 *   brew info --json=v2 --installed  {"formulae": [{name, installed: [{version, …}], linked_keg, pinned, …}],
 *                                     "casks":    [{token, installed, version, auto_updates, …}]}
 *
 * Formula versions are pkg_versions (`1.2.3_1` with a revision), as `brew upgrade` installs them.
 */

export interface BrewOutdated {
  readonly name: string;
  readonly installedVersions: readonly string[];
  readonly currentVersion: string;
  readonly pinned: boolean;
}

export interface BrewInstalled {
  readonly name: string;
  readonly version: string;
  /** Casks: the app updates itself (`auto_updates: true`); brew outdated leaves it out without --greedy. */
  readonly autoUpdates: boolean;
}

export interface BrewLists<T> {
  readonly formulae: readonly T[];
  readonly casks: readonly T[];
}

type Json = Record<string, unknown>;

function parseJson(stdout: string, command: string): Json {
  if (stdout.trim() === '') throw new ExternalCommandError(command, 'printed nothing where JSON was expected');
  const problem = locateJsonError(stdout);
  if (problem !== null) {
    const {line, column} = lineAndColumn(stdout, problem.offset);
    throw new ExternalCommandError(command, `printed ${problem.message} at line ${line}, column ${column} (truncated output?)`);
  }
  const value = JSON.parse(stdout) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ExternalCommandError(command, 'printed JSON that is not an object');
  return value as Json;
}

function list(doc: Json, key: string, command: string): Json[] {
  const value = doc[key] ?? [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'object' || v === null)) throw new ExternalCommandError(command, `"${key}" is not an array of objects`);
  return value as Json[];
}

function text(entry: Json, key: string, command: string, where: string): string {
  const value = entry[key];
  if (typeof value !== 'string' || value === '') throw new ExternalCommandError(command, `${where}: "${key}" is not a non-empty string`);
  return value;
}

function versions(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter((v) => v !== '');
  return [];
}

export function parseBrewOutdated(stdout: string, command: string): BrewLists<BrewOutdated> {
  const doc = parseJson(stdout, command);
  const read = (key: string) =>
    list(doc, key, command).map((entry, i) => {
      const where = `${key}[${i}]`;
      return {
        name: text(entry, 'name', command, where),
        installedVersions: versions(entry.installed_versions),
        currentVersion: text(entry, 'current_version', command, where),
        pinned: entry.pinned === true,
      };
    });
  return {formulae: read('formulae'), casks: read('casks')};
}

export function parseBrewInfo(stdout: string, command: string): BrewLists<BrewInstalled> {
  const doc = parseJson(stdout, command);
  const formulae = list(doc, 'formulae', command).flatMap((entry, i) => {
    const where = `formulae[${i}]`;
    const name = text(entry, 'name', command, where);
    const kegs = Array.isArray(entry.installed) ? entry.installed : [];
    const installed = kegs.map((k) => (typeof k === 'object' && k !== null ? (k as Json).version : undefined)).filter((v): v is string => typeof v === 'string');
    // The linked keg is the version in use; without one, the last installed keg.
    const linked = typeof entry.linked_keg === 'string' ? entry.linked_keg : null;
    const version = linked ?? installed[installed.length - 1];
    return version === undefined ? [] : [{name, version, autoUpdates: false}];
  });
  const casks = list(doc, 'casks', command).flatMap((entry, i) => {
    const where = `casks[${i}]`;
    const name = text(entry, 'token', command, where);
    const installed = typeof entry.installed === 'string' && entry.installed !== '' ? entry.installed : null;
    return installed === null ? [] : [{name, version: installed, autoUpdates: entry.auto_updates === true}];
  });
  return {formulae, casks};
}
