import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/commands';
import { context, type DiagnosticWriteResult, runDiagnosticCommand } from '../diagnostic-command.js';
import { ProposeRecommendations } from './propose-recommendations.command.js';

@CommandHandler(ProposeRecommendations)
export class ProposeRecommendationsHandler implements ICommandHandler<ProposeRecommendations, DiagnosticWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: ProposeRecommendations): Promise<DiagnosticWriteResult> {
    return runDiagnosticCommand(this.runner, command, {
      type: 'ProposeRecommendations',
      data: command.data,
      ...context(command),
    });
  }
}
