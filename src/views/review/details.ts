import type {ConsideredVersion, Plan, PlanAdvisory, PlanDecision} from '../../plan/schema.js';
import {packageLabels} from '../plan/labels.js';
import {describeReason} from '../reason-text.js';
import {visibleLine} from '../safe-text.js';
import {padEnd} from '../text.js';
import {diffVersions} from '../version-diff.js';
import {keyOf, severityTone} from './list.js';
import {describeValue, ruleAt} from './rule-text.js';
import {data, fitLine, fitText, paragraph, span, widthOf, type Line, type Span} from './text.js';

/**
 * Everything the plan knows about one package, for the review's detail pane: installed →
 * target, the decision and its rule as the baseline writes it, every newer version the engine
 * weighed and why each was or was not chosen, the advisories with severity, CVEs and dates,
 * release dates and ages (measured from the plan's own evaluation time, never the clock),
 * and for an exclusion, who excluded it, why, and what undo puts back.
 */
export function detailLines(plan: Plan, enginePlan: Plan, d: PlanDecision, width: number): Line[] {
  const lines: Line[] = [
    ...titleLines(plan, d),
    ...summaryLines(plan, d, width),
    ...exclusionLines(enginePlan, d, width),
    ...consideredLines(plan, d, width),
    ...advisoryLines(plan, d, width),
    ...ruleLines(plan, d, width),
  ];
  return lines.map((line) => fitLine(line, width));
}

const LABEL_WIDTH = 14;
const DAY_MS = 86_400_000;

function titleLines(plan: Plan, d: PlanDecision): Line[] {
  const what = d.reason.code === 'excluded-by-reviewer' ? 'excluded by the reviewer' : d.action === 'install' ? 'install' : 'leave as is';
  const arch = d.arch === '' ? '' : ` (${d.arch})`;
  return [[data(packageLabels(plan)(d), 'bold'), data(arch), span(` — ${what}`, 'bold')]];
}

function summaryLines(plan: Plan, d: PlanDecision, width: number): Line[] {
  const out: Line[] = [field('Installed', [data(d.installedVersion ?? 'not installed')])];
  if (d.targetVersion !== null) out.push(field('Target', targetSpans(d.installedVersion, d.targetVersion)));
  if (d.candidateVersion !== null && d.candidateVersion !== d.targetVersion) {
    out.push(field('Newest', [data(d.candidateVersion), span(' (the newest version offered)', 'dim')]));
  }
  out.push(...labelled('Decision', visibleLine(describeReason(d.reason)), width));
  const released = releaseOf(d);
  if (released !== null) out.push(field('Released', [span(dateAndAge(released, plan.options.now))]));
  out.push(field('Compliance', [data(`${d.state} (level ${d.complianceLevel})`)]));
  const reboot = rebootCauses(plan, d);
  if (reboot.length > 0) out.push(field('Reboot', [span(`expected: ${reboot.join(', ')}`, 'yellow')]));
  if (d.fallbackVersions.length > 0) out.push(...labelled('Fallbacks', visibleLine(d.fallbackVersions.join(', ')), width));
  return out;
}

function exclusionLines(enginePlan: Plan, d: PlanDecision, width: number): Line[] {
  if (d.reason.code !== 'excluded-by-reviewer') return [];
  const engine = enginePlan.decisions.find((e) => keyOf(e) === keyOf(d));
  const out: Line[] = [[], [span('Exclusion', 'bold')], field('By', [data(d.reviewer ?? 'unknown')])];
  out.push(...labelled('Note', visibleLine(d.reason.detail), width));
  if (d.excludedVersion !== undefined) out.push(field('Left out', [data(d.excludedVersion, 'red')]));
  if (engine !== undefined && engine.reason.code !== 'excluded-by-reviewer') {
    const undo = engine.action === 'install' ? `install ${engine.targetVersion ?? ''}` : 'leave as is';
    out.push(...labelled('Undo (u)', visibleLine(`${undo}: ${describeReason(engine.reason)}`), width));
  }
  return out;
}

function consideredLines(plan: Plan, d: PlanDecision, width: number): Line[] {
  const considered = d.considered ?? [];
  if (considered.length === 0) return [];
  const versionWidth = Math.min(30, Math.max(...considered.map((c) => widthOf(visibleLine(c.version)))));
  const out: Line[] = [[], [span('Versions considered', 'bold'), span(' (newest first)', 'dim')]];
  for (const c of considered) {
    const [symbol, tone] = c.chosen ? (['→', 'green'] as const) : c.approved ? (['✓', 'yellow'] as const) : (['✗', 'dim'] as const);
    const version = `${fitText(visibleLine(c.version), versionWidth)}  `;
    const body = paragraph(verdictText(c, plan.options.now), width, {first: `    ${version}`});
    // The first line's indent carries the symbol and the version; wrapped lines keep the indent.
    out.push(...body.map((line, i) => (i === 0 ? [span('  '), span(symbol, tone), span(` ${version}`), ...line.slice(1)] : line)));
  }
  return out;
}

