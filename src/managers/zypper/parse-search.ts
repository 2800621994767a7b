import {ExternalCommandError} from '../../errors.js';
import {attr, firstError, parseZypperStream} from './xml.js';

/**
 * `zypper --xmlout search -s --match-exact -t package -- NAMES…` (zypper 1.14.42,
 * fixtures/zypper/lab/search-s-match-exact.xml): every edition, one `<solvable>` each.
 *
 *     <search-result version="0.0"><solvable-list>
 *     <solvable status="other-version" name="tool-pp" kind="package" edition="2.2-150600.1.1" arch="noarch" repository="updates"/>
 *     <solvable status="installed" name="tool-pp" kind="package" edition="2.0-150600.1.1" arch="noarch" repository="base"/>
 *
 * The older `search -t patch` shape (fixtures/zypper/shared/zypper-xmlout-search-t-patch-sle12sp2.xml)
 * has no edition; it parses too, with edition "". No match at all is exit 104 with
 * `<message type="info">No matching items found.</message>` and no `<search-result>`.
 */

export interface ZypperSolvable {
  readonly name: string;
  readonly kind: string;
  readonly status: string;
  readonly edition: string;
  readonly arch: string;
  /** Repository alias; `@System` / `(System Packages)` mean "installed, in no repository". */
  readonly repository: string;
}

export function parseSearch(xml: string, command: string): ZypperSolvable[] {
  const stream = parseZypperStream(xml, command);
  const error = firstError(stream);
  if (error !== null) throw new ExternalCommandError(command, error);
  const result: ZypperSolvable[] = [];
  for (const element of stream.body) {
    if (element.name !== 'search-result') throw new ExternalCommandError(command, `printed an unexpected <${element.name}> in <stream>`);
    for (const list of element.children) {
      if (list.name !== 'solvable-list') throw new ExternalCommandError(command, `printed an unexpected <${list.name}> in <stream><search-result>`);
      list.children.forEach((solvable, i) => {
        const where = `<search-result><solvable-list> item ${i + 1}`;
        if (solvable.name !== 'solvable') throw new ExternalCommandError(command, `printed an unexpected <${solvable.name}> in ${where}`);
        result.push({
          name: attr(solvable, 'name', command, where),
          kind: solvable.attrs.kind ?? 'package',
          status: solvable.attrs.status ?? '',
          edition: solvable.attrs.edition ?? '',
          arch: solvable.attrs.arch ?? '',
          repository: solvable.attrs.repository ?? '',
        });
      });
    }
  }
  return result;
}
