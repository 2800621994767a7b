/**
 * dnf's and yum's lock signals. With `--setopt=exit_on_lock=True` (argv.ts) dnf 4 does not wait
 * forever: it exits 200 and says (dnf/lock.py, dnf/cli/main.py; seen in the lab):
 *
 *   Error: RPMDB already locked by 4242          (ROOT/var/lib/dnf/rpmdb_lock.pid)
 *   metadata already locked by 4242               (ROOT/var/cache/dnf/metadata_lock.pid)
 *   The application with PID 4242 is currently running …   (show_lock_owner, when /proc knows it)
 *
 * yum 3 prints `Existing lock /var/run/yum.pid: another copy is running as pid 4242.` and, with
 * exit_on_lock, `Another app is currently holding the yum lock; exiting as configured by exit_on_lock`.
 */
export interface DnfLockHolder {
  /** What is locked (`RPMDB`, `metadata`, `cachedir`, `log`, `/var/run/yum.pid`). */
  readonly what: string;
  readonly pid: number | null;
}

export function parseDnfLock(exitCode: number, stderr: string, stdout = ''): DnfLockHolder | null {
  const text = `${stderr}\n${stdout}`;
  const dnf = /(\S+) already locked by (\d+)/.exec(text);
  if (dnf) return {what: dnf[1] ?? 'dnf', pid: Number(dnf[2])};
  const yum = /Existing lock (\S+): another copy is running as pid (\d+)/.exec(text);
  if (yum) return {what: (yum[1] ?? '/var/run/yum.pid').replace(/:$/, ''), pid: Number(yum[2])};
  if (exitCode === 200 && /holding the yum lock|lock/i.test(text)) return {what: 'yum lock', pid: null};
  return null;
}

export function describeDnfLock(holder: DnfLockHolder): string {
  return holder.pid === null ? `${holder.what} held by another process` : `${holder.what} held by process ${holder.pid}`;
}

/** The first line that says what went wrong (dnf: `Error: …`), for one-line messages. */
export function firstDnfError(stderr: string, stdout = ''): string {
  const lines = `${stderr}\n${stdout}`.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.find((l) => /^(Error|Problem|No match|Unable)/i.test(l)) ?? lines[0] ?? '';
}
