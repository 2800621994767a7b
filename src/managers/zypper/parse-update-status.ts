import {ExternalCommandError} from '../../errors.js';
import {attr, firstError, parseZypperStream, type XmlElement} from './xml.js';

/**
 * `zypper --xmlout list-updates` and `--xmlout list-patches --all` share one shape (zypper
 * 1.14.42, fixtures/zypper/lab/list-updates.xml, list-patches-all.xml):
 *
 *     <update-status version="0.6"><update-list>
 *     <update kind="package" name="epoch-pp" edition="1:2.0-150600.1.1" arch="noarch" edition-old="1.5-150600.1.1">
 *       <summary>…</summary><description>…</description><license/><source url="file:/tmp/zlab/rpm/repo-updates" alias="updates"/></update>
 *     <update kind="patch" name="SUSE-SLE-2026-101" edition="1" arch="noarch" status="needed" category="security"
 *       severity="critical" pkgmanager="false" restart="false" interactive="false">
 *       <status-since time_t="1795514663" text="2026-11-24T10:04:23Z"/><summary>…</summary>…<source … alias="updates"/>
 *       <issue-date time_t="1768471200" text="2026-01-15T10:00:00Z"/>
 *       <issue-list><issue type="cve" id="CVE-2026-0101"><title>…</title><href>…</href></issue></issue-list></update>
 *
 * Older zypper has no `edition-old` (fixtures/zypper/shared/zypper-xmlout-list-updates-sle12sp1.xml).
 * `issue-date` is the later of updateinfo's issued/updated: libzypp's "Created On", which is
 * what AWS dates a zypper patch by (spec §4.1). `severity=""` means the patch has none.
 */

export interface ZypperPackageUpdate {
  readonly name: string;
  readonly edition: string;
  readonly arch: string;
  readonly editionOld: string | null;
  readonly repository: string | null;
}

export interface ZypperPatch {
  readonly name: string;
  readonly edition: string;
  /** needed, applied, not-needed, optional, unwanted… */
  readonly status: string;
  readonly category: string;
  /** Raw severity; null when zypper printed `severity=""`. */
  readonly severity: string | null;
  /** ISO instant of `issue-date`, null when absent. */
  readonly issued: string | null;
  readonly summary: string;
  readonly repository: string | null;
  /** `restart="true"`: a package in the patch suggests a reboot (labs §3). */
  readonly restart: boolean;
  readonly interactive: boolean;
  readonly cves: readonly string[];
  readonly bugzillas: readonly string[];
}

/** Child elements of an `<update>` the parsers know; anything else is a format change. */
const UPDATE_CHILDREN = new Set(['summary', 'description', 'license', 'source', 'status-since', 'issue-date', 'issue-list']);
/** `blocked-update-list` holds updates zypper will not install (locks, vendor): reported, not offered. */
const STATUS_CHILDREN = new Set(['update-list', 'blocked-update-list']);

function updateElements(xml: string, command: string): XmlElement[] {
  const stream = parseZypperStream(xml, command);
  const error = firstError(stream);
  if (error !== null) throw new ExternalCommandError(command, error);
  const status = stream.body.find((e) => e.name === 'update-status');
  for (const element of stream.body) {
    if (element.name !== 'update-status') throw new ExternalCommandError(command, `printed an unexpected <${element.name}> in <stream>`);
  }
  if (status === undefined) throw new ExternalCommandError(command, 'printed no <update-status> in <stream>');
  const updates: XmlElement[] = [];
  for (const list of status.children) {
    if (!STATUS_CHILDREN.has(list.name)) throw new ExternalCommandError(command, `printed an unexpected <${list.name}> in <stream><update-status>`);
    if (list.name !== 'update-list') continue;
    list.children.forEach((update, i) => {
      const where = `<stream><update-status><update-list> item ${i + 1}`;
      if (update.name !== 'update') throw new ExternalCommandError(command, `printed an unexpected <${update.name}> in ${where}`);
      for (const child of update.children) {
        if (!UPDATE_CHILDREN.has(child.name)) {
          throw new ExternalCommandError(command, `printed an unexpected <${child.name}> in ${where} (<update name="${update.attrs.name ?? '?'}">)`);
        }
      }
      updates.push(update);
    });
  }
  return updates;
}

function sourceAlias(update: XmlElement): string | null {
  return update.children.find((c) => c.name === 'source')?.attrs.alias ?? null;
}

function childText(update: XmlElement, name: string): string {
  return update.children.find((c) => c.name === name)?.text.trim() ?? '';
}

export function parseListUpdates(xml: string, command: string): ZypperPackageUpdate[] {
  const result: ZypperPackageUpdate[] = [];
  updateElements(xml, command).forEach((update, i) => {
    const where = `<update-list> item ${i + 1}`;
    // list-updates prints only packages; a patch here would be a different command's output.
    if ((update.attrs.kind ?? 'package') !== 'package') return;
    result.push({
      name: attr(update, 'name', command, where),
      edition: attr(update, 'edition', command, where),
      arch: attr(update, 'arch', command, where),
      editionOld: update.attrs['edition-old'] ?? null,
      repository: sourceAlias(update),
    });
  });
  return result;
}

/** `issue-date text="2026-01-15T10:00:00Z"`, else its `time_t`. */
function issueDate(update: XmlElement): string | null {
  const element = update.children.find((c) => c.name === 'issue-date');
  if (element === undefined) return null;
  const text = element.attrs.text;
  if (text !== undefined && !Number.isNaN(Date.parse(text))) return new Date(Date.parse(text)).toISOString();
  const seconds = Number(element.attrs.time_t);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : null;
}

export function parseListPatches(xml: string, command: string): ZypperPatch[] {
  const result: ZypperPatch[] = [];
  updateElements(xml, command).forEach((update, i) => {
    const where = `<update-list> item ${i + 1}`;
    if (attr(update, 'kind', command, where) !== 'patch') return;
    const issues = update.children.find((c) => c.name === 'issue-list')?.children ?? [];
    const issuesOf = (type: string): string[] => issues.filter((x) => x.attrs.type === type && x.attrs.id).map((x) => x.attrs.id ?? '');
    const severity = update.attrs.severity ?? '';
    result.push({
      name: attr(update, 'name', command, where),
      edition: attr(update, 'edition', command, where),
      status: attr(update, 'status', command, where),
      category: attr(update, 'category', command, where),
      severity: severity === '' ? null : severity,
      issued: issueDate(update),
      summary: childText(update, 'summary'),
      repository: sourceAlias(update),
      restart: update.attrs.restart === 'true',
      interactive: update.attrs.interactive === 'true',
      cves: issuesOf('cve'),
      bugzillas: issuesOf('bugzilla'),
    });
  });
  return result;
}
