import type {Baseline} from '../baseline/model.js';
import type {Inventory} from '../inventory/schema.js';
import type {EvaluateOptions, Evaluation} from './engine-io.js';
import {linuxFamilyFor} from './families/index.js';
import {evaluateLinux} from './linux.js';
import {evaluateMacos} from './macos.js';
import {evaluateWindows} from './windows.js';

/**
 * The decision engine (spec §6): one pure function from (inventory, baseline, options incl.
 * `now`) to decisions, compliance and warnings. Windows and macOS have their own engines;
 * every Linux family runs the steps of §6.1 in order (linux.ts), with the family differences
 * behind FamilyRules.
 */
export function evaluateBaseline(inventory: Inventory, baseline: Baseline, options: EvaluateOptions): Evaluation {
  if (baseline.operatingSystem === 'WINDOWS') return evaluateWindows(inventory, baseline, options);
  if (baseline.operatingSystem === 'MACOS') return evaluateMacos(inventory, baseline, options);
  const family = linuxFamilyFor(baseline.operatingSystem, inventory.node.manager);
  if (family === null) throw new Error(`no Linux family for ${baseline.operatingSystem}`);
  return evaluateLinux(inventory, baseline, options, family);
}
