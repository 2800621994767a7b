/**
 * The rpm-family labs of the bench, on top of test/integration/lab/rpm/build-rpm-lab.sh (the lab the
 * dnf end-to-end tests use; its --scale N adds sc-1..sc-N, 1.0-1.amzn2 installed, 1.0-2.amzn2 in the
 * updates repo, every second one in an advisory):
 *
 *   dnfLab(dir, {size, advisories})  build-rpm-lab.sh DIR --scale SIZE; with `advisories`
 *       ({mode, count}, see updateinfo.mjs) the updates repo's updateinfo is replaced by a generated
 *       one (modifyrepo_c) and the template roots' dnf caches are refreshed.
 *   largeUpdateinfo(dir, {rpmLab, count}) a copy of an rpm lab's updates repo (rpms hard-linked)
 *       with a generated ~1.5 KB-per-advisory updateinfo.xml of COUNT advisories, and a copy of its
 *       AL2023 template root pointed at it (DIR/root, HOME DIR/home).
 *   zypperRoot(dir, {rpmLab, size}) a SLES 15 SP6 root (DIR/root) on an rpm lab's two repositories
 *       with sc-1..sc-SIZE 1.0-1.amzn2 installed by zypper (as bench/zypper.mjs --scale builds it).
 *
 * Every builder checks each command's exit code and what it built (installed count, updates seen,
 * advisories seen) and throws otherwise. HOME is always a lab home whose .rpmmacros puts the rpm
 * database in the root (Debian's rpm would otherwise use ~/.rpmdb, labs.md §5).
 */
