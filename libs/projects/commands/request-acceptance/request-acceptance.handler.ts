import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type ProjectWriteResult, runProjectCommand } from '../project-command.js';
import { RequestAcceptance } from './request-acceptance.command.js';

@CommandHandler(RequestAcceptance)
export class RequestAcceptanceHandler implements ICommandHandler<RequestAcceptance, ProjectWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: RequestAcceptance): Promise<ProjectWriteResult> {
    return runProjectCommand(this.runner, command, {
      type: 'RequestAcceptance',
      data: command.data,
      ...commandContext(command),
    });
  }
}
