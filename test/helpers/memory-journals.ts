import type {JournalStore, RunHolder} from '../../src/system/journal-store.js';

/**
 * The apply journal and run lock in memory, for service tests: nothing under any root is written,
 * so a test cannot touch the host's /var/lib/patchplan by construction. `holdLock` makes a run of
 * the plan look active; `texts` shows what was appended, per root and digest.
 */
export interface MemoryJournals extends JournalStore {
  readonly texts: Map<string, string>;
  holdLock(root: string, digest: string, holder: RunHolder): void;
  releaseHeld(root: string, digest: string): void;
}

export function memoryJournals(initial: Record<string, string> = {}): MemoryJournals {
  const texts = new Map<string, string>(Object.entries(initial));
  const locks = new Map<string, RunHolder>();
  const key = (root: string, digest: string): string => `${root}|${digest}`;
  return {
    texts,
    location: (root, digest) => `${root}/var/lib/patchplan/${digest.replace(/^sha256:/, '')}.jsonl`,
    read: async (root, digest) => texts.get(key(root, digest)) ?? '',
    append: async (root, digest, line) => {
      texts.set(key(root, digest), (texts.get(key(root, digest)) ?? '') + line);
    },
    tryLock: async (root, digest, holder) => {
      const held = locks.get(key(root, digest));
      if (held !== undefined) return {acquired: false, holder: held};
      locks.set(key(root, digest), holder);
      return {acquired: true, release: async () => void locks.delete(key(root, digest))};
    },
    holdLock: (root, digest, holder) => void locks.set(key(root, digest), holder),
    releaseHeld: (root, digest) => void locks.delete(key(root, digest)),
  };
}

/** The journal line of an earlier run that gave these packages to the installer. */
export function earlierInstallLine(run: string, packages: readonly {name: string; arch: string; from: string | null; to: string}[]): string {
  return `${JSON.stringify({event: 'installing', run, at: '2026-11-24T01:00:00.000Z', packages})}\n`;
}
