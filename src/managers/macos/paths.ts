import path from 'node:path';

/**
 * The node files the macOS adapter reads, under `/` or the `--root` directory (ctx.root), as
 * the Linux adapters read theirs. Commands always speak for the running system: softwareupdate,
 * pkgutil and brew have no root option.
 */

export const SYSTEM_VERSION_PLIST = '/System/Library/CoreServices/SystemVersion.plist';
export const INSTALL_HISTORY_PLIST = '/Library/Receipts/InstallHistory.plist';
export const SOFTWAREUPDATE = '/usr/sbin/softwareupdate';

/**
 * Homebrew's default prefixes, in the order they are tried: /opt/homebrew on Apple silicon,
 * /usr/local on Intel (docs.brew.sh/Installation). An Apple silicon Mac with both (an Intel
 * Homebrew kept for Rosetta) is patched through /opt/homebrew only.
 */
export const BREW_PREFIXES = ['/opt/homebrew', '/usr/local'] as const;

/** A node path (`/Library/Receipts/InstallHistory.plist`) inside the root. */
export function under(root: string, file: string): string {
  const resolved = path.resolve(root);
  return resolved === '/' ? file : path.join(resolved, file);
}

export function brewBinary(prefix: string): string {
  return `${prefix}/bin/brew`;
}
