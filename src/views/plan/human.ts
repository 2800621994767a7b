import type {ApprovalCheck} from '../../approval/check.js';
import {COMPLIANCE_STATES, type Plan, type PlanDecision} from '../../plan/schema.js';
import {visibleLine} from '../safe-text.js';
import {createStyle, type Style} from '../style.js';
import {displayWidth, fit, nameList, padEnd, wrapHanging} from '../text.js';
import {diffVersions, type VersionSegment} from '../version-diff.js';
import {approvalLinesHuman} from './approvals.js';
import {osLabel, packageLabels, shortDigest, summaryLine, updateSourceLabel} from './labels.js';
import {describeRebootForecast} from './reboot-text.js';
import {legendFor, ruleTag} from './rule-text.js';
import {renderVerboseDecisions} from './verbose.js';

export interface HumanPlanOptions {
  readonly color: boolean;
  /** Columns to lay out for (streams.width): every line fits. */
  readonly width: number;
  /** Every decision with its full sentence instead of the one-screen review. */
  readonly verbose?: boolean | undefined;
  /** `show`: the approvals and what verifying them found. */
  readonly approvals?: readonly ApprovalCheck[] | undefined;
}

/**
 * The plan as a reviewer reads it, in one screen, rendered only from the plan object that
 * `--json` prints (so what a person approves and what a pipeline reads cannot drift):
 *
 *     patchplan will install 90 packages:
 *       ~ libssl3      3.0.19-1~deb12u2 → 3.0.22-1~deb12u2              rule[0]
 *       + linux-image-6.1.0-42-amd64  6.1.158-1                       dependency
 *     patchplan will leave 47 updates as they are (--verbose lists each):
 *       = 40 not-security-repo (rule[0]): appstream, base-files, bash, … and 36 more
 *     Rules:
 *       rule[0]     ApprovalRules.PatchRules[0]: PRIORITY Required, …; security updates only
 *     Plan: 90 to install, 47 skipped.
 *
 * Installs one line each, the changed part of the version highlighted; why once per rule in
 * the legend, not once per package; skips one line per reason. `~` upgrades, `+` installs a
 * package that is not installed yet, `=` leaves an update out, `x` is a reviewer's exclusion.
 * `-` is deliberately not used: in Terraform it means destroy, and a skipped update removes
 * nothing. Every line fits `width`; long names and versions are cut with an ellipsis (the
 * full text is in `--verbose` and `--json`). Data is shown with control characters escaped.
 */
export function renderHumanPlan(plan: Plan, options: HumanPlanOptions): string {
  const style = createStyle(options.color);
  const width = options.width;
  const out: string[] = [...header(plan, style, width, options.verbose === true), ''];
  const installs = plan.decisions.filter((d) => d.action === 'install');
  const exclusions = plan.decisions.filter((d) => d.reason.code === 'excluded-by-reviewer');
  const skips = plan.decisions.filter((d) => d.action === 'skip' && d.reason.code !== 'excluded-by-reviewer');

  if (options.verbose === true) {
    out.push(...renderVerboseDecisions(plan, style, width));
  } else if (installs.length === 0 && exclusions.length === 0) {
    out.push(...wrapHanging(nothingToInstall(plan, skips), width, '', '  '), '');
  } else {
    out.push(...installSection(plan, installs, style, width));
    out.push(...exclusionSection(plan, exclusions, style, width));
    out.push(...skipSection(plan, skips, style, width));
    out.push(...legendSection(plan, [...installs, ...skips], style, width));
  }
  out.push(...footer(plan, style, width, options));
  return `${out.join('\n')}\n`;
}

