/**
 * The host's package state, taken before and compared after a bench: /var/lib/dpkg/status (md5),
 * ~/.rpmdb (must stay as it was: absent here) and /var/lib/rpm (md5 of every file). The bench
 * never installs into the host; this is the proof.
 */
import {createHash} from 'node:crypto';
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function sums(dir) {
  if (!existsSync(dir)) return 'absent';
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const file = path.join(d, name);
      const st = statSync(file);
      if (st.isDirectory()) walk(file);
      else if (st.isFile()) out.push(`${file} ${createHash('md5').update(readFileSync(file)).digest('hex')}`);
    }
  };
  walk(dir);
  return createHash('md5').update(out.join('\n')).digest('hex');
}

export function hostState() {
  return {
    dpkgStatus: existsSync('/var/lib/dpkg/status') ? createHash('md5').update(readFileSync('/var/lib/dpkg/status')).digest('hex') : 'absent',
    homeRpmdb: sums(path.join(os.homedir(), '.rpmdb')),
    varLibRpm: sums('/var/lib/rpm'),
  };
}

/** {ok, lines}: one line per item, "unchanged" or "CHANGED". */
export function compareHost(before, after) {
  const lines = [];
  let ok = true;
  for (const [key, label] of [['dpkgStatus', '/var/lib/dpkg/status'], ['homeRpmdb', '~/.rpmdb'], ['varLibRpm', '/var/lib/rpm']]) {
    const same = before[key] === after[key];
    ok &&= same;
    lines.push(`host ${label}: ${same ? 'unchanged' : 'CHANGED during the bench'} (${after[key] === 'absent' ? 'absent' : `md5 ${after[key].slice(0, 12)}…`})`);
  }
  return {ok, lines};
}
