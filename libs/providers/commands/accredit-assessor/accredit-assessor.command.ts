import { ProviderWrite } from '../provider-command.js';

export class AccreditAssessor extends ProviderWrite<{ assessorId: string; name: string; validUntil: string }> {}