function header(plan: Plan, style: Style, width: number, verbose: boolean): string[] {
  const {node, baseline, options} = plan;
  const nodeText = [node.hostname, osLabel(node.os), node.arch, node.manager, ...(node.root === '/' ? [] : [`root ${node.root}`])];
  const lines = [
    `${style.bold('Node')}      ${visibleLine(nodeText.join(' · '))}`,
    `${style.bold('Baseline')}  ${visibleLine(baseline.source)} (sha256 ${shortDigest(baseline.sha256)})`,
    `${style.bold('As of')}     ${formatInstant(options.now)} · reboot option ${options.rebootOption}`,
  ];
  const source = updateSourceLabel(node.updateSource);
  if (source !== null) lines.push(`${style.bold('Updates')}   ${visibleLine(source)}`);
  if (options.installOverrideList) {
    lines.push(`Override  ${visibleLine(options.installOverrideList.source)} (sha256 ${shortDigest(options.installOverrideList.sha256)})`);
  }
  if (options.pins) lines.push(`Pins      ${visibleLine(options.pins.source)} (sha256 ${shortDigest(options.pins.sha256)})`);
  const extras = [options.lenient ? 'lenient filter keys' : '', options.showNotApplicable ? 'not-installed packages shown' : ''].filter(Boolean);
  if (extras.length > 0) lines.push(`Options   ${extras.join(', ')}`);
  if (verbose) lines.push(`Machine   ${visibleLine(node.machineId)} · plan ${shortDigest(plan.digest)} · made ${formatInstant(plan.createdAt)}`);
  return lines.map((line) => fit(line, width));
}

function nothingToInstall(plan: Plan, skips: readonly PlanDecision[]): string {
  if (skips.length === 0) return 'No changes: no package has a newer version, and the baseline names none.';
  const groups = skipGroups(skips).map((g) => `${g.decisions.length} ${g.code}`);
  return `No changes: nothing to install; ${skips.length} ${skips.length === 1 ? 'update is' : 'updates are'} skipped (${groups.join(', ')}); --verbose lists ${skips.length === 1 ? 'it' : 'them'}.`;
}

// ---- installs -------------------------------------------------------------------------

interface InstallRow {
  readonly symbol: string;
  readonly name: string;
  readonly from: string | null;
  readonly to: string;
  readonly advisory: AdvisoryCell;
  readonly tag: string;
}

function installSection(plan: Plan, installs: readonly PlanDecision[], style: Style, width: number): string[] {
  if (installs.length === 0) return [];
  const label = packageLabels(plan);
  const severities = new Map((plan.advisories ?? []).map((a) => [a.id, a.severity]));
  const rows: InstallRow[] = installs.map((d) => ({
    symbol: d.installedVersion === null ? '+' : '~',
    name: visibleLine(label(d)),
    from: d.installedVersion === null ? null : visibleLine(d.installedVersion),
    to: visibleLine(d.targetVersion ?? ''),
    advisory: advisoryCell(d, severities),
    tag: ruleTag(d.reason),
  }));
  const noun = installs.length === 1 ? 'package' : 'packages';
  return [...heading(`patchplan will install ${installs.length} ${noun}:`, style, width), ...layoutInstalls(rows, style, width), ''];
}

/** `ALAS2023-2024-512 Important` (+N when the version fixes several); empty when the OS publishes none (apt). */
function advisoryCell(d: PlanDecision, severities: ReadonlyMap<string, string | null>): AdvisoryCell {
  const first = d.advisories[0];
  if (first === undefined) return {id: '', rest: ''};
  const severity = severities.get(first);
  const more = d.advisories.length > 1 ? ` +${d.advisories.length - 1}` : '';
  return {id: visibleLine(first), rest: visibleLine(`${severity ? ` ${severity}` : ''}${more}`)};
}

interface AdvisoryCell {
  readonly id: string;
  /** ` Important +2`: kept whole when the cell is cut, the id gives way. */
  readonly rest: string;
}

function advisoryText(cell: AdvisoryCell, width: number): string {
  const rest = fit(cell.rest, width);
  return fit(cell.id, width - displayWidth(rest), 'middle') + rest;
}

/**
 * Columns: symbol, name, versions, advisory (when any install has one), tag. When the natural
 * widths do not fit, the advisory gives way first, then the versions down to their short form
 * (the installed version cut to what differs, the target whole), then the name, then the
 * versions again; what is cut ends in an ellipsis.
 */
