import {XMLParser} from 'fast-xml-parser';
import {z} from 'zod';

import {InputError} from '../../errors.js';
import {checkXml, parseCheckedXml} from '../../xml/check.js';
import {formatRpmVersion} from './version.js';

/**
 * updateinfo.xml (the rpm-md "updateinfo" record: dnf/yum update notices, zypper patches'
 * source on rpm-md repos) → notices with the exact NEVRAs each one fixes. Shape, from the real
 * samples in fixtures/rpm/ (Amazon Linux 2023, abridged):
 *
 *   <updates><update status="final" version="1.4" type="security" from="…">
 *     <id>ALAS2023-2023-001</id><title>…</title>
 *     <issued date="2023-02-17 20:41" /><updated date="2023-02-22 23:22" /><severity>Important</severity>
 *     <references><reference href="…" id="CVE-2022-24903" type="cve" title="" /></references>
 *     <pkglist><collection short="amazon-linux-2023"><name>Amazon Linux 2023</name>
 *       <package name="rsyslog" version="8.2204.0" release="3.amzn2023.0.2" epoch="0" arch="x86_64">
 *         <filename>…</filename><reboot_suggested>True</reboot_suggested></package>
 *     </collection></pkglist></update></updates>
 *
 * Dates are `YYYY-MM-DD HH:MM[:SS]`, sometimes `YYYY-MM-DD`, some repos write seconds since the
 * epoch; all are read as UTC and returned as ISO instants (spec §4.1). A date that cannot be read
 * is left out (the engine then treats the notice as released 1970-01-01, as AWS does).
 */

export interface UpdateinfoPackage {
  readonly name: string;
  readonly epoch: string;
  readonly version: string;
  readonly release: string;
  readonly arch: string;
  /** `[epoch:]version-release`, epoch omitted when 0. */
  readonly evr: string;
  readonly rebootSuggested: boolean;
}

export interface UpdateNotice {
  readonly id: string;
  /** Raw `type` attribute (`security`, `bugfix`, `enhancement`, `newpackage`, …). */
  readonly type: string;
  /** Raw `<severity>` text; absent when the notice has no `<severity>` element (dnf, spec §4.4). */
  readonly severity?: string;
  readonly issued?: string;
  readonly updated?: string;
  readonly title?: string;
  readonly cves: string[];
  readonly bugzillas: string[];
  readonly selfReferences: string[];
  /** Any of its packages says reboot_suggested (or the update element does, as some repos write it). */
  readonly rebootSuggested: boolean;
  readonly packages: UpdateinfoPackage[];
}

const text = z.union([z.string(), z.number()]).transform(String);
/** An element that may carry only text or also attributes (`<severity>Important</severity>`). */
const textElement = z.union([text, z.object({'#text': text.optional()}).loose().transform((o) => o['#text'] ?? '')]);
/** `<pkglist/>`, `<references></references>` parse to '' (no children): read them as empty. */
const element = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? {} : v), schema);
/** An attribute that must be there and not be empty: its absence reads as the message. */
const requiredText = (message: string) => z.preprocess((v) => v ?? '', text).pipe(z.string().min(1, message));
const dateElement = element(z.object({date: text.optional()}).loose());

const PackageSchema = element(z
  .object({
    name: requiredText('package has no name'),
    epoch: text.optional(),
    version: requiredText('package has no version'),
    release: requiredText('package has no release'),
    arch: text.optional(),
    reboot_suggested: textElement.optional(),
  })
  .loose());

const ReferenceSchema = z.object({type: text.optional(), id: text.optional(), href: text.optional(), title: text.optional()}).loose();

const CollectionSchema = element(z.object({package: z.array(PackageSchema).optional()}).loose());

const UpdateSchema = z
  .object({
    type: text.optional(),
    id: textElement.pipe(z.string().trim().min(1, 'empty <id>')),
    title: textElement.optional(),
    issued: dateElement.optional(),
    updated: dateElement.optional(),
    severity: textElement.optional(),
    reboot_suggested: textElement.optional(),
    references: element(z.object({reference: z.array(ReferenceSchema).optional()}).loose()).optional(),
    pkglist: element(z.object({collection: z.array(CollectionSchema).optional()}).loose()).optional(),
  })
  .loose();

