/**
 * zypperRoot(dir, {rpmLab, size}): a SLES 15 SP6 root (DIR/root, HOME DIR/home) on an rpm lab's two
 * repositories with sc-1..sc-SIZE 1.0-1.amzn2 installed by `zypper install`, as bench/zypper.mjs
 * --scale measured it; checked (installed count, updates and patches seen).
 */
import {mkdirSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {labHome, must} from './rpm-common.mjs';

export function zypperRoot(dir, {rpmLab, size}) {
  const home = labHome(dir);
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

