import { Module } from '@nestjs/common';
import { ChangeScaleStatusHandler } from './commands/change-scale-status/change-scale-status.handler.js';
import { CloseEnterpriseHandler } from './commands/close-enterprise/close-enterprise.handler.js';
import { CorrectEnterpriseDetailsHandler } from './commands/correct-enterprise-details/correct-enterprise-details.handler.js';
import { MoveEnterpriseToParkHandler } from './commands/move-enterprise-to-park/move-enterprise-to-park.handler.js';
import { RegisterEnterpriseHandler } from './commands/register-enterprise/register-enterprise.handler.js';

@Module({
  providers: [
    RegisterEnterpriseHandler,
    ChangeScaleStatusHandler,
    MoveEnterpriseToParkHandler,
    CorrectEnterpriseDetailsHandler,
    CloseEnterpriseHandler,
  ],
})
export class EnterprisesModule {}
