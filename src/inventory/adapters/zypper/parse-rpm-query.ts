import {ExternalCommandError} from '../../../errors.js';
import {formatEvr} from './parse-updateinfo.js';

/**
 * `rpm --root ROOT -qa --qf '%{NAME}\t%{EPOCHNUM}\t%{VERSION}\t%{RELEASE}\t%{ARCH}\n'` (rpm 4.18):
 *
 *     epoch-pp	0	1.5	150600.1.1	noarch
 *
 * `gpg-pubkey` entries (arch `(none)`) are imported keys, not packages: skipped.
 */

export interface InstalledRpm {
  readonly name: string;
  readonly arch: string;
  readonly version: string;
}

export function parseRpmQuery(stdout: string, command: string): InstalledRpm[] {
  const result: InstalledRpm[] = [];
  stdout.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const fields = line.split('\t');
    const [name, epoch, version, release, arch] = fields;
    if (fields.length !== 5 || !name || !version || !release || arch === undefined) {
      throw new ExternalCommandError(command, `line ${i + 1} is not NAME\\tEPOCH\\tVERSION\\tRELEASE\\tARCH: ${JSON.stringify(line)}`);
    }
    if (name === 'gpg-pubkey' || arch === '(none)') return;
    result.push({name, arch, version: formatEvr(epoch, version, release)});
  });
  return result;
}
