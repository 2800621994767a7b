#!/usr/bin/env node
/**
 * A Debian 12 sandbox of SIZE packages for the live-plan scale row, generated rather than built:
 * a plan (patchplan's and apt's own preview alike) reads only the repository's indexes and the
 * root's dpkg status, never a .deb, so the indexes and the status are written directly (building
 * and installing 20,000 .debs with dpkg-deb and apt-get would take over half an hour on 2 cores,
 * extrapolating build-lab.sh --scale 2000's 177 s linearly; not measured).
 *
 *   DIR/repo       three suites like test/integration/lab/build-lab.sh's (bookworm, bookworm-updates,
 *                  bookworm-security; Release files by apt-ftparchive), holding sc-00001..sc-SIZE:
 *                  1.0-1 in bookworm (all), 1.0-2 in -updates (every UPDATES_EVERY-th), 1.0-1+deb12u1
 *                  in -security (every SECURITY_EVERY-th): build-lab.sh's --scale pattern is 2 and 3
 *   DIR/template   the root: os-release, machine-id, sources.list, the dpkg status with every
 *                  sc-N 1.0-1 installed (the fields dpkg itself writes) and its info/*.list,
 *                  apt's lists fetched by `apt-get update` (which also builds pkgcache.bin)
 *   DIR/apt.conf.in  APT_CONFIG for running apt on a root (@ROOT@), as build-lab.sh writes it
 *
 * Usage: node bench/recipes/apt-synthetic.mjs DIR SIZE UPDATES_EVERY SECURITY_EVERY (2 3 is the
 * build-lab.sh pattern; the bench's 20,000-package root uses 10 15, see labs.mjs). Fails loudly (every command's exit code is
 * checked; the root must show the expected number of upgradable packages).
 */
