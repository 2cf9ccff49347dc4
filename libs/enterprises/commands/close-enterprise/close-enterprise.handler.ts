import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/commands';
import { type EnterpriseWriteResult, runEnterpriseCommand } from '../enterprise-command.js';
import { CloseEnterprise } from './close-enterprise.command.js';

@CommandHandler(CloseEnterprise)
export class CloseEnterpriseHandler implements ICommandHandler<CloseEnterprise, EnterpriseWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: CloseEnterprise): Promise<EnterpriseWriteResult> {
    return runEnterpriseCommand(this.runner, command, {
      type: 'CloseEnterprise',
      data: command.data,
      now: command.options.now,
    });
  }
}
