import type {InventoryInput} from '../../inventory/schema.js';
import {revisionVersion} from './argv.js';
import type {WuaUpdate} from './parse-output.js';

/**
 * WUA updates → inventory packages, one per KB (the engine's record, spec §2.3 `windows`).
 *
 * - name = `KB` + the first KBArticleID. An update without one (most drivers) cannot be named
 *   by a baseline (ApprovedPatches and PATCH_ID match KB or MS bulletin ids, spec §3.5) nor
 *   satisfy the schema's kbId: it is left out and returned in `withoutKb` for a debug line.
 * - version = `<UpdateID>.<RevisionNumber>` (argv.ts), one per needed update revision.
 * - installedVersion: the newest installed revision of the KB (by release date, then revision),
 *   or null while WUA still reports a revision of that KB as needed (IsInstalled=0): then the KB
 *   is not yet fully installed, and installing the needed revision is what brings it there.
 * - classification: by the UpdateClassification category's GUID (WSUS classification GUIDs,
 *   Microsoft's "WSUS Classification GUIDs" page); names are localized, GUIDs are not.
 */

type PackageInput = InventoryInput['packages'][number];

/** WSUS classification GUID → the AWS CLASSIFICATION value (spec §1.4). */
export const CLASSIFICATIONS: Readonly<Record<string, string>> = {
  'e6cf1350-c01b-414d-a61f-263d14d133b4': 'CriticalUpdates',
  'e0789628-ce08-4437-be74-2495b842f43b': 'DefinitionUpdates',
  'ebfc1fc5-71a4-4f7b-9aca-3b9a503104a0': 'Drivers',
  'b54e7d24-7add-428f-8b75-90a396fa584f': 'FeaturePacks',
  '0fa1201d-4330-4fa8-8ae9-b877473b6441': 'SecurityUpdates',
  '68c5b0a3-d1a6-4553-ae49-01d3a7827828': 'ServicePacks',
  'b4832bd8-e735-4761-8daf-37f882276dab': 'Tools',
  '28bc880e-0592-4cbf-8f95-c79b17911d5f': 'UpdateRollups',
  'cd5ffd1e-e932-4e3a-bf74-18bf0b1bbd83': 'Updates',
  '3689bdc8-b205-4af4-8d4a-a63924c5e9d5': 'Upgrades',
};

/** WSUS product category GUID → AWS PRODUCT, for the OS products whose WSUS title differs. */
const OS_PRODUCTS: Readonly<Record<string, string>> = {
  'fdfe8200-9d98-44ba-a12a-772282bf60ef': 'WindowsServer2008R2',
  'd31bd4c3-d872-41c9-a2e7-231f372588cb': 'WindowsServer2012R2',
  '569e8e8f-c6cd-42c8-92a3-efbb20a0f6f5': 'WindowsServer2016',
  'f702a48c-919b-45d6-9aef-ca4248d50397': 'WindowsServer2019',
  '71718f13-7324-4b0f-8f9e-2ca9dc978e53': 'WindowsServer2022',
};

/** …and by title where the GUID is not known here (titles of OS products are not localized). */
const OS_PRODUCT_TITLES: Readonly<Record<string, string>> = {
  'Windows Server 2008': 'WindowsServer2008',
  'Windows Server 2008 R2': 'WindowsServer2008R2',
  'Windows Server 2012': 'WindowsServer2012',
  'Windows Server 2012 R2': 'WindowsServer2012R2',
  'Windows Server 2016': 'WindowsServer2016',
  'Windows Server 2019': 'WindowsServer2019',
  'Microsoft Server operating system-21H2': 'WindowsServer2022',
  'Microsoft Server operating system-24H2': 'WindowsServer2025',
};

const MSRC = new Set(['Critical', 'Important', 'Moderate', 'Low']);

export function kbOf(update: WuaUpdate): string | null {
  const id = update.kbArticleIds.map((k) => k.trim().replace(/^KB/i, '')).find((k) => /^\d+$/.test(k));
  return id === undefined ? null : `KB${id}`;
}

