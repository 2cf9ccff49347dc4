import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/commands';
import { type ProviderWriteResult, runProviderCommand } from '../provider-command.js';
import { AccreditAssessor } from './accredit-assessor.command.js';

@CommandHandler(AccreditAssessor)
export class AccreditAssessorHandler implements ICommandHandler<AccreditAssessor, ProviderWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: AccreditAssessor): Promise<ProviderWriteResult> {
    return runProviderCommand(this.runner, command, {
      type: 'AccreditAssessor',
      data: command.data,
      now: command.options.now,
    });
  }
}
