import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/commands';
import { type EnterpriseWriteResult, runEnterpriseCommand } from '../enterprise-command.js';
import { CorrectEnterpriseDetails } from './correct-enterprise-details.command.js';

@CommandHandler(CorrectEnterpriseDetails)
export class CorrectEnterpriseDetailsHandler implements ICommandHandler<
  CorrectEnterpriseDetails,
  EnterpriseWriteResult
> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: CorrectEnterpriseDetails): Promise<EnterpriseWriteResult> {
    return runEnterpriseCommand(this.runner, command, {
      type: 'CorrectDetails',
      data: command.data,
      now: command.options.now,
    });
  }
}
