import type { ProviderType } from '../../domain/provider.js';
import { ProviderWrite } from '../provider-command.js';

export class AdmitProvider extends ProviderWrite<{ uscc: string; name: string; types: ProviderType[] }> {}
