import {COMPLIANCE_STATES, REASON_CODES, type Plan, type PlanDecision} from '../../plan/schema.js';
import {describeReason} from '../reason-text.js';
import {createStyle, stripStyle, type Style} from '../style.js';
import {diffVersions, type VersionSegment} from '../version-diff.js';
import {osLabel, packageLabels, shortDigest, summaryLine} from './labels.js';

/**
 * The Terraform-style plan, rendered only from the plan object that `--json` prints, so what
 * a person reviews and what a pipeline reads cannot drift apart:
 *
 *     ~ curl   7.88.1-10+deb12u12 → 7.88.1-10+deb12u14   (approval-rule: ApprovalRules.PatchRules[0] — …)
 *     = tzdata 2025b-0+deb12u1 (2026a-0+deb12u1 available)   (not-security-repo: … — …)
 *
 * `~` upgrades, `+` installs a package that is not installed yet (a dependency), `=` keeps a
 * package as it is. `-` is deliberately not used: in Terraform it means destroy, and a skipped
 * update removes nothing.
 *
 * Given a terminal `width` that some line would not fit in, each reason goes on its own
 * indented comment line under its package, wrapped at the width, as Terraform shows notes:
 *
 *     ~ curl   7.88.1-10+deb12u12 → 7.88.1-10+deb12u14
 *         # approval-rule: ApprovalRules.PatchRules[0] — 7.88.1-10+deb12u14 approved by this
 *           rule (PRIORITY optional)
 *
 * Without a width (not a terminal) every package stays on one line, for grep and `less -S`.
 */
export function renderHumanPlan(plan: Plan, color: boolean, width?: number): string {
  const style = createStyle(color);
  const label = packageLabels(plan);
  const installs = plan.decisions.filter((d) => d.action === 'install');
  const skips = plan.decisions.filter((d) => d.action === 'skip');
  const out: string[] = [];

  out.push(...header(plan, style), '');
  if (plan.decisions.length === 0) {
    out.push(style.bold('No changes.') + ' No package has a newer version available, and the baseline names none.', '');
  } else {
    out.push(...legend(installs, skips), '');
    // One name column and one layout for both sections, so the eye can run down a single edge.
    const nameWidth = Math.min(Math.max(...plan.decisions.map((d) => visibleLength(label(d)))), 40);
    const installRows = installs.map((d) => installRow(d, label(d), style));
    const skipRows = skips.map((d) => skipRow(d, label(d), style));
    const layout = chooseLayout([installRows, skipRows], nameWidth, width);
    if (installs.length > 0) {
      out.push(style.bold('patchplan will install:'), '');
      out.push(...table(installRows, layout, style), '');
    }
    if (skips.length > 0) {
      out.push(style.bold('patchplan will leave as they are:'), '');
      out.push(...table(skipRows, layout, style), '');
    }
  }
  out.push(...compliance(plan, style));
  if (plan.warnings.length > 0) {
    out.push('', style.yellow(style.bold('Warnings:')));
    for (const warning of plan.warnings) out.push(`  - ${warning}`);
  }
  out.push('', style.bold(summaryLine(plan)) + reasonBreakdown(plan));
  return `${out.join('\n')}\n`;
}

export function renderHumanSaved(file: string): string {
  return [
    '',
    `Saved the plan to: ${file}`,
    '',
    'To review it again:',
    `    patchplan show ${quoteArg(file)}`,
    'To install exactly these versions:',
    `    patchplan apply ${quoteArg(file)}`,
    '',
  ].join('\n');
}

function header(plan: Plan, style: Style): string[] {
  const {node, baseline, options} = plan;
  const overrideList = options.installOverrideList
    ? [`Override list:  ${options.installOverrideList.source} (sha256 ${shortDigest(options.installOverrideList.sha256)})`]
    : [];
  const extras = [options.lenient ? 'lenient filter keys' : '', options.showNotApplicable ? 'showing not-installed packages' : '']
    .filter(Boolean)
    .map((e) => `, ${e}`)
    .join('');
  return [
    `${style.bold('Node:')}           ${node.hostname} (${osLabel(node.os)}, ${node.arch}, ${node.manager}${node.root === '/' ? '' : `, root ${node.root}`})`,
    `Machine ID:     ${node.machineId}`,
    `${style.bold('Baseline:')}       ${baseline.source} (sha256 ${shortDigest(baseline.sha256)})`,
    ...overrideList,
    `Evaluated at:   ${options.now}${extras}`,
    `Reboot option:  ${options.rebootOption}`,
  ];
}

function legend(installs: readonly PlanDecision[], skips: readonly PlanDecision[]): string[] {
  const lines = ['Actions are shown with these symbols:'];
  if (installs.some((d) => d.installedVersion !== null)) lines.push('  ~ upgrade to the planned version');
  if (installs.some((d) => d.installedVersion === null)) lines.push('  + install (not installed yet)');
  if (skips.length > 0) lines.push('  = leave as is');
  return lines;
}

