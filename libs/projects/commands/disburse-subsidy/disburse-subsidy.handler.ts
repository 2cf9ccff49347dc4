import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type ProjectWriteResult, runProjectCommand } from '../project-command.js';
import { DisburseSubsidy } from './disburse-subsidy.command.js';

@CommandHandler(DisburseSubsidy)
export class DisburseSubsidyHandler implements ICommandHandler<DisburseSubsidy, ProjectWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: DisburseSubsidy): Promise<ProjectWriteResult> {
    return runProjectCommand(this.runner, command, {
      type: 'DisburseSubsidy',
      data: command.data,
      ...commandContext(command),
    });
  }
}
