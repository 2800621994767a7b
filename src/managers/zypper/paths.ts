import path from 'node:path';

/** Where zypper keeps what patchplan reads, under `/` or a `--root` directory. */

/** `/` stays `/`; anything else absolute, without a trailing slash (zypper --root wants a directory). */
export function normalizeRoot(root: string): string {
  const resolved = path.resolve(root);
  return resolved === '/' ? '/' : resolved.replace(/\/+$/, '');
}

/** A node path (`/run/zypp.pid`) inside the root. */
export function under(root: string, file: string): string {
  return root === '/' ? file : path.join(root, file);
}

/** zypp.pid lives in /run on SLES 15 and in /var/run on older systems (labs §4). */
export function lockFiles(root: string): string[] {
  return [under(root, '/run/zypp.pid'), under(root, '/var/run/zypp.pid')];
}

/** The raw repository metadata zypper caches, one directory per repository alias. */
export function rawCacheDir(root: string): string {
  return under(root, '/var/cache/zypp/raw');
}
