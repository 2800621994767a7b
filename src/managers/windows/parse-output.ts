import {z} from 'zod';

import {ExternalCommandError, formatJsonPath} from '../../errors.js';
import {locateJsonError, withoutByteOrderMark} from '../../json/parse.js';
import type {RunResult} from '../../system/runner.js';

/**
 * The script's JSON documents (script.ts), checked with zod. A document that is not JSON or not
 * the mode's shape is one line naming the command and the JSON path; a non-zero exit is the
 * script's own error object when it printed one, else PowerShell's last stderr line.
 */

const nullableText = z.string().nullable();

export const IdentifySchema = z.object({
  caption: z.string(),
  version: z.string().min(1),
  buildNumber: z.string().regex(/^\d+$/),
  productType: z.number().int(),
  machineGuid: z.string().min(1),
});
export type IdentifyOutput = z.infer<typeof IdentifySchema>;

const CategorySchema = z.object({id: z.string(), name: z.string()});
const ProductSchema = CategorySchema.extend({family: nullableText});

export const UpdateSchema = z.object({
  updateId: z.string().regex(/^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/, 'must be a GUID'),
  revision: z.number().int().nonnegative(),
  title: z.string(),
  kbArticleIds: z.array(z.string()),
  securityBulletinIds: z.array(z.string()),
  msrcSeverity: z.string(),
  classifications: z.array(CategorySchema),
  products: z.array(ProductSchema),
  lastDeploymentChangeTime: nullableText,
  /** InstallationBehavior.RebootBehavior: 0 NeverReboots, 1 AlwaysRequiresReboot, 2 CanRequestReboot. */
  rebootBehavior: z.number().int(),
  /** IUpdate.RebootRequired: installed, and waiting for a reboot to finish. */
  rebootRequired: z.boolean(),
  isInstalled: z.boolean(),
});
export type WuaUpdate = z.infer<typeof UpdateSchema>;

export const ScanSchema = z.object({
  updates: z.array(UpdateSchema),
  rebootRequired: z.boolean(),
  wsus: z.object({server: nullableText, useWUServer: z.boolean()}),
});
export type ScanOutput = z.infer<typeof ScanSchema>;

export const InstallResultSchema = z.object({
  updateId: z.string(),
  revision: z.number().int(),
  outcome: z.enum(['alreadyInstalled', 'attempted']),
  /** OperationResultCode: 0 NotStarted, 1 InProgress, 2 Succeeded, 3 SucceededWithErrors, 4 Failed, 5 Aborted. */
  resultCode: z.number().int().nullable(),
  hResult: z.number().int().nullable(),
});
export const InstallSchema = z.object({results: z.array(InstallResultSchema), rebootRequired: z.boolean()});
export type InstallOutput = z.infer<typeof InstallSchema>;

export const RebootSchema = z.object({rebootRequired: z.boolean()});

const ErrorSchema = z.object({error: z.object({message: z.string(), hResult: z.number().int().nullable().optional()})});

/** An HRESULT as Microsoft writes it: `0x80240022` (the script gives the signed 32-bit value). */
export function hex(hResult: number): string {
  return `0x${(hResult >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** PowerShell's error records end with `+ CategoryInfo …` lines: the first non-empty line says what happened. */
function stderrLine(stderr: string): string {
  const line = stderr.split(/\r?\n/).map(oneLine).find((l) => l !== '' && !l.startsWith('+') && !l.startsWith('At line:'));
  return line ?? '';
}

function parseJson(stdout: string): {value: unknown} | {problem: string} {
  const body = withoutByteOrderMark(stdout).trim();
  if (body === '') return {problem: 'printed no JSON document'};
  const found = locateJsonError(body);
  if (found !== null) return {problem: `printed a document that is not JSON at offset ${found.offset}: ${found.message}`};
  return {value: JSON.parse(body) as unknown};
}

/** The script's result for one mode: the parsed document, or one ExternalCommandError line. */
export function parseScriptResult<T>(schema: z.ZodType<T>, result: RunResult, command: string): T {
  const parsed = parseJson(result.stdout);
  if (result.exitCode !== 0) {
    const own = 'value' in parsed ? ErrorSchema.safeParse(parsed.value) : null;
    if (own?.success) {
      const code = own.data.error.hResult;
      const hr = code === null || code === undefined || code === 0 ? '' : ` (HRESULT ${hex(code)})`;
      throw new ExternalCommandError(command, `exited ${result.exitCode}: ${oneLine(own.data.error.message)}${hr}`);
    }
    const said = stderrLine(result.stderr) || oneLine(result.stdout).slice(0, 200);
    throw new ExternalCommandError(command, `exited ${result.exitCode}${said === '' ? '' : `: ${said}`}`);
  }
  if ('problem' in parsed) throw new ExternalCommandError(command, parsed.problem);
  const checked = schema.safeParse(parsed.value);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue === undefined ? '' : formatJsonPath(issue.path);
    throw new ExternalCommandError(command, `unexpected output${where === '' ? '' : ` at ${where}`}: ${issue?.message ?? 'invalid'}`);
  }
  return checked.data;
}
