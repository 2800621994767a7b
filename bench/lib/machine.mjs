/** The machine a bench ran on: CPU, cores, memory, kernel, node and the package tools' versions. */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function firstLine(file, args, env) {
  const r = spawnSync(file, args, {encoding: 'utf8', env: {...process.env, LC_ALL: 'C', ...env}});
  if (r.error || r.status !== 0) return null;
  return (r.stdout || r.stderr).trim().split('\n')[0] ?? null;
}

export function describeMachine(repo) {
  // rpm, dnf and zypper would create ~/.rpmdb on Debian even for --version (labs.md §5): a scratch HOME.
  const home = mkdtempSync(path.join(os.tmpdir(), 'pp-bench-home-'));
  writeFileSync(path.join(home, '.rpmmacros'), '%_dbpath /var/lib/rpm\n');
  const rpmEnv = {HOME: home};
  let osName = null;
  try {
    osName = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? null;
  } catch {}
  const memKiB = Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0);
  const machine = {
    cpuModel: os.cpus()[0]?.model ?? null,
    cores: os.cpus().length,
    memoryBytes: memKiB * 1024,
    memory: `${(memKiB / 1024 / 1024).toFixed(1)} GiB`,
    kernel: `${os.type()} ${os.release()} ${os.machine()}`,
    os: osName,
    node: process.version,
    tools: {
      apt: firstLine('/usr/bin/apt-get', ['--version']),
      dpkg: firstLine('/usr/bin/dpkg', ['--version']),
      dnf: firstLine('/usr/bin/dnf', ['--version'], rpmEnv),
      rpm: firstLine('/usr/bin/rpm', ['--version'], rpmEnv),
      zypper: firstLine('/usr/bin/zypper', ['--version'], rpmEnv),
      gnuTime: firstLine('/usr/bin/time', ['--version']),
    },
    patchplan: {
      version: JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')).version,
      commit: firstLine('/usr/bin/git', ['-C', repo, 'rev-parse', 'HEAD']),
      dirty: (spawnSync('/usr/bin/git', ['-C', repo, 'status', '--porcelain', '--', 'src'], {encoding: 'utf8'}).stdout || '').trim() !== '',
    },
  };
  rmSync(home, {recursive: true, force: true});
  return machine;
}