/** The AWS value of the first classification it knows; else the category's own (possibly localized) name. */
export function classificationOf(update: WuaUpdate): string {
  for (const c of update.classifications) {
    const known = CLASSIFICATIONS[c.id.toLowerCase()];
    if (known !== undefined) return known;
  }
  return update.classifications[0]?.name ?? '';
}

function windowsInfo(update: WuaUpdate, kbId: string) {
  const products = [...new Set(update.products.map((p) => OS_PRODUCTS[p.id.toLowerCase()] ?? OS_PRODUCT_TITLES[p.name] ?? p.name))];
  const family = update.products.find((p) => p.family !== null && p.family !== '')?.family ?? undefined;
  const bulletin = update.securityBulletinIds.find((b) => b.trim() !== '');
  const date = update.lastDeploymentChangeTime;
  return {
    kbId,
    ...(bulletin === undefined ? {} : {msrcNumber: bulletin.trim()}),
    title: update.title,
    classification: classificationOf(update),
    // Empty on non-security updates; the engine reads an absent severity as Unspecified.
    ...(MSRC.has(update.msrcSeverity) ? {msrcSeverity: update.msrcSeverity} : {}),
    products,
    ...(family === undefined ? {} : {productFamily: family}),
    // AWS's PATCH_SET: OS for the Windows product family, APPLICATION for Microsoft applications.
    patchSet: family === undefined || family === 'Windows' ? ('OS' as const) : ('APPLICATION' as const),
    ...(date === null ? {} : {releaseDate: date}),
  };
}

function newest(updates: readonly WuaUpdate[]): WuaUpdate | undefined {
  return [...updates].sort((a, b) => (b.lastDeploymentChangeTime ?? '').localeCompare(a.lastDeploymentChangeTime ?? '') || b.revision - a.revision || a.updateId.localeCompare(b.updateId))[0];
}

/** The installed revision of a KB as collect and readInstalled report it (null while one is still needed). */
export function installedVersionOf(records: readonly WuaUpdate[]): string | null {
  if (records.some((u) => !u.isInstalled)) return null;
  const installed = newest(records.filter((u) => u.isInstalled));
  return installed === undefined ? null : revisionVersion(installed);
}

export function groupByKb(updates: readonly WuaUpdate[]): {byKb: Map<string, WuaUpdate[]>; withoutKb: WuaUpdate[]} {
  const byKb = new Map<string, WuaUpdate[]>();
  const withoutKb: WuaUpdate[] = [];
  for (const u of updates) {
    const kb = kbOf(u);
    if (kb === null) withoutKb.push(u);
    else byKb.set(kb, [...(byKb.get(kb) ?? []), u]);
  }
  return {byKb, withoutKb};
}

export function buildPackages(updates: readonly WuaUpdate[], arch: string): {packages: PackageInput[]; withoutKb: WuaUpdate[]} {
  const {byKb, withoutKb} = groupByKb(updates);
  const packages: PackageInput[] = [];
  for (const [kb, records] of byKb) {
    const needed = records.filter((u) => !u.isInstalled);
    const installedVersion = installedVersionOf(records);
    // The installed revision's metadata stays visible (INSTALLED states, RejectedPatches) when nothing is needed.
    const offered = needed.length > 0 ? needed : records.filter((u) => revisionVersion(u) === installedVersion);
    packages.push({
      name: kb,
      arch,
      installedVersion,
      versions: offered.map((u) => ({
        version: revisionVersion(u),
        windows: windowsInfo(u, kb),
        ...(u.rebootBehavior !== 0 ? {rebootSuggested: true} : {}),
      })),
      ...(installedVersion !== null && records.some((u) => u.isInstalled && u.rebootRequired) ? {pendingReboot: true} : {}),
    });
  }
  return {packages, withoutKb};
}
