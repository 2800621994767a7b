import type {ApprovalCheck} from '../../approval/check.js';
import type {Plan, PlanAdvisory, PlanDecision} from '../../plan/schema.js';
import {markdownCell as cell, markdownCode as code, markdownRow as row} from '../markdown-text.js';
import {approvalLinesMarkdown} from './approvals.js';
import {osLabel, packageLabels, summaryLine, updateSourceLabel} from './labels.js';
import {describeRebootForecast} from './reboot-text.js';
import {legendFor, ruleTag} from './rule-text.js';

/**
 * `show --format markdown`: the plan for a change ticket. Node, baseline and counts first;
 * one row per install with its advisories (severity, CVEs where the OS publishes them) and
 * why; skips one row per reason; exclusions with their notes; approvals; the expected reboot;
 * the digest, so an approver can say exactly which plan they approved and `apply` can prove
 * it is that one. Each column says something no other column says: the rule tag points into
 * the legend, where each rule is explained once.
 */
export function renderMarkdownPlan(plan: Plan, approvals?: readonly ApprovalCheck[]): string {
  const label = packageLabels(plan);
  const installs = plan.decisions.filter((d) => d.action === 'install');
  const exclusions = plan.decisions.filter((d) => d.reason.code === 'excluded-by-reviewer');
  const skips = plan.decisions.filter((d) => d.action === 'skip' && d.reason.code !== 'excluded-by-reviewer');
  return [
    ...overview(plan),
    ...installTable(plan, installs, label),
    ...exclusionTable(exclusions, label),
    ...skipTable(skips, label),
    ...legend(plan, [...installs, ...skips]),
    ...(approvals === undefined ? [] : ['### Approvals', '', ...approvalLinesMarkdown(approvals, cell)]),
    ...warnings(plan),
  ].join('\n');
}

function overview(plan: Plan): string[] {
  const {node, baseline, options} = plan;
  return [
    `## Patch plan for ${code(node.hostname)}`,
    '',
    `**${summaryLine(plan)}**`,
    '',
    '| | |',
    '|---|---|',
    `| Node | ${cell(`${node.hostname} — ${osLabel(node.os)}, ${node.arch}, ${node.manager}${node.root === '/' ? '' : `, root ${node.root}`}`)} |`,
    `| Machine ID | ${code(node.machineId)} |`,
    ...(updateSourceLabel(node.updateSource) === null ? [] : [`| Updates from | ${cell(updateSourceLabel(node.updateSource) ?? '')} |`]),
    `| Baseline | ${cell(baseline.source)} (sha256 ${code(baseline.sha256)}) |`,
    ...(options.installOverrideList
      ? [`| Install override list | ${cell(options.installOverrideList.source)} (sha256 ${code(options.installOverrideList.sha256)}) |`]
      : []),
    ...(options.pins ? [`| Pins | ${cell(options.pins.source)} (sha256 ${code(options.pins.sha256)}) |`] : []),
    `| Evaluated as of | ${options.now} |`,
    `| Reboot option | ${options.rebootOption} |`,
    ...(plan.reboot === undefined ? [] : [`| Reboot | ${cell(describeRebootForecast(plan.reboot, options.rebootOption, node.root))} |`]),
    `| Inventory collected at | ${plan.inventory.collectedAt} |`,
    `| Plan created at | ${plan.createdAt} by ${cell(`${plan.tool.name} ${plan.tool.version}`)} |`,
    `| Plan digest | ${code(plan.digest)} |`,
    `| If scanned now | ${plan.compliance.status}${plan.compliance.severity ? ` (${plan.compliance.severity})` : ''} |`,
    '',
  ];
}

