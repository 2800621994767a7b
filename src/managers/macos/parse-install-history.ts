import {InputError} from '../../errors.js';
import {isDict, parsePlist, stringIn} from './plist.js';

/**
 * /Library/Receipts/InstallHistory.plist: an <array> of one <dict> per install, oldest first
 * (formats/macos/InstallHistory.plist, OS X 10.9): date (ISO 8601, UTC), displayName,
 * displayVersion, packageIdentifiers, processName (`softwareupdated`, `Installer`,
 * `OS X Installer`), contentType (`config-data` for background data updates only).
 */
export interface HistoryEntry {
  readonly date: string;
  readonly displayName: string;
  readonly displayVersion: string;
  readonly packageIdentifiers: readonly string[];
  readonly processName: string;
  readonly contentType: string | null;
}

export function parseInstallHistory(text: string, file: string): HistoryEntry[] {
  const root = parsePlist(text, file);
  if (!Array.isArray(root)) throw new InputError(file, 'the plist is not an <array> of installs');
  return root.map((item, index) => {
    const where = `plist[${index}]`;
    if (!isDict(item)) throw new InputError(file, `${where} is not a <dict>`);
    const ids = item.packageIdentifiers ?? [];
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) throw new InputError(file, `${where}.packageIdentifiers is not an <array> of <string>`);
    const displayName = stringIn(item, 'displayName', file, where);
    if (displayName === null || displayName.trim() === '') throw new InputError(file, `${where} has no displayName`);
    return {
      date: stringIn(item, 'date', file, where) ?? '',
      displayName: displayName.trim(),
      displayVersion: (stringIn(item, 'displayVersion', file, where) ?? '').trim(),
      packageIdentifiers: ids as string[],
      processName: stringIn(item, 'processName', file, where) ?? '',
      contentType: stringIn(item, 'contentType', file, where),
    };
  });
}

/** The base system's own install (`OS X Installer`, `macOS Installer`): the OS package comes from SystemVersion.plist instead. */
export function isOsInstall(entry: HistoryEntry): boolean {
  return /^(?:OS X|macOS|Mac OS X) Installer$/.test(entry.processName);
}

/** Installed by Software Update (the daemon, the tool, or the System Settings pane). */
export function isSoftwareUpdate(entry: HistoryEntry): boolean {
  return /^softwareupdate/i.test(entry.processName) || entry.processName === 'Software Update' || entry.processName === 'System Preferences';
}