function layoutInstalls(rows: readonly InstallRow[], style: Style, width: number): string[] {
  const natural = (cells: readonly string[], cap: number): number => Math.min(cap, Math.max(0, ...cells.map(displayWidth)));
  const versionText = (r: InstallRow): string => (r.from === null ? r.to : `${r.from} → ${r.to}`);
  let name = natural(rows.map((r) => r.name), 40);
  let versions = natural(rows.map(versionText), 64);
  let advisory = natural(rows.map((r) => r.advisory.id + r.advisory.rest), 32);
  const tag = natural(rows.map((r) => r.tag), 16);
  const fixed = 4 + 2 + (advisory > 0 ? 2 : 0) + 2 + tag;
  let excess = fixed + name + versions + advisory - width;
  const shrink = (current: number, floor: number): number => {
    const by = Math.max(0, Math.min(excess, current - floor));
    excess -= by;
    return current - by;
  };
  if (excess > 0) advisory = shrink(advisory, Math.min(advisory, 18));
  if (excess > 0) versions = shrink(versions, Math.min(versions, Math.max(21, natural(rows.map(shortVersionText), 64))));
  if (excess > 0) name = shrink(name, Math.min(name, 16));
  if (excess > 0) versions = shrink(versions, Math.min(versions, 21));
  if (excess > 0) name = shrink(name, Math.min(name, 8));
  return rows.map((r) => {
    const symbol = r.symbol === '+' ? style.green('+') : style.yellow('~');
    const cells = [
      `  ${symbol} ${padEnd(style.bold(fit(r.name, name)), name)}`,
      padEnd(versionsCell(r, versions, style), versions),
      ...(advisory > 0 ? [padEnd(advisoryText(r.advisory, advisory), advisory)] : []),
      style.dim(fit(r.tag, tag)),
    ];
    return fit(cells.join('  ').trimEnd(), width);
  });
}

/** The short form of versionsCell, uncoloured, for measuring. */
function shortVersionText(r: InstallRow): string {
  if (r.from === null) return r.to;
  const diff = diffVersions(r.from, r.to);
  const shared = diff.from[0]?.changed === false ? 1 : 0;
  return `${shared ? '…' : ''}${diff.from.slice(shared).map((s) => s.text).join('')} → ${r.to}`;
}

/**
 * `installed → target` in `width` columns, the changed parts coloured. Short of room, the
 * target stays whole and the installed version keeps only what differs from it
 * (`…0.6 → 8.5.0-1.amzn2023.0.7`); only when even that does not fit are both cut in the middle.
 */
function versionsCell(r: InstallRow, width: number, style: Style): string {
  if (r.from === null) return style.green(fit(r.to, width, 'middle'));
  const arrow = ' → ';
  const diff = diffVersions(r.from, r.to);
  const full = `${paint(diff.from, style.red)}${arrow}${paint(diff.to, style.green)}`;
  if (displayWidth(full) <= width) return full;
  const shared = diff.from[0]?.changed === false ? diff.from[0].text : '';
  const differing = `…${paint(diff.from.slice(shared === '' ? 0 : 1), style.red)}`;
  const short = `${differing}${arrow}${paint(diff.to, style.green)}`;
  if (shared !== '' && displayWidth(short) <= width) return short;
  const room = width - displayWidth(arrow);
  const toRoom = Math.max(Math.ceil(room / 2), room - displayWidth(r.from));
  return `${fit(r.from, room - toRoom, 'middle')}${arrow}${fit(r.to, toRoom, 'middle')}`;
}

function paint(segments: readonly VersionSegment[], changed: (text: string) => string): string {
  return segments.map((s) => (s.changed ? changed(visibleLine(s.text)) : visibleLine(s.text))).join('');
}

// ---- exclusions and skips ---------------------------------------------------------------

function exclusionSection(plan: Plan, exclusions: readonly PlanDecision[], style: Style, width: number): string[] {
  if (exclusions.length === 0) return [];
  const label = packageLabels(plan);
  const lines = exclusions.map((d) => {
    const what = `${label(d)} ${d.excludedVersion ?? d.candidateVersion ?? ''}`.trim();
    const who = d.reviewer ? `${d.reviewer}: ` : '';
    return fit(`  ${style.red('x')} ${style.bold(visibleLine(what))}  ${style.dim(visibleLine(`excluded by ${who}${d.reason.detail}`))}`, width);
  });
  const noun = exclusions.length === 1 ? 'update' : 'updates';
  return [...heading(`Excluded in review (${exclusions.length} ${noun}; the plan does not install them):`, style, width), ...lines, ''];
}

interface SkipGroup {
  readonly code: PlanDecision['reason']['code'];
  readonly tag: string;
  readonly decisions: PlanDecision[];
}

/** Skips by reason code and rule, in order of first appearance (the plan's decisions are sorted by name). */
function skipGroups(skips: readonly PlanDecision[]): SkipGroup[] {
  const groups = new Map<string, SkipGroup>();
  for (const d of skips) {
    const tag = ruleTag(d.reason);
    const key = `${d.reason.code}\u0000${tag}`;
    const group = groups.get(key) ?? {code: d.reason.code, tag, decisions: []};
    group.decisions.push(d);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.decisions.length - a.decisions.length);
}

