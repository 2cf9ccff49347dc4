export * from './domain/index.js';
export {
  canSeeEnterprise,
  EnterpriseCommandHandler,
  EnterpriseWrite,
  newObjectFacts,
} from './commands/enterprise.handler.js';
export { EnterprisesModule } from './enterprises.module.js';
export { enterprisesProjection } from './projections/enterprises.projection.js';
export {
  type EnterpriseFilter,
  type EnterpriseProgress,
  EnterpriseReadRepository,
  type EnterpriseSummary,
} from './queries/enterprise-read.repository.js';