const DocumentSchema = z
  .object({
    updates: element(z.object({update: z.array(UpdateSchema).optional()}).loose()),
  })
  .loose();

const ARRAYS = new Set(['updates.update', 'updates.update.references.reference', 'updates.update.pkglist.collection', 'updates.update.pkglist.collection.package']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (_name, jpath) => ARRAYS.has(String(jpath)),
});

/** Turns a zod path into `updates.update[3].pkglist.collection[0]` for the one-line error. */
function wherePath(pathParts: readonly PropertyKey[]): string {
  let out = '';
  for (const part of pathParts) out += typeof part === 'number' ? `[${part}]` : `${out === '' ? '' : '.'}${String(part)}`;
  return out;
}

const TRUE = new Set(['true', '1', 'yes']);

/** updateinfo date → ISO instant (UTC), or undefined when it cannot be read. */
export function parseUpdateinfoDate(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const s = raw.trim();
  if (/^\d{9,11}$/.test(s)) return new Date(Number(s) * 1000).toISOString();
  // A trailing zone name ("UTC") is ignored: updateinfo dates are UTC (spec §4.1).
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', sec = '0'] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/**
 * Parses one updateinfo.xml. `source` names the file in errors, which are one line:
 * `updateinfo.xml: line 12: …` for XML that is not well formed, `updateinfo.xml:
 * updates.update[3].pkglist.collection[0].package[1].version: …` for a wrong shape.
 */
export function parseUpdateinfo(xml: string, source: string): UpdateNotice[] {
  const problem = checkXml(xml);
  if (problem !== null) throw new InputError(`${source}: line ${problem.line}`, `not well-formed XML: ${problem.message}`);
  const document = parseCheckedXml(() => parser.parse(xml) as unknown, (message) => new InputError(source, `not well-formed XML: ${message}`));
  if (typeof document !== 'object' || document === null || !('updates' in document)) {
    throw new InputError(source, 'not an updateinfo.xml: its root element is not <updates>');
  }
  const parsed = DocumentSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${source}: ${wherePath(issue?.path ?? [])}`, issue?.message ?? 'invalid updateinfo');
  }
  const updates = parsed.data.updates.update ?? [];
  return updates.map((u): UpdateNotice => {
    const refs = u.references?.reference ?? [];
    const refIds = (type: string): string[] =>
      refs.filter((r) => (r.type ?? '').toLowerCase() === type && (r.id ?? '') !== '').map((r) => String(r.id));
    const collections = u.pkglist?.collection ?? [];
    const packages = collections.flatMap((c) =>
      (c.package ?? []).map((p): UpdateinfoPackage => {
        const epoch = p.epoch ?? '0';
        return {
          name: p.name,
          epoch,
          version: p.version,
          release: p.release,
          arch: p.arch ?? '',
          evr: formatRpmVersion(epoch, p.version, p.release),
          rebootSuggested: TRUE.has((p.reboot_suggested ?? '').trim().toLowerCase()),
        };
      }),
    );
    const date = (d: typeof u.issued): string | undefined => (d === undefined ? undefined : parseUpdateinfoDate(d.date));
    const issued = date(u.issued);
    const updated = date(u.updated);
    const title = u.title?.trim();
    return {
      id: u.id.trim(),
      type: u.type ?? '',
      ...(u.severity !== undefined ? {severity: u.severity.trim()} : {}),
      ...(issued !== undefined ? {issued} : {}),
      ...(updated !== undefined ? {updated} : {}),
      ...(title ? {title} : {}),
      cves: refIds('cve'),
      bugzillas: refIds('bugzilla'),
      selfReferences: refIds('self'),
      rebootSuggested: TRUE.has((u.reboot_suggested ?? '').trim().toLowerCase()) || packages.some((p) => p.rebootSuggested),
      packages,
    };
  });
}
