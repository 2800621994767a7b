import type {ReasonCode} from '../../engine/engine-io.js';
import {REASON_CODES, type Plan, type PlanAdvisory, type PlanDecision} from '../../plan/schema.js';
import {packageLabels} from '../plan/labels.js';
import {ruleTag} from '../plan/rule-text.js';
import {reasonSentence} from '../reason-text.js';
import {visibleLine} from '../safe-text.js';
import {diffVersions} from '../version-diff.js';
import {data, fitLine, lineWidth, span, truncateStart, widthOf, type Line, type Span, type Tone} from './text.js';

/**
 * The review's list: the plan's decisions grouped by action and reason (installs first, then
 * the reviewer's exclusions, then every other reason a package is left as it is, in the
 * contract's code order), one row per package, filtered by name.
 */

/** Identifies one decision across plan changes (an exclusion replaces the decision object). */
export type PackageKey = string;

export function keyOf(d: Pick<PlanDecision, 'name' | 'arch'>): PackageKey {
  return `${d.name}\u0000${d.arch}`;
}

export interface Group {
  /** `install`, or the reason code shared by the skips in it. */
  readonly id: 'install' | ReasonCode;
  /** Every decision of the group; `shown` is the part the filter keeps. */
  readonly all: readonly PlanDecision[];
  readonly shown: readonly PlanDecision[];
}

const SKIP_ORDER: readonly ReasonCode[] = ['excluded-by-reviewer', ...REASON_CODES.filter((c) => c !== 'excluded-by-reviewer')];

/** The non-empty groups, in display order; a group the filter empties stays out. */
export function groupDecisions(plan: Plan, filter: string): Group[] {
  const matches = nameFilter(plan, filter);
  const groups: Group[] = [];
  const add = (id: Group['id'], all: readonly PlanDecision[]): void => {
    const shown = all.filter(matches);
    if (shown.length > 0) groups.push({id, all, shown});
  };
  add('install', plan.decisions.filter((d) => d.action === 'install'));
  for (const code of SKIP_ORDER) add(code, plan.decisions.filter((d) => d.action === 'skip' && d.reason.code === code));
  return groups;
}

/** The rows the cursor moves over, top to bottom. */
export function visibleDecisions(plan: Plan, filter: string): PlanDecision[] {
  return groupDecisions(plan, filter).flatMap((g) => g.shown);
}

/** Case-insensitive substring of the name as the views label it (`name`, or `name:arch` when the name repeats). */
function nameFilter(plan: Plan, filter: string): (d: PlanDecision) => boolean {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return () => true;
  const label = packageLabels(plan);
  return (d) => label(d).toLowerCase().includes(needle);
}

/** One line of the list: a heading, or a package row (`key` set) that the cursor can sit on. */
export interface ListLine {
  readonly spans: Line;
  readonly key: PackageKey | null;
}

const GAP = '  ';
/** The marker column (`> ` on the selected row) and the action symbol with its space. */
const LEAD = 4;
/** The name column takes at most a quarter of the width, and never more than this. */
const NAME_CAP = 24;
/** The tags get at least this much of the line (or what they need) before the versions are cut. */
const TAG_ROOM = 20;

/**
 * The list's lines for a terminal `width` columns wide; every line already fits it. Columns
 * are aligned per group; when a row's versions do not fit their column, the installed
 * version is cut from the start, so the version the plan installs is always shown whole.
 */
export function listLines(plan: Plan, filter: string, width: number): ListLine[] {
  const label = packageLabels(plan);
  const nameWidth = Math.min(NAME_CAP, Math.floor(width / 4), Math.max(4, ...plan.decisions.map((d) => widthOf(visibleLine(label(d))))));
  const advisories = new Map((plan.advisories ?? []).map((a) => [a.id, a]));
  const out: ListLine[] = [];
  for (const group of groupDecisions(plan, filter)) {
    out.push({spans: fitLine(heading(group, filter), width), key: null});
    const rows = group.shown.map((d) => ({d, versions: versionSpans(d), tags: tagSpans(d, advisories)}));
    const tagsWidth = Math.min(TAG_ROOM, Math.max(0, ...rows.map((r) => lineWidth(r.tags))));
    const versionsWidth = Math.min(
      Math.max(...rows.map((r) => lineWidth([...r.versions.from, ...r.versions.rest]))),
      Math.max(12, width - LEAD - nameWidth - 2 * widthOf(GAP) - tagsWidth),
    );
    for (const r of rows) {
      const name = data(label(r.d), r.d.action === 'install' ? 'bold' : 'plain');
      const line: Span[] = [span(symbolOf(r.d), symbolTone(r.d)), span(' '), ...padTo([name], nameWidth), span(GAP)];
      line.push(...padTo(fitVersions(r.versions, versionsWidth), versionsWidth), span(GAP), ...r.tags);
      out.push({spans: fitLine(line, width - 2), key: keyOf(r.d)});
    }
  }
  return out;
}

/** A row's versions: `from` (the installed version, which may be cut from its start) and the rest. */
interface Versions {
  readonly from: Line;
  readonly rest: Line;
}

