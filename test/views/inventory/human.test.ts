import {describe, expect, it} from 'vitest';

import {renderInventoryHuman} from '../../../src/views/inventory/human.js';
import {displayWidth} from '../../../src/views/text.js';
import {expectNoControls, HOSTILE_STRINGS} from '../../helpers/hostile.js';
import {aPackage, anInventory} from '../../helpers/plan-builders.js';
import {captureStreams} from '../../helpers/streams.js';

describe('renderInventoryHuman', () => {
  it('lists who the node is and what has a newer version, within the width', () => {
    const streams = captureStreams({width: 60});
    renderInventoryHuman(anInventory([aPackage('openssl', '3.0.15-1~deb12u1', ['3.0.15-1~deb12u1', '3.0.17-1~deb12u2'], {versions: [{version: '3.0.17-1~deb12u2', repository: 'oldstable-security'}]})]), streams);
    expect(streams.out()).toMatch(/\n  openssl:amd64  3\.0\.15-1~deb12u1 → 3\.0\.17-1~deb12u2  \(o\S*…\n/);
    expect(Math.max(...streams.out().split('\n').map(displayWidth))).toBeLessThanOrEqual(60);
  });

  it('shows what the node reported with control characters escaped', () => {
    for (const hostile of HOSTILE_STRINGS) {
      const streams = captureStreams();
      const inventory = anInventory([aPackage(`pkg${hostile}`, `1${hostile}`, [], {versions: [{version: `2${hostile}`, repository: `repo${hostile}`}]})], {
        node: {...anInventory().node, hostname: `host${hostile}`, product: `Debian12${hostile}`},
      });
      renderInventoryHuman(inventory, streams);
      expectNoControls(streams.out());
    }
  });
});
