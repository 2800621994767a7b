import {createStyle} from '../style.js';
import {visibleLine} from '../safe-text.js';
import {displayWidth, fit, nameList, padEnd, wrapHanging} from '../text.js';
import type {FleetReportJson} from './model.js';

export interface HumanFleetOptions {
  readonly color: boolean;
  readonly width: number;
}

/** Package rows shown before "and N more packages". */
const MAX_PACKAGES = 15;
const MAX_SKIPPED_ONLY = 5;
const MAX_EXCLUSIONS = 5;

/**
 * The change across the fleet in one screen, like the plan view:
 *
 *     Fleet     12 plans verified · 1 refused
 *
 *     Across 12 nodes patchplan would install 3 packages:
 *       ~ openssl   3.0.22-1~deb12u2   10 nodes install · 2 skip (not-approved 2)
 *           web-01, web-02, web-03 and 7 more
 *     Skipped on every node:
 *       = tzdata    12 skip (not-security-repo 12)
 *     Install nothing   db-01, db-02
 *     Reboot expected   web-01, web-02 and 8 more
 *     …
 *     Fleet: 12 nodes, 10 install something, 2 nothing; 1 plan refused.
 *
 * Lists are cut to one line ("and N more"); `--json` has every name.
 */
export function renderHumanFleet(model: FleetReportJson, options: HumanFleetOptions): string {
  const style = createStyle(options.color);
  const width = options.width;
  const names = (list: readonly string[], indent: number): string => nameList(list.map(visibleLine), Math.max(10, width - indent));
  const out: string[] = [];
  const {plans} = model;
  out.push(`${style.bold('Fleet')}     ${plans.verified} ${plans.verified === 1 ? 'plan' : 'plans'} verified${plans.refused > 0 ? ` · ${plans.refused} refused` : ''}`);
  const options_ = Object.entries(model.rebootOptions).filter(([, n]) => n > 0).map(([o, n]) => `${o} ${n}`);
  if (options_.length > 0) out.push(`${style.bold('Reboot')}    ${options_.join(' · ')}`);
  out.push('');

  if (model.packages.length === 0) {
    out.push(`No plan installs anything.`);
  } else {
    out.push(`Across ${plans.verified} ${plans.verified === 1 ? 'node' : 'nodes'} patchplan would install ${model.packages.length} ${model.packages.length === 1 ? 'package' : 'packages'}:`);
    const rows = model.packages.flatMap((p) => p.targets.map((t, i) => ({p, t, first: i === 0})));
    const shown = rows.slice(0, MAX_PACKAGES);
    const counts = shown.map(({p, t, first}) => `${t.nodes} ${t.nodes === 1 ? 'node' : 'nodes'} install${first ? ` · ${p.skipNodes} skip` : ''}`);
    const room = Math.max(20, width - 8 - Math.max(...counts.map(displayWidth)));
    const nameWidth = Math.min(Math.ceil(room / 2), Math.max(...shown.map((r) => displayWidth(visibleLine(r.p.name)))));
    const versionWidth = Math.min(room - nameWidth, Math.max(...shown.map((r) => displayWidth(visibleLine(r.t.version)))));
    for (const [i, {p, t, first}] of shown.entries()) {
      const line = `  ${style.green('~')} ${padEnd(fit(visibleLine(p.name), nameWidth), nameWidth)}  ${padEnd(fit(visibleLine(t.version), versionWidth, 'middle'), versionWidth)}  ${counts[i] ?? ''}`;
      out.push(fit(line, width));
      out.push(`      ${names(t.hostnames, 6)}`);
      if (first && p.skipNodes > 0) {
        const label = `      skip (${reasonText(p.skipReasons)}): `;
        out.push(fit(`${label}${names(p.skipHostnames, displayWidth(label))}`, width));
      }
    }
    if (rows.length > shown.length) out.push(`  … and ${rows.length - shown.length} more package targets (--json lists each)`);
  }
  if (model.skippedOnly.length > 0) {
    out.push(`Skipped on every node that has an update for it (${model.skippedOnly.length}):`);
    for (const p of model.skippedOnly.slice(0, MAX_SKIPPED_ONLY)) {
      out.push(fit(`  = ${visibleLine(p.name)}  ${p.skipNodes} skip (${reasonText(p.skipReasons)})`, width));
    }
    if (model.skippedOnly.length > MAX_SKIPPED_ONLY) out.push(`  … and ${model.skippedOnly.length - MAX_SKIPPED_ONLY} more (--json lists each)`);
  }
  out.push('');

  const section = (label: string, list: readonly string[]): void => {
    if (list.length === 0) return;
    out.push(`${style.bold(padEnd(label, 18))}${names(list, 18)}`);
  };
  section(`Install nothing ${model.installNothing.length}`, model.installNothing);
  section(`Reboot expected ${model.rebootExpected.length}`, model.rebootExpected);
  section(`Reboot unknown ${model.rebootUnknown.length}`, model.rebootUnknown);
  section(`Unsigned ${model.unsigned.length}`, model.unsigned);
  if (model.signed.length > 0) {
    const approvals = model.signed.reduce((n, s) => n + s.approvals, 0);
    const invalid = model.signed.reduce((n, s) => n + (s.approvals - s.validApprovals), 0);
    out.push(`${style.bold(padEnd(`Signed ${model.signed.length}`, 18))}${approvals} approvals${invalid > 0 ? `, ${invalid} with a signature that does not verify` : ''}`);
  }
  if (model.exclusions.length > 0) {
    out.push(`${style.bold('Excluded by reviewers')} (${model.exclusions.length}):`);
    for (const e of model.exclusions.slice(0, MAX_EXCLUSIONS)) {
      const who = e.reviewer === null ? '' : ` by ${e.reviewer}`;
      out.push(...wrapHanging(visibleLine(`x ${e.hostname}: ${e.package}${e.excludedVersion === null ? '' : ` ${e.excludedVersion}`}${who}: ${e.note}`), width, '  ', '      '));
    }
    if (model.exclusions.length > MAX_EXCLUSIONS) out.push(`  … and ${model.exclusions.length - MAX_EXCLUSIONS} more (--json lists each)`);
  }
  for (const d of model.duplicateMachineIds) {
    out.push(...wrapHanging(visibleLine(`! machine id ${d.machineId} is in ${d.files.length} plans: ${d.files.join(', ')}`), width, '', '    '));
  }
  for (const r of model.refused) out.push(...wrapHanging(visibleLine(`! refused ${r.error}`), width, '', '    '));
  if (out.at(-1) !== '') out.push('');
  const some = model.plans.verified - model.installNothing.length;
  out.push(
    ...wrapHanging(
      `Fleet: ${model.plans.verified} ${model.plans.verified === 1 ? 'node' : 'nodes'}, ${some} install something, ${model.installNothing.length} nothing` +
        `${model.plans.refused > 0 ? `; ${model.plans.refused} ${model.plans.refused === 1 ? 'plan' : 'plans'} refused` : ''}` +
        `${model.duplicateMachineIds.length > 0 ? `; ${model.duplicateMachineIds.length} duplicate machine ${model.duplicateMachineIds.length === 1 ? 'id' : 'ids'}` : ''}.`,
      width,
      '',
      '  ',
    ).map((line) => style.bold(line)),
  );
  return `${out.join('\n')}\n`;
}

export function reasonText(reasons: Readonly<Record<string, number | undefined>>): string {
  return Object.entries(reasons)
    .filter(([, n]) => n !== undefined && n > 0)
    .sort(([a, x], [b, y]) => (y ?? 0) - (x ?? 0) || (a < b ? -1 : 1))
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
}
