import type {Inventory} from '../inventory/schema.js';
import {summarize, withDigest} from './build.js';
import {forecastFromCauses} from './reboot-forecast.js';
import type {Plan, PlanDecision} from './schema.js';

/**
 * A reviewer's exclusions (`plan --exclude`, `x` in the review): an install becomes a skip with
 * reason `excluded-by-reviewer`, the reviewer's note as its detail, and the version it would
 * have installed. Pure: plan in, plan out (digest recomputed), no clock, no I/O.
 *
 * An exclusion names one *update*, not a package forever: `NAME=VERSION` excludes only while
 * the plan targets exactly VERSION, so the next plan, once a newer version exists, decides
 * again. An exclusion that would leave an approved install without a package it needs is
 * refused, naming the dependent: installing half of a dependency chain fails in the installer.
 */

export interface ExclusionRequest {
  /** `openssl`, or with an architecture as the manager writes it (`libssl3:amd64`, `glibc.x86_64`). */
  readonly spec: string;
  /** Only this target version (`NAME=VERSION`); undefined: whatever the plan targets. */
  readonly version?: string | undefined;
  /** Why, in the reviewer's words (becomes `reason.detail`). */
  readonly note: string;
  readonly reviewer: string;
}

/** What installing one version pulls in, as the inventory resolved it (name, arch when known, exact version). */
export type RequiresOf = (name: string, arch: string, version: string) => readonly {readonly name: string; readonly arch?: string | undefined; readonly version: string}[];

export type ExclusionOutcome =
  | {readonly ok: true; readonly plan: Plan; readonly warnings: readonly string[]}
  | {readonly ok: false; readonly problem: string};

export function excludeFromPlan(plan: Plan, requests: readonly ExclusionRequest[], requiresOf: RequiresOf): ExclusionOutcome {
  const warnings: string[] = [];
  const excluded = new Map<number, ExclusionRequest>();
  for (const request of requests) {
    const found = findInstalls(plan, request);
    if (found.kind === 'problem') return {ok: false, problem: found.problem};
    if (found.kind === 'warning') warnings.push(found.warning);
    for (const index of found.indexes) excluded.set(index, request);
  }
  const broken = brokenDependency(plan, excluded, requiresOf);
  if (broken !== null) return {ok: false, problem: broken};
  if (excluded.size === 0) return {ok: true, plan, warnings};
  const decisions = plan.decisions.map((d, i) => {
    const request = excluded.get(i);
    return request === undefined ? d : excludedDecision(d, request);
  });
  return {ok: true, plan: rebuild(plan, decisions, warnings), warnings};
}

/**
 * Puts back what the engine decided for one package (the review's undo). `original` is the
 * plan as the engine made it; the result keeps every other exclusion.
 */
export function restoreDecision(plan: Plan, original: Plan, name: string, arch: string): Plan {
  const engine = original.decisions.find((d) => d.name === name && d.arch === arch);
  if (engine === undefined) return plan;
  const decisions = plan.decisions.map((d) => (d.name === name && d.arch === arch ? engine : d));
  return rebuild(plan, decisions, []);
}

/** The requires closure the inventory recorded for each offered version. */
export function requiresFromInventory(inventory: Inventory): RequiresOf {
  const index = new Map<string, readonly {name: string; arch?: string | undefined; version: string}[]>();
  for (const p of inventory.packages) {
    for (const v of p.versions) if (v.requires !== undefined) index.set(key(p.name, p.arch, v.version), v.requires);
  }
  return (name, arch, version) => index.get(key(name, arch, version)) ?? [];
}

/** `openssl=3.0.17-1~deb12u2` → {spec: 'openssl', version: '3.0.17-1~deb12u2'}; package names never hold `=`. */
export function parseExcludeSpec(text: string): {spec: string; version: string | undefined} {
  const at = text.indexOf('=');
  if (at < 0) return {spec: text, version: undefined};
  return {spec: text.slice(0, at), version: text.slice(at + 1)};
}

type Found =
  | {readonly kind: 'ok'; readonly indexes: readonly number[]}
  | {readonly kind: 'warning'; readonly warning: string; readonly indexes: readonly number[]}
  | {readonly kind: 'problem'; readonly problem: string};

