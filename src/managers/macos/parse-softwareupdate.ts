import {ExternalCommandError} from '../../errors.js';

/**
 * `softwareupdate --list` in its three styles (fixtures/macos/softwareupdate/, SOURCE.md):
 *
 *   macOS 10.15+   * Label: macOS Sonoma 14.6.1-23G93
 *                      Title: macOS Sonoma 14.6.1, Version: 14.6.1, Size: 6327722K, Recommended: YES, Action: restart,
 *   macOS ≤ 10.14     * macOS 10.14.1 Update
 *                      macOS 10.14.1 Update (10.14.1), 199140K [recommended] [restart]
 *
 * `*` marks recommended items, `-` the others. Stray `softwareupdate[pid:tid]` log lines appear
 * anywhere; "No new software available." (stderr) means an empty list.
 */
export interface UpdateItem {
  readonly label: string;
  readonly title: string;
  /** Null when the item gives none (then the label's `-version` suffix is tried, see versionOf). */
  readonly version: string | null;
  readonly recommended: boolean;
  /** `restart`, `shut down`, or null when the item needs neither. */
  readonly action: string | null;
}

const LOG_LINE = /^\d{4}-\d{2}-\d{2} [\d:.]+ softwareupdate\[\d+:[0-9a-fx]+\]/i;
const NEW_ITEM = /^\s*([*-]) Label: (.+?)\s*$/;
const OLD_ITEM = /^\s*([*-]) (.+?)\s*$/;
const KEYS = 'Title|Version|Size|Recommended|Action|Deferred';

export function parseSoftwareUpdateList(stdout: string, command: string): UpdateItem[] {
  const items: UpdateItem[] = [];
  let pending: {label: string; bullet: string; newStyle: boolean} | null = null;
  for (const raw of stdout.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || LOG_LINE.test(line)) continue;
    if (pending !== null) {
      items.push(pending.newStyle ? newDetails(pending, line, command) : oldDetails(pending, line, command));
      pending = null;
      continue;
    }
    const newItem = NEW_ITEM.exec(line);
    const m = newItem ?? (/^\s/.test(line) ? OLD_ITEM.exec(line) : null);
    if (m !== null) {
      pending = {bullet: m[1] ?? '*', label: m[2] ?? '', newStyle: newItem !== null};
      continue;
    }
    // Anything else is one of the tool's headers ("Software Update Tool", "Finding available
    // software", "No new software available."): never an item.
  }
  if (pending !== null) throw new ExternalCommandError(command, `printed item ${JSON.stringify(pending.label)} without its details line`);
  return items;
}

function newDetails(item: {label: string; bullet: string}, line: string, command: string): UpdateItem {
  const body = line.trim().replace(/,\s*$/, '');
  if (!body.startsWith('Title: ')) throw new ExternalCommandError(command, `item ${JSON.stringify(item.label)}: expected "Title: …", got ${JSON.stringify(line.trim())}`);
  const fields = new Map<string, string>();
  for (const part of body.split(new RegExp(`,\\s*(?=(?:${KEYS}): )`))) {
    const m = new RegExp(`^(${KEYS}): ?(.*)$`).exec(part);
    if (m !== null) fields.set(m[1] ?? '', (m[2] ?? '').trim());
  }
  const recommended = fields.get('Recommended');
  return {
    label: item.label,
    title: fields.get('Title') ?? '',
    version: fields.get('Version') || null,
    recommended: recommended === undefined ? item.bullet === '*' : recommended.toUpperCase() === 'YES',
    action: fields.get('Action')?.toLowerCase() || null,
  };
}

/** `Title (version), sizeK [recommended] [restart]`; the title may hold parentheses of its own. */
const OLD_DETAILS = /^\s*(.*)\s\(([^()]*)\),\s*\d+\S*?,?((?:\s*\[[^\]]+\])*)\s*$/;

function oldDetails(item: {label: string; bullet: string}, line: string, command: string): UpdateItem {
  const m = OLD_DETAILS.exec(line);
  if (m === null) throw new ExternalCommandError(command, `item ${JSON.stringify(item.label)}: cannot read ${JSON.stringify(line.trim())}`);
  const tags = [...(m[3] ?? '').matchAll(/\[([^\]]+)\]/g)].map((t) => (t[1] ?? '').toLowerCase());
  return {
    label: item.label,
    title: (m[1] ?? '').replace(/,\s*$/, '').trim(),
    version: (m[2] ?? '').trim() || null,
    recommended: tags.includes('recommended') || item.bullet === '*',
    action: tags.find((t) => t === 'restart' || t === 'shut down') ?? null,
  };
}

/** The item's version, or the label's `-1.2.3` suffix when the details give none. */
export function versionOf(item: UpdateItem): string | null {
  if (item.version !== null) return item.version;
  const m = /-(\d[\w.]*)$/.exec(item.label);
  return m?.[1] ?? null;
}
