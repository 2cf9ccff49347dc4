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
export { enterprisesProjection } from './projections/enterprises.projection.js';
export { ListEnterprises } from './queries/list-enterprises/list-enterprises.query.js';
export { GetEnterpriseProgress } from './queries/get-enterprise-progress/get-enterprise-progress.query.js';
export {
  type EnterpriseFilter,
  type EnterpriseProgress,
  type EnterpriseSummary,
} from './queries/enterprise-read.repository.js';
export { EnterpriseReadRepository } from './queries/enterprise-read.repository.js';
export { districtName, DISTRICTS, parkName, PARKS } from './domain/parks.js';
