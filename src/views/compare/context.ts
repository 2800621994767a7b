import {canonicalJson} from '../../json/canonical-json.js';
import {packagesUnchanged, type BaselineChange, type DocumentChange, type OptionChange, type OptionName, type OptionValue, type PackageChange, type PlanComparison} from '../../plan/compare.js';
import type {PlanCompliance, PlanNode, PlanOptions, PlanReboot} from '../../plan/schema.js';
import type {ComparedPlans} from '../../services/compare-plans.js';
import {visibleLine} from '../safe-text.js';
import {osLabel, shortDigest} from '../plan/labels.js';

/**
 * Everything that changed besides the packages, as label / old / new, in words: the human view
 * prints `Label: old → new`, the Markdown view a table row. Data is already made visible.
 */
export interface ContextChange {
  readonly label: string;
  readonly old: string;
  readonly new: string;
  /** A clause that says what the change means, when the values alone do not. */
  readonly note?: string;
  /** Parts of the change, one per line or row: the baseline's document paths, the compliance states. */
  readonly details?: readonly ContextChange[];
}

export function contextChanges(result: ComparedPlans): ContextChange[] {
  const c = result.comparison;
  const changes: ContextChange[] = [];
  // Another machine altogether is said once, up front (machineWarning); this is the same machine described differently.
  if (c.node?.sameMachine === true) changes.push({label: 'Node', old: nodeText(c.node.old), new: nodeText(c.node.new)});
  if (c.baseline) changes.push(...baselineChanges(c.baseline));
  changes.push(...c.options.map(optionChange));
  if (c.reboot) changes.push(...rebootChanges(c.reboot.old, c.reboot.new));
  if (c.compliance) changes.push(complianceChange(c.compliance.old, c.compliance.new));
  if (c.inventory) {
    const note = c.inventory.old.sha256 === c.inventory.new.sha256 ? 'the same contents' : 'other contents';
    changes.push({label: 'Inventory collected', old: c.inventory.old.collectedAt, new: c.inventory.new.collectedAt, note});
  }
  if (c.tool) changes.push({label: 'Made by', old: toolText(c.tool.old), new: toolText(c.tool.new)});
  if (c.approvals.old > 0 && !c.approvals.carriedOver) {
    changes.push({
      label: 'Approvals',
      old: String(c.approvals.old),
      new: String(c.approvals.new),
      note: "approvals sign one digest: the old plan's do not carry over",
    });
  }
  return changes;
}

/** `name`, or `name:arch` (apt) / `name.arch` when the comparison holds the name for several architectures. */
export function packageLabel(c: PlanComparison): (p: PackageChange) => string {
  const arches = new Map<string, Set<string>>();
  for (const p of [...c.entered, ...c.left, ...c.moved, ...c.reasonChanged, ...c.newSkips, ...c.vanishedSkips]) {
    arches.set(p.name, (arches.get(p.name) ?? new Set()).add(p.arch));
  }
  const separator = c.manager === 'apt' ? ':' : '.';
  return (p) => visibleLine((arches.get(p.name)?.size ?? 0) > 1 && p.arch !== '' ? `${p.name}${separator}${p.arch}` : p.name);
}

function nodeText(node: PlanNode): string {
  const root = node.root === '/' ? '' : `, root ${node.root}`;
  return visibleLine(`${node.hostname} (${osLabel(node.os)}, ${node.arch}, ${node.manager}${root})`);
}

/** Plans for two machines (compared only under --force): what every view says first. */
export function machineWarning(c: PlanComparison): string | null {
  if (c.old.machineId === c.new.machineId) return null;
  const node = (p: PlanComparison['old']): string => visibleLine(`${p.hostname} (machine ${p.machineId})`);
  return `These plans are for different machines, ${node(c.old)} and ${node(c.new)}: compared because of --force.`;
}

/** The source when it differs; the document's digest and leaf changes when it does. */
function baselineChanges(change: BaselineChange): ContextChange[] {
  const sameDocument = change.old.sha256 === change.new.sha256;
  const source: ContextChange[] =
    change.old.source === change.new.source
      ? []
      : [{label: 'Baseline', old: visibleLine(change.old.source), new: visibleLine(change.new.source), ...(sameDocument ? {note: 'the same document'} : {})}];
  if (sameDocument) return source;
  return [
    ...source,
    {
      label: 'Baseline document',
      old: `sha256 ${shortDigest(change.old.sha256)}`,
      new: `sha256 ${shortDigest(change.new.sha256)}`,
      details: change.documentChanges.map(documentChange),
    },
  ];
}

