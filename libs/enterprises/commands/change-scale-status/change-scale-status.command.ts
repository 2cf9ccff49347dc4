import { EnterpriseWrite } from '../enterprise-command.js';

export class ChangeScaleStatus extends EnterpriseWrite<{ aboveDesignatedSize: boolean; statYear: number }> {}
