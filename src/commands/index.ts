import type {Command} from '@oclif/core';

import ApplyCommand from './apply.js';
import ApproveCommand from './approve.js';
import BaselineList from './baseline/list.js';
import BaselineShow from './baseline/show.js';
import BaselineValidate from './baseline/validate.js';
import FleetPin from './fleet/pin.js';
import FleetReport from './fleet/report.js';
import InventoryCommand from './inventory.js';
import KeygenCommand from './keygen.js';
import PlanCommand from './plan.js';
import ShowCommand from './show.js';

/**
 * Every command by id, for oclif's explicit command discovery (package.json `oclif.commands`,
 * identifier COMMANDS): oclif imports this one module of the start-up bundle instead of finding
 * and importing a file per command.
 */
export const COMMANDS: Record<string, Command.Class> = {
  apply: ApplyCommand,
  approve: ApproveCommand,
  'baseline:list': BaselineList,
  'baseline:show': BaselineShow,
  'baseline:validate': BaselineValidate,
  'fleet:pin': FleetPin,
  'fleet:report': FleetReport,
  inventory: InventoryCommand,
  keygen: KeygenCommand,
  plan: PlanCommand,
  show: ShowCommand,
};
