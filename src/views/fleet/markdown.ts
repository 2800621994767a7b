import {markdownCell, markdownCode, markdownRow} from '../markdown-text.js';
import {reasonText} from './human.js';
import type {FleetReportJson} from './model.js';

/** Host names listed in a ticket cell before "and N more". */
const MAX_NAMES = 10;

/**
 * `fleet report --format markdown`: the change ticket for a change across nodes. Every package
 * target is a row; host lists are cut at ten names ("and N more"); `--json` has all of them.
 */
export function renderMarkdownFleet(model: FleetReportJson): string {
  const {plans} = model;
  const out: string[] = [`## Patch change across ${plans.verified} ${plans.verified === 1 ? 'node' : 'nodes'}`, ''];
  out.push('| | |', '|---|---|');
  out.push(markdownRow(['Plans', `${plans.files} read, ${plans.verified} verified, ${plans.refused} refused`]));
  out.push(markdownRow(['Reboot options', Object.entries(model.rebootOptions).filter(([, n]) => n > 0).map(([o, n]) => `${o} ${n}`).join(', ') || 'none']));
  out.push(markdownRow(['Reboot expected', names(model.rebootExpected)]));
  if (model.rebootUnknown.length > 0) out.push(markdownRow(['Reboot not forecast (older plans)', names(model.rebootUnknown)]));
  out.push(markdownRow(['Install nothing', names(model.installNothing)]));
  out.push(markdownRow(['Unsigned', names(model.unsigned)]));
  out.push(markdownRow(['Signed', model.signed.length === 0 ? 'none' : `${model.signed.length} plans, ${model.signed.reduce((n, s) => n + s.approvals, 0)} approvals (${model.signed.reduce((n, s) => n + s.validApprovals, 0)} verify)`]));
  out.push('');

  out.push('### Packages to install', '');
  if (model.packages.length === 0) out.push('No plan installs anything.');
  else {
    out.push('| Package | Target | Install | Skip | Skip reasons | Nodes installing |', '|---|---|---:|---:|---|---|');
    for (const p of model.packages) {
      for (const [i, t] of p.targets.entries()) {
        out.push(
          markdownRow([
            markdownCode(p.name),
            markdownCode(t.version),
            String(t.nodes),
            i === 0 ? String(p.skipNodes) : '',
            i === 0 ? markdownCell(reasonText(p.skipReasons)) : '',
            names(t.hostnames),
          ]),
        );
      }
    }
  }
  out.push('');
  if (model.skippedOnly.length > 0) {
    out.push('### Skipped everywhere', '', '| Package | Skip | Reasons |', '|---|---:|---|');
    for (const p of model.skippedOnly) out.push(markdownRow([markdownCode(p.name), String(p.skipNodes), markdownCell(reasonText(p.skipReasons))]));
    out.push('');
  }
  if (model.exclusions.length > 0) {
    out.push('### Excluded by reviewers', '', '| Node | Package | Version | Reviewer | Note |', '|---|---|---|---|---|');
    for (const e of model.exclusions) {
      out.push(markdownRow([markdownCell(e.hostname), markdownCode(e.package), e.excludedVersion === null ? '' : markdownCode(e.excludedVersion), markdownCell(e.reviewer ?? ''), markdownCell(e.note)]));
    }
    out.push('');
  }
  if (model.duplicateMachineIds.length > 0 || model.refused.length > 0) {
    out.push('### Problems', '');
    for (const d of model.duplicateMachineIds) out.push(`- Machine id ${markdownCode(d.machineId)} is in ${d.files.length} plans: ${d.files.map(markdownCode).join(', ')}`);
    for (const r of model.refused) out.push(`- Refused: ${markdownCell(r.error)}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

function names(list: readonly string[]): string {
  if (list.length === 0) return 'none';
  const shown = list.slice(0, MAX_NAMES).map(markdownCell).join(', ');
  return list.length > MAX_NAMES ? `${shown} and ${list.length - MAX_NAMES} more` : shown;
}
