/**
 * largeUpdateinfo(dir, {rpmLab, count, size}): a copy of an rpm lab's updates repo (rpms hard-linked,
 * repodata copied) with a generated updateinfo.xml of COUNT ~1.5 KB advisories (updateinfo.mjs,
 * mode "large") added by modifyrepo_c, and a copy of the lab's AL2023 template root pointed at it
 * (DIR/root, HOME DIR/home), its dnf cache made afresh. Checked like every dnf root of the bench.
 */
import {cpSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {checkDnfRoot, dnfArgs, labHome, must} from './rpm-common.mjs';
import {writeUpdateinfo} from './updateinfo.mjs';

export function largeUpdateinfo(dir, {rpmLab, count, size}) {
  const home = labHome(dir);
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

