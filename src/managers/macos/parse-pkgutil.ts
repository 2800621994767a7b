import {ExternalCommandError} from '../../errors.js';

/**
 * pkgutil(1). No real capture of either output is public (fixtures/macos SOURCE.md); both are
 * read as pkgutil's manual page and the tools that parse it (salt's mac_pkgutil) describe them:
 *
 *   --pkgs                one receipt id per line
 *   --pkg-info ID         `key: value` lines: package-id, version, volume, location, install-time
 */

export function parsePkgs(stdout: string): Set<string> {
  return new Set(stdout.split('\n').map((l) => l.trim()).filter((l) => l !== ''));
}

export interface PkgInfo {
  readonly id: string;
  readonly version: string;
}

export function parsePkgInfo(stdout: string, command: string): PkgInfo {
  const fields = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const m = /^([a-z-]+):\s*(.*)$/.exec(line.trim());
    if (m !== null) fields.set(m[1] ?? '', (m[2] ?? '').trim());
  }
  const id = fields.get('package-id');
  const version = fields.get('version');
  if (id === undefined || version === undefined || version === '') throw new ExternalCommandError(command, 'printed no package-id and version lines');
  return {id, version};
}
