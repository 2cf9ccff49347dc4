import { ProviderWrite } from '../provider-command.js';

export class SuspendProvider extends ProviderWrite<{ reason: string }> {}
