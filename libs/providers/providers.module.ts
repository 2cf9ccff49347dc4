import { Module } from '@nestjs/common';
import { AccreditAssessorHandler } from './commands/accredit-assessor/accredit-assessor.handler.js';
import { AdmitProviderHandler } from './commands/admit-provider/admit-provider.handler.js';
import { SuspendProviderHandler } from './commands/suspend-provider/suspend-provider.handler.js';

@Module({ providers: [AdmitProviderHandler, AccreditAssessorHandler, SuspendProviderHandler] })
export class ProvidersModule {}
