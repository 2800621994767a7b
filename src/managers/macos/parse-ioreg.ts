import {ExternalCommandError} from '../../errors.js';

/**
 * `ioreg -rd1 -c IOPlatformExpertDevice`: the machine's hardware UUID is the line
 *   "IOPlatformUUID" = "4A3B2C1D-0E9F-4A8B-9C7D-6E5F4A3B2C1D"
 */
export function parsePlatformUuid(stdout: string, command: string): string {
  const m = /"IOPlatformUUID"\s*=\s*"([0-9A-Fa-f-]{36})"/.exec(stdout);
  if (m?.[1] === undefined) throw new ExternalCommandError(command, 'printed no "IOPlatformUUID" = "…" line');
  return m[1].toUpperCase();
}
