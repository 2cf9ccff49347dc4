import { Module } from '@nestjs/common';
import { AccreditAssessorHandler } from './commands/accredit-assessor/accredit-assessor.handler.js';
import { AdmitProviderHandler } from './commands/admit-provider/admit-provider.handler.js';
import { SuspendProviderHandler } from './commands/suspend-provider/suspend-provider.handler.js';
import { ListProvidersHandler } from './queries/list-providers/list-providers.handler.js';
import { GetProviderHandler } from './queries/get-provider/get-provider.handler.js';
import { ProviderReadRepository } from './queries/provider-read.repository.js';

@Module({
  providers: [
    ProviderReadRepository,
    ListProvidersHandler,
    GetProviderHandler,
    AdmitProviderHandler,
    AccreditAssessorHandler,
    SuspendProviderHandler,
  ],
})
export class ProvidersModule {}
