/**
 * What the rpm-family recipes share: running a command (exit code checked), dnf's arguments for a
 * root, and the checks a dnf root must pass (installed count, updates seen, advisories seen).
 * HOME is always a lab home whose .rpmmacros puts the rpm database in the root (Debian's rpm would
 * otherwise use ~/.rpmdb, labs.md §5).
 */
import {spawnSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUILD_RPM_LAB = path.join(REPO, 'test', 'integration', 'lab', 'rpm', 'build-rpm-lab.sh');

export function must(file, args, env, accept = [0]) {
  const r = spawnSync(file, args, {env: {...process.env, LC_ALL: 'C', ...env}, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024});
  if (r.error) throw r.error;
  if (!accept.includes(r.status)) throw new Error(`${file} ${args.join(' ').slice(0, 200)} exited ${r.status}: ${(r.stderr || '').trim().split('\n').slice(-5).join(' | ')}`);
  return r.stdout;
}

export const dnfArgs = (root, releasever = '2023') => ['-c', `${root}/etc/dnf/dnf.conf`, `--installroot=${root}`, `--setopt=reposdir=${root}/etc/yum.repos.d`, `--releasever=${releasever}`, '-q'];

export function checkDnfRoot(root, home, size, minAdvisories) {
  const env = {HOME: home};
  const installed = must('/usr/bin/rpm', ['--root', root, '-qa'], env).split('\n').filter(Boolean).length;
  if (installed < size) throw new Error(`${root} has ${installed} packages installed, expected at least ${size}`);
  const updates = must('/usr/bin/dnf', [...dnfArgs(root), 'check-update'], env, [100]).split('\n').filter((l) => /^sc-/.test(l)).length;
  if (updates < size) throw new Error(`dnf check-update on ${root} lists ${updates} sc-* updates, expected ${size}: is the updates repository empty?`);
  const advisories = must('/usr/bin/dnf', [...dnfArgs(root), 'updateinfo', 'list', '--all'], env).split('\n').filter(Boolean).length;
  if (advisories < minAdvisories) throw new Error(`dnf updateinfo list --all on ${root} lists ${advisories} lines, expected at least ${minAdvisories}`);
  return {installed, updates, advisoryLines: advisories};
}

/** A lab home: .rpmmacros with %_dbpath /var/lib/rpm. */
export function labHome(dir) {
  const home = path.join(dir, 'home');
  mkdirSync(home, {recursive: true});
  writeFileSync(path.join(home, '.rpmmacros'), '%_dbpath /var/lib/rpm\n');
  return home;
}
