import {Flags} from '@oclif/core';

import {BaseCommand} from '../cli/base-command.js';
import {generateKeys} from '../services/keygen.js';
import {createApprovalCommandsView} from '../views/approval/index.js';

export default class KeygenCommand extends BaseCommand {
  static override summary = 'Create an Ed25519 key pair for approving plans.';

  static override description =
    'Writes NAME.key (the private key, PKCS#8 PEM, mode 0600) and NAME.pub (the public key, SPKI PEM, mode 0644) and prints the ' +
    "public key's fingerprint (sha256: + hex of its DER form). Existing files are never overwritten. The files are ordinary PEM: " +
    '`openssl genpkey -algorithm ed25519` and `openssl pkey -pubout` make keys that work the same.';

  static override examples = ['<%= config.bin %> keygen --out ~/.config/patchplan/alice', '<%= config.bin %> keygen --out alice --json'];

  static override flags = {
    out: Flags.string({description: 'Path and base name of the key files: NAME.key and NAME.pub.', required: true}),
  };

  async run(): Promise<void> {
    const {flags} = await this.parse(KeygenCommand);
    const runtime = this.runtime(flags['no-color']);
    const result = await generateKeys({out: flags.out}, runtime);
    createApprovalCommandsView(flags.json ? 'json' : 'human', runtime.streams).keygen(result);
  }
}
