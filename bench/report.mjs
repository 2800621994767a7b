#!/usr/bin/env node
/**
 * Prints bench/results.json (or FILE) as the markdown table of docs/performance.md: the machine,
 * the date, and one line per row with both sides, the ratios, the goal and whether it is met.
 * Usage: node bench/report.mjs [FILE]
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const file = process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json');
const r = JSON.parse(readFileSync(file, 'utf8'));
const ms = (x) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x)} ms`);
const mib = (k) => (k === null ? 'n/a' : `${Math.round(k / 1024)} MiB`);
const m = r.machine;
console.log(`Measured ${r.generatedAt.slice(0, 16).replace('T', ' ')} UTC with \`${r.command}\` (${r.durationSeconds} s), patchplan ${m.patchplan.version} at ${m.patchplan.commit?.slice(0, 10)}${m.patchplan.dirty ? ' (src/ modified)' : ''}.`);
console.log(`Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memory}, ${m.kernel}, ${m.os}; node ${m.node}; ${Object.entries(m.tools).map(([k, v]) => `${k}: ${v ?? 'absent'}`).join('; ')}.`);
console.log(`Medians of ${r.method.runs} runs per side (rows 8: ${r.method.applyRuns ?? r.method.runs}, rows 9apt and 9dnf: ${r.method.scaleRuns}, 9updateinfo: ${r.method.updateinfoRuns}, without warm-up), sides alternating run by run, ${r.method.warmup} unmeasured warm-up round on the other read-only rows; peak RSS = the largest GNU time %M of the runs.\n`);
console.log('| row | case | patchplan | reference | patchplan median / peak RSS | reference median / peak RSS | time | memory | goal | met |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const x of r.rows) {
  const time = x.goalLimits.overMs !== undefined ? `${x.overMs >= 0 ? '+' : ''}${x.overMs} ms (${x.ratioTime.toFixed(2)}×)` : `${x.ratioTime.toFixed(2)}×`;
  console.log(`| ${x.id} | ${x.name} | \`${x.patchplan.command}\` | \`${x.reference.command}\` | ${ms(x.patchplanMedianMs)} / ${mib(x.patchplanPeakRssKiB)} | ${ms(x.referenceMedianMs)} / ${mib(x.referencePeakRssKiB)} | ${time} | ${x.ratioMemory === null ? 'n/a' : `${x.ratioMemory.toFixed(2)}×`} | ${x.goal} | ${x.met ? 'met' : '**missed**'} |`);
}
console.log(`\nHost package state unchanged: ${r.hostUnchanged ? 'yes' : 'NO'}.${r.error ? ` The run stopped early: ${r.error}` : ''}`);
