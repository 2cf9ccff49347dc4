export * from './domain/index.js';
export {
  loadProviderFacts,
  namedProviderFacts,
  ProviderCommandHandler,
  ProviderWrite,
} from './commands/provider.handler.js';
export { ProvidersModule } from './providers.module.js';
export { providersProjection } from './projections/providers.projection.js';
export {
  type ProviderDetail,
  type ProviderFilter,
  ProviderReadRepository,
  type ProviderSummary,
} from './queries/provider-read.repository.js';
