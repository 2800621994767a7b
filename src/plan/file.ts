import {InputError, PlanRefusedError, inputErrorFromZod} from '../errors.js';
import {parseJsonText} from '../json/parse.js';
import type {FileSystem} from '../system/fs.js';
import {readInputText, type InputReader} from '../system/input-files.js';
import {digestOf} from '../json/canonical-json.js';
import {PLAN_FORMAT_VERSION, PlanDigestSchema, PlanSchema, type Plan} from './schema.js';

/** Plans name hosts, versions and baselines an attacker would like to know: owner-only. */
export const PLAN_FILE_MODE = 0o600;

export const DIGEST_MISMATCH = 'digest mismatch: the plan was modified after it was written';

/**
 * The plan file text: indented for reviewers and diffs. Formatting is free because the digest
 * is computed over the canonical JSON, not over these bytes.
 */
export function serializePlan(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

export async function writePlanFile(file: string, plan: Plan, fs: Pick<FileSystem, 'writeAtomic'>): Promise<void> {
  await fs.writeAtomic(file, serializePlan(plan), PLAN_FILE_MODE);
}

export async function readPlanFile(file: string, fs: InputReader): Promise<Plan> {
  return parsePlanText(await readInputText(fs, file, 'plan'), file);
}

/**
 * Reads a plan and verifies it before anything looks at its content:
 * JSON syntax (exit 1) → is it a plan at all (exit 1) → known formatVersion (exit 3) →
 * digest over the document as written (exit 3) → schema (exit 1).
 *
 * Integrity comes before the schema so that any edit, even one that also breaks the schema,
 * is reported as what it is: the plan was modified. The digest is computed over the raw
 * parsed JSON, not the schema's output, so nothing the schema might normalize can hide an edit.
 */
export function parsePlanText(text: string, source: string): Plan {
  const raw = parseJsonText(text, source);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !('formatVersion' in raw)) {
    throw new InputError(source, 'not a patchplan plan file (it has no formatVersion)');
  }
  const {formatVersion} = raw;
  if (formatVersion !== PLAN_FORMAT_VERSION) {
    throw new PlanRefusedError(source, [
      `unsupported plan format version ${JSON.stringify(formatVersion)} (this patchplan reads version ${PLAN_FORMAT_VERSION})`,
    ]);
  }
  const digest = 'digest' in raw ? raw.digest : undefined;
  if (digest === undefined) throw new PlanRefusedError(source, ['the plan has no digest, so its integrity cannot be verified']);
  if (!PlanDigestSchema.safeParse(digest).success) {
    throw new PlanRefusedError(source, ['digest: not a "sha256:<64 hex digits>" value, so the plan\'s integrity cannot be verified']);
  }
  if (digestOf(raw) !== digest) throw new PlanRefusedError(source, [DIGEST_MISMATCH]);
  const parsed = PlanSchema.safeParse(raw);
  if (!parsed.success) throw inputErrorFromZod(source, parsed.error);
  return parsed.data;
}
