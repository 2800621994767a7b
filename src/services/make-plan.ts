import {defaultBaselineFor, loadBaseline} from '../baseline/load.js';
import type {Runtime} from '../cli/runtime.js';
import {evaluateBaseline} from '../engine/evaluate.js';
import type {RebootOption} from '../engine/engine-io.js';
import type {InstallOverrideList} from '../baseline/model.js';
import {InputError} from '../errors.js';
import {readInputText} from '../system/input-files.js';
import {loadInventory} from '../inventory/load.js';
import type {Inventory} from '../inventory/schema.js';
import type {ManagerId} from '../core/ids.js';
import {inventoryTraps} from '../inventory/traps.js';
import {buildPlan} from '../plan/build.js';
import {sha256Hex} from '../json/canonical-json.js';
import {excludeFromPlan, requiresFromInventory, type ExclusionRequest, type RequiresOf} from '../plan/exclude.js';
import {writePlanFile} from '../plan/file.js';
import {parsePinFileText, type PinFile} from '../plan/pin-file.js';
import type {Plan} from '../plan/schema.js';

export interface MakePlanOptions {
  /** `--baseline`: a file, or a built-in id; absent means the node OS's predefined default. */
  readonly baselineRef?: string | undefined;
  /** `--inventory`: plan offline against this file; absent means collect from the node now. */
  readonly inventoryFile?: string | undefined;
  /** `--refresh`: update the package lists before collecting (live collection only). */
  readonly refresh?: boolean | undefined;
  /** `--pin`: a pin file from `fleet pin`. */
  readonly pinFile?: string | undefined;
  /** `--install-override-list`: a file or an https:// URL. */
  readonly installOverrideListRef?: string | undefined;
  readonly rebootOption: RebootOption;
  /** `--now`; absent means the clock. */
  readonly now?: Date | undefined;
  /** `--out`: write the plan file there (atomically, mode 0600). */
  readonly outFile?: string | undefined;
  /** `--lenient` (DECISION-8). */
  readonly lenient?: boolean | undefined;
  /** `--show-not-applicable` (DECISION-22). */
  readonly showNotApplicable?: boolean | undefined;
  /** `--detailed-exitcode`: exit 2 when the plan installs something. */
  readonly detailedExitCode?: boolean | undefined;
  /** `--manager` / `--root`: they select what live collection reads, so with a file they must agree with it. */
  readonly manager?: ManagerId | undefined;
  readonly root?: string | undefined;
  /** Recorded in the plan's `tool.version`. */
  readonly toolVersion: string;
  /** `--exclude NAME[=VERSION] --note TEXT`: reviewer exclusions applied before the plan is written. */
  readonly exclusions?: readonly ExclusionRequest[] | undefined;
}

export interface MakePlanResult {
  /** The plan as written (with any exclusions). */
  readonly plan: Plan;
  /** The plan as the engine made it, before exclusions: what the review's undo goes back to. */
  readonly enginePlan: Plan;
  /** What installing each offered version pulls in, from the inventory: the review checks exclusions with it. */
  readonly requiresOf: RequiresOf;
  /** 0, or 2 under `--detailed-exitcode` when at least one package is installed. */
  readonly exitCode: 0 | 2;
  /** The `--inventory` file's silent traps (`FILE: sentence`), also first among the plan's warnings; for stderr. */
  readonly inventoryWarnings: readonly string[];
}

/** Downloads an override list. Only the command's runtime talks to the network. */
export interface HttpGetText {
  (url: string): Promise<string>;
}

/** Live collection (services/collect-inventory.ts), injected so this service stays testable offline. */
export type CollectLive = (request: {root?: string | undefined; manager?: ManagerId | undefined; refresh: boolean}) => Promise<Inventory>;

export type MakePlanDeps = Pick<Runtime, 'clock' | 'fs'> & {
  readonly httpGetText?: HttpGetText;
  readonly collectLive?: CollectLive;
};

/**
 * `patchplan plan`: inventory → baseline → evaluation → plan (→ plan file). Never prints and
 * never exits; bad input throws an InputError that names the file or the flag.
 */
