import {checkKernel, isLivepatch, isOtherKernelLivepatch} from '../livepatch.js';
import type {InstalledRow, LinuxRun, Row} from './run.js';

/**
 * Step "live patching": spec §6.7 (AMAZON_LINUX_2 kernel live patching), applied to the
 * assessed table after §6.4 classified it. The rules themselves are in livepatch.ts; this
 * step returns a new table in which
 * - livepatches never are INSTALLED_PENDING_REBOOT (when the report is cleaned up);
 * - the kernel's state and detail say when the installed livepatches cover its target's CVEs;
 * - livepatches for other kernels leave the report, and lose their decision when yum is not
 *   given them (plugin and service on) or a Scan no longer reports them.
 */
export function applyLivePatching(run: LinuxRun, rows: readonly Row[]): Row[] {
  const setup = run.livePatching;
  if (setup === null) return [...rows];

  const settled = rows.map((row): Row => {
    if (row.kind !== 'installed' || !setup.cleansReport || !isLivepatch(row.pkg.name)) return row;
    const {state} = row.assessment;
    if (state.state !== 'INSTALLED_PENDING_REBOOT') return row;
    return withState(row, {...state, state: state.settled ?? state.state});
  });

  const installed = (name: string): InstalledRow | null => {
    const row = settled.find((r) => r.pkg.name === name && r.pkg.arch === 'x86_64');
    return row?.kind === 'installed' ? row : null;
  };
  const kernel = installed('kernel');
  const livepatch = installed(setup.livepatchName);
  const outcome =
    kernel === null
      ? null
      : checkKernel({
          setup,
          kernel: kernel.assessment.view,
          kernelState: kernel.assessment.state,
          kernelCandidate: kernel.assessment.scanTarget?.version.version ?? kernel.assessment.view.installedVersion ?? '',
          livepatch: livepatch === null ? null : livepatch.assessment.view,
          livepatchState: livepatch === null ? null : livepatch.assessment.state,
          compare: run.ctx.compare,
        });

  // With kpatch.service off yum still installs another kernel's livepatch, so its decision stays.
  const keepsDecision = !setup.filtersInstall && !(run.operation === 'Scan' && setup.cleansReport);
  return settled.map((row): Row => {
    if (row.kind !== 'installed') return row;
    if (outcome !== null && row === kernel) return {...withState(row, outcome.state), note: outcome.note};
    if (isOtherKernelLivepatch(setup, row.pkg.name)) return {...row, reported: !setup.cleansReport, decides: keepsDecision};
    return row;
  });
}

function withState(row: InstalledRow, state: InstalledRow['assessment']['state']): InstalledRow {
  return {...row, assessment: {...row.assessment, state}};
}
