#!/usr/bin/env node
/**
 * The floor of `fleet report` (bench row "fleet"): read every *.json file of DIR and JSON.parse
 * it, in plain node, one after the other, and count the decisions (so the parse is not dead code).
 * Usage: node bench/fleet-floor.mjs DIR
 */
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';

const [dir] = process.argv.slice(2);
if (!dir) {
  console.error('usage: fleet-floor.mjs DIR');
  process.exit(1);
}
let decisions = 0;
for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
  decisions += JSON.parse(readFileSync(path.join(dir, name), 'utf8')).decisions.length;
}
console.log(decisions);
