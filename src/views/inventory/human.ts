import type {Streams} from '../../cli/streams.js';
import type {Inventory} from '../../inventory/schema.js';
import {compareVersions, versionSchemeFor} from '../../versions/index.js';

/** Summary of a collected inventory for a person: who the node is and what could be updated. */
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
    `Node:           ${node.hostname} (${node.os.name}, ${node.arch}, ${node.manager})`,
    `OS / product:   ${node.operatingSystem} / ${node.product}`,
    `Machine ID:     ${node.machineId}`,
    `Root:           ${node.root}`,
    `Collected at:   ${inventory.collectedAt}`,
    `Reboot pending: ${node.rebootPending ? 'yes' : 'no'}`,
    `Packages:       ${installed.length} installed, ${upgradable.length} with a newer version, ${inventory.advisories.length} advisories`,
  ];
  if (upgradable.length > 0) {
    out.push('', 'Newer versions available:');
    const width = Math.max(...upgradable.map((u) => u.pkg.name.length + u.pkg.arch.length + 1));
    for (const {pkg, newest} of upgradable) {
      const id = `${pkg.name}:${pkg.arch}`.padEnd(width);
      const where = newest?.repository ?? newest?.origins?.map((o) => o.archive).join(', ') ?? '';
      out.push(`  ${id}  ${pkg.installedVersion} → ${newest?.version}${where ? `  (${where})` : ''}`);
    }
  }
  streams.stdout.write(`${out.join('\n')}\n`);
}

export function renderInventoryJson(inventory: Inventory, streams: Streams): void {
  streams.stdout.write(`${JSON.stringify(inventory, null, 2)}\n`);
}