function skipSection(plan: Plan, skips: readonly PlanDecision[], style: Style, width: number): string[] {
  if (skips.length === 0) return [];
  const label = packageLabels(plan);
  const noun = skips.length === 1 ? 'update' : 'updates';
  const lines = skipGroups(skips).map((g) => {
    const rule = g.tag === g.code ? '' : ` (${g.tag})`;
    const head = `  ${style.dim('=')} ${g.decisions.length} ${g.code}${rule}: `;
    return head + nameList(g.decisions.map((d) => visibleLine(label(d))), width - displayWidth(head));
  });
  return [...heading(`patchplan will leave ${skips.length} ${noun} as ${skips.length === 1 ? 'it is' : 'they are'} (--verbose lists each):`, style, width), ...lines, ''];
}

function legendSection(plan: Plan, decisions: readonly PlanDecision[], style: Style, width: number): string[] {
  const entries = legendFor(plan, decisions);
  if (entries.length === 0) return [];
  const tagWidth = Math.min(16, Math.max(...entries.map((e) => displayWidth(e.tag))));
  const lines = entries.flatMap((e) => {
    const text = e.path === null ? e.text : `${e.path}: ${e.text}`;
    const first = `  ${padEnd(fit(e.tag, tagWidth), tagWidth)}  `;
    return wrapHanging(visibleLine(text), width, first, ' '.repeat(displayWidth(first)));
  });
  return [style.bold('Rules:'), ...lines, ''];
}

// ---- reboot, compliance, warnings, approvals, summary -----------------------------------

const WARNINGS_SHOWN = 3;

function footer(plan: Plan, style: Style, width: number, options: HumanPlanOptions): string[] {
  const out: string[] = [];
  if (plan.reboot !== undefined) {
    out.push(...wrapHanging(describeRebootForecast(plan.reboot, plan.options.rebootOption, plan.node.root), width, `${style.bold('Reboot')}  `, '        '));
  }
  out.push(...wrapHanging(complianceText(plan, style), width, '', '  '));
  if (plan.warnings.length > 0) {
    const shown = options.verbose === true ? plan.warnings : plan.warnings.slice(0, WARNINGS_SHOWN);
    out.push('', ...heading(`Warnings (${plan.warnings.length}):`, style, width).map(style.yellow));
    for (const warning of shown) out.push(...wrapHanging(visibleLine(warning), width, '  - ', '    '));
    const hidden = plan.warnings.length - shown.length;
    if (hidden > 0) out.push(`  … and ${hidden} more (--verbose or --json shows them)`);
  }
  if (options.approvals !== undefined) out.push('', ...approvalLinesHuman(options.approvals, style).map((line) => fit(line, width)));
  out.push('', ...heading(summaryLine(plan), style, width));
  return out;
}

function heading(text: string, style: Style, width: number): string[] {
  return wrapHanging(text, width, '', '  ').map((line) => style.bold(line));
}

function complianceText(plan: Plan, style: Style): string {
  const {status, severity, counts} = plan.compliance;
  const parts = COMPLIANCE_STATES.filter((state) => counts[state] > 0).map((state) => `${counts[state]} ${state}`);
  const statusText = status === 'COMPLIANT' ? style.green(status) : style.yellow(status);
  return `If scanned now: ${statusText}${severity ? ` (severity ${severity})` : ''}${parts.length ? `: ${parts.join(', ')}` : ''}.`;
}

/** `2026-11-24 00:00 UTC`: minutes are enough to tell plans apart; the file has the exact instant. */
function formatInstant(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function renderHumanSaved(file: string): string {
  const shown = visibleLine(file);
  return [
    '',
    `Saved the plan to: ${shown}`,
    '',
    'To review it again:',
    `    patchplan show ${quoteArg(shown)}`,
    'To install exactly these versions:',
    `    patchplan apply ${quoteArg(shown)}`,
    '',
  ].join('\n');
}

/** Quotes a path for the suggested shell command only when it needs quoting. */
function quoteArg(file: string): string {
  return /^[\w./@%+=:,-]+$/.test(file) ? file : `'${file.replace(/'/g, `'\\''`)}'`;
}
