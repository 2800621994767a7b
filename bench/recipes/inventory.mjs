#!/usr/bin/env node
/**
 * Deterministic Debian 12 inventories for the offline-plan rows (the format of
 * fixtures/inventories/debian-12-host.json), generated as bench/view.mjs's synthetic inventories are:
 * SIZE packages, each installed at one version with NEWER newer versions (each with its origin,
 * priority, section and, for libraries, a `requires` on its -common package); the highest is the
 * candidate. Two in three candidates come from the trusted security suite (installed by the
 * default baseline), one in three from a point release (skipped), so a plan has installs and skips
 * in the proportions of a real host.
 *
 * Usage: node bench/recipes/inventory.mjs FILE SIZE NEWER   (50000 2 is the 36 MB / 100,000-candidate
 * inventory of the offline row; 3000 1 the view row's)
 */
import {closeSync, openSync, writeSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

export const NOW = '2026-12-02T19:00:00Z';
const SECURITY = {archive: 'oldstable-security', codename: 'bookworm-security', label: 'Debian-Security', origin: 'Debian', site: 'security.debian.org', component: 'main', trusted: true};
const POINT = {archive: 'oldstable', codename: 'bookworm', label: 'Debian', origin: 'Debian', site: 'deb.debian.org', component: 'main', trusted: true};
const WORDS = ['ssl', 'curl', 'xml', 'gnutls', 'python', 'perl', 'krb5', 'pam', 'systemd', 'glib', 'png', 'tiff', 'sasl', 'nss', 'zstd', 'expat'];
const SECTIONS = ['libs', 'utils', 'admin', 'net', 'python', 'perl'];

function pkg(i, newer) {
  const name = `lib${WORDS[i % WORDS.length]}-${Math.floor(i / WORDS.length)}${i % 7 === 0 ? '-common-data' : ''}`;
  const arch = i % 11 === 0 ? 'all' : 'amd64';
  const base = `${1 + (i % 9)}.${i % 13}.${i % 5}-${1 + (i % 3)}+deb12u`;
  const u = 1 + (i % 4);
  const section = SECTIONS[i % SECTIONS.length];
  const versions = [{version: `${base}${u}`, origins: [], priority: 'optional', section, advisories: []}];
  for (let k = 1; k <= newer; k++) {
    const last = k === newer;
    // The candidate (last) is a security version two times in three; earlier ones alternate.
    const origin = last ? (i % 3 === 2 ? POINT : SECURITY) : (i + k) % 2 ? SECURITY : POINT;
    const version = `${base}${u + k}`;
    versions.push({
      version,
      repository: origin.archive,
      origins: [origin],
      ...(last ? {candidate: true} : {}),
      priority: 'optional',
      section,
      advisories: [],
      requires: i % 5 === 0 ? [{name: `${name}-common`, arch, version}] : [],
    });
  }
  return {name, arch, installedVersion: `${base}${u}`, versions};
}

/** Streams the inventory to FILE (one JSON document, no indentation); returns its size in bytes. */
export function writeInventory(file, size, newer) {
  const fd = openSync(file, 'w');
  let bytes = 0;
  const put = (t) => {
    bytes += writeSync(fd, t);
  };
  const node = {hostname: 'bench-01', machineId: '0123456789abcdef0123456789abcdef', os: {id: 'debian', versionId: '12', name: 'Debian GNU/Linux 12 (bookworm)'}, operatingSystem: 'DEBIAN', product: 'Debian12', arch: 'amd64', manager: 'apt', root: '/', rebootPending: false};
  put(`{"schemaVersion":1,"collectedAt":${JSON.stringify(NOW)},"node":${JSON.stringify(node)},"packages":[`);
  let chunk = [];
  for (let i = 0; i < size; i++) {
    chunk.push(JSON.stringify(pkg(i, newer)));
    if (chunk.length === 1000 || i === size - 1) {
      put((i >= 1000 && chunk.length ? ',' : '') + chunk.join(','));
      chunk = [];
    }
  }
  put('],"advisories":[]}');
  closeSync(fd);
  return bytes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, size, newer] = process.argv.slice(2);
  if (!file || !(Number(size) > 0) || !(Number(newer) > 0)) throw new Error('usage: inventory.mjs FILE SIZE NEWER');
  console.log(writeInventory(file, Number(size), Number(newer)));
}
