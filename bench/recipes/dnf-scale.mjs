#!/usr/bin/env node
/**
 * The 20,000-package dnf sandbox of row 9 (SIZE packages, COUNT advisories): the rpm lab of
 * test/integration/lab/rpm/build-rpm-lab.sh (its small packages, repos, home and AL2023 template),
 * plus sc-1..sc-SIZE built as build-rpm-lab.sh --scale builds them (noarch subpackages of one spec,
 * 1.0-1.amzn2 into repo-base, 1.0-2.amzn2 into repo-updates) but in specs of CHUNK subpackages, two
 * rpmbuilds at a time: rpmbuild's time per subpackage grows with the spec's size (one 20,000-
 * subpackage spec ran for over 8 minutes at 2 GB RSS without writing an rpm; 2,000 take ~25 s).
 * Then createrepo_c, an updateinfo of COUNT applicable advisories (updateinfo.mjs) by modifyrepo_c,
 * the old versions installed into DIR/template-al2023 by `dnf install`, and checks.
 *
 * Usage: node bench/recipes/dnf-scale.mjs DIR SIZE CHUNK COUNT
 */
import {spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {writeUpdateinfo} from './updateinfo.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILD_RPM_LAB = path.join(REPO, 'test', 'integration', 'lab', 'rpm', 'build-rpm-lab.sh');

function must(file, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {env: {...process.env, LC_ALL: 'C', ...env}, stdio: ['ignore', 'pipe', 'pipe']});
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.once('error', reject);
    child.once('close', (code) => {
      const stdout = Buffer.concat(out).toString();
      if (code === 0 || (file.endsWith('dnf') && args.includes('check-update') && code === 100)) resolve(stdout);
      else reject(new Error(`${file} ${args.join(' ').slice(0, 200)} exited ${code}: ${Buffer.concat(err).toString().trim().split('\n').slice(-5).join(' | ')}`));
    });
  });
}

function spec(release, first, last, width) {
  const n = (i) => `sc-${String(i).padStart(width, '0')}`;
  const lines = [`Name: scale-src-${first}`, 'Version: 1.0', `Release: ${release}`, 'Summary: s', 'License: MIT', 'BuildArch: noarch', '%description', 's', '%install',
    `for i in $(seq -f '%0${width}g' ${first} ${last}); do mkdir -p %{buildroot}/usr/share/doc/sc-$i; echo $i > %{buildroot}/usr/share/doc/sc-$i/V; done`];
  for (let i = first; i <= last; i++) lines.push(`%package -n ${n(i)}`, 'Summary: s', `%description -n ${n(i)}`, 's', `%files -n ${n(i)}`, `/usr/share/doc/${n(i)}/V`);
  return `${lines.join('\n')}\n`;
}

export async function build(dirArg, size, chunk, count) {
  const dir = path.resolve(dirArg);
  await must('/bin/sh', [BUILD_RPM_LAB, dir]);
  const home = path.join(dir, 'home');
  const env = {HOME: home, SOURCE_DATE_EPOCH: '1767225600'};
  const width = String(size).length;
  const jobs = [];
  for (const [release, repo] of [['1.amzn2', 'repo-base'], ['2.amzn2', 'repo-updates']]) {
    for (let first = 1; first <= size; first += chunk) jobs.push({release, repo, first, last: Math.min(size, first + chunk - 1)});
  }
  const specs = path.join(dir, 'specs');
  mkdirSync(specs, {recursive: true});
  const worker = async () => {
    for (let job = jobs.shift(); job; job = jobs.shift()) {
      const file = path.join(specs, `scale-${job.release}-${job.first}.spec`);
      writeFileSync(file, spec(job.release, job.first, job.last, width));
      const top = mkdtempSync(path.join(os.tmpdir(), 'pp-bench-rpmbuild-'));
      try {
        await must('/usr/bin/rpmbuild', ['-bb', '--quiet', file, '--define', `_topdir ${top}`, '--define', `_rpmdir ${path.join(dir, job.repo)}`,
          '--define', '_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm', '--define', '__os_install_post %{nil}'], env);
      } finally {
        rmSync(top, {recursive: true, force: true});
      }
    }
  };
  await Promise.all([worker(), worker()]);
  await must('/usr/bin/createrepo_c', ['-q', path.join(dir, 'repo-base')], env);
  await must('/usr/bin/createrepo_c', ['-q', path.join(dir, 'repo-updates')], env);
  const file = path.join(dir, 'updateinfo-bench.xml');
  const bytes = writeUpdateinfo(file, {mode: 'applicable', count, size, width});
  await must('/usr/bin/modifyrepo_c', ['--mdtype=updateinfo', file, path.join(dir, 'repo-updates', 'repodata')], env);
  const repomd = readFileSync(path.join(dir, 'repo-updates', 'repodata', 'repomd.xml'), 'utf8');
  if ((repomd.match(/<data type="updateinfo"/g) ?? []).length !== 1) throw new Error('repo-updates/repodata/repomd.xml does not list exactly one updateinfo');
  // Only the AL2023 template is used; the AL2 one would need the same install for nothing.
  rmSync(path.join(dir, 'template-al2'), {recursive: true, force: true});
  const root = path.join(dir, 'template-al2023');
  const D = ['-c', `${root}/etc/dnf/dnf.conf`, `--installroot=${root}`, `--setopt=reposdir=${root}/etc/yum.repos.d`, '--releasever=2023', '-q'];
  await must('/usr/bin/dnf', [...D, 'makecache', '--refresh'], env);
  const old = Array.from({length: size}, (_, i) => `sc-${String(i + 1).padStart(width, '0')}-1.0-1.amzn2`);
  await must('/usr/bin/dnf', [...D, '-y', '--best', 'install', ...old], env);
  const installed = (await must('/usr/bin/rpm', ['--root', root, '-qa'], env)).split('\n').filter(Boolean).length;
  if (installed < size) throw new Error(`${root} has ${installed} packages installed, expected at least ${size}`);
  const updates = (await must('/usr/bin/dnf', [...D, 'check-update'], env)).split('\n').filter((l) => /^sc-/.test(l)).length;
  if (updates !== size) throw new Error(`dnf check-update lists ${updates} sc-* updates, expected ${size}: is the updates repository complete?`);
  const advisoryLines = (await must('/usr/bin/dnf', [...D, 'updateinfo', 'list'], env)).split('\n').filter((l) => l.includes('-BENCH-')).length;
  if (advisoryLines !== count) throw new Error(`dnf updateinfo list shows ${advisoryLines} bench advisories, expected ${count}`);
  return {size, installed, updates, advisories: count, updateinfoBytes: bytes};
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, ...n] = process.argv.slice(2);
  const [size, chunk, count] = n.map(Number);
  if (!dir || ![size, chunk, count].every((x) => Number.isInteger(x) && x > 0)) throw new Error('usage: dnf-scale.mjs DIR SIZE CHUNK COUNT');
  console.log(JSON.stringify(await build(dir, size, chunk, count)));
}
