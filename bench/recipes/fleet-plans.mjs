#!/usr/bin/env node
/**
 * COUNT small plan files for `fleet report` (bench row "fleet"): one real plan, made by the built
 * CLI from fixtures/inventories/debian-12.json, then COUNT variants of it, each for its own host
 * and machine id, every tenth with its first install turned into a not-approved skip, every
 * fiftieth with NoReboot; each re-digested so it verifies.
 * Usage: node bench/recipes/fleet-plans.mjs DIR COUNT   (prints the total bytes written)
 */
import {execFileSync} from 'node:child_process';
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const {digestOf} = await import(path.join(REPO, 'dist', 'json', 'canonical-json.js'));

const [dir, countText] = process.argv.slice(2);
const count = Number(countText);
if (!dir || !Number.isInteger(count) || count < 1) throw new Error('usage: fleet-plans.mjs DIR COUNT');
const plans = path.join(dir, 'plans');
mkdirSync(plans, {recursive: true});
const base = JSON.parse(
  execFileSync(process.execPath, [path.join(REPO, 'bin', 'run.js'), 'plan', '--inventory', path.join(REPO, 'fixtures', 'inventories', 'debian-12.json'), '--now', '2026-11-24', '--json'], {encoding: 'utf8'}),
);
let bytes = 0;
for (let i = 0; i < count; i++) {
  const {digest: _d, approvals: _a, ...plan} = structuredClone(base);
  plan.node.hostname = `node-${String(i).padStart(5, '0')}`;
  plan.node.machineId = i.toString(16).padStart(32, '0');
  if (i % 50 === 0) plan.options.rebootOption = 'NoReboot';
  if (i % 10 === 0) {
    const d = plan.decisions.find((x) => x.action === 'install');
    Object.assign(d, {action: 'skip', targetVersion: null, state: 'MISSING', fallbackVersions: [], reason: {code: 'not-approved', rule: null, detail: 'No rule approves it.'}});
    delete d.considered;
    plan.summary.byAction.install--;
    plan.summary.byAction.skip++;
  }
  const text = `${JSON.stringify({...plan, digest: digestOf(plan), approvals: []}, null, 2)}\n`;
  writeFileSync(path.join(plans, `${plan.node.hostname}.json`), text);
  bytes += Buffer.byteLength(text);
}
console.log(JSON.stringify({count, bytes, dir: plans}));