function documentChange(change: DocumentChange): ContextChange {
  return {
    label: visibleLine(change.path),
    old: change.kind === 'added' ? '(absent)' : jsonText(change.old),
    new: change.kind === 'removed' ? '(absent)' : jsonText(change.new),
  };
}

function jsonText(value: unknown): string {
  return visibleLine(canonicalJson(value));
}

const OPTION_LABELS: Readonly<Record<OptionName, string>> = {
  rebootOption: 'Reboot option',
  installOverrideList: 'Install override list',
  pins: 'Pins',
  now: 'Evaluated at',
  lenient: 'Lenient filter keys',
  showNotApplicable: 'Not-installed packages listed',
};

function optionChange(change: OptionChange): ContextChange {
  return {label: OPTION_LABELS[change.option], old: optionText(change.old), new: optionText(change.new)};
}

function optionText(value: OptionValue): string {
  if (value === null) return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return visibleLine(value);
  return `${visibleLine(value.source)} (sha256 ${shortDigest(value.sha256)})`;
}

/** Whether apply will reboot, then what needs one (each cause that came or went), each only when it changed. */
function rebootChanges(o: PlanReboot | null, n: PlanReboot | null): ContextChange[] {
  const verdict = (r: PlanReboot | null): string => (r === null ? 'not forecast (an older plan)' : `${r.expected ? 'expected' : 'none'} (${visibleLine(r.reason)})`);
  const causes = (r: PlanReboot | null): string[] => (r?.causes ?? []).map((cause) => visibleLine(`${cause.package ?? 'the OS'} (${cause.kind})`));
  const [oldCauses, newCauses] = [causes(o), causes(n)];
  const details = [...new Set([...oldCauses, ...newCauses])]
    .filter((cause) => oldCauses.includes(cause) !== newCauses.includes(cause))
    .map((cause) => ({label: cause, old: oldCauses.includes(cause) ? 'yes' : 'no', new: newCauses.includes(cause) ? 'yes' : 'no'}));
  const counted = (list: readonly string[]): string => (list.length === 1 ? '1 cause' : `${list.length} causes`);
  return [
    ...(verdict(o) === verdict(n) ? [] : [{label: 'Reboot forecast', old: verdict(o), new: verdict(n)}]),
    ...(details.length === 0 ? [] : [{label: 'Reboot needed for', old: counted(oldCauses), new: counted(newCauses), details}]),
  ];
}

/** Status and severity, with one detail per compliance state whose count changed. */
function complianceChange(o: PlanCompliance, n: PlanCompliance): ContextChange {
  const status = (c: PlanCompliance): string => `${c.status}${c.severity ? ` (${c.severity})` : ''}`;
  const keys = new Set([...Object.keys(o.counts), ...Object.keys(n.counts)]) as Set<keyof PlanCompliance['counts']>;
  const details = [...keys]
    .filter((state) => (o.counts[state] ?? 0) !== (n.counts[state] ?? 0))
    .map((state) => ({label: state, old: String(o.counts[state] ?? 0), new: String(n.counts[state] ?? 0)}));
  const note = status(o) === status(n) ? {note: 'other counts'} : {};
  return {label: 'Compliance if scanned now', old: status(o), new: status(n), ...note, details};
}

function toolText(tool: {readonly name: string; readonly version: string}): string {
  return visibleLine(`${tool.name} ${tool.version}`);
}

/**
 * `Compared with old.json: 3 enter, 1 leaves, 2 move, 4 reasons changed; baseline unchanged.`
 * `oldFile` is given as the view shows it (made visible, and cut or escaped for its medium).
 */
export function summarySentence(c: PlanComparison, oldFile: string): string {
  const baseline = c.baseline === null ? 'baseline unchanged' : 'baseline changed';
  if (packagesUnchanged(c)) return `Compared with ${oldFile}: same versions, same reasons${c.baseline === null ? '' : '; baseline changed'}.`;
  const counts = [
    count(c.entered.length, 'enters', 'enter'),
    count(c.left.length, 'leaves', 'leave'),
    count(c.moved.length, 'moves', 'move'),
    count(c.reasonChanged.length, 'reason changed', 'reasons changed'),
    count(c.newSkips.length, 'newly skipped', 'newly skipped'),
    count(c.vanishedSkips.length, 'no longer listed', 'no longer listed'),
  ].filter((part) => part !== '');
  return `Compared with ${oldFile}: ${counts.join(', ')}; ${baseline}.`;
}

function count(n: number, one: string, many: string): string {
  return n === 0 ? '' : `${n} ${n === 1 ? one : many}`;
}