export async function makePlan(options: MakePlanOptions, deps: MakePlanDeps): Promise<MakePlanResult> {
  const inventory = await readInventory(options, deps);
  const nodeText = options.inventoryFile === undefined ? `the node at ${inventory.node.root}` : `the node in ${options.inventoryFile}`;
  // Live collection fills every field these traps are about; only a file can fall into them.
  const inventoryWarnings = options.inventoryFile === undefined ? [] : inventoryTraps(inventory).map((w) => `${options.inventoryFile}: ${w}`);
  const node = inventory.node;
  const loaded = await loadBaseline(options.baselineRef ?? defaultBaselineFor(node.operatingSystem), deps.fs, {
    lenient: options.lenient ?? false,
    operatingSystem: node.operatingSystem,
  });
  if (loaded.baseline.operatingSystem !== node.operatingSystem) {
    throw new InputError(
      loaded.source,
      `the baseline is for ${loaded.baseline.operatingSystem} but ${nodeText} runs ${node.operatingSystem}`,
    );
  }
  const overrideList = options.installOverrideListRef ? await readOverrideList(options.installOverrideListRef, deps) : null;
  const pins = options.pinFile === undefined ? null : await readPins(options.pinFile, deps);

  const now = options.now ?? deps.clock.now();
  const lenient = options.lenient ?? false;
  const showNotApplicable = options.showNotApplicable ?? false;
  const evaluation = evaluateBaseline(inventory, loaded.baseline, {
    now,
    // A plan is what an Install would do: the override list is honoured (spec §6.2).
    operation: 'Install',
    installOverrideList: overrideList?.list,
    lenient,
    showNotApplicable,
    rebootOption: options.rebootOption,
    // loadBaseline's warnings are in the plan already (buildPlan): the engine does not repeat them.
    baselineChecked: true,
    pins: pins?.file.pins,
  });
  const enginePlan = buildPlan({
    inventory,
    baseline: loaded,
    inventoryWarnings,
    evaluation,
    options: {
      rebootOption: options.rebootOption,
      installOverrideList: overrideList ? {source: overrideList.list.source, sha256: overrideList.sha256} : null,
      pins: pins ? {source: options.pinFile ?? '', sha256: pins.sha256} : null,
      now,
      lenient,
      showNotApplicable,
    },
    createdAt: deps.clock.now(),
    toolVersion: options.toolVersion,
  });
  const requiresOf = requiresFromInventory(inventory);
  const reviewed = applyExclusions(enginePlan, options.exclusions ?? [], requiresOf);
  if (options.outFile !== undefined) await writePlanFile(options.outFile, reviewed, deps.fs);
  return {
    plan: reviewed,
    enginePlan,
    requiresOf,
    exitCode: options.detailedExitCode && reviewed.summary.byAction.install > 0 ? 2 : 0,
    inventoryWarnings,
  };
}

function applyExclusions(plan: Plan, exclusions: readonly ExclusionRequest[], requiresOf: RequiresOf): Plan {
  if (exclusions.length === 0) return plan;
  const outcome = excludeFromPlan(plan, exclusions, requiresOf);
  if (!outcome.ok) throw new InputError('--exclude', outcome.problem);
  return outcome.plan;
}

async function readInventory(options: MakePlanOptions, deps: MakePlanDeps): Promise<Inventory> {
  if (options.inventoryFile !== undefined) {
    const inventory = await loadInventory(options.inventoryFile, deps.fs);
    checkCollectionFlags(inventory, options);
    return inventory;
  }
  if (!deps.collectLive) throw new InputError('--inventory', 'live collection is not available here; pass --inventory FILE');
  return deps.collectLive({root: options.root, manager: options.manager, refresh: options.refresh ?? false});
}

function checkCollectionFlags(inventory: Inventory, options: MakePlanOptions): void {
  const {manager, root} = inventory.node;
  if (options.manager !== undefined && options.manager !== manager) {
    throw new InputError('--manager', `${options.manager} does not match the inventory file, which was collected with ${manager}`);
  }
  if (options.root !== undefined && options.root !== root) {
    throw new InputError('--root', `${options.root} does not match the inventory file, which was collected from ${root}`);
  }
}

async function readPins(file: string, deps: MakePlanDeps): Promise<{file: PinFile; sha256: string}> {
  const text = await readInputText(deps.fs, file, 'pin file');
  // Hashed as read, like the override list: the reviewer compares it with the file they were given.
  return {file: parsePinFileText(text, file), sha256: sha256Hex(text)};
}

async function readOverrideList(ref: string, deps: MakePlanDeps): Promise<{list: InstallOverrideList; sha256: string}> {
  const text = await readOverrideText(ref, deps);
  // The YAML parser loads only for a plan that names a list.
  const {parseInstallOverrideList} = await import('../baseline/override-list.js');
  // The hash is of the text as read, so the reviewer can compare it with the file they were given.
  return {list: parseInstallOverrideList(text, ref), sha256: sha256Hex(text)};
}

async function readOverrideText(ref: string, deps: MakePlanDeps): Promise<string> {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(ref)?.[1]?.toLowerCase();
  if (scheme === undefined) return readInputText(deps.fs, ref, 'override list');
  if (scheme === 's3') {
    throw new InputError(ref, 's3:// needs AWS credentials, which patchplan does not handle: download the list with `aws s3 cp` and pass the file');
  }
  if (scheme !== 'https') throw new InputError(ref, 'only https:// URLs (or a file) are accepted for an InstallOverrideList');
  if (!deps.httpGetText) throw new InputError(ref, 'downloading is not available here; pass the file');
  return deps.httpGetText(ref);
}