/** `chosen · released 2026-11-10, 13 days old · ALAS2023-2026-1214`, or why it was not chosen. */
function verdictText(c: ConsideredVersion, now: string): string {
  const verdict = c.chosen ? 'chosen' : c.approved ? 'approved, not chosen' : 'not approved';
  const parts = [c.note === '' || c.note === 'chosen' ? verdict : `${verdict}: ${c.note}`];
  if (c.released !== null) parts.push(`released ${dateAndAge(c.released, now)}`);
  if (c.advisories.length > 0) parts.push(c.advisories.join(', '));
  return visibleLine(parts.join(' · '));
}

function advisoryLines(plan: Plan, d: PlanDecision, width: number): Line[] {
  if (d.advisories.length === 0) return [];
  const known = new Map((plan.advisories ?? []).map((a) => [a.id, a]));
  const out: Line[] = [[], [span('Advisories', 'bold')]];
  for (const id of d.advisories) {
    const a = known.get(id);
    if (a === undefined) {
      out.push([span('  '), data(id, 'cyan'), span('  (no details in the plan)', 'dim')]);
      continue;
    }
    out.push([span('  '), data(a.id, 'cyan'), span('  '), data(a.severity ?? 'no severity', severityTone(a.severity))]);
    out.push(...paragraph(advisoryDates(a, plan.options.now), width, {first: '    '}));
    if (a.title !== null) out.push(...paragraph(visibleLine(a.title), width, {first: '    '}));
    if (a.cves.length > 0) out.push(...paragraph(visibleLine(a.cves.join(', ')), width, {first: '    CVEs: '}));
    if (a.rebootSuggested) out.push([span('    reboot suggested', 'yellow')]);
  }
  return out;
}

/** `security · issued 2026-11-10, 13 days old · updated 2026-11-12` */
function advisoryDates(a: PlanAdvisory, now: string): string {
  const parts = [visibleLine(a.type)];
  if (a.issued !== null) parts.push(`issued ${dateAndAge(a.issued, now)}`);
  if (a.updated !== null && a.updated !== a.issued) parts.push(`updated ${dateOf(a.updated)}`);
  return parts.join(' · ');
}

function ruleLines(plan: Plan, d: PlanDecision, width: number): Line[] {
  const rule = d.reason.rule;
  if (rule === null) return [];
  const value = ruleAt(plan.baseline.document, rule);
  if (value === undefined) return [];
  const title: Line = [span('Rule ', 'bold'), data(rule, 'bold'), span(' in the baseline ', 'dim'), data(plan.baseline.source, 'dim')];
  return [[], title, ...describeValue(value, '  ').flatMap((text) => paragraph(text.trimStart(), width, {first: leadingSpaces(text)}))];
}

function leadingSpaces(text: string): string {
  return /^ */.exec(text)?.[0] ?? '';
}

function targetSpans(installed: string | null, target: string): Span[] {
  if (installed === null) return [data(target, 'green')];
  return diffVersions(installed, target).to.map((s) => data(s.text, s.changed ? 'green' : 'plain'));
}

/** The release date the rules saw for the version the decision is about (the target, else the newest). */
function releaseOf(d: PlanDecision): string | null {
  const considered = d.considered ?? [];
  const about = d.targetVersion ?? d.excludedVersion ?? d.candidateVersion;
  return considered.find((c) => c.version === about)?.released ?? null;
}

function rebootCauses(plan: Plan, d: PlanDecision): string[] {
  return (plan.reboot?.causes ?? [])
    .filter((c) => c.package === d.name)
    .map((c) => (c.advisory === null ? c.kind : `${c.kind} (${visibleLine(c.advisory)})`));
}

/** `2026-11-10, 13 days old` at the plan's evaluation time. */
export function dateAndAge(released: string, now: string): string {
  const days = Math.floor((Date.parse(now) - Date.parse(released)) / DAY_MS);
  const age = days < 0 ? `${-days} days after the evaluation time` : days === 1 ? '1 day old' : `${days} days old`;
  return `${dateOf(released)}, ${age}`;
}

function dateOf(instant: string): string {
  return visibleLine(instant.slice(0, 10));
}

function field(label: string, value: readonly Span[]): Line {
  return [span(`  ${padEnd(label, LABEL_WIDTH - 2)}`, 'dim'), ...value];
}

function labelled(label: string, text: string, width: number): Line[] {
  return paragraph(text, width, {first: `  ${padEnd(label, LABEL_WIDTH - 2)}`}).map((line, i) =>
    i === 0 && line[0] !== undefined ? [span(line[0].text, 'dim'), ...line.slice(1)] : line,
  );
}
