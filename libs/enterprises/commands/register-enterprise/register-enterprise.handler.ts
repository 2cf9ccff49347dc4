import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { coversDistrict, ForbiddenError } from '#libs/auth';
import { CommandRunner } from '#libs/commands';
import { type EnterpriseWriteResult, runEnterpriseCommand } from '../enterprise-command.js';
import { RegisterEnterprise } from './register-enterprise.command.js';

@CommandHandler(RegisterEnterprise)
export class RegisterEnterpriseHandler implements ICommandHandler<RegisterEnterprise, EnterpriseWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: RegisterEnterprise): Promise<EnterpriseWriteResult> {
    if (!coversDistrict(command.principal, command.data.districtCode)) {
      throw new ForbiddenError(`District ${command.data.districtCode} is outside this key's scope`);
    }
    return runEnterpriseCommand(this.runner, command, {
      type: 'RegisterEnterprise',
      data: command.data,
      now: command.options.now,
    });
  }
}