function fitVersions(v: Versions, width: number): Line {
  const rest = lineWidth(v.rest);
  const from = lineWidth(v.from);
  if (from + rest <= width) return [...v.from, ...v.rest];
  const room = width - rest;
  // Too narrow to keep any of the installed version readable: cut the line's end instead.
  if (room < 4) return fitLine([...v.from, ...v.rest], width);
  const text = v.from.map((s) => s.text).join('');
  return [span(truncateStart(text, room)), ...v.rest];
}

function heading(group: Group, filter: string): Line {
  const count = filter.trim() === '' ? `${group.all.length}` : `${group.shown.length} of ${group.all.length}`;
  if (group.id === 'install') return [span(`Install (${count})`, 'bold')];
  return [span(`Skip: ${group.id} (${count})`, 'bold'), span(` — ${reasonSentence(group.id)}`, 'dim')];
}

/**
 * `~` upgrade, `+` install (not installed yet), `=` left as it is, `x` excluded by the
 * reviewer. Like the plan view, `-` is not used: in Terraform it means destroy.
 */
export function symbolOf(d: PlanDecision): string {
  if (d.reason.code === 'excluded-by-reviewer') return 'x';
  if (d.action === 'skip') return '=';
  return d.installedVersion === null ? '+' : '~';
}

function symbolTone(d: PlanDecision): Tone {
  if (d.reason.code === 'excluded-by-reviewer') return 'red';
  if (d.action === 'skip') return 'dim';
  return d.installedVersion === null ? 'green' : 'yellow';
}

/**
 * `installed → target` with the changed parts marked; for a skip, what it keeps and the newest
 * version it leaves out; for an exclusion, the version the reviewer left out.
 */
function versionSpans(d: PlanDecision): Versions {
  const installed = d.installedVersion ?? 'not installed';
  if (d.action === 'install' && d.targetVersion !== null) {
    if (d.installedVersion === null) return {from: [], rest: [data(d.targetVersion, 'green')]};
    const diff = diffVersions(d.installedVersion, d.targetVersion);
    return {
      from: diff.from.map((s) => data(s.text, s.changed ? 'red' : 'plain')),
      rest: [span(' → '), ...diff.to.map((s) => data(s.text, s.changed ? 'green' : 'plain'))],
    };
  }
  if (d.reason.code === 'excluded-by-reviewer' && d.excludedVersion !== undefined) {
    return {from: [], rest: [data(d.excludedVersion, 'red'), span(' left out')]};
  }
  if (d.candidateVersion === null) return {from: [data(installed)], rest: []};
  return {from: [data(installed)], rest: [span(' ('), data(d.candidateVersion, 'dim'), span(' available)')]};
}

/**
 * After the versions: the severity of the most severe advisory, the rule tag the plan view
 * uses (`rule[0]`, `dependency`), then the advisory's id; for an exclusion, who and why.
 */
function tagSpans(d: PlanDecision, advisories: ReadonlyMap<string, PlanAdvisory>): Span[] {
  if (d.reason.code === 'excluded-by-reviewer') return [data(`${d.reviewer ?? 'unknown'}: ${d.reason.detail}`, 'yellow')];
  const worst = mostSevere(d.advisories.map((id) => advisories.get(id)).filter((a): a is PlanAdvisory => a !== undefined));
  const tags: Span[] = [];
  if (worst?.severity != null) tags.push(data(worst.severity, severityTone(worst.severity)), span(' '));
  tags.push(data(ruleTag(d.reason), 'dim'));
  const id = worst?.id ?? d.advisories[0];
  if (id !== undefined) tags.push(span(' '), data(id, 'cyan'), span(d.advisories.length > 1 ? ` +${d.advisories.length - 1}` : ''));
  return tags;
}

/**
 * Severity names as the vendors write them (ALAS: Critical/Important/Medium/Low; Red Hat and
 * SUSE: Critical/Important/Moderate/Low; MSRC adds Unspecified), ranked for "the worst one".
 */
const SEVERITY_RANK: Readonly<Record<string, number>> = {
  critical: 5,
  important: 4,
  high: 4,
  moderate: 3,
  medium: 3,
  low: 2,
};

export function severityRank(severity: string | null): number {
  return severity === null ? 0 : (SEVERITY_RANK[severity.toLowerCase()] ?? 1);
}

export function severityTone(severity: string | null): Tone {
  const rank = severityRank(severity);
  return rank >= 5 ? 'red' : rank === 4 ? 'yellow' : 'plain';
}

function mostSevere(list: readonly PlanAdvisory[]): PlanAdvisory | null {
  return list.reduce<PlanAdvisory | null>((worst, a) => (worst === null || severityRank(a.severity) > severityRank(worst.severity) ? a : worst), null);
}

/** Spans cut or padded to exactly `width` columns (`cut` false: longer content is left whole). */
function padTo(spans: Line, width: number, cut = true): Line {
  const fitted = cut ? fitLine(spans, width) : [...spans];
  const gap = width - lineWidth(fitted);
  return gap > 0 ? [...fitted, span(' '.repeat(gap))] : fitted;
}
