import {ExternalCommandError} from '../../../errors.js';
import {parseXmlDocument, type XmlElement} from './xml.js';

/**
 * Which exact package versions each patch lists: read from the repository's updateinfo as zypper
 * cached it (ROOT/var/cache/zypp/raw/<alias>/repodata/*-updateinfo.xml.gz). zypper's own
 * `--xmlout info -t patch` puts the whole human text inside one `<message>` (labs §3), and
 * `search -t patch` has no package list, so the cached file is the only structured source;
 * reading it costs no extra zypper run (index.ts, docs in the reply/bench).
 *
 * Shapes read (fixtures/zypper/lab/updateinfo.xml from createrepo_c/modifyrepo_c, and libzypp's
 * legacy fixtures/zypper/shared/updateinfo-opensuse11.0-suse-legacy.xml):
 *
 *     <updates [xmlns="http://novell.com/package/metadata/suse/updateinfo"]>
 *     <update from="…" status="stable" type="security" version="1"><id>SUSE-SLE-2026-101</id>…
 *       <pkglist><collection><package name="sec-crit-pp" epoch="0" version="1.0" release="150600.3.1" arch="noarch" src="…">
 *         <filename>…</filename>[<reboot_suggested>True</reboot_suggested>|<restart_suggested>1</restart_suggested>]</package>
 */

export interface PatchPackage {
  readonly name: string;
  readonly arch: string;
  /** `[epoch:]version-release`, epoch omitted when 0 (the Inventory's rpm syntax). */
  readonly version: string;
  readonly rebootSuggested: boolean;
}

function flag(element: XmlElement, name: string): boolean {
  const text = element.children.find((c) => c.name === name)?.text.trim().toLowerCase();
  return text === 'true' || text === '1';
}

/** The Inventory's rpm version syntax: `E:V-R`, epoch dropped when 0 or absent. */
export function formatEvr(epoch: string | undefined, version: string, release: string): string {
  const e = epoch === undefined || epoch === '' || /^0+$/.test(epoch) ? '' : `${Number(epoch)}:`;
  return `${e}${version}-${release}`;
}

export function parsePatchPackages(xml: string, where: string): Map<string, PatchPackage[]> {
  const root = parseXmlDocument(xml, where);
  if (root.name !== 'updates') throw new ExternalCommandError(where, `has <${root.name}> where <updates> was expected`);
  const result = new Map<string, PatchPackage[]>();
  root.children.forEach((update, i) => {
    if (update.name !== 'update') throw new ExternalCommandError(where, `has an unexpected <${update.name}> in <updates> (item ${i + 1})`);
    const id = update.children.find((c) => c.name === 'id')?.text.trim();
    if (!id) throw new ExternalCommandError(where, `<update> ${i + 1} has no <id>`);
    const packages = result.get(id) ?? [];
    for (const list of update.children.filter((c) => c.name === 'pkglist')) {
      for (const collection of list.children.filter((c) => c.name === 'collection')) {
        for (const pkg of collection.children.filter((c) => c.name === 'package')) {
          const {name, version, release, arch, epoch} = pkg.attrs;
          if (!name || !version || !release) {
            throw new ExternalCommandError(where, `<update><id>${id}</id> lists a <package> without name, version or release`);
          }
          packages.push({
            name,
            arch: arch ?? '',
            version: formatEvr(epoch, version, release),
            rebootSuggested: flag(pkg, 'reboot_suggested') || flag(pkg, 'restart_suggested'),
          });
        }
      }
    }
    result.set(id, packages);
  });
  return result;
}
