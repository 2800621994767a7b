import {compareDpkgVersions} from '../../versions/dpkg.js';

/**
 * Debian relationship fields (Policy §7.1) as they appear in Packages lists and the dpkg
 * status. Real fields from Debian 12's main list (deb.debian.org, bookworm, amd64):
 *
 *     Package: exim4-daemon-light
 *     Provides: default-mta, exim4-localscanapi-6.0, mail-transport-agent
 *     Depends: exim4-base (>= 4.96), debconf (>= 0.5) | debconf-2.0, libc6 (>= 2.34), libcrypt1 (>= 1:4.1.0), …
 *     Package: openssl
 *     Depends: libc6 (>= 2.34), libssl3 (>= 3.0.9)
 *
 * and a versioned Provides from the host's dpkg status (debian-12-host/dpkg-query.stdout):
 * `dbus-system-bus (= 1.14.10-1~deb12u1), default-dbus-system-bus`.
 *
 * Binary lists never carry the `[arch]` or `<profile>` restrictions of source packages; they
 * are dropped if present rather than misread as part of a name.
 */

export type RelationOp = '<<' | '<=' | '=' | '>=' | '>>';

export interface Relation {
  readonly name: string;
  /** `any`, `native` or an architecture after `name:`; null when the relation names none. */
  readonly archQualifier: string | null;
  readonly op: RelationOp | null;
  readonly version: string | null;
}

/** One comma-separated clause: any one of its `|` alternatives satisfies it. */
export type RelationClause = readonly Relation[];

const RELATION = /^([a-z0-9][a-z0-9+.-]*)(?::([a-z0-9-]+))?\s*(?:\(\s*(<<|<=|>=|>>|=|<|>)\s*([^)\s]+)\s*\))?/;

/** Policy §7.1: the obsolete `<` and `>` mean `<=` and `>=`. */
const OPERATORS: Readonly<Record<string, RelationOp>> = {'<<': '<<', '<=': '<=', '<': '<=', '=': '=', '>=': '>=', '>': '>=', '>>': '>>'};

export function parseRelation(text: string): Relation | null {
  const cleaned = text
    .replace(/\[[^\]]*\]/g, '')
    .replace(/<[^>(]*>/g, '')
    .trim();
  const match = RELATION.exec(cleaned);
  if (!match?.[1]) return null;
  const op = match[3] === undefined ? undefined : OPERATORS[match[3]];
  return {
    name: match[1],
    archQualifier: match[2] ?? null,
    op: op ?? null,
    version: match[4] ?? null,
  };
}

export function parseRelations(field: string | undefined): RelationClause[] {
  if (field === undefined || field.trim() === '') return [];
  const clauses: RelationClause[] = [];
  for (const clauseText of field.split(',')) {
    const alternatives = clauseText
      .split('|')
      .map(parseRelation)
      .filter((r): r is Relation => r !== null);
    if (alternatives.length > 0) clauses.push(alternatives);
  }
  return clauses;
}

/** Whether `version` meets `op required` in dpkg order; no operator means any version. */
export function versionSatisfies(version: string, op: RelationOp | null, required: string | null): boolean {
  if (op === null || required === null) return true;
  const c = compareDpkgVersions(version, required);
  switch (op) {
    case '<<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '=':
      return c === 0;
    case '>=':
      return c >= 0;
    case '>>':
      return c > 0;
  }
}

export function formatRelation(r: Relation): string {
  const name = r.archQualifier === null ? r.name : `${r.name}:${r.archQualifier}`;
  return r.op === null ? name : `${name} (${r.op} ${r.version ?? ''})`;
}
