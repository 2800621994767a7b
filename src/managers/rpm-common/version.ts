import {InputError} from '../../errors.js';

/**
 * rpm version strings as the inventory writes them (src/inventory/schema.ts): `[epoch:]version-release`
 * with the epoch omitted when it is 0 or absent — the form `rpm -q` and dnf print, and the one the
 * engine's rpm order (src/versions/rpm.ts) parses back.
 */
export function formatRpmVersion(epoch: string | number | null | undefined, version: string, release: string): string {
  const e = epoch === null || epoch === undefined ? '' : String(epoch).trim();
  const evr = `${version}-${release}`;
  return e === '' || e === '0' || e === '(none)' ? evr : `${e}:${evr}`;
}

/** `name-[epoch:]version-release.arch`, the argument dnf and yum take for one exact package. */
export function formatNevra(name: string, version: string, arch: string): string {
  return arch === '' ? `${name}-${version}` : `${name}-${version}.${arch}`;
}

// rpm's own rules: names are printable ASCII without whitespace; patchplan narrows that to the
// characters real package names use, so nothing shell- or glob-like (`*?[]{}$;|&<>` …) ever
// reaches an argv where dnf would expand it as a pattern.
const NAME = /^[A-Za-z0-9_+][A-Za-z0-9._+-]*$/;
const EVR = /^(?:\d+:)?[A-Za-z0-9._+~^]+-[A-Za-z0-9._+~^]+$/;
const ARCH = /^[A-Za-z0-9_]+$/;

/** Throws an InputError naming `where` unless name, version and arch are plain rpm tokens. */
export function validateRpmItem(where: string, item: {readonly name: string; readonly version: string; readonly arch: string}): void {
  if (!NAME.test(item.name)) throw new InputError(where, `package name ${JSON.stringify(item.name)} is not a valid rpm name`);
  if (!EVR.test(item.version)) {
    throw new InputError(where, `version ${JSON.stringify(item.version)} of ${item.name} is not [epoch:]version-release`);
  }
  if (item.arch !== '' && !ARCH.test(item.arch)) throw new InputError(where, `architecture ${JSON.stringify(item.arch)} of ${item.name} is not valid`);
}
