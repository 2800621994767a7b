import {withDigest} from '../../src/plan/build.js';
import {serializePlan} from '../../src/plan/file.js';
import type {Plan, PlanDecision, UnsignedPlan} from '../../src/plan/schema.js';

/**
 * The refusal fixtures in fixtures/plans/, derived from v1-valid.json so each differs from a
 * real plan in exactly one way. v1-valid.json itself is written by the CLI (see
 * fixtures/plans/README.md); test/plan/fixtures.test.ts checks these files equal what this
 * function derives and rewrites them with UPDATE_PLAN_FIXTURES=1.
 */
export function derivePlanFixtures(valid: Plan): Record<string, string> {
  const {digest, ...unsigned} = valid;
  return {
    // Someone turned a skipped update into an install after the plan was written, without
    // re-signing: the digest no longer matches.
    'tampered-digest.json': serializePlan({
      ...unsigned,
      decisions: unsigned.decisions.map((d) => (d.name === 'tzdata' ? sneakIn(d) : d)),
      digest,
    }),
    // A correctly signed plan for another machine: readable, refused by apply on this one.
    'other-host.json': serializePlan(
      withDigest({...unsigned, node: {...unsigned.node, hostname: 'web-02', machineId: '0b5e7d9f1a3c4e6f8a0b2c4d6e8f0a1b'}}),
    ),
    // Planned when openssl was still at an older version: debian-12.json has moved on since.
    'stale-version.json': serializePlan(withDigest(withInstalled(unsigned, 'openssl', '3.0.16-1~deb12u1'))),
    // Written by a future patchplan: correctly signed, but a format this version does not read.
    'unknown-format.json': serializePlan(withDigest({...unsigned, formatVersion: 2} as unknown as UnsignedPlan)),
  };
}

function sneakIn(d: PlanDecision): PlanDecision {
  return {...d, action: 'install', targetVersion: d.candidateVersion, state: 'MISSING'};
}

function withInstalled(plan: UnsignedPlan, name: string, version: string): UnsignedPlan {
  return {
    ...plan,
    decisions: plan.decisions.map((d) => (d.name === name ? {...d, installedVersion: version} : d)),
    inventory: {
      ...plan.inventory,
      packages: plan.inventory.packages.map((p) => (p.name === name ? {...p, installedVersion: version} : p)),
    },
  };
}
