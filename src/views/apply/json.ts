import type {ApplyResult} from '../../apply/results.js';

/**
 * `apply --json`: exactly the contract's object (plus `manager`, `reboot.reason`, `repaired`,
 * `interrupted`, `recovery`: docs/apply.md, docs/reliability.md), fields picked by
 * name so nothing the service may carry internally can leak onto stdout.
 */
export function renderJsonResult(result: ApplyResult): string {
  const document = {
    plan: result.plan,
    manager: result.manager,
    startedAt: result.startedAt,
    finishedAt: result.finishedAt,
    results: result.results.map((r) => ({name: r.name, arch: r.arch, from: r.from, to: r.to, status: r.status, message: r.message})),
    reboot: {option: result.reboot.option, required: result.reboot.required, performed: result.reboot.performed, reason: result.reboot.reason},
    repaired: result.repaired,
    interrupted: result.interrupted === null ? null : {signal: result.interrupted.signal, aborted: result.interrupted.aborted},
    recovery: result.recovery,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