/** Symbol, name and versions as styled cells; the reason as plain text, styled where it is placed. */
type Row = readonly [symbol: string, name: string, versions: string, reason: string];

function installRow(d: PlanDecision, name: string, style: Style): Row {
  const target = d.targetVersion ?? '';
  if (d.installedVersion === null) {
    return [style.green('+'), style.bold(name), style.green(target), describeReason(d.reason)];
  }
  const diff = diffVersions(d.installedVersion, target);
  const versions = `${paint(diff.from, style.red)} → ${paint(diff.to, style.green)}`;
  return [style.yellow('~'), style.bold(name), versions, describeReason(d.reason)];
}

function skipRow(d: PlanDecision, name: string, style: Style): Row {
  const installed = d.installedVersion ?? 'not installed';
  const available = d.candidateVersion ? ` (${d.candidateVersion} available)` : '';
  return [style.dim('='), name, `${installed}${style.dim(available)}`, describeReason(d.reason)];
}

function paint(segments: readonly VersionSegment[], changed: (text: string) => string): string {
  return segments.map((s) => (s.changed ? changed(s.text) : s.text)).join('');
}

interface Layout {
  readonly nameWidth: number;
  /** Null: the reason follows the versions on the package's line. */
  readonly commentWidth: number | null;
}

/** The width a table's version column takes (capped, so one long version does not push every reason away). */
function versionWidth(rows: readonly Row[]): number {
  return Math.min(Math.max(...rows.map((r) => visibleLength(r[2]))), 64);
}

/** Reasons go under their packages when a terminal width is known and some one-line row would not fit. */
function chooseLayout(tables: readonly (readonly Row[])[], nameWidth: number, width: number | undefined): Layout {
  if (width === undefined) return {nameWidth, commentWidth: null};
  const fits = tables.every((rows) =>
    rows.every((row) => visibleLength(oneLine(row, nameWidth, versionWidth(rows), (text) => text)) <= width),
  );
  return {nameWidth, commentWidth: fits ? null : width};
}

function oneLine([symbol, name, versions, reason]: Row, nameWidth: number, versionsWidth: number, dim: (text: string) => string): string {
  return `  ${symbol} ${padEnd(name, nameWidth)}  ${padEnd(versions, versionsWidth)}   ${dim(`(${reason})`)}`.trimEnd();
}

const COMMENT_INDENT = '      ';

/** Aligns the name and version columns, measuring without colour codes. */
function table(rows: readonly Row[], layout: Layout, style: Style): string[] {
  if (layout.commentWidth === null) return rows.map((row) => oneLine(row, layout.nameWidth, versionWidth(rows), style.dim));
  const commentWidth = layout.commentWidth;
  return rows.flatMap(([symbol, name, versions, reason]) => [
    `  ${symbol} ${padEnd(name, layout.nameWidth)}  ${versions}`.trimEnd(),
    ...wrapWords(reason, commentWidth - COMMENT_INDENT.length - 2).map(
      (line, i) => COMMENT_INDENT + style.dim(`${i === 0 ? '# ' : '  '}${line}`),
    ),
  ]);
}

/** Breaks text at spaces into lines of at most `width` characters; a longer word gets a line of its own. */
function wrapWords(text: string, width: number): string[] {
  const limit = Math.max(width, 20);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line === '') line = word;
    else if (visibleLength(line) + 1 + visibleLength(word) <= limit) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines;
}

function compliance(plan: Plan, style: Style): string[] {
  const {status, severity, counts} = plan.compliance;
  const parts = COMPLIANCE_STATES.filter((state) => counts[state] > 0).map((state) => `${counts[state]} ${state}`);
  const statusText = status === 'COMPLIANT' ? style.green(status) : style.yellow(status);
  return [
    `If the node were scanned now: ${statusText}${severity ? ` (severity ${severity})` : ''}${parts.length ? `: ${parts.join(', ')}` : ''}.`,
  ];
}

/** ` By reason: 6 approval-rule, 1 python3-apt-prerequisite, …` in the contract's code order. */
function reasonBreakdown(plan: Plan): string {
  const parts = REASON_CODES.filter((code) => plan.summary.byReason[code] > 0).map((code) => `${plan.summary.byReason[code]} ${code}`);
  return parts.length ? ` By reason: ${parts.join(', ')}.` : '';
}

function visibleLength(text: string): number {
  return Array.from(stripStyle(text)).length;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleLength(text)));
}

/** Quotes a path for the suggested shell command only when it needs quoting. */
function quoteArg(file: string): string {
  return /^[\w./@%+=:,-]+$/.test(file) ? file : `'${file.replace(/'/g, `'\\''`)}'`;
}
