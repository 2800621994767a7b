import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

export type Expected = -1 | 0 | 1;

export interface VersionVector {
  readonly a: string;
  readonly b: string;
  readonly expected: Expected;
  /** The `# source:` line the vector sits under, so a failure names where the fact comes from. */
  readonly source: string;
  /** 1-based line in the TSV file. */
  readonly line: number;
}

export type VectorFile = 'dpkg-vercmp.tsv' | 'rpm-vercmp.tsv';

/** Absolute path of a file in fixtures/vectors. */
export function vectorPath(file: VectorFile): string {
  return fileURLToPath(new URL(`../../fixtures/vectors/${file}`, import.meta.url));
}

/**
 * Reads a vector file: `# ` lines are comments (a `# source:` line names the upstream file the
 * following rows come from), the `a b expected` row is the column header, every other row is
 * three tab-separated fields. Malformed rows throw, so a typo cannot silently drop a vector.
 */
export function loadVectors(file: VectorFile): VersionVector[] {
  const text = readFileSync(vectorPath(file), 'utf8');
  const vectors: VersionVector[] = [];
  let source = '';
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw === '') return;
    if (raw.startsWith('#')) {
      const m = /^# source: (.+)$/.exec(raw);
      if (m?.[1]) source = m[1];
      return;
    }
    if (raw === 'a\tb\texpected') return;
    const fields = raw.split('\t');
    const [a, b, e] = fields;
    if (fields.length !== 3 || a === undefined || b === undefined || (e !== '-1' && e !== '0' && e !== '1')) {
      throw new Error(`${file}:${line}: expected "a<TAB>b<TAB>-1|0|1", got ${JSON.stringify(raw)}`);
    }
    if (source === '') throw new Error(`${file}:${line}: vector before any "# source:" line`);
    vectors.push({a, b, expected: Number(e) as Expected, source, line});
  });
  return vectors;
}
