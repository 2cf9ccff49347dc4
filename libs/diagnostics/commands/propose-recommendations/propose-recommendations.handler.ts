import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type DiagnosticWriteResult, runDiagnosticCommand } from '../diagnostic-command.js';
import { ProposeRecommendations } from './propose-recommendations.command.js';

@CommandHandler(ProposeRecommendations)
export class ProposeRecommendationsHandler implements ICommandHandler<ProposeRecommendations, DiagnosticWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: ProposeRecommendations): Promise<DiagnosticWriteResult> {
    return runDiagnosticCommand(this.runner, command, {
      type: 'ProposeRecommendations',
      data: command.data,
      ...commandContext(command),
    });
  }
}
