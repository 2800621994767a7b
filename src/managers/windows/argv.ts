import {InputError} from '../../errors.js';
import type {Argv} from '../../system/runner.js';
import {WINDOWS_SCRIPT} from './script.js';

/**
 * Every command the Windows adapter runs, as data: one argv (Windows PowerShell running the
 * fixed script) and, per mode, the JSON it reads on stdin. Pure.
 */

type Env = Readonly<Record<string, string | undefined>>;

const DEFAULT_SYSTEM_ROOT = 'C:\\Windows';
/** A drive-absolute directory without characters a Windows path cannot hold. */
const DRIVE_ABSOLUTE = /^[A-Za-z]:\\[^"*?<>|\u0000-\u001f]*$/;

/**
 * `%SystemRoot%\System32\WindowsPowerShell\v1.0\powershell.exe`, from the node's environment
 * (default C:\Windows): an absolute path, so no PATH entry can substitute another program.
 */
export function powershellPath(env: Env): string {
  const systemRoot = env.SystemRoot ?? env.SYSTEMROOT ?? DEFAULT_SYSTEM_ROOT;
  if (!DRIVE_ABSOLUTE.test(systemRoot)) throw new InputError('SystemRoot', `${JSON.stringify(systemRoot)} is not an absolute Windows directory such as C:\\Windows`);
  return `${systemRoot.replace(/\\+$/, '')}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`;
}

/** The script as -EncodedCommand wants it: base64 of its UTF-16LE bytes. */
export const ENCODED_SCRIPT = Buffer.from(WINDOWS_SCRIPT, 'utf16le').toString('base64');

/**
 * `-EncodedCommand`, not `-Command <text>`: Windows PowerShell 5.1 re-parses its command line
 * and drops or splits on embedded double quotes, so the script's own quotes would not survive
 * argv quoting; base64 has none. `-Command -` would make stdin the script, leaving no channel for
 * the inputs. The script reads stdin as `$input` (as Ansible's bootstrap wrapper does under
 * -EncodedCommand). -NoProfile: no profile script runs; -NonInteractive: a prompt fails instead
 * of waiting; -ExecutionPolicy Bypass: a Restricted policy does not refuse the script.
 */
export function scriptArgv(env: Env): Argv {
  return {
    file: powershellPath(env),
    args: ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', ENCODED_SCRIPT],
  };
}

/** The update identity WUA installs by (IUpdateIdentity): UpdateID and RevisionNumber. */
export interface UpdateIdentity {
  readonly updateId: string;
  readonly revision: number;
}

export type ScriptRequest =
  | {readonly mode: 'identify'}
  | {readonly mode: 'scan'}
  | {readonly mode: 'rebootRequired'}
  | {readonly mode: 'install'; readonly updates: readonly UpdateIdentity[]};

/** The stdin text of one run (compact JSON, keys in a fixed order). */
export function scriptInput(request: ScriptRequest): string {
  if (request.mode !== 'install') return JSON.stringify({mode: request.mode});
  return JSON.stringify({mode: 'install', updates: request.updates.map((u) => ({updateId: u.updateId, revision: u.revision}))});
}

// ------------------------------------------------------------------ versions

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * An update revision as the inventory writes a version: `<UpdateID>.<RevisionNumber>` (lower-case
 * GUID). It is what WUA identifies a revision by, and what install needs: the plan carries it
 * from collect to install without another search.
 */
export function revisionVersion(identity: UpdateIdentity): string {
  return `${identity.updateId.toLowerCase()}.${identity.revision}`;
}

export function parseRevisionVersion(name: string, version: string): UpdateIdentity {
  const dot = version.lastIndexOf('.');
  const updateId = version.slice(0, dot);
  const revision = version.slice(dot + 1);
  if (dot < 0 || !GUID.test(updateId) || !/^\d{1,9}$/.test(revision)) {
    throw new InputError(name, `version ${JSON.stringify(version)} is not a Windows update revision <UpdateID>.<RevisionNumber>`);
  }
  return {updateId, revision: Number(revision)};
}

/**
 * The architecture every package of this node carries, from the environment Windows gives each
 * process (PROCESSOR_ARCHITEW6432 in a 32-bit process on 64-bit Windows): `amd64`, `arm64`,
 * `x86`, or '' when neither is set. collect and readInstalled both use it, so their keys agree.
 */
export function windowsArch(env: Env): string {
  const raw = (env.PROCESSOR_ARCHITEW6432 ?? env.PROCESSOR_ARCHITECTURE ?? '').trim().toLowerCase();
  return /^[a-z0-9_]*$/.test(raw) ? raw : '';
}
