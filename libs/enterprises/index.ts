export {
  CORRECTABLE_FIELDS,
  type CorrectableField,
  ENTERPRISE_STREAM,
  type EnterpriseCommand,
  enterpriseDecider,
  type EnterpriseEvent,
  type EnterpriseProfile,
  type EnterpriseState,
  enterpriseStreamId,
} from './domain/enterprise.js';
export { isValidUscc, usccCheckCharacter, withUsccCheckCharacter } from './domain/uscc.js';
export { ChangeScaleStatus } from './commands/change-scale-status/change-scale-status.command.js';
export { CloseEnterprise } from './commands/close-enterprise/close-enterprise.command.js';
export { CorrectEnterpriseDetails } from './commands/correct-enterprise-details/correct-enterprise-details.command.js';
export { type EnterpriseWriteResult } from './commands/enterprise-command.js';
export { MoveEnterpriseToPark } from './commands/move-enterprise-to-park/move-enterprise-to-park.command.js';
export { RegisterEnterprise } from './commands/register-enterprise/register-enterprise.command.js';
export { EnterprisesModule } from './enterprises.module.js';
