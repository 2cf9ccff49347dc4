import { EnterpriseWrite } from '../enterprise-command.js';

export class CloseEnterprise extends EnterpriseWrite<{ reason: string }> {}
