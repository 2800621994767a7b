import type {Baseline} from '../../../src/baseline/model.js';
import type {EvaluateOptions} from '../../../src/engine/engine-io.js';
import {linuxFamilyFor} from '../../../src/engine/families/index.js';
import {startRun} from '../../../src/engine/linux.js';
import type {InstalledRow, LinuxRun, NotInstalledRow, Row} from '../../../src/engine/steps/run.js';
import type {Inventory} from '../../../src/inventory/schema.js';
import {aBaseline, aPackage, aVersion, anAdvisory, anInventory, DEFAULT_NOW, predefinedRpmRules} from '../builders.js';

/** A run as evaluateLinux starts it, for calling one step at a time. */
export function runFor(
  inventory: Inventory,
  baseline: Baseline,
  options: Partial<Omit<EvaluateOptions, 'now'>> & {readonly now?: string} = {},
): LinuxRun {
  const family = linuxFamilyFor(baseline.operatingSystem, inventory.node.manager);
  if (family === null) throw new Error('not a Linux baseline');
  const {now, ...rest} = options;
  return startRun(inventory, baseline, {operation: 'Install', ...rest, now: new Date(now ?? DEFAULT_NOW)}, family).run;
}

export function rowOf<K extends Row['kind']>(rows: readonly Row[], name: string, kind: K): Extract<Row, {kind: K}> {
  const row = rows.find((r) => r.pkg.name === name);
  if (row === undefined || row.kind !== kind) throw new Error(`no ${kind} row for ${name}`);
  return row as Extract<Row, {kind: K}>;
}

export const installedRow = (rows: readonly Row[], name: string): InstalledRow => rowOf(rows, name, 'installed');
export const notInstalledRow = (rows: readonly Row[], name: string): NotInstalledRow => rowOf(rows, name, 'not-installed');

const SEC = {type: 'security', severity: 'Important', issued: '2025-03-01T00:00:00Z', updated: '2025-03-01T00:00:00Z'};

/**
 * An AL2 (yum) node: curl installed with two approved newer versions (8.5 needs libcurl 8.5,
 * which is not installed), bash up to date, and wget not installed but approved.
 */
export function yumNode(): {inventory: Inventory; baseline: Baseline} {
  const inventory = anInventory({
    os: 'AMAZON_LINUX_2',
    manager: 'yum',
    packages: [
      aPackage('curl', {
        installed: '8.0.0-1.amzn2',
        versions: [
          aVersion('8.4.0-1.amzn2', {advisories: ['ALAS2-1']}),
          aVersion('8.5.0-1.amzn2', {advisories: ['ALAS2-2'], requires: [{name: 'libcurl', version: '8.5.0-1.amzn2'}]}),
        ],
      }),
      aPackage('libcurl', {installed: null, versions: [aVersion('8.5.0-1.amzn2', {advisories: ['ALAS2-2']})]}),
      aPackage('bash', {installed: '4.2.46-34.amzn2', versions: ['4.2.46-34.amzn2']}),
      aPackage('wget', {installed: null, versions: [aVersion('1.21-1.amzn2', {advisories: ['ALAS2-3']})]}),
    ],
    advisories: [anAdvisory('ALAS2-1', SEC), anAdvisory('ALAS2-2', SEC), anAdvisory('ALAS2-3', SEC)],
  });
  return {inventory, baseline: aBaseline({operatingSystem: 'AMAZON_LINUX_2', rules: predefinedRpmRules(7)})};
}
