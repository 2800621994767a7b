#!/usr/bin/env node
/**
 * The bench's generated labs, each cached by the hash of its recipe (lib/cache.mjs): parameters,
 * the bytes of the scripts that build it, the keys of the labs it builds on.
 *
 *   node bench/labs.mjs            builds (or finds) every lab, one at a time, and lists them
 *   node bench/labs.mjs NAME…      only those (names below)
 *   node bench/labs.mjs --stale    lists cache directories of older recipes (remove them by hand)
 *
 * Cold costs on 2 cores are in docs/performance.md.
 */
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {cached, CACHE, staleEntries} from './lib/cache.mjs';
import {sh} from './lib/measure.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');
const R = (p) => path.join(HERE, 'recipes', p);
const APT_LAB_SCRIPT = path.join(REPO, 'test', 'integration', 'lab', 'build-lab.sh');
const RPM_LAB_FILES = ['build-rpm-lab.sh', 'mkrpm.sh', 'pp.spec'].map((f) => path.join(REPO, 'test', 'integration', 'lab', 'rpm', f));

/** apt lab with real .debs installed by apt-get: build-lab.sh DIR --scale SIZE (row 8's apply). */
export async function aptLab(size) {
  return cached({name: `apt-lab-${size}`, params: {size}, files: [APT_LAB_SCRIPT], base: REPO}, async (dir) => {
    await sh('/bin/sh', [APT_LAB_SCRIPT, dir, '--scale', String(size)]);
    const installed = (await sh('/usr/bin/dpkg-query', [`--admindir=${dir}/template/var/lib/dpkg`, '-W'])).stdout.split('\n').filter(Boolean).length;
    if (installed < size) throw new Error(`${dir}/template has ${installed} packages, expected at least ${size}`);
    return {installed};
  });
}

/** Generated apt sandbox (indexes and dpkg status written directly): the 20,000-package row. */
export async function aptSynthetic(size, updatesEvery, securityEvery) {
  const file = R('apt-synthetic.mjs');
  return cached({name: `apt-synthetic-${size}`, params: {size, updatesEvery, securityEvery}, files: [file], base: REPO}, async (dir) => {
    const {stdout} = await sh(process.execPath, [file, dir, String(size), String(updatesEvery), String(securityEvery)]);
    return JSON.parse(stdout);
  });
}

/** Runs `fn(...args)` of recipe module `file` in a child (the rpm builders are synchronous). */
async function inChild(file, fn, args) {
  const {stdout} = await sh(process.execPath, ['--input-type=module', '-e',
    `import * as m from ${JSON.stringify(file)}; console.log(JSON.stringify(m.${fn}(...${JSON.stringify(args)})));`]);
  return JSON.parse(stdout.trim().split('\n').at(-1));
}

/** build-rpm-lab.sh DIR --scale SIZE, checked (rows 2, 8dnf; the base of 3 and 9updateinfo). */
export async function rpmLab(size) {
  const files = [...RPM_LAB_FILES, R('rpm-lab.mjs'), R('rpm-common.mjs')];
  return cached({name: `rpm-lab-${size}`, params: {size}, files, base: REPO}, (dir) => inChild(R('rpm-lab.mjs'), 'dnfLab', [dir, {size}]));
}

/** The 20,000-package dnf sandbox with COUNT advisories (recipes/dnf-scale.mjs; row 9). */
export async function dnfScale(size, count, chunk = 2000) {
  const file = R('dnf-scale.mjs');
  return cached({name: `dnf-scale-${size}-adv${count}`, params: {size, count, chunk}, files: [...RPM_LAB_FILES, file, R('updateinfo.mjs')], base: REPO}, async (dir) => {
    const {stdout} = await sh(process.execPath, [file, dir, String(size), String(chunk), String(count)]);
    return JSON.parse(stdout.trim().split('\n').at(-1));
  });
}

/** The ~150 MB updateinfo (COUNT advisories) in a copy of the 2,000-package rpm lab's updates repo (row 9). */
export async function largeUpdateinfo(count) {
  const base = await rpmLab(2000);
  const files = [R('dnf-updateinfo.mjs'), R('rpm-common.mjs'), R('updateinfo.mjs')];
  return cached({name: `dnf-updateinfo-${count}`, params: {count, size: 2000}, files, deps: [base], base: REPO},
    (dir) => inChild(R('dnf-updateinfo.mjs'), 'largeUpdateinfo', [dir, {rpmLab: base.dir, count, size: 2000}]));
}

/** A SLES root with the 2,000 scale packages installed by zypper, on the rpm lab's repos (row 3). */
export async function zypperRoot(size) {
  const base = await rpmLab(size);
  const files = [R('zypper-root.mjs'), R('rpm-common.mjs')];
  return cached({name: `zypper-root-${size}`, params: {size}, files, deps: [base], base: REPO},
    (dir) => inChild(R('zypper-root.mjs'), 'zypperRoot', [dir, {rpmLab: base.dir, size}]));
}

/** An offline inventory (recipes/inventory.mjs) of SIZE packages with NEWER newer versions each. */
export async function inventory(size, newer) {
  const file = R('inventory.mjs');
  return cached({name: `inventory-${size}x${newer}`, params: {size, newer}, files: [file], base: REPO}, async (dir) => {
    const {stdout} = await sh(process.execPath, [file, path.join(dir, 'inventory.json'), String(size), String(newer)]);
    return {bytes: Number(stdout.trim()), file: path.join(dir, 'inventory.json')};
  });
}

/** COUNT verified plan files of distinct hosts (recipes/fleet-plans.mjs; row fleet). */
export async function fleetPlans(count) {
  const file = R('fleet-plans.mjs');
  const inventoryFile = path.join(REPO, 'fixtures', 'inventories', 'debian-12.json');
  return cached({name: `fleet-plans-${count}`, params: {count}, files: [file, inventoryFile], base: REPO}, async (dir) => {
    const {stdout} = await sh(process.execPath, [file, dir, String(count)]);
    return JSON.parse(stdout.trim().split('\n').at(-1));
  });
}

/** Every lab the bench uses, by name, in the order a cold run builds them. */
export const LABS = {
  'inventory-50000': () => inventory(50_000, 2),
  'inventory-3000': () => inventory(3_000, 1),
  'fleet-plans-5000': () => fleetPlans(5_000),
  'apt-synthetic-20000': () => aptSynthetic(20_000, 10, 15),
  'apt-lab-2000': () => aptLab(2000),
  'rpm-lab-2000': () => rpmLab(2000),
  'zypper-root-2000': () => zypperRoot(2000),
  'dnf-updateinfo-100000': () => largeUpdateinfo(100_000),
  'dnf-scale-20000-adv30000': () => dnfScale(20_000, 30_000),
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const names = args.filter((a) => !a.startsWith('--'));
  for (const name of names) if (!LABS[name]) throw new Error(`unknown lab ${name} (labs: ${Object.keys(LABS).join(', ')})`);
  for (const name of names.length ? names : Object.keys(LABS)) {
    const lab = await LABS[name]();
    console.log(`${name.padEnd(24)} ${lab.cached ? 'cached' : 'built '} ${lab.dir} (build ${(lab.buildMs / 1000).toFixed(1)} s) ${JSON.stringify(lab.info)}`);
    if (args.includes('--stale')) for (const d of staleEntries(path.basename(lab.dir).replace(/-[0-9a-f]{16}$/, ''), lab.key)) console.log(`  stale: ${d}`);
  }
  console.log(`cache: ${CACHE}`);
}
