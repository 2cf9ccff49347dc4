import { Module } from '@nestjs/common';
import { ProviderCommandHandler } from './commands/provider.handler.js';
import { ProviderReadRepository } from './queries/provider-read.repository.js';

@Module({ providers: [ProviderReadRepository, ProviderCommandHandler], exports: [ProviderReadRepository] })
export class ProvidersModule {}
