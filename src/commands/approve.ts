import {Args, Flags} from '@oclif/core';

import {BaseCommand} from '../cli/base-command.js';
import {approvePlan} from '../services/approve-plan.js';
import {createApprovalCommandsView} from '../views/approval/index.js';

export default class ApproveCommand extends BaseCommand {
  static override summary = "Sign a saved plan's digest and add the approval to the plan file.";

  static override description =
    'Verifies the plan first (a modified plan is refused with exit 3), then adds a detached Ed25519 signature over its digest to ' +
    "the file's approvals. The digest does not cover approvals, so it does not change. A key approves a plan once. " +
    '`apply PLAN --trusted-keys` counts the approvals from trusted keys.';

  static override examples = [
    '<%= config.bin %> approve plan.json --key ~/.config/patchplan/alice.key',
    '<%= config.bin %> approve plan.json --key alice.key --by "Alice Example" --comment "CHG-1234 reviewed"',
  ];

  static override args = {
    plan: Args.string({description: 'The plan file written by `plan --out`.', required: true}),
  };

  static override flags = {
    key: Flags.string({description: 'The Ed25519 private key (PKCS#8 PEM, unencrypted), e.g. NAME.key from `patchplan keygen`.', required: true}),
    by: Flags.string({description: 'Who approves (recorded, not signed). Default: $USER.'}),
    comment: Flags.string({description: 'A note recorded with the approval (a change number, what was checked).'}),
  };

  async run(): Promise<void> {
    const {args, flags} = await this.parse(ApproveCommand);
    const runtime = this.runtime(flags['no-color']);
    const result = await approvePlan({planFile: args.plan, keyFile: flags.key, by: flags.by, comment: flags.comment}, runtime);
    createApprovalCommandsView(flags.json ? 'json' : 'human', runtime.streams).approved(result);
  }
}
