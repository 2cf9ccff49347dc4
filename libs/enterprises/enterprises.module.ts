import { Module } from '@nestjs/common';
import { EnterpriseCommandHandler } from './commands/enterprise.handler.js';
import { EnterpriseReadRepository } from './queries/enterprise-read.repository.js';

@Module({ providers: [EnterpriseReadRepository, EnterpriseCommandHandler], exports: [EnterpriseReadRepository] })
export class EnterprisesModule {}
