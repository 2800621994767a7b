import type {Plan, PlanDecision} from '../../plan/schema.js';

/**
 * How a package is named in views: the bare name, or `name:arch` (apt) / `name.arch` (rpm
 * and others) when the plan holds the same name for several architectures, the way each
 * package manager writes it.
 */
export function packageLabels(plan: Plan): (decision: PlanDecision) => string {
  const arches = new Map<string, Set<string>>();
  for (const d of plan.decisions) arches.set(d.name, (arches.get(d.name) ?? new Set()).add(d.arch));
  const separator = plan.node.manager === 'apt' ? ':' : '.';
  return (d) => ((arches.get(d.name)?.size ?? 0) > 1 && d.arch !== '' ? `${d.name}${separator}${d.arch}` : d.name);
}

/** `Plan: 3 to install, 5 skipped.` (Terraform's summary line). */
export function summaryLine(plan: Plan): string {
  return `Plan: ${plan.summary.byAction.install} to install, ${plan.summary.byAction.skip} skipped.`;
}

export function shortDigest(hex: string): string {
  return hex.replace(/^sha256:/, '').slice(0, 12);
}

/** Windows: where the node's updates come from, as a reviewer needs to read it (null elsewhere). */
export function updateSourceLabel(source: {readonly kind: 'microsoft-update' | 'wsus'; readonly server?: string | undefined} | undefined): string | null {
  if (source === undefined) return null;
  return source.kind === 'wsus'
    ? `WSUS server ${source.server ?? '(unnamed)'} (Group Policy): only the updates it approved are offered`
    : 'Microsoft Update (no WSUS server set by Group Policy)';
}

/** `Debian GNU/Linux 12 (bookworm)`: os-release NAME may or may not carry the version already. */
export function osLabel(os: {readonly id: string; readonly versionId: string; readonly name: string}): string {
  const name = os.name || os.id;
  return os.versionId === '' || name.includes(os.versionId) ? name : `${name} ${os.versionId}`;
}
