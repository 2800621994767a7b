import type {Plan, PlanDecision} from '../../plan/schema.js';
import {describeReason} from '../reason-text.js';
import {visibleLine} from '../safe-text.js';
import type {Style} from '../style.js';
import {wrapHanging} from '../text.js';
import {diffVersions, type VersionSegment} from '../version-diff.js';
import {packageLabels} from './labels.js';

/**
 * `--verbose`: every decision with its full sentence, nothing cut. Each package is a line and
 * its reason an indented comment under it, as Terraform shows notes; long lines wrap at word
 * boundaries under a hanging indent instead of being cut:
 *
 *     ~ curl 7.88.1-10+deb12u12 → 7.88.1-10+deb12u14
 *         # approval-rule: ApprovalRules.PatchRules[0] — 7.88.1-10+deb12u14 approved by this
 *           rule (PRIORITY optional)
 */
export function renderVerboseDecisions(plan: Plan, style: Style, width: number): string[] {
  const label = packageLabels(plan);
  const installs = plan.decisions.filter((d) => d.action === 'install');
  const skips = plan.decisions.filter((d) => d.action === 'skip');
  if (plan.decisions.length === 0) return ['No changes: no package has a newer version, and the baseline names none.', ''];
  const out: string[] = [];
  if (installs.length > 0) out.push(style.bold(`patchplan will install ${installs.length}:`), ...installs.flatMap((d) => entry(d, label(d), style, width)), '');
  if (skips.length > 0) out.push(style.bold(`patchplan will leave ${skips.length} as they are:`), ...skips.flatMap((d) => entry(d, label(d), style, width)), '');
  return out;
}

function entry(d: PlanDecision, name: string, style: Style, width: number): string[] {
  const head = `  ${symbol(d, style)} `;
  const line = `${style.bold(visibleLine(name))} ${versions(d, style)}`;
  const reason = d.reason.code === 'excluded-by-reviewer' ? `excluded-by-reviewer — ${d.reviewer ?? 'a reviewer'}: ${d.reason.detail}` : describeReason(d.reason);
  return [...wrapHanging(line, width, head, '      '), ...wrapHanging(style.dim(visibleLine(reason)), width, '      # ', '        ')];
}

function symbol(d: PlanDecision, style: Style): string {
  if (d.reason.code === 'excluded-by-reviewer') return style.red('x');
  if (d.action === 'skip') return style.dim('=');
  return d.installedVersion === null ? style.green('+') : style.yellow('~');
}

function versions(d: PlanDecision, style: Style): string {
  if (d.action === 'install') {
    const target = d.targetVersion ?? '';
    if (d.installedVersion === null) return style.green(visibleLine(target));
    const diff = diffVersions(d.installedVersion, target);
    return `${paint(diff.from, style.red)} → ${paint(diff.to, style.green)}`;
  }
  const installed = visibleLine(d.installedVersion ?? 'not installed');
  const skipped = d.excludedVersion ?? d.candidateVersion;
  return skipped ? `${installed} ${style.dim(`(${visibleLine(skipped)} ${d.excludedVersion ? 'excluded' : 'available'})`)}` : installed;
}

function paint(segments: readonly VersionSegment[], changed: (text: string) => string): string {
  return segments.map((s) => (s.changed ? changed(visibleLine(s.text)) : visibleLine(s.text))).join('');
}
