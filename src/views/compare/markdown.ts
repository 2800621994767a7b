import type {DecisionSnapshot, PackageChange, PlanComparison} from '../../plan/compare.js';
import type {ComparedPlans} from '../../services/compare-plans.js';
import {markdownCell as cell, markdownCode as code, markdownRow as row} from '../markdown-text.js';
import {contextChanges, machineWarning, packageLabel, summarySentence} from './context.js';

/**
 * `show OLD --compare NEW --format markdown`: what changed since the plan a change ticket
 * approved, as tables to paste into the next ticket. Both digests head it, so the ticket states
 * exactly which two plans were compared. Only categories with something in them get a table.
 */
export function renderMarkdownComparison(result: ComparedPlans): string {
  const c = result.comparison;
  const out: string[] = [
    `## Plan comparison for ${c.old.hostname === c.new.hostname ? code(c.new.hostname) : `${code(c.old.hostname)} and ${code(c.new.hostname)}`}`,
    '',
    `**${summarySentence(c, cell(result.oldFile))}**`,
    '',
    ...warningLines(c),
    '| | Old plan | New plan |',
    '|---|---|---|',
    row(['File', cell(result.oldFile), cell(result.newFile)]),
    row(['Digest', code(c.old.digest), code(c.new.digest)]),
    row(['Created at', c.old.createdAt, c.new.createdAt]),
    row(['Node', cell(c.old.hostname), cell(c.new.hostname)]),
    '',
  ];
  for (const table of [...packageTables(c), contextTable(result)]) {
    if (table.rows.length === 0) continue;
    out.push(`### ${table.title}`, '', row(table.header), row(table.header.map(() => '---')), ...table.rows.map(row), '');
  }
  return out.join('\n');
}

function warningLines(c: PlanComparison): string[] {
  const warning = machineWarning(c);
  return warning === null ? [] : [`> **Warning:** ${cell(warning)}`, ''];
}

interface Table {
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** One table per package category, titled with its count. */
function packageTables(c: PlanComparison): Table[] {
  const label = (p: PackageChange): string => code(packageLabel(c)(p));
  const oneSided = [...c.newSkips, ...c.vanishedSkips];
  const exclusions = [...c.exclusionsAdded.map((e) => ['added', e] as const), ...c.exclusionsRemoved.map((e) => ['removed', e] as const)];
  const table = (title: string, header: readonly string[], rows: readonly (readonly string[])[]): Table => ({title: `${title} (${rows.length})`, header, rows});
  return [
    table('Entering the install set', ['Package', 'Installed', 'Will install', 'Reason', 'Before'], c.entered.map((p) => enteredRow(label(p), p.new as DecisionSnapshot, p.old))),
    table('Leaving the install set', ['Package', 'Installed', 'Was to install', 'Now'], c.left.map((p) => leftRow(label(p), p.old as DecisionSnapshot, p.new))),
    table('Target version moved', ['Package', 'Old target', 'New target', 'Direction', 'Old reason', 'New reason'], c.moved.map((p) => [
      label(p), versionCell(p.old.targetVersion), versionCell(p.new.targetVersion), p.direction, reasonCell(p.old), reasonCell(p.new),
    ])),
    table('Reason changed', ['Package', 'Action', 'Old reason', 'New reason'], c.reasonChanged.map((p) => [
      label(p), actionCell(p.new as DecisionSnapshot), reasonCell(p.old as DecisionSnapshot), reasonCell(p.new as DecisionSnapshot),
    ])),
    table('Skipped, listed by one plan only', ['Package', 'Newest available', 'Old plan', 'New plan'], oneSided.map((p) => [
      label(p), versionCell((p.new ?? p.old)?.candidateVersion ?? null), skipCell(p.old), skipCell(p.new),
    ])),
    table('Reviewer exclusions', ['Exclusion', 'Package', 'Version', 'Reviewer', 'Note'], exclusions.map(([change, e]) => [
      change, label({name: e.name, arch: e.arch, old: null, new: null}), versionCell(e.version), cell(e.reviewer ?? ''), cell(e.note),
    ])),
  ];
}

function enteredRow(label: string, n: DecisionSnapshot, o: DecisionSnapshot | null): string[] {
  return [label, versionCell(n.installedVersion, 'not installed'), versionCell(n.targetVersion), reasonCell(n), skipCell(o)];
}

function leftRow(label: string, o: DecisionSnapshot, n: DecisionSnapshot | null): string[] {
  return [label, versionCell(o.installedVersion, 'not installed'), versionCell(o.targetVersion), skipCell(n)];
}

/** Baseline, options, forecast, compliance, …: one row each, their parts (document paths, states) below. */
function contextTable(result: ComparedPlans): Table {
  const rows = contextChanges(result).flatMap((change) => [
    [change.label, cell(change.old), cell(change.new), cell(change.note ?? '')],
    ...(change.details ?? []).map((detail) => [`${change.label}: ${code(detail.label)}`, code(detail.old), code(detail.new), '']),
  ]);
  return {title: 'Other changes', header: ['What', 'Old plan', 'New plan', 'Note'], rows};
}

function actionCell(d: DecisionSnapshot): string {
  return d.action === 'install' ? `installs ${versionCell(d.targetVersion)}` : `skips ${versionCell(d.candidateVersion)}`;
}

function skipCell(d: DecisionSnapshot | null): string {
  return d === null ? 'not listed' : `skipped: ${reasonCell(d)}`;
}

/** The code and the rule as code spans; a reviewer's exclusion with who made it and the note. */
function reasonCell(d: DecisionSnapshot): string {
  if (d.reason.code === 'excluded-by-reviewer') return `${code(d.reason.code)} by ${cell(d.reviewer ?? 'a reviewer')}: ${cell(d.reason.detail)}`;
  return d.reason.rule === null ? code(d.reason.code) : `${code(d.reason.code)} (${code(d.reason.rule)})`;
}

function versionCell(version: string | null, absent = ''): string {
  return version === null ? absent : code(version);
}
