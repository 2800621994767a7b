import type {Streams} from '../../cli/streams.js';
import type {Inventory} from '../../inventory/schema.js';
import {compareVersions, versionSchemeFor} from '../../versions/index.js';
import {visibleLine} from '../safe-text.js';
import {displayWidth, fit, padEnd} from '../text.js';

/**
 * Summary of a collected inventory for a person: who the node is and what could be updated.
 * Every line fits the width; what the node reported is shown with control characters escaped.
 */
export function renderInventoryHuman(inventory: Inventory, streams: Streams): void {
  const {node} = inventory;
  const scheme = versionSchemeFor(node.manager);
  const installed = inventory.packages.filter((p) => p.installedVersion !== null);
  const upgradable = installed
    .map((p) => {
      const newer = p.versions.filter((v) => compareVersions(scheme, v.version, p.installedVersion ?? '') > 0);
      return {pkg: p, newest: newer.at(-1)};
    })
    .filter((u) => u.newest !== undefined);
  const out: string[] = [
    `Node:           ${visibleLine(`${node.hostname} (${node.os.name}, ${node.arch}, ${node.manager})`)}`,
    `OS / product:   ${node.operatingSystem} / ${visibleLine(node.product)}`,
    `Machine ID:     ${visibleLine(`${node.machineId}`)}`,
    `Root:           ${visibleLine(`${node.root}`)}`,
    `Collected at:   ${inventory.collectedAt}`,
    `Reboot pending: ${node.rebootPending ? 'yes' : 'no'}`,
    `Packages:       ${installed.length} installed, ${upgradable.length} with a newer version, ${inventory.advisories.length} advisories`,
  ];
  if (upgradable.length > 0) {
    out.push('', 'Newer versions available:');
    const ids = upgradable.map(({pkg}) => visibleLine(`${pkg.name}:${pkg.arch}`));
    const width = Math.min(40, Math.max(...ids.map(displayWidth)));
    for (const [i, {pkg, newest}] of upgradable.entries()) {
      const where = newest?.repository ?? newest?.origins?.map((o) => o.archive).join(', ') ?? '';
      out.push(`  ${padEnd(fit(ids[i] ?? '', width), width)}  ${visibleLine(`${pkg.installedVersion} → ${newest?.version}${where ? `  (${where})` : ''}`)}`);
    }
  }
  streams.stdout.write(`${out.map((line) => fit(line, streams.width)).join('\n')}\n`);
}

export function renderInventoryJson(inventory: Inventory, streams: Streams): void {
  streams.stdout.write(`${JSON.stringify(inventory, null, 2)}\n`);
}