import {createHash} from 'node:crypto';
import {spawnSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {gzipSync} from 'node:zlib';

function must(file, args, env = process.env, cwd = undefined) {
  const r = spawnSync(file, args, {env, cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024});
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

export function expectedUpgradable(size, updatesEvery, securityEvery) {
  let n = 0;
  for (let i = 1; i <= size; i++) if (i % updatesEvery === 0 || i % securityEvery === 0) n++;
  return n;
}

export function build(dirArg, size, updatesEvery, securityEvery) {
  const dir = path.resolve(dirArg);
  const width = Math.max(4, String(size).length);
  const name = (i) => `sc-${String(i).padStart(width, '0')}`;
  const hash = (algo, text) => createHash(algo).update(text).digest('hex');
  const suites = {main: [], updates: [], security: []};
  for (let i = 1; i <= size; i++) {
    suites.main.push([name(i), '1.0-1']);
    if (i % updatesEvery === 0) suites.updates.push([name(i), '1.0-2']);
    if (i % securityEvery === 0) suites.security.push([name(i), '1.0-1+deb12u1']);
  }
  const stanza = (pool, n, v) => {
    const file = `pool/${pool}/${n}_${v}_all.deb`;
    const fake = `${file}\n`; // what the .deb's checksums are computed from: no .deb is ever fetched
    return [
      `Package: ${n}`, `Priority: optional`, `Section: misc`, `Installed-Size: 9`, `Maintainer: Lab <lab@example.invalid>`,
      `Architecture: all`, `Version: ${v}`, `Filename: ${file}`, `Size: 744`, `MD5sum: ${hash('md5', fake)}`,
      `SHA1: ${hash('sha1', fake)}`, `SHA256: ${hash('sha256', fake)}`, `SHA512: ${hash('sha512', fake)}`,
      `Description: patchplan bench package ${n}`, '',
    ].join('\n');
  };
  const release = (codename, suite, label, pool) => {
    const d = path.join(dir, 'repo', 'dists', codename, 'main', 'binary-amd64');
    mkdirSync(d, {recursive: true});
    const text = suites[pool].map(([n, v]) => stanza(pool, n, v)).join('\n');
    writeFileSync(path.join(d, 'Packages'), text);
    writeFileSync(path.join(d, 'Packages.gz'), gzipSync(text, {level: 9}));
    const rel = must('/usr/bin/apt-ftparchive', [
      '-o', 'APT::FTPArchive::Release::Origin=Debian', '-o', `APT::FTPArchive::Release::Label=${label}`,
      '-o', `APT::FTPArchive::Release::Suite=${suite}`, '-o', `APT::FTPArchive::Release::Codename=${codename}`,
      '-o', 'APT::FTPArchive::Release::Architectures=amd64', '-o', 'APT::FTPArchive::Release::Components=main',
      'release', path.join('dists', codename)], {...process.env, LC_ALL: 'C'}, path.join(dir, 'repo'));
    writeFileSync(path.join(dir, 'repo', 'dists', codename, 'Release'), rel);
  };
  mkdirSync(path.join(dir, 'repo'), {recursive: true});
  release('bookworm', 'stable', 'Debian', 'main');
  release('bookworm-updates', 'stable-updates', 'Debian', 'updates');
  release('bookworm-security', 'stable-security', 'Debian-Security', 'security');

  const R = path.join(dir, 'template');
  for (const d of ['etc/apt/apt.conf.d', 'etc/apt/preferences.d', 'etc/apt/sources.list.d', 'var/lib/dpkg/info', 'var/lib/dpkg/updates',
    'var/lib/dpkg/triggers', 'var/lib/apt/lists/partial', 'var/cache/apt/archives/partial', 'var/log/apt', 'var/run']) {
    mkdirSync(path.join(R, d), {recursive: true});
  }
  writeFileSync(path.join(R, 'etc/os-release'), 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n');
  writeFileSync(path.join(R, 'etc/machine-id'), '0123456789abcdef0123456789abcdef\n');
  writeFileSync(path.join(R, 'etc/hostname'), 'bench-apt-scale\n');
  writeFileSync(path.join(R, 'etc/apt/sources.list'), ['bookworm', 'bookworm-updates', 'bookworm-security'].map((c) => `deb [trusted=yes] file:${dir}/repo ${c} main\n`).join(''));
  const status = [];
  for (const [n, v] of suites.main) {
    status.push([`Package: ${n}`, 'Status: install ok installed', 'Priority: optional', 'Section: misc', 'Installed-Size: 9',
      'Maintainer: Lab <lab@example.invalid>', 'Architecture: all', `Version: ${v}`, `Description: patchplan bench package ${n}`, ''].join('\n'));
    writeFileSync(path.join(R, 'var/lib/dpkg/info', `${n}.list`), `/.\n/usr\n/usr/share\n/usr/share/doc\n/usr/share/doc/${n}\n/usr/share/doc/${n}/VERSION\n`);
  }
  writeFileSync(path.join(R, 'var/lib/dpkg/status'), status.join('\n'));
  writeFileSync(path.join(R, 'var/lib/dpkg/available'), '');
  const confIn = [
    'Dir "@ROOT@/";', 'Dir::State::status "@ROOT@/var/lib/dpkg/status";', 'Dir::Log "@ROOT@/var/log/apt";', 'Dir::Bin::dpkg "/usr/bin/dpkg";',
    'APT::Architecture "amd64";', 'APT::Architectures { "amd64"; };', 'Acquire::Languages "none";', 'APT::Install-Recommends "false";',
    'DPkg::Options { "--root=@ROOT@"; "--admindir=@ROOT@/var/lib/dpkg"; "--log=@ROOT@/var/log/dpkg.log"; "--force-script-chrootless"; };',
    'DPkg::Use-Pty "false";', '',
  ].join('\n');
  writeFileSync(path.join(dir, 'apt.conf.in'), confIn);
  const conf = path.join(dir, 'build.conf');
  writeFileSync(conf, confIn.replaceAll('@ROOT@', R));
  const env = {...process.env, APT_CONFIG: conf, LC_ALL: 'C'};
  must('/usr/bin/apt-get', ['-q', 'update'], env);
  const upgradable = must('/usr/bin/apt', ['list', '--upgradable'], env).split('\n').filter((l) => l.includes('[upgradable from')).length;
  const expected = expectedUpgradable(size, updatesEvery, securityEvery);
  if (upgradable !== expected) throw new Error(`apt lists ${upgradable} upgradable packages in ${R}, expected ${expected}`);
  const installed = must('/usr/bin/dpkg-query', [`--admindir=${R}/var/lib/dpkg`, '-W']).split('\n').filter(Boolean).length;
  if (installed !== size) throw new Error(`dpkg-query lists ${installed} installed packages, expected ${size}`);
  return {installed, upgradable};
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, ...numbers] = process.argv.slice(2);
  if (!dir || numbers.length !== 3 || !numbers.every((n) => Number.isInteger(Number(n)) && Number(n) >= 1)) {
    throw new Error('usage: apt-synthetic.mjs DIR SIZE UPDATES_EVERY SECURITY_EVERY');
  }
  console.log(JSON.stringify(build(dir, ...numbers.map(Number))));
}