import {spawnSync} from 'node:child_process';
import {cpSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {writeUpdateinfo} from './updateinfo.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUILD_RPM_LAB = path.join(REPO, 'test', 'integration', 'lab', 'rpm', 'build-rpm-lab.sh');
export const RPM_LAB_FILES = [BUILD_RPM_LAB, path.join(REPO, 'test/integration/lab/rpm/mkrpm.sh'), path.join(REPO, 'test/integration/lab/rpm/pp.spec')];

function must(file, args, env, accept = [0]) {
  const r = spawnSync(file, args, {env: {...process.env, LC_ALL: 'C', ...env}, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024});
  if (r.error) throw r.error;
  if (!accept.includes(r.status)) throw new Error(`${file} ${args.join(' ').slice(0, 200)} exited ${r.status}: ${(r.stderr || '').trim().split('\n').slice(-5).join(' | ')}`);
  return r.stdout;
}

export const dnfArgs = (root, releasever = '2023') => ['-c', `${root}/etc/dnf/dnf.conf`, `--installroot=${root}`, `--setopt=reposdir=${root}/etc/yum.repos.d`, `--releasever=${releasever}`, '-q'];

function checkDnfRoot(root, home, size, minAdvisories) {
  const env = {HOME: home};
  const installed = must('/usr/bin/rpm', ['--root', root, '-qa'], env).split('\n').filter(Boolean).length;
  if (installed < size) throw new Error(`${root} has ${installed} packages installed, expected at least ${size}`);
  const updates = must('/usr/bin/dnf', [...dnfArgs(root), 'check-update'], env, [100]).split('\n').filter((l) => /^sc-/.test(l)).length;
  if (updates < size) throw new Error(`dnf check-update on ${root} lists ${updates} sc-* updates, expected ${size}: is the updates repository empty?`);
  const advisories = must('/usr/bin/dnf', [...dnfArgs(root), 'updateinfo', 'list', '--all'], env).split('\n').filter(Boolean).length;
  if (advisories < minAdvisories) throw new Error(`dnf updateinfo list --all on ${root} lists ${advisories} lines, expected at least ${minAdvisories}`);
  return {installed, updates, advisoryLines: advisories};
}

export function dnfLab(dir, {size, advisories = null}) {
  must('/bin/sh', [BUILD_RPM_LAB, dir, '--scale', String(size)]);
  const home = path.join(dir, 'home');
  const width = String(size).length;
  let expected = Math.ceil(size / 2);
  if (advisories) {
    const file = path.join(dir, 'updateinfo-bench.xml');
    const bytes = writeUpdateinfo(file, {...advisories, size, width});
    must('/usr/bin/modifyrepo_c', ['--mdtype=updateinfo', file, path.join(dir, 'repo-updates', 'repodata')], {HOME: home});
    const repomd = readFileSync(path.join(dir, 'repo-updates', 'repodata', 'repomd.xml'), 'utf8');
    if ((repomd.match(/<data type="updateinfo"/g) ?? []).length !== 1) throw new Error('repo-updates/repodata/repomd.xml does not list exactly one updateinfo');
    for (const t of ['template-al2', 'template-al2023']) {
      const root = path.join(dir, t);
      must('/usr/bin/dnf', [...dnfArgs(root, t === 'template-al2' ? '2' : '2023'), 'makecache', '--refresh'], {HOME: home});
    }
    expected = Math.min(advisories.count, size);
    writeFileSync(path.join(dir, 'updateinfo-bench.bytes'), `${bytes}\n`);
  }
  return {size, advisories: advisories?.count ?? Math.ceil(size / 2), ...checkDnfRoot(path.join(dir, 'template-al2023'), home, size, expected)};
}

export function largeUpdateinfo(dir, {rpmLab, count, size}) {
  const home = path.join(dir, 'home');
  mkdirSync(home, {recursive: true});
  writeFileSync(path.join(home, '.rpmmacros'), '%_dbpath /var/lib/rpm\n');
  // The rpms hard-linked (never written), the repodata copied (modifyrepo_c rewrites it).
  const src = path.join(rpmLab, 'repo-updates');
  const dst = path.join(dir, 'repo-updates');
  mkdirSync(dst, {recursive: true});
  for (const name of readdirSync(src)) {
    if (name === 'repodata') cpSync(path.join(src, name), path.join(dst, name), {recursive: true});
    else linkSync(path.join(src, name), path.join(dst, name));
  }
  const file = path.join(dir, 'updateinfo.xml');
  const bytes = writeUpdateinfo(file, {mode: 'large', count, size, width: String(size).length});
  must('/usr/bin/modifyrepo_c', ['--mdtype=updateinfo', file, path.join(dst, 'repodata')], {HOME: home});
  const root = path.join(dir, 'root');
  must('/bin/cp', ['-a', path.join(rpmLab, 'template-al2023'), root]);
  const repoFile = path.join(root, 'etc', 'yum.repos.d', 'lab.repo');
  const before = readFileSync(repoFile, 'utf8');
  const after = before.replace(`baseurl=file://${src}`, `baseurl=file://${dst}`);
  if (after === before) throw new Error(`${repoFile} does not name ${src}`);
  writeFileSync(repoFile, after);
  rmSync(path.join(root, 'var', 'cache', 'dnf'), {recursive: true, force: true});
  mkdirSync(path.join(root, 'var', 'cache', 'dnf'), {recursive: true});
  must('/usr/bin/dnf', [...dnfArgs(root), 'makecache'], {HOME: home});
  return {bytes, count, ...checkDnfRoot(root, home, size, 1)};
}

export function zypperRoot(dir, {rpmLab, size}) {
  const home = path.join(dir, 'home');
  mkdirSync(home, {recursive: true});
  writeFileSync(path.join(home, '.rpmmacros'), '%_dbpath /var/lib/rpm\n');
  const env = {HOME: home};
  const R = path.join(dir, 'root');
  mkdirSync(path.join(R, 'etc', 'zypp'), {recursive: true});
  mkdirSync(path.join(R, 'var', 'lib', 'rpm'), {recursive: true});
  writeFileSync(path.join(R, 'etc', 'os-release'), 'NAME="SLES"\nVERSION="15-SP6"\nVERSION_ID="15.6"\nPRETTY_NAME="SUSE Linux Enterprise Server 15 SP6"\nID="sles"\nID_LIKE="suse"\nANSI_COLOR="0;32"\nCPE_NAME="cpe:/o:suse:sles:15:sp6"\n');
  writeFileSync(path.join(R, 'etc', 'machine-id'), 'fedcba9876543210fedcba9876543210\n');
  writeFileSync(path.join(R, 'etc', 'hostname'), 'sles-scale\n');
  const Z = ['--root', R, '--non-interactive'];
  // gpgcheck off in the repository configuration (addrepo --no-gpgcheck), never --no-gpg-checks on commands.
  must('/usr/bin/zypper', [...Z, '-q', 'addrepo', '--no-gpgcheck', `file://${path.join(rpmLab, 'repo-base')}`, 'base'], env);
  must('/usr/bin/zypper', [...Z, '-q', 'addrepo', '--no-gpgcheck', `file://${path.join(rpmLab, 'repo-updates')}`, 'updates'], env);
  must('/usr/bin/zypper', [...Z, '-q', 'refresh'], env);
  const width = String(size).length;
  const old = Array.from({length: size}, (_, i) => `sc-${String(i + 1).padStart(width, '0')}=1.0-1.amzn2`);
  must('/usr/bin/zypper', [...Z, '-q', 'install', '--no-recommends', '--', ...old], env);
  rmSync(path.join(R, 'run', 'reboot-needed'), {force: true});
  rmSync(path.join(R, 'run', 'zypp.pid'), {force: true});
  const installed = must('/usr/bin/rpm', ['--root', R, '-qa'], env).split('\n').filter(Boolean).length;
  if (installed < size) throw new Error(`the zypper root has ${installed} packages, expected at least ${size}`);
  const updates = (must('/usr/bin/zypper', [...Z, '--xmlout', 'list-updates'], env).match(/<update kind="package"/g) ?? []).length;
  if (updates < size) throw new Error(`zypper list-updates shows ${updates} updates, expected ${size}`);
  const patches = (must('/usr/bin/zypper', [...Z, '--xmlout', 'list-patches'], env).match(/<update kind="patch"/g) ?? []).length;
  if (patches < 1) throw new Error('zypper list-patches shows no patch: is the updateinfo missing?');
  return {installed, updates, patches};
}

