import { EnterpriseWrite } from '../enterprise-command.js';

export class MoveEnterpriseToPark extends EnterpriseWrite<{ parkId: string }> {}