function findInstalls(plan: Plan, request: ExclusionRequest): Found {
  const label = request.version === undefined ? request.spec : `${request.spec}=${request.version}`;
  if (request.spec === '') return {kind: 'problem', problem: `"${label}": name the package to exclude (NAME or NAME=VERSION)`};
  if (request.version === '') return {kind: 'problem', problem: `"${label}": the version after = is empty`};
  if (request.note.trim() === '') return {kind: 'problem', problem: `${label}: an exclusion needs a note saying why (--note TEXT)`};
  const named = namedDecisions(plan, request.spec);
  const installs = named.filter(({d}) => d.action === 'install');
  if (installs.length === 0) {
    const why = named.length === 0 ? 'the plan has no decision for it' : 'the plan does not install it';
    return {kind: 'warning', warning: `--exclude ${label}: nothing to exclude, ${why}`, indexes: []};
  }
  const matching = installs.filter(({d}) => request.version === undefined || d.targetVersion === request.version);
  if (matching.length === 0) {
    const targets = installs.map(({d}) => d.targetVersion).join(', ');
    return {
      kind: 'warning',
      warning: `--exclude ${label}: not applied, the plan installs ${request.spec} ${targets}, a version the exclusion does not name`,
      indexes: [],
    };
  }
  return {kind: 'ok', indexes: matching.map(({i}) => i)};
}

/** Decisions named by `spec`: the name itself, else `name:arch` / `name.arch` as the manager writes it. */
function namedDecisions(plan: Plan, spec: string): {d: PlanDecision; i: number}[] {
  const all = plan.decisions.map((d, i) => ({d, i}));
  const byName = all.filter(({d}) => d.name === spec);
  if (byName.length > 0) return byName;
  const cut = Math.max(spec.lastIndexOf(':'), spec.lastIndexOf('.'));
  if (cut <= 0) return [];
  const name = spec.slice(0, cut);
  const arch = spec.slice(cut + 1);
  return all.filter(({d}) => d.name === name && d.arch === arch);
}

/** The first install left in the plan that needs an excluded package, as the refusal's words; null when none. */
function brokenDependency(plan: Plan, excluded: ReadonlyMap<number, ExclusionRequest>, requiresOf: RequiresOf): string | null {
  const gone = [...excluded.keys()].map((i) => plan.decisions[i]).filter((d): d is PlanDecision => d !== undefined);
  for (const [i, d] of plan.decisions.entries()) {
    if (d.action !== 'install' || excluded.has(i) || d.targetVersion === null) continue;
    const needs = requiresOf(d.name, d.arch, d.targetVersion);
    for (const e of gone) {
      const viaRequires = needs.some((n) => n.name === e.name && (n.arch === undefined || n.arch === e.arch) && n.version === e.targetVersion);
      // The engine's own dependency decisions name the package that pulled them in.
      const viaReason = e.reason.code === 'dependency' && e.reason.rule === `${d.name}.${d.arch}`;
      if (viaRequires || viaReason) {
        return `cannot exclude ${e.name} ${e.targetVersion ?? ''}: ${d.name} ${d.targetVersion}, which the plan installs, needs it (exclude ${d.name} too, or keep ${e.name})`;
      }
    }
  }
  return null;
}

function excludedDecision(d: PlanDecision, request: ExclusionRequest): PlanDecision {
  return {
    ...d,
    action: 'skip',
    targetVersion: null,
    reason: {code: 'excluded-by-reviewer', rule: null, detail: request.note.trim()},
    fallbackVersions: [],
    reviewer: request.reviewer,
    excludedVersion: d.targetVersion ?? undefined,
  };
}

/** The plan with new decisions: summary, reboot forecast and warnings follow; the digest is recomputed. */
function rebuild(plan: Plan, decisions: readonly PlanDecision[], warnings: readonly string[]): Plan {
  const {digest: _digest, approvals: _approvals, ...unsigned} = plan;
  const installs = new Set(decisions.filter((d) => d.action === 'install').map((d) => d.name));
  const reboot =
    plan.reboot === undefined
      ? undefined
      : forecastFromCauses({
          rebootOption: plan.options.rebootOption,
          root: plan.node.root,
          installedAny: installs.size > 0,
          causes: plan.reboot.causes.filter((c) => c.kind === 'already-pending' || (c.package !== null && installs.has(c.package))),
        });
  return withDigest({
    ...unsigned,
    decisions: [...decisions],
    summary: summarize(decisions),
    warnings: [...plan.warnings, ...warnings.filter((w) => !plan.warnings.includes(w))],
    ...(reboot === undefined ? {} : {reboot}),
  });
}

function key(name: string, arch: string, version: string): string {
  return `${name}\u0000${arch}\u0000${version}`;
}
