#!/usr/bin/env node
/**
 * Deterministic updateinfo.xml generators for the dnf scale rows, in the format of
 * test/integration/lab/rpm/build-rpm-lab.sh's advisories (one <update> per advisory, <pkglist>
 * naming exact NEVRAs).
 *
 *   applicable: COUNT advisories over the lab's sc-N packages (N = 1..SIZE, zero-padded to WIDTH):
 *     advisory k (0-based) names sc-(k mod SIZE + 1) 1.0-2.amzn2, the version the lab's updates repo
 *     has, so every advisory applies; types security/bugfix/enhancement (3:1:1), severities cycle,
 *     one or two CVEs each. With COUNT > SIZE some packages are in two advisories.
 *   large: COUNT advisories of ~1.5 KB each (an Amazon-Linux-sized notice: a paragraph of
 *     description, a self reference and three CVEs, three packages (x86_64, aarch64, src)): every
 *     tenth names an sc-N at 1.0-2.amzn2 (applicable), the rest name packages that are not
 *     installed (libbench-*), as most of a real distribution's advisories do for a given host.
 *
 * Usage: node bench/recipes/updateinfo.mjs FILE applicable|large COUNT SIZE WIDTH
 */
import {closeSync, openSync, writeSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const TYPES = ['security', 'security', 'security', 'bugfix', 'enhancement'];
const SEVERITIES = ['Critical', 'Important', 'Moderate', 'Low', 'Important', 'Medium'];
const WORDS = 'a flaw was found in the handling of crafted input which could allow a remote attacker to cause a denial of service or possibly execute arbitrary code with the privileges of the affected process when a specially crafted file is processed'.split(' ');

function date(k) {
  const day = new Date(Date.UTC(2016, 0, 1) + (k % 3650) * 86_400_000);
  return `${day.toISOString().slice(0, 10)} ${String(k % 24).padStart(2, '0')}:00:00`;
}

function pkg(n, ep, v, r, arch, reboot = false) {
  return `<package name="${n}" epoch="${ep}" version="${v}" release="${r}" arch="${arch}" src="${n}-${v}-${r}.src.rpm">` +
    `<filename>${n}-${v}-${r}.${arch}.rpm</filename>${reboot ? '<reboot_suggested>True</reboot_suggested>' : ''}</package>`;
}

function advisory(mode, k, size, width) {
  const type = TYPES[k % TYPES.length];
  const prefix = type === 'security' ? 'ALAS' : type === 'bugfix' ? 'ALBA' : 'ALEA';
  const id = `${prefix}-BENCH-${String(k + 1).padStart(6, '0')}`;
  const sev = type === 'security' ? SEVERITIES[k % SEVERITIES.length] : k % 4 === 0 ? 'Moderate' : '';
  const sc = (j) => `sc-${String((j % size) + 1).padStart(width, '0')}`;
  let pkgs;
  let cves;
  let description;
  if (mode === 'applicable') {
    pkgs = [pkg(sc(k), 0, '1.0', '2.amzn2', 'noarch')];
    cves = type === 'security' ? [`CVE-2025-${String(k + 1).padStart(6, '0')}`, ...(k % 2 ? [`CVE-2024-${String(k + 1).padStart(6, '0')}`] : [])] : [];
    description = `${type} update for ${sc(k)}`;
  } else {
    const applicable = k % 10 === 0;
    const name = applicable ? sc(k / 10) : `libbench-${WORDS[k % WORDS.length]}-${k % 5000}`;
    const [v, r] = applicable ? ['1.0', '2.amzn2'] : [`${1 + (k % 7)}.${k % 13}.${k % 31}`, `${1 + (k % 5)}.amzn2023`];
    pkgs = applicable
      ? [pkg(name, 0, v, r, 'noarch')]
      : ['x86_64', 'aarch64', 'src'].map((a) => pkg(name, 0, v, r, a));
    cves = type === 'security' ? [0, 1, 2].map((c) => `CVE-${2016 + (k % 10)}-${String(k * 3 + c + 10000).padStart(6, '0')}`) : [];
    const words = [];
    for (let w = 0; w < 32; w++) words.push(WORDS[(k + w * 7) % WORDS.length]);
    description = `It was discovered that ${name} ${words.join(' ')}. (${cves.join(', ') || 'no CVE'})`;
  }
  const refs = [`<reference href="https://lab.example.invalid/${id}.html" id="${id}" type="self" title="${id}"/>`]
    .concat(cves.map((c) => `<reference href="https://cve.example.invalid/${c}" id="${c}" type="cve" title="${c}"/>`));
  return [
    `<update from="lab@example.invalid" status="stable" type="${type}" version="2.0">`, `<id>${id}</id>`,
    `<title>${sev ? `${sev}: ` : ''}${type} update</title>`, `<issued date="${date(k)}"/>`, `<updated date="${date(k + 3)}"/>`,
    ...(sev ? [`<severity>${sev}</severity>`] : []), '<release>Amazon Linux</release>', `<description>${description}</description>`,
    '<references>', ...refs, '</references>', '<pkglist><collection short="amzn"><name>Amazon Linux</name>', ...pkgs,
    '</collection></pkglist>', '</update>', '',
  ].join('\n');
}

/** Writes the file; returns its size in bytes. */
export function writeUpdateinfo(file, {mode, count, size, width}) {
  if (!['applicable', 'large'].includes(mode)) throw new Error(`unknown mode ${mode}`);
  const fd = openSync(file, 'w');
  let bytes = 0;
  const put = (text) => {
    bytes += writeSync(fd, text);
  };
  put('<?xml version="1.0" encoding="UTF-8"?>\n<updates>\n');
  let chunk = [];
  for (let k = 0; k < count; k++) {
    chunk.push(advisory(mode, k, size, width));
    if (chunk.length === 1000) {
      put(chunk.join(''));
      chunk = [];
    }
  }
  put(chunk.join(''));
  put('</updates>\n');
  closeSync(fd);
  return bytes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, mode, ...n] = process.argv.slice(2);
  const [count, size, width] = n.map(Number);
  if (!file || !mode || ![count, size, width].every((x) => Number.isInteger(x) && x > 0)) throw new Error('usage: updateinfo.mjs FILE applicable|large COUNT SIZE WIDTH');
  console.log(writeUpdateinfo(file, {mode, count, size, width}));
}
