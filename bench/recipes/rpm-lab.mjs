/**
 * dnfLab(dir, {size}): test/integration/lab/rpm/build-rpm-lab.sh DIR --scale SIZE (the lab the dnf
 * end-to-end tests use; --scale adds sc-1..sc-SIZE, 1.0-1.amzn2 installed, 1.0-2.amzn2 in the updates
 * repo, every second one in an advisory), checked. The 20,000-package lab is dnf-scale.mjs:
 * build-rpm-lab.sh builds its scale packages as one spec, too slow at 20,000.
 */
import path from 'node:path';
import {BUILD_RPM_LAB, checkDnfRoot, must} from './rpm-common.mjs';

export function dnfLab(dir, {size}) {
  must('/bin/sh', [BUILD_RPM_LAB, dir, '--scale', String(size)]);
  const info = checkDnfRoot(path.join(dir, 'template-al2023'), path.join(dir, 'home'), size, Math.ceil(size / 2));
  return {size, advisories: Math.ceil(size / 2), ...info};
}

