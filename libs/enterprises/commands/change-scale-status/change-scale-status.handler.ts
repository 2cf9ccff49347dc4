import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/commands';
import { type EnterpriseWriteResult, runEnterpriseCommand } from '../enterprise-command.js';
import { ChangeScaleStatus } from './change-scale-status.command.js';

@CommandHandler(ChangeScaleStatus)
export class ChangeScaleStatusHandler implements ICommandHandler<ChangeScaleStatus, EnterpriseWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: ChangeScaleStatus): Promise<EnterpriseWriteResult> {
    return runEnterpriseCommand(this.runner, command, {
      type: 'ChangeScaleStatus',
      data: command.data,
      now: command.options.now,
    });
  }
}
