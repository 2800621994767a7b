import {REASON_CODES, type Plan, type PlanDecision} from '../../plan/schema.js';
import {reasonSentence} from '../reason-text.js';
import {osLabel, packageLabels, summaryLine} from './labels.js';

/**
 * `show --format markdown`: the plan for a change ticket. It carries the digest, so an
 * approver can state exactly which plan they approved and `apply` can prove it is that one.
 */
export function renderMarkdownPlan(plan: Plan): string {
  const label = packageLabels(plan);
  const installs = plan.decisions.filter((d) => d.action === 'install');
  const skips = plan.decisions.filter((d) => d.action === 'skip');
  const {node, baseline, options} = plan;
  const out: string[] = [
    `## Patch plan for ${code(node.hostname)}`,
    '',
    `**${summaryLine(plan)}**`,
    '',
    '| | |',
    '|---|---|',
    `| Node | ${cell(`${node.hostname} — ${osLabel(node.os)}, ${node.arch}, ${node.manager}`)} |`,
    `| Machine ID | ${code(node.machineId)} |`,
    `| Baseline | ${cell(baseline.source)} (sha256 ${code(baseline.sha256)}) |`,
    ...(options.installOverrideList
      ? [`| Install override list | ${cell(options.installOverrideList.source)} (sha256 ${code(options.installOverrideList.sha256)}) |`]
      : []),
    `| Evaluated at | ${options.now} |`,
    `| Reboot option | ${options.rebootOption} |`,
    `| Inventory collected at | ${plan.inventory.collectedAt} |`,
    `| Plan created at | ${plan.createdAt} by ${cell(`${plan.tool.name} ${plan.tool.version}`)} |`,
    `| Plan digest | ${code(plan.digest)} |`,
    `| Compliance if scanned now | ${plan.compliance.status}${plan.compliance.severity ? ` (${plan.compliance.severity})` : ''} |`,
    '',
  ];
  out.push(`### To install (${installs.length})`, '');
  if (installs.length === 0) out.push('Nothing.', '');
  else {
    out.push('| Package | Installed | Planned version | Reason | Rule | Why | Advisories |', '|---|---|---|---|---|---|---|');
    for (const d of installs) {
      out.push(
        row([
          code(label(d)),
          d.installedVersion ? code(d.installedVersion) : 'not installed',
          code(d.targetVersion ?? ''),
          code(d.reason.code),
          d.reason.rule ? code(d.reason.rule) : '',
          cell(why(d)),
          cell(d.advisories.join(', ')),
        ]),
      );
    }
    out.push('');
  }
  out.push(`### Left as they are (${skips.length})`, '');
  if (skips.length === 0) out.push('Nothing.', '');
  else {
    out.push('| Package | Installed | Newest available | Reason | Rule | Why |', '|---|---|---|---|---|---|');
    for (const d of skips) {
      out.push(
        row([
          code(label(d)),
          d.installedVersion ? code(d.installedVersion) : 'not installed',
          d.candidateVersion ? code(d.candidateVersion) : '',
          code(d.reason.code),
          d.reason.rule ? code(d.reason.rule) : '',
          cell(why(d)),
        ]),
      );
    }
    out.push('');
  }
  if (plan.warnings.length > 0) {
    out.push('### Warnings', '');
    for (const warning of plan.warnings) out.push(`- ${inline(warning)}`);
    out.push('');
  }
  const used = REASON_CODES.filter((c) => plan.summary.byReason[c] > 0);
  if (used.length > 0) {
    out.push('<details><summary>Reason codes</summary>', '');
    for (const c of used) out.push(`- ${code(c)} (${plan.summary.byReason[c]}): ${reasonSentence(c)}.`);
    out.push('', '</details>', '');
  }
  return out.join('\n');
}

function why(d: PlanDecision): string {
  return d.reason.detail.trim() === '' ? reasonSentence(d.reason.code) : d.reason.detail;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Text from packages and baselines must not break the table or inject markup. */
function cell(text: string): string {
  return inline(text).replace(/\|/g, '\\|');
}

function inline(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    // `~` too: GitHub renders text between single tildes struck through, and dpkg versions have them.
    .replace(/[\\`*_~[\]<>#]/g, (c) => `\\${c}`)
    .trim();
}

/** A code span that survives backticks in the text (CommonMark: use a longer fence). */
function code(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean.replace(/\|/g, '\\|')}${pad}${fence}`;
}
