#!/usr/bin/env node
/**
 * The floor of an offline plan (row 4 of docs/performance.md): what any program that reads an
 * inventory and writes a digested JSON document of it must do at least, in plain node with no
 * dependency: read the file, JSON.parse it, serialise it again (2-space indentation, as patchplan's
 * plan files are written), sha256 the result and write it.
 * Usage: node bench/floor.mjs INVENTORY OUT
 */
import {createHash} from 'node:crypto';
import {readFileSync, writeFileSync} from 'node:fs';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: floor.mjs INVENTORY OUT');
  process.exit(1);
}
const data = JSON.parse(readFileSync(input, 'utf8'));
const text = `${JSON.stringify(data, null, 2)}\n`;
const digest = createHash('sha256').update(text).digest('hex');
writeFileSync(output, text);
console.log(digest);
