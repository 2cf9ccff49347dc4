import { Module } from '@nestjs/common';
import { ChangeScaleStatusHandler } from './commands/change-scale-status/change-scale-status.handler.js';
import { CloseEnterpriseHandler } from './commands/close-enterprise/close-enterprise.handler.js';
import { CorrectEnterpriseDetailsHandler } from './commands/correct-enterprise-details/correct-enterprise-details.handler.js';
import { MoveEnterpriseToParkHandler } from './commands/move-enterprise-to-park/move-enterprise-to-park.handler.js';
import { RegisterEnterpriseHandler } from './commands/register-enterprise/register-enterprise.handler.js';
import { ListEnterprisesHandler } from './queries/list-enterprises/list-enterprises.handler.js';
import { GetEnterpriseProgressHandler } from './queries/get-enterprise-progress/get-enterprise-progress.handler.js';
import { EnterpriseReadRepository } from './queries/enterprise-read.repository.js';

@Module({
  providers: [
    EnterpriseReadRepository,
    ListEnterprisesHandler,
    GetEnterpriseProgressHandler,
    RegisterEnterpriseHandler,
    ChangeScaleStatusHandler,
    MoveEnterpriseToParkHandler,
    CorrectEnterpriseDetailsHandler,
    CloseEnterpriseHandler,
  ],
})
export class EnterprisesModule {}
