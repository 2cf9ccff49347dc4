export {
  type Accreditation,
  isAccreditedOn,
  PROVIDER_STREAM,
  PROVIDER_TYPES,
  type ProviderCommand,
  providerDecider,
  type ProviderEvent,
  type ProviderState,
  providerStreamId,
  type ProviderType,
} from './domain/provider.js';
export { AccreditAssessor } from './commands/accredit-assessor/accredit-assessor.command.js';
export { AdmitProvider } from './commands/admit-provider/admit-provider.command.js';
export { type ProviderWriteResult } from './commands/provider-command.js';
export { SuspendProvider } from './commands/suspend-provider/suspend-provider.command.js';
export { ProvidersModule } from './providers.module.js';
export { providersProjection } from './projections/providers.projection.js';
export { ListProviders } from './queries/list-providers/list-providers.query.js';
export { GetProvider } from './queries/get-provider/get-provider.query.js';
export { type ProviderDetail, type ProviderFilter, type ProviderSummary } from './queries/provider-read.repository.js';