function installTable(plan: Plan, installs: readonly PlanDecision[], label: (d: PlanDecision) => string): string[] {
  const out = [`### To install (${installs.length})`, ''];
  if (installs.length === 0) return [...out, 'Nothing.', ''];
  const advisories = new Map((plan.advisories ?? []).map((a) => [a.id, a]));
  const withAdvisories = installs.some((d) => d.advisories.length > 0);
  out.push(
    withAdvisories ? '| Package | Installed | Planned | Advisories | Why |' : '| Package | Installed | Planned | Why |',
    withAdvisories ? '|---|---|---|---|---|' : '|---|---|---|---|',
  );
  for (const d of installs) {
    const cells = [
      code(label(d)),
      d.installedVersion ? code(d.installedVersion) : 'not installed',
      code(d.targetVersion ?? ''),
      ...(withAdvisories ? [d.advisories.map((id) => describeAdvisory(id, advisories.get(id))).join('<br>')] : []),
      why(d),
    ];
    out.push(row(cells));
  }
  return [...out, ''];
}

const CVES_SHOWN = 5;

/** `ALAS2023-2026-1201` (Critical; CVE-2026-0001, CVE-2026-0002) */
function describeAdvisory(id: string, advisory: PlanAdvisory | undefined): string {
  if (advisory === undefined) return code(id);
  const cves = advisory.cves.slice(0, CVES_SHOWN).join(', ') + (advisory.cves.length > CVES_SHOWN ? ` and ${advisory.cves.length - CVES_SHOWN} more` : '');
  const facts = [advisory.severity ?? '', cves].filter((f) => f !== '');
  return `${code(id)}${facts.length > 0 ? ` (${cell(facts.join('; '))})` : ''}`;
}

/** `approval-rule rule[0]`, `dependency of linux-image-amd64.amd64`: the code and where to look. */
function why(d: PlanDecision): string {
  const tag = ruleTag(d.reason);
  if (d.reason.code === 'dependency' && d.reason.rule !== null) return `dependency of ${code(d.reason.rule)}`;
  return citesRule(tag) ? `${code(d.reason.code)} ${code(tag)}` : code(d.reason.code);
}

function exclusionTable(exclusions: readonly PlanDecision[], label: (d: PlanDecision) => string): string[] {
  if (exclusions.length === 0) return [];
  return [
    `### Excluded in review (${exclusions.length})`,
    '',
    '| Package | Installed | Excluded version | Excluded by | Note |',
    '|---|---|---|---|---|',
    ...exclusions.map((d) =>
      row([
        code(label(d)),
        d.installedVersion ? code(d.installedVersion) : 'not installed',
        code(d.excludedVersion ?? d.candidateVersion ?? ''),
        cell(d.reviewer ?? ''),
        cell(d.reason.detail),
      ]),
    ),
    '',
  ];
}

function skipTable(skips: readonly PlanDecision[], label: (d: PlanDecision) => string): string[] {
  const out = [`### Left as they are (${skips.length})`, ''];
  if (skips.length === 0) return [...out, 'Nothing.', ''];
  const groups = new Map<string, PlanDecision[]>();
  for (const d of skips) {
    const key = `${d.reason.code} ${ruleTag(d.reason)}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  out.push('| Why | Count | Packages |', '|---|---|---|');
  for (const group of [...groups.values()].sort((a, b) => b.length - a.length)) {
    const first = group[0];
    if (first === undefined) continue;
    out.push(row([why(first), String(group.length), group.map((d) => code(label(d))).join(', ')]));
  }
  return [...out, ''];
}

function legend(plan: Plan, decisions: readonly PlanDecision[]): string[] {
  // `dependency` rows name their dependent already.
  const entries = legendFor(plan, decisions).filter((e) => e.path !== null || e.code !== 'dependency');
  if (entries.length === 0) return [];
  return [
    '### Rules',
    '',
    ...entries.map((e) => (e.path === null ? `- ${code(e.code)}: ${cell(e.text)}` : `- ${code(e.tag)} ${code(e.path)}: ${cell(e.text)}`)),
    '',
  ];
}

function warnings(plan: Plan): string[] {
  if (plan.warnings.length === 0) return [];
  return ['### Warnings', '', ...plan.warnings.map((w) => `- ${cell(w)}`), ''];
}

/** Tags like `rule[0]` point at a baseline rule; the others are reason codes in short. */
function citesRule(tag: string): boolean {
  return /\[\d+\]$/.test(tag);
}
