// The service provider's pure domain: loads no Nest and no database driver.
export {
  type Accreditation,
  isAccreditedOn,
  PROVIDER_STREAM,
  PROVIDER_TYPES,
  type ProviderCommand,
  providerDecider,
  type ProviderEvent,
  type ProviderFacts,
  providerFacts,
  type ProviderState,
  providerStreamId,
  registeredDistrict,
  type ProviderType,
} from './provider.js';
